import type { FormDefinition } from '../../../forms/definition.js';
import type { Field } from '../../../forms/field-types.js';
import { dutchOrder } from '../../../forms/order.js';
import { compareWithTask } from '../targets/check-targets.js';
import {
  type AsylumShare,
  type AsylumTargets,
  asylumTargetsOn,
  housingTargetsFor,
  type PublishedTargets,
} from '../targets/model.js';
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
import type { ResolvedScope } from './scope.js';
import type {
  GroupPlaces,
  HousingPeriod,
  HousingRow,
  MunicipalityRef,
  PhaseCount,
  PlacesFigures,
  PlacesTotals,
  ProvincialTaskComparison,
  Submitted,
  TargetsUsed,
  VoortgangAggregate,
  VoortgangMunicipality,
  VoortgangRegion,
} from './types.js';

type Kind = 'regular' | 'amv' | 'total';

export function places(
  share: number | null,
  committed: number | null,
  realised: number | null,
): PlacesFigures {
  return {
    share,
    committed,
    realised,
    remaining: share !== null && realised !== null ? Math.max(0, share - realised) : null,
    committedPercent: share !== null && committed !== null ? percent(committed, share) : null,
    realisedPercent: share !== null && realised !== null ? percent(realised, share) : null,
  };
}

const addNullable = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/**
 * The totals of a group of municipalities, honest about who reported: the task of all of them, what the
 * reporting ones committed and realised, and the task of those that have not reported apart.
 */
function totalsOf(rows: readonly VoortgangMunicipality[], kind: Kind, task?: number): PlacesTotals {
  const reported = rows.filter((row) => row.reported);
  const shareOf = (row: VoortgangMunicipality) => row[kind].share ?? 0;
  const sharesTask = sum(rows.map(shareOf));
  const whole = task ?? sharesTask;
  const reportedTask = sum(reported.map(shareOf));
  const committed = sum(reported.map((row) => row[kind].committed ?? 0));
  const realised = sum(reported.map((row) => row[kind].realised ?? 0));
  return {
    municipalities: rows.length,
    reported: reported.length,
    task: whole,
    withoutShare: rows.filter((row) => row[kind].share === null).length,
    committed,
    realised,
    committedPercent: percent(committed, whole),
    realisedPercent: percent(realised, whole),
    reportedTask,
    reportedCommittedPercent: percent(committed, reportedTask),
    reportedRealisedPercent: percent(realised, reportedTask),
    remaining: sum(reported.map((row) => row[kind].remaining ?? 0)),
    unreportedTask: sum(rows.filter((row) => !row.reported).map(shareOf)),
  };
}

function groupPlaces(rows: readonly VoortgangMunicipality[]): GroupPlaces {
  return { regular: totalsOf(rows, 'regular'), amv: totalsOf(rows, 'amv'), total: totalsOf(rows, 'total') };
}

function targetsUsed(targets: AsylumTargets, shares: readonly (AsylumShare | undefined)[]): TargetsUsed {
  return {
    province: targets.province,
    cycle: targets.cycle,
    effectiveFrom: targets.effectiveFrom,
    revision: targets.revision,
    publishedAt: targets.publishedAt,
    publishedBy: targets.publishedBy,
    source: targets.source,
    demoShares: shares.filter((share) => share?.status === 'demo').length,
    sharesToConfirm: shares.filter((share) => share?.status === 'te-bevestigen').length,
  };
}

/**
 * Voortgang opgaven: per municipality in scope (reported or not) its published indicative share against
 * the places it committed and realised (regular, AMV, both) and what is still to realise; per region and in
 * total the same, where the task is the sum of the shares of every municipality and committed/realised are
 * sums over those that submitted (with how many of how many); for a province, the published provincial task.
 * Also the asylum locations by phase, Ukraine reception, and the statushouders task per half year against
 * the published tasks. The shares and tasks come from the published targets, never from the answers.
 */
