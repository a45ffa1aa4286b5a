import { formatDate, formatInteger } from '../../forms/format.js';
import { type Html, html } from '../../forms/render/html.js';
import type {
  EigenBijdrageAggregate,
  MunicipalityRef,
  MunicipalityResponse,
  RoundAggregate,
  SociaalDomeinAggregate,
} from '../core/aggregation/types.js';
import {
  box,
  h2,
  h3,
  indented,
  joinParts,
  list,
  type Part,
  p,
  part,
  type Tone,
  textSubtitle,
  textTitle,
} from './summary-blocks.js';
import { count, nameIn, shorten, summaryDate } from './summary-format.js';

/**
 * The points that need action, right after the headline: who has not sent anything, the plausibility
 * warnings, deviations from the national contribution amounts, and for the social domain the bottlenecks
 * by domain and the support requests by addressee (what to ask of whom).
 *
 * Size: a province summary names municipalities (names are short) but quotes only the most severe few
 * bottlenecks and requests per group, shortened; a region summary quotes more. The whole text of every
 * answer is in the CSV attachments and on the dashboard.
 */

interface Limits {
  /** Quoted items per domain or addressee. */
  readonly items: number;
  /** Characters of a quoted answer. */
  readonly length: number;
  /** Municipalities whose warnings are quoted (a province only names them). */
  readonly warnings: number;
}

const regionLimits: Limits = { items: 10, length: 240, warnings: 30 };
const provinceLimits: Limits = { items: 3, length: 160, warnings: 0 };

const limitsOf = (aggregate: RoundAggregate) =>
  aggregate.scope.type === 'region' ? regionLimits : provinceLimits;

/** Names grouped per region in a province (`IJsselland: Dalfsen, Ommen`), one line in a region. */
function namesPerRegion<T extends MunicipalityRef>(
  aggregate: RoundAggregate,
  items: readonly T[],
  name: (item: T) => string = (item) => item.name,
): { region: string; names: string }[] {
  if (aggregate.scope.type === 'region') return [{ region: '', names: items.map(name).join(', ') }];
  return aggregate.scope.regions
    .map((region) => ({
      region: region.name,
      names: items
        .filter((item) => item.region === region.id)
        .map(name)
        .join(', '),
    }))
    .filter((line) => line.names !== '');
}

function namesBox(
  aggregate: RoundAggregate,
  tone: Tone,
  heading: string,
  lines: ReturnType<typeof namesPerRegion>,
): Part {
  return part(
    box(
      tone,
      html`<strong>${heading}</strong>${lines.map((line) => html`<br>${line.region ? html`<strong>${line.region}:</strong> ` : ''}${line.names}`)}`,
    ),
    aggregate.scope.type === 'region'
      ? ['', `${heading.toUpperCase()} ${lines[0]?.names ?? ''}`]
      : ['', heading.toUpperCase(), ...lines.map((line) => `- ${line.region}: ${line.names}`)],
  );
}

function responsePart(aggregate: RoundAggregate): Part {
  const { municipalities, totals } = aggregate.response;
  const missing = municipalities.filter((m) => m.status === 'niets');
  const drafts = municipalities.filter((m) => m.status === 'concept');
  const draftName = (m: MunicipalityResponse) =>
    `${m.name}${m.draftSavedAt ? ` (concept van ${formatDate(summaryDate(m.draftSavedAt))})` : ''}`;
  const parts: Part[] = [];
  if (missing.length > 0) {
    parts.push(
      namesBox(
        aggregate,
        'alert',
        `Nog niets ingezonden (${formatInteger(missing.length)}):`,
        namesPerRegion(aggregate, missing),
      ),
    );
  }
  if (drafts.length > 0) {
    parts.push(
      namesBox(
        aggregate,
        'warn',
        `Alleen een concept, nog niet ingezonden (${formatInteger(drafts.length)}):`,
        namesPerRegion(aggregate, drafts, draftName),
      ),
    );
  }
  if (missing.length === 0 && drafts.length === 0 && totals.municipalities > 0) {
    const all = `Alle ${count(totals.municipalities, 'gemeente heeft', 'gemeenten hebben')} ingezonden.`;
    parts.push(part(box('ok', html`<strong>${all}</strong>`), ['', all]));
  }
  return joinParts(parts);
}

