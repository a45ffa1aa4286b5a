import { findForm } from '../../../forms/catalogue.js';
import type { FormDefinition } from '../../../forms/definition.js';
import { NotFound } from '../errors.js';
import type { Registry, Round, SubmissionVersion } from '../model.js';
import type { PublishedTargets } from '../targets/model.js';
import { aggregateRound } from './aggregate-round.js';
import { groupOf, labelOf, numberOf, percent, rowFieldOf, rowsOf, stringOf, sum } from './read.js';
import { currentSubmissions } from './response-status.js';
import { resolveScope } from './scope.js';
import type { AggregationScope, MunicipalityRef, Submitted } from './types.js';

/**
 * Places on a date: from the asylum locations of the voortgang form (capacity, available from/until, phase),
 * the places available in a window — the Spreidingswet's 1 July 2025 – 1 February 2026 — split into
 * *gegarandeerd* (a decision or further: besluit, ruimtelijke procedure, realisatie, operationeel) and
 * *inclusief voornemens* (every phase), per municipality, region and province, as a share of the task.
 *
 * A location counts, with its whole capacity, when it is available on the window's last day: available from
 * that day or earlier, and not available only until a day before it (no end date: for good). Counted
 * locations are told apart by whether they are there at the window's start already or come during it; the
 * others opened too late or close too early, and are listed with the reason so the figures can be checked.
 * Pure: no store, no clock.
 */

export interface AvailabilityWindow {
  /** ISO dates, both included. */
  readonly from: string;
  readonly until: string;
}

/** The phases that count as guaranteed: every phase from a decision on. */
export const guaranteedPhases: readonly string[] = [
  'besluit',
  'ruimtelijke-procedure',
  'realisatie',
  'operationeel',
];

export type LocationStanding =
  /** Available at the window's start already. */
  | 'from-start'
  /** Comes during the window. */
  | 'during'
  /** Available only after the window's end: does not count. */
  | 'too-late'
  /** Stops before the window's end: does not count. */
  | 'ends-early';

export interface WindowLocation {
  readonly name: string;
  readonly capacity: number;
  readonly phase: string;
  readonly phaseLabel: string;
  readonly availableFrom: string | null;
  readonly availableUntil: string | null;
  readonly standing: LocationStanding;
  /** Counts in the window (from-start or during). */
  readonly counts: boolean;
  /** In a phase from besluit on. */
  readonly guaranteed: boolean;
}

export interface PlacesInWindow {
  /** Places of counted locations in a phase from besluit on. */
  readonly guaranteed: number;
  /** Places of every counted location, voornemens included. */
  readonly withIntentions: number;
  /** Of `withIntentions`: places already there at the window's start. */
  readonly fromStart: number;
}

export interface MunicipalityPlaces extends MunicipalityRef, PlacesInWindow {
  readonly version: number;
  readonly locations: readonly WindowLocation[];
  /** Its published indicative share (regular and AMV together); null when none is published. */
  readonly task: number | null;
  readonly guaranteedPercent: number | null;
  readonly withIntentionsPercent: number | null;
}

export interface AreaPlaces extends PlacesInWindow {
  readonly type: 'region' | 'province';
  readonly id: string;
  readonly name: string;
  /** Municipalities of the area that take part in the round, and how many of them reported. */
  readonly municipalities: number;
  readonly reported: number;
  /** The task the aggregation gives (region: the sum of its municipalities' shares; province: the provincial task). */
  readonly task: number | null;
  readonly guaranteedPercent: number | null;
  readonly withIntentionsPercent: number | null;
}

export interface PlacesAvailable {
  readonly roundId: string;
  readonly window: AvailabilityWindow;
  readonly scope: { readonly type: AggregationScope['type']; readonly id: string; readonly name: string };
  /** The reporting municipalities of the scope, by region, then name. */
  readonly municipalities: readonly MunicipalityPlaces[];
  /** The municipalities of the scope that take part in the round and have not submitted (not counted). */
  readonly notReported: readonly (MunicipalityRef & { readonly task: number | null })[];
  /** Every region of the scope that takes part in the round. */
  readonly regions: readonly AreaPlaces[];
  /** Only for a province scope. */
  readonly province: AreaPlaces | null;
}

/** Where a location stands in the window (see the module comment). */
export function locationStanding(
  window: AvailabilityWindow,
  availableFrom: string | null,
  availableUntil: string | null,
): LocationStanding {
  if (availableFrom !== null && availableFrom > window.until) return 'too-late';
  if (availableUntil !== null && availableUntil < window.until) return 'ends-early';
  return availableFrom !== null && availableFrom > window.from ? 'during' : 'from-start';
}

/** The locations of one municipality's answers, each placed in the window. */
export function locationsInWindow(
  definition: FormDefinition,
  answers: Record<string, unknown>,
  window: AvailabilityWindow,
): WindowLocation[] {
  const group = groupOf(definition, 'asylumLocations');
  const name = rowFieldOf(group, 'name');
  const capacity = rowFieldOf(group, 'capacity');
  const from = rowFieldOf(group, 'availableFrom');
  const until = rowFieldOf(group, 'availableUntil');
  const phase = rowFieldOf(group, 'phase');
  return rowsOf(answers, group).map((row) => {
    const phaseValue = stringOf(phase, row) ?? '';
    const availableFrom = stringOf(from, row) ?? null;
    const availableUntil = stringOf(until, row) ?? null;
    const standing = locationStanding(window, availableFrom, availableUntil);
    return {
      name: stringOf(name, row) ?? '',
      capacity: numberOf(capacity, row) ?? 0,
      phase: phaseValue,
      phaseLabel: labelOf(phase, phaseValue),
      availableFrom,
      availableUntil,
      standing,
      counts: standing === 'from-start' || standing === 'during',
      guaranteed: guaranteedPhases.includes(phaseValue),
    };
  });
}

