import { allItems, type FormDefinition } from '../../../forms/definition.js';
import { type Field, isInput } from '../../../forms/field-types.js';
import { groupOf, labelOf, numberOf, optionsOf, rowFieldOf, rowsOf, stringOf, sum } from './read.js';
import { byRegionThenName } from './scope.js';
import type {
  BottleneckGroup,
  FigureTotal,
  MunicipalityRef,
  SociaalDomeinAggregate,
  SociaalDomeinMunicipality,
  Submitted,
  SupportGroup,
} from './types.js';

function distinct(municipalities: readonly MunicipalityRef[]): MunicipalityRef[] {
  const seen = new Map(municipalities.map((m) => [m.code, { code: m.code, name: m.name, region: m.region }]));
  return [...seen.values()].sort(byRegionThenName);
}

/**
 * Sociaal domein: the bottlenecks grouped by domain (who reports them, how severe, most severe first), the
 * support requests grouped by addressee (Rijk, Provincie, ketenpartners, maatschappelijke organisaties) so
 * the regietafel sees what to ask of whom, and the totals of every figure the form asks. Domains,
 * addressees, severities and figures all come from the form definition, in its order.
 */
export function aggregateSociaalDomein(
  definition: FormDefinition,
  submitted: readonly Submitted[],
): SociaalDomeinAggregate {
  const figureFields = allItems(definition).filter(
    (item): item is Field => item.type === 'field' && isInput(item) && item.widget === 'integer',
  );
  const bottlenecks = groupOf(definition, 'bottlenecks');
  const bottleneckDomain = rowFieldOf(bottlenecks, 'domain');
  const description = rowFieldOf(bottlenecks, 'description');
  const severity = rowFieldOf(bottlenecks, 'severity');
  const support = groupOf(definition, 'supportRequests');
  const supportDomain = rowFieldOf(support, 'domain');
  const addressee = rowFieldOf(support, 'addressee');
  const request = rowFieldOf(support, 'request');
  // The form lists severities from mild to severe; the summary shows the most severe first.
  const severities = [...optionsOf(severity)].reverse();
  const severityRank = (value: string) => {
    const index = severities.findIndex((option) => option.value === value);
    return index === -1 ? severities.length : index;
  };
  const domainOrder = optionsOf(supportDomain).map((option) => option.value);

  const municipalities = submitted.map(({ municipality, version }): SociaalDomeinMunicipality => {
    const answers = version.answers;
    return {
      ...municipality,
      version: version.version,
      figures: Object.fromEntries(figureFields.map((field) => [field.key, numberOf(field, answers) ?? null])),
      bottlenecks: rowsOf(answers, bottlenecks).length,
      supportRequests: rowsOf(answers, support).length,
    };
  });

  const allBottlenecks = submitted.flatMap(({ municipality, version }) =>
    rowsOf(version.answers, bottlenecks).map((row) => {
      const level = stringOf(severity, row) ?? '';
      return {
        ...municipality,
        domain: stringOf(bottleneckDomain, row) ?? '',
        description: stringOf(description, row) ?? '',
        severity: level,
        severityLabel: labelOf(severity, level),
      };
    }),
  );
  const bottlenecksByDomain = optionsOf(bottleneckDomain).map(({ value, label }): BottleneckGroup => {
    const items = allBottlenecks
      .filter((item) => item.domain === value)
      .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || byRegionThenName(a, b))
      .map(({ domain: _domain, ...item }) => item);
    const counts = severities.map((option) => ({
      severity: option.value,
      label: option.label,
      count: items.filter((item) => item.severity === option.value).length,
    }));
    return {
      domain: value,
      label,
      severities: counts,
      highestSeverity: counts.find((entry) => entry.count > 0)?.severity ?? null,
      municipalities: distinct(items),
      items,
    };
  });

  const allRequests = submitted.flatMap(({ municipality, version }) =>
    rowsOf(version.answers, support).map((row) => {
      const domain = stringOf(supportDomain, row) ?? '';
      return {
        ...municipality,
        addressee: stringOf(addressee, row) ?? '',
        domain,
        domainLabel: labelOf(supportDomain, domain),
        request: stringOf(request, row) ?? '',
      };
    }),
  );
  const supportByAddressee = optionsOf(addressee).map(({ value, label }): SupportGroup => {
    const requests = allRequests
      .filter((item) => item.addressee === value)
      .sort((a, b) => byRegionThenName(a, b) || domainOrder.indexOf(a.domain) - domainOrder.indexOf(b.domain))
      .map(({ addressee: _addressee, ...item }) => item);
    return { addressee: value, label, municipalities: distinct(requests), requests };
  });

  const figures = figureFields.map((field): FigureTotal => {
    const values = municipalities.flatMap((m) => {
      const value = m.figures[field.key];
      return typeof value === 'number' ? [value] : [];
    });
    return { key: field.key, label: field.name, total: sum(values), reported: values.length };
  });

  return { kind: 'sociaal-domein', municipalities, bottlenecksByDomain, supportByAddressee, figures };
}