function warningsPart(aggregate: RoundAggregate): Part {
  const title = 'Controlepunten in de inzendingen';
  const { warnings } = aggregate;
  if (warnings.length === 0) {
    const none = 'Geen: bij geen enkele inzending kwam een waarschuwing naar voren.';
    return part(html`${h3(title)}${p(none)}`, [...textSubtitle(title), none]);
  }
  const total = warnings.reduce((n, m) => n + m.warnings.length, 0);
  const intro = `${count(total, 'waarschuwing', 'waarschuwingen')} bij ${count(warnings.length, 'gemeente', 'gemeenten')}: de gemeente zag ze bij het inzenden en heeft ze bevestigd. Ze blokkeren niets, maar zijn het navragen waard.`;
  const limit = limitsOf(aggregate).warnings;
  if (limit === 0) {
    const lines = namesPerRegion(
      aggregate,
      warnings,
      (m) => `${m.name} (${formatInteger(m.warnings.length)})`,
    );
    return part(
      html`${h3(title)}${p(intro)}${list(lines.map((line) => html`<strong>${line.region}:</strong> ${line.names}`))}`,
      [...textSubtitle(title), intro, ...lines.map((line) => `- ${line.region}: ${line.names}`)],
    );
  }
  const quoted = warnings.slice(0, limit);
  const rest = warnings.length - quoted.length;
  const more =
    rest > 0
      ? `En bij ${count(rest, 'andere gemeente', 'andere gemeenten')}: zie het overzicht van de ronde.`
      : '';
  return part(
    html`${h3(title)}${p(intro)}${list(
      quoted.map(
        (m) =>
          html`<strong>${nameIn(aggregate, m)}</strong> (versie ${m.version}): ${m.warnings.map((w, index) => html`${index > 0 ? html`<br>` : ''}${w.message}`)}`,
      ),
    )}${more ? p(more) : ''}`,
    [
      ...textSubtitle(title),
      intro,
      ...quoted.flatMap((m) => [
        `- ${nameIn(aggregate, m)} (versie ${m.version}):`,
        ...m.warnings.map((w) => `    * ${indented(w.message, '      ')}`),
      ]),
      ...(more ? [more] : []),
    ],
  );
}

function deviationsPart(aggregate: RoundAggregate, form: EigenBijdrageAggregate): Part | null {
  const deviating = form.municipalities.filter((m) => m.deviations.length > 0);
  if (deviating.length === 0) return null;
  const title = 'Afwijkingen van de landelijke regeling';
  const intro = `${count(deviating.length, 'gemeente wijkt', 'gemeenten wijken')} af van de landelijke bedragen of van de verwachte opbrengst (meer dan ${formatInteger(Math.round(form.revenueTolerance * 100))} %).`;
  if (aggregate.scope.type === 'province') {
    const lines = namesPerRegion(aggregate, deviating);
    return part(
      html`${h3(title)}${p(intro)}${list(lines.map((line) => html`<strong>${line.region}:</strong> ${line.names}`))}`,
      [...textSubtitle(title), intro, ...lines.map((line) => `- ${line.region}: ${line.names}`)],
    );
  }
  return part(
    html`${h3(title)}${p(intro)}${list(
      deviating.map(
        (m) =>
          html`<strong>${m.name}</strong>: ${m.deviations.map((d, index) => html`${index > 0 ? html`<br>` : ''}${d.message}`)}`,
      ),
    )}`,
    [
      ...textSubtitle(title),
      intro,
      ...deviating.flatMap((m) => [
        `- ${m.name}:`,
        ...m.deviations.map((d) => `    AFWIJKING: ${d.message}`),
      ]),
    ],
  );
}

