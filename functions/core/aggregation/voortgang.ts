import type { ProvincialTask } from '../../../forms/data/provincial-tasks.js';
import type { FormDefinition } from '../../../forms/definition.js';
import type { Field } from '../../../forms/fields.js';
import {
  fieldOf,
  groupOf,
  labelOf,
  numberOf,
  optionsOf,
  percent,
  rowFieldOf,
  rowsOf,
  stringOf,
  sum,
} from './read.js';
import type {
  HousingPeriod,
  HousingRow,
  PhaseCount,
  PlacesFigures,
  ProvincialTaskComparison,
  Submitted,
  TaskComparison,
  VoortgangAggregate,
  VoortgangMunicipality,
} from './types.js';

function places(share: number, committed: number, realised: number): PlacesFigures {
  return {
    share,
    committed,
    realised,
    committedPercent: percent(committed, share),
    realisedPercent: percent(realised, share),
  };
}

function addPlaces(figures: readonly PlacesFigures[]): PlacesFigures {
  return places(
    sum(figures.map((f) => f.share)),
    sum(figures.map((f) => f.committed)),
    sum(figures.map((f) => f.realised)),
  );
}

function against(task: number, figures: PlacesFigures): TaskComparison {
  return {
    task,
    committed: figures.committed,
    realised: figures.realised,
    committedPercent: percent(figures.committed, task),
    realisedPercent: percent(figures.realised, task),
  };
}

/**
 * Voortgang opgaven: per municipality and in total the indicative share against committed and realised
 * places (regular, AMV, both), the asylum locations by phase, Ukraine reception, and the statushouders task
 * per half year with the balance the form derives and the IBT colours; for a province, the totals against
 * the provincial task of the cycle in force on the reference date.
 */
export function aggregateVoortgang(
  definition: FormDefinition,
  submitted: readonly Submitted[],
  provincialTask: ProvincialTask | undefined,
): VoortgangAggregate {
  const field = (key: string) => fieldOf(definition, key);
  const regularShare = field('regularShare');
  const regularCommitted = field('regularCommitted');
  const regularRealised = field('regularRealised');
  const amvShare = field('amvShare');
  const amvCommitted = field('amvCommitted');
  const amvRealised = field('amvRealised');
  const ukraineCapacity = field('ukraineCapacity');
  const ukraineOccupied = field('ukraineOccupied');
  const locations = groupOf(definition, 'asylumLocations');
  const locationCapacity = rowFieldOf(locations, 'capacity');
  const phaseField = rowFieldOf(locations, 'phase');
  const phases = optionsOf(phaseField);
  const housing = groupOf(definition, 'housing');
  const period = rowFieldOf(housing, 'period');
  const task = rowFieldOf(housing, 'task');
  const backlog = rowFieldOf(housing, 'backlog');
  const housed = rowFieldOf(housing, 'housed');
  const balance = rowFieldOf(housing, 'balance');
  const ibtColour = rowFieldOf(housing, 'ibtColour');
  const colours = optionsOf(ibtColour);

  const municipalities = submitted.map(({ municipality, version }): VoortgangMunicipality => {
    const answers = version.answers;
    const n = (f: Field) => numberOf(f, answers) ?? 0;
    const regular = places(n(regularShare), n(regularCommitted), n(regularRealised));
    const amv = places(n(amvShare), n(amvCommitted), n(amvRealised));
    const rows = rowsOf(answers, locations);
    return {
      ...municipality,
      version: version.version,
      regular,
      amv,
      total: addPlaces([regular, amv]),
      locationsByPhase: phases.map(({ value, label }) => {
        const inPhase = rows.filter((row) => stringOf(phaseField, row) === value);
        return {
          phase: value,
          label,
          locations: inPhase.length,
          capacity: sum(inPhase.map((row) => numberOf(locationCapacity, row) ?? 0)),
        };
      }),
      ukraine: { capacity: n(ukraineCapacity), occupied: n(ukraineOccupied) },
      housing: rowsOf(answers, housing).map((row): HousingRow => {
        const periodValue = stringOf(period, row) ?? '';
        return {
          period: periodValue,
          periodLabel: labelOf(period, periodValue),
          task: numberOf(task, row) ?? 0,
          backlog: numberOf(backlog, row) ?? 0,
          housed: numberOf(housed, row) ?? 0,
          balance: numberOf(balance, row) ?? 0,
          ibtColour: stringOf(ibtColour, row) ?? null,
        };
      }),
    };
  });

  const locationsByPhase: PhaseCount[] = phases.map(({ value, label }, index) => ({
    phase: value,
    label,
    locations: sum(municipalities.map((m) => m.locationsByPhase[index]!.locations)),
    capacity: sum(municipalities.map((m) => m.locationsByPhase[index]!.capacity)),
  }));

  const periodOrder = optionsOf(period).map((option) => option.value);
  const rank = (value: string) => {
    const index = periodOrder.indexOf(value);
    return index === -1 ? periodOrder.length : index;
  };
  const reported = [...new Set(municipalities.flatMap((m) => m.housing.map((row) => row.period)))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const housingPeriods = reported.map((value): HousingPeriod => {
    const rows = municipalities.flatMap((m) => m.housing.filter((row) => row.period === value));
    return {
      period: value,
      label: labelOf(period, value),
      municipalities: rows.length,
      task: sum(rows.map((row) => row.task)),
      backlog: sum(rows.map((row) => row.backlog)),
      housed: sum(rows.map((row) => row.housed)),
      balance: sum(rows.map((row) => row.balance)),
      ibt: colours.map((colour) => ({
        colour: colour.value,
        label: colour.label,
        count: rows.filter((row) => row.ibtColour === colour.value).length,
      })),
      withoutColour: rows.filter((row) => row.ibtColour === null).length,
    };
  });

  const regular = addPlaces(municipalities.map((m) => m.regular));
  const amv = addPlaces(municipalities.map((m) => m.amv));
  const total = addPlaces([regular, amv]);
  const provincial: ProvincialTaskComparison | null = provincialTask
    ? {
        province: provincialTask.province,
        cycle: provincialTask.cycle,
        effectiveFrom: provincialTask.effectiveFrom,
        source: provincialTask.source,
        toConfirm: provincialTask.toConfirm ?? [],
        total: against(provincialTask.places, total),
        regular: against(provincialTask.places - provincialTask.amvPlaces, regular),
        amv: against(provincialTask.amvPlaces, amv),
      }
    : null;

  return {
    kind: 'voortgang-opgaven',
    municipalities,
    totals: {
      regular,
      amv,
      total,
      locations: sum(locationsByPhase.map((phase) => phase.locations)),
      capacity: sum(locationsByPhase.map((phase) => phase.capacity)),
      ukraine: {
        capacity: sum(municipalities.map((m) => m.ukraine.capacity)),
        occupied: sum(municipalities.map((m) => m.ukraine.occupied)),
      },
    },
    provincialTask: provincial,
    locationsByPhase,
    housing: housingPeriods,
  };
}