export function aggregateVoortgang(
  definition: FormDefinition,
  scope: ResolvedScope,
  submitted: readonly Submitted[],
  referenceDate: string,
  published: PublishedTargets,
): VoortgangAggregate {
  const field = (key: string) => fieldOf(definition, key);
  const regularCommitted = field('regularCommitted');
  const regularRealised = field('regularRealised');
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

  const asylum = asylumTargetsOn(published, scope.province, referenceDate);
  const shareOf = (code: string) => asylum?.shares.find((share) => share.municipality === code);
  const publishedHousing = (code: string, half: string) =>
    housingTargetsFor(published, scope.province, half)?.tasks.find((entry) => entry.municipality === code)
      ?.task ?? null;
  const versions = new Map(submitted.map((entry) => [entry.municipality.code, entry.version]));

  const municipalities = scope.municipalities.map((municipality: MunicipalityRef): VoortgangMunicipality => {
    const share = shareOf(municipality.code);
    const version = versions.get(municipality.code);
    const answers = version?.answers;
    const n = (f: Field) => (answers ? (numberOf(f, answers) ?? 0) : null);
    const regular = places(share?.regular ?? null, n(regularCommitted), n(regularRealised));
    const amv = places(share?.amv ?? null, n(amvCommitted), n(amvRealised));
    const total = places(
      share ? share.regular + share.amv : null,
      addNullable(regular.committed, amv.committed),
      addNullable(regular.realised, amv.realised),
    );
    const rows = answers ? rowsOf(answers, locations) : [];
    return {
      ...municipality,
      reported: version !== undefined,
      version: version?.version ?? null,
      regular,
      amv,
      total,
      shareStatus: share?.status ?? null,
      locationsByPhase: phases.map(({ value, label }) => {
        const inPhase = rows.filter((row) => stringOf(phaseField, row) === value);
        return {
          phase: value,
          label,
          locations: inPhase.length,
          capacity: sum(inPhase.map((row) => numberOf(locationCapacity, row) ?? 0)),
        };
      }),
      ukraine: answers ? { capacity: n(ukraineCapacity) ?? 0, occupied: n(ukraineOccupied) ?? 0 } : null,
      housing: (answers ? rowsOf(answers, housing) : []).map((row): HousingRow => {
        const periodValue = stringOf(period, row) ?? '';
        return {
          period: periodValue,
          periodLabel: labelOf(period, periodValue),
          task: numberOf(task, row) ?? 0,
          publishedTask: publishedHousing(municipality.code, periodValue),
          backlog: numberOf(backlog, row) ?? 0,
          housed: numberOf(housed, row) ?? 0,
          balance: numberOf(balance, row) ?? 0,
          ibtColour: stringOf(ibtColour, row) ?? null,
        };
      }),
    };
  });
  const reported = municipalities.filter((m) => m.reported);

  const locationsByPhase: PhaseCount[] = phases.map(({ value, label }, index) => ({
    phase: value,
    label,
    locations: sum(reported.map((m) => m.locationsByPhase[index]!.locations)),
    capacity: sum(reported.map((m) => m.locationsByPhase[index]!.capacity)),
  }));

  const periodOrder = optionsOf(period).map((option) => option.value);
  const rank = (value: string) => {
    const index = periodOrder.indexOf(value);
    return index === -1 ? periodOrder.length : index;
  };
  const reportedPeriods = [...new Set(reported.flatMap((m) => m.housing.map((row) => row.period)))].sort(
    (a, b) => rank(a) - rank(b) || dutchOrder(a, b),
  );
  const housingPeriods = reportedPeriods.map((value): HousingPeriod => {
    const rows = reported.flatMap((m) => m.housing.filter((row) => row.period === value));
    const publishedTasks = housingTargetsFor(published, scope.province, value);
    const inScope = new Set(scope.municipalities.map((m) => m.code));
    return {
      period: value,
      label: labelOf(period, value),
      municipalities: rows.length,
      of: scope.municipalities.length,
      task: sum(rows.map((row) => row.task)),
      publishedTask: publishedTasks
        ? sum(publishedTasks.tasks.filter((t) => inScope.has(t.municipality)).map((t) => t.task))
        : null,
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

  const regions: VoortgangRegion[] = scope.regions.map((region) => ({
    id: region.id,
    name: region.name,
    places: groupPlaces(municipalities.filter((m) => m.region === region.id)),
  }));

  let provincialTask: ProvincialTaskComparison | null = null;
  if (asylum && scope.type === 'province') {
    const shares = {
      places: sum(asylum.shares.map((share) => share.regular + share.amv)),
      amv: sum(asylum.shares.map((share) => share.amv)),
    };
    const matches = shares.places === asylum.task.places && shares.amv === asylum.task.amvPlaces;
    provincialTask = {
      province: asylum.province,
      cycle: asylum.cycle,
      effectiveFrom: asylum.effectiveFrom,
      source: asylum.source,
      status: asylum.task.status,
      total: totalsOf(municipalities, 'total', asylum.task.places),
      regular: totalsOf(municipalities, 'regular', asylum.task.places - asylum.task.amvPlaces),
      amv: totalsOf(municipalities, 'amv', asylum.task.amvPlaces),
      shares,
      difference: matches
        ? null
        : compareWithTask({ regular: shares.places - shares.amv, amv: shares.amv }, asylum.task),
    };
  }

  return {
    kind: 'voortgang-opgaven',
    municipalities,
    regions,
    totals: {
      ...groupPlaces(municipalities),
      locations: sum(locationsByPhase.map((phase) => phase.locations)),
      capacity: sum(locationsByPhase.map((phase) => phase.capacity)),
      ukraine: {
        capacity: sum(reported.map((m) => m.ukraine?.capacity ?? 0)),
        occupied: sum(reported.map((m) => m.ukraine?.occupied ?? 0)),
      },
    },
    targets: asylum
      ? targetsUsed(
          asylum,
          scope.municipalities.map((m) => shareOf(m.code)),
        )
      : null,
    provincialTask,
    locationsByPhase,
    housing: housingPeriods,
  };
}