/** The first `limits.items` of a group, shortened, and how many more there are. */
function quotedList<T>(
  items: readonly T[],
  limits: Limits,
  render: (item: T, length: number) => { html: Html; text: string },
): { html: Html; text: string[] } {
  const quoted = items.slice(0, limits.items).map((item) => render(item, limits.length));
  const rest = items.length - quoted.length;
  const more = rest > 0 ? `En nog ${formatInteger(rest)}: zie de bijlage.` : '';
  return {
    html: html`${quoted.length > 0 ? list(quoted.map((q) => q.html)) : ''}${more ? p(more, 'small') : ''}`,
    text: [...quoted.map((q) => q.text), ...(more ? [more] : [])],
  };
}

function sociaalDomeinPart(aggregate: RoundAggregate, form: SociaalDomeinAggregate): Part {
  const limits = limitsOf(aggregate);
  const bottlenecks = form.bottlenecksByDomain.map((group) => {
    const severities = group.severities
      .filter((entry) => entry.count > 0)
      .map((entry) => `${formatInteger(entry.count)} ${entry.label.toLowerCase()}`)
      .join(', ');
    const sentence =
      group.items.length === 0
        ? 'Geen knelpunten gemeld.'
        : `${count(group.items.length, 'knelpunt', 'knelpunten')} bij ${count(group.municipalities.length, 'gemeente', 'gemeenten')}: ${severities}.`;
    const quoted = quotedList(group.items, limits, (item, length) => ({
      html: html`<strong>${item.severityLabel}</strong> · ${nameIn(aggregate, item)}: ${shorten(item.description, length)}`,
      text: `- [${item.severityLabel.toLowerCase()}] ${nameIn(aggregate, item)}: ${shorten(item.description, length)}`,
    }));
    return part(html`${h3(group.label)}${p(sentence)}${quoted.html}`, [
      ...textSubtitle(group.label),
      sentence,
      ...quoted.text,
    ]);
  });
  const requests = form.supportByAddressee.map((group) => {
    const sentence =
      group.requests.length === 0
        ? 'Geen vragen.'
        : `${count(group.requests.length, 'vraag', 'vragen')} van ${count(group.municipalities.length, 'gemeente', 'gemeenten')}.`;
    const quoted = quotedList(group.requests, limits, (item, length) => ({
      html: html`${nameIn(aggregate, item)} (${item.domainLabel.toLowerCase()}): ${shorten(item.request, length)}`,
      text: `- ${nameIn(aggregate, item)} (${item.domainLabel.toLowerCase()}): ${shorten(item.request, length)}`,
    }));
    const heading = `Aan: ${group.label}`;
    return part(html`${h3(heading)}${p(sentence)}${quoted.html}`, [
      ...textSubtitle(heading),
      sentence,
      ...quoted.text,
    ]);
  });
  const bottleneckTitle = 'Knelpunten per domein';
  const requestTitle = 'Ondersteuningsvragen: wat vragen we van wie';
  const order =
    aggregate.scope.type === 'region'
      ? 'Het ernstigste eerst; lange teksten zijn ingekort.'
      : `Per domein en per partij de ${formatInteger(limits.items)} ernstigste of eerste, ingekort.`;
  const whole = `${order} Alle teksten staan in de bijlagen en op het overzicht van de ronde.`;
  return joinParts([
    part(html`${h2(bottleneckTitle)}${p(whole, 'small')}`, [...textTitle(bottleneckTitle), whole]),
    ...bottlenecks,
    part(h2(requestTitle), textTitle(requestTitle)),
    ...requests,
  ]);
}

/** What needs action: missing municipalities, warnings, and the form's own points. */
export function attentionPart(aggregate: RoundAggregate): Part {
  const title = 'Wat aandacht vraagt';
  const form = aggregate.form;
  return joinParts([
    part(h2(title), textTitle(title)),
    responsePart(aggregate),
    warningsPart(aggregate),
    form?.kind === 'eigen-bijdrage' ? deviationsPart(aggregate, form) : null,
    form?.kind === 'sociaal-domein' ? sociaalDomeinPart(aggregate, form) : null,
  ]);
}
