import { type SeriesRound, trendRoundsLimit } from './aggregation/trends.js';
import type { AggregationScope } from './aggregation/types.js';
import type { Registry, Round } from './model.js';
import type { ReadOptions, Store } from './ports.js';
import { earlierRounds } from './previous-round.js';

/**
 * Reading a round's series: the earlier rounds of the same form (previous-round.ts orders them) that ran in
 * a region of the scope, each with its current versions — one Query per round (`listCurrent`), all at once,
 * never one per municipality, and at most `trendRoundsLimit − 1` of them.
 */

/** The regions of a scope: the region itself, or every region of the province. */
export function regionsOfScope(registry: Registry, scope: AggregationScope): Set<string> {
  return new Set(
    scope.type === 'region'
      ? [scope.id]
      : registry.regions.filter((region) => region.province === scope.id).map((region) => region.id),
  );
}

/** The earlier rounds of the series (the oldest first, the one just before `round` last), with their versions. */
export async function earlierRoundSeries(
  store: Pick<Store, 'listRounds' | 'listCurrent'>,
  input: {
    readonly round: Round;
    readonly registry: Registry;
    readonly scope: AggregationScope;
    readonly limit?: number;
    readonly read?: ReadOptions;
  },
): Promise<SeriesRound[]> {
  const regions = regionsOfScope(input.registry, input.scope);
  const limit = Math.max(1, input.limit ?? trendRoundsLimit);
  const rounds = earlierRounds(await store.listRounds(input.read), input.round)
    .filter((candidate) => candidate.regions.some((region) => regions.has(region)))
    .slice(0, limit - 1)
    .reverse();
  const versions = await Promise.all(rounds.map((round) => store.listCurrent(round.id)));
  return rounds.map((round, index) => ({ round, current: versions[index]! }));
}
