import { cycleOn } from '../../forms/data/spreidingswet-cycles.js';
import {
  type AvailabilityWindow,
  type PlacesAvailable,
  placesAvailable,
} from './aggregation/places-available.js';
import type { AggregationScope } from './aggregation/types.js';
import type { Registry, Round } from './model.js';
import type { Clock, Store } from './ports.js';
import { provinceOfScope, publishedTargets } from './targets/publish-targets.js';

/**
 * Places on a date for a staff member (the page `/staf/rondes/{id}/plaatsen` and its export): the round's
 * current versions and the published targets of its province, counted in the window asked for — by default
 * the Spreidingswet window of the cycle in force on the round's reference date, the one the summary uses.
 * The caller has checked the round is visible and chosen the scope (see functions/http/places-pages.ts).
 */

export interface PlacesReport {
  readonly places: PlacesAvailable;
  /** The cycle's window (null: no cycle with a window on the reference date). */
  readonly cycleWindow: AvailabilityWindow | null;
}

/** The window a round counts in when nobody asks for another: that of its Spreidingswet cycle. */
export function cycleWindow(round: Pick<Round, 'referenceDate'>): AvailabilityWindow | null {
  return cycleOn(round.referenceDate)?.window ?? null;
}

export async function placesReport(
  deps: { store: Pick<Store, 'listCurrent' | 'listTargets'>; clock: Clock },
  input: {
    readonly round: Round;
    readonly registry: Registry;
    readonly scope: AggregationScope;
    readonly window: AvailabilityWindow;
  },
): Promise<PlacesReport> {
  const { round, registry, scope, window } = input;
  const [current, targets] = await Promise.all([
    deps.store.listCurrent(round.id),
    publishedTargets(deps.store, [provinceOfScope(registry, scope)]),
  ]);
  return {
    places: placesAvailable({ round, registry, scope, current, window, targets, now: deps.clock.now() }),
    cycleWindow: cycleWindow(round),
  };
}
