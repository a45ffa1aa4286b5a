import { cycleOn } from '../../forms/data/spreidingswet-cycles.js';
import { aggregateRound } from './aggregation/aggregate-round.js';
import {
  type AvailabilityWindow,
  type PlacesAvailable,
  placesAvailable,
} from './aggregation/places-available.js';
import { aggregateSeries, type RoundTrends, roundTrends, type SeriesRound } from './aggregation/trends.js';
import type { AggregateRoundInput, RoundAggregate } from './aggregation/types.js';

/**
 * Everything a summary shows, computed once and purely: the aggregate of its scope, one aggregate per
 * region of the scope (a province summary has a line per region, never per municipality), and for the
 * voortgang form the places available in the Spreidingswet window of the cycle in force and the trend
 * over the earlier rounds of the form.
 */
export interface SummaryModel {
  readonly aggregate: RoundAggregate;
  /** Per region of the scope that takes part in the round (a region summary: just its own aggregate). */
  readonly regions: readonly RoundAggregate[];
  /** Places on a date (voortgang only, when a cycle with a window applies on the reference date). */
  readonly places: PlacesAvailable | null;
  /** Per region and for the province, this round and the earlier ones (voortgang only; see trends.ts). */
  readonly trends: RoundTrends | null;
}

/** The window a round's summary counts places in: that of the Spreidingswet cycle on its reference date. */
export function defaultWindow(referenceDate: string): AvailabilityWindow | undefined {
  return cycleOn(referenceDate)?.window;
}

export function summaryModel(
  input: AggregateRoundInput & {
    readonly window?: AvailabilityWindow;
    /** The earlier rounds of the form, the oldest first (round-series.ts), for the trend. */
    readonly earlierRounds?: readonly SeriesRound[];
  },
): SummaryModel {
  const aggregate = aggregateRound(input);
  const regions =
    aggregate.scope.type === 'region'
      ? [aggregate]
      : aggregate.scope.regions.map((region) =>
          // A region's line shows its response and figures only: no "what changed" against the previous
          // summary or the previous round (the province's aggregate has those; diffing every version
          // again per region doubled the cost of a province summary).
          aggregateRound({
            ...input,
            scope: { type: 'region', id: region.id },
            previous: undefined,
            previousRound: undefined,
          }),
        );
  const window = input.window ?? defaultWindow(input.round.referenceDate);
  const places =
    aggregate.form?.kind === 'voortgang-opgaven' && window
      ? placesAvailable({
          round: input.round,
          registry: input.registry,
          scope: input.scope,
          current: input.current,
          window,
          now: input.now,
          targets: input.targets,
        })
      : null;
  const trends =
    aggregate.form?.kind === 'voortgang-opgaven'
      ? roundTrends(aggregateSeries(input, input.earlierRounds ?? [], aggregate))
      : null;
  return { aggregate, regions, places, trends };
}

/** A summary with nothing in it — no municipality of the scope has submitted — is not sent. */
export function hasContent(aggregate: RoundAggregate): boolean {
  return aggregate.response.totals.ingezonden > 0;
}