function totals(locations: readonly WindowLocation[]): PlacesInWindow {
  const counted = locations.filter((location) => location.counts);
  return {
    guaranteed: sum(counted.filter((location) => location.guaranteed).map((location) => location.capacity)),
    withIntentions: sum(counted.map((location) => location.capacity)),
    fromStart: sum(counted.filter((l) => l.standing === 'from-start').map((location) => location.capacity)),
  };
}

function addUp(parts: readonly PlacesInWindow[]): PlacesInWindow {
  return {
    guaranteed: sum(parts.map((part) => part.guaranteed)),
    withIntentions: sum(parts.map((part) => part.withIntentions)),
    fromStart: sum(parts.map((part) => part.fromStart)),
  };
}

/** Per municipality: its locations in the window and their places, against its share (`taskOf`). */
export function municipalityPlaces(
  definition: FormDefinition,
  submitted: readonly Submitted[],
  window: AvailabilityWindow,
  taskOf: (code: string) => number | null = () => null,
): MunicipalityPlaces[] {
  return submitted.map(({ municipality, version }) => {
    const locations = locationsInWindow(definition, version.answers, window);
    const places = totals(locations);
    const share = taskOf(municipality.code);
    const task = share !== null && share > 0 ? share : null;
    return {
      code: municipality.code,
      name: municipality.name,
      region: municipality.region,
      version: version.version,
      ...places,
      locations,
      task,
      guaranteedPercent: task === null ? null : percent(places.guaranteed, task),
      withIntentionsPercent: task === null ? null : percent(places.withIntentions, task),
    };
  });
}

/** An area's places against its task (null when there is none, or it is 0). */
export function areaPlaces(
  area: { type: AreaPlaces['type']; id: string; name: string; municipalities: number; task: number | null },
  places: readonly MunicipalityPlaces[],
): AreaPlaces {
  const added = addUp(places);
  const task = area.task !== null && area.task > 0 ? area.task : null;
  return {
    ...area,
    task,
    reported: places.length,
    ...added,
    guaranteedPercent: task === null ? null : percent(added.guaranteed, task),
    withIntentionsPercent: task === null ? null : percent(added.withIntentions, task),
  };
}

export interface PlacesAvailableInput {
  readonly round: Round;
  readonly registry: Registry;
  readonly scope: AggregationScope;
  /** The round's current versions (the store's `listCurrent`). */
  readonly current: readonly SubmissionVersion[];
  readonly window: AvailabilityWindow;
  readonly now: Date;
  /** The published targets the round's aggregation uses for the task. */
  readonly targets?: PublishedTargets;
}

/**
 * Places on a date for a round of the voortgang form, for a region or a province. The tasks are the ones
 * the round's aggregation gives (`aggregateRound` with the published targets): a region's task is the sum
 * of its municipalities' shares, the province's is the provincial task, so this page, the summary and the
 * dashboard never disagree about the task.
 */
export function placesAvailable(input: PlacesAvailableInput): PlacesAvailable {
  const { round, registry, scope, current, window, now } = input;
  const definition = findForm(round.formId);
  if (definition?.id !== 'voortgang-opgaven') {
    throw new NotFound(
      `Ronde ${round.id} gaat niet over de voortgang van de opgaven: er zijn geen asiellocaties.`,
    );
  }
  const resolved = resolveScope(registry, round, scope);
  const form = aggregateRound({ round, registry, scope, current, now, targets: input.targets }).form;
  const voortgang = form?.kind === 'voortgang-opgaven' ? form : null;
  const shareOf = (code: string) =>
    voortgang?.municipalities.find((m) => m.code === code)?.total.share ?? null;
  const places = municipalityPlaces(
    definition,
    currentSubmissions(round, resolved.municipalities, current),
    window,
    shareOf,
  );
  const reported = new Set(places.map((m) => m.code));
  const regionTask = (id: string) =>
    voortgang?.regions.find((region) => region.id === id)?.places.total.task ?? null;
  const regions = resolved.regions.map((region) =>
    areaPlaces(
      {
        type: 'region',
        id: region.id,
        name: region.name,
        municipalities: resolved.municipalities.filter((m) => m.region === region.id).length,
        task: regionTask(region.id),
      },
      places.filter((m) => m.region === region.id),
    ),
  );
  return {
    roundId: round.id,
    window,
    scope: { type: resolved.type, id: resolved.id, name: resolved.name },
    municipalities: places,
    notReported: resolved.municipalities
      .filter((m) => !reported.has(m.code))
      .map(({ code, name, region }) => ({ code, name, region, task: shareOf(code) || null })),
    regions,
    province:
      scope.type === 'province'
        ? areaPlaces(
            {
              type: 'province',
              id: resolved.id,
              name: resolved.name,
              municipalities: resolved.municipalities.length,
              task: voortgang ? (voortgang.provincialTask?.total.task ?? voortgang.totals.total.task) : null,
            },
            places,
          )
        : null,
  };
}
