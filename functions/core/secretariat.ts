import type { Registry } from './model.js';

/** Who a municipality writes to about a round: the secretariat of its regietafel. */
export interface Secretariat {
  /** The board's name, e.g. `Regionale Regietafel Vluchtelingen IJsselland` (signs the emails). */
  readonly name: string;
  /** The address replies go to (Reply-To of the emails to municipalities). */
  readonly email?: string;
  readonly phone?: string;
}

/**
 * The secretariat of a region, from the registry: the board's name and its first address. This is the one
 * place that decides it, so when the registry gets its own secretariat details only this function changes.
 */
export function secretariatOf(registry: Pick<Registry, 'regions'>, regionId: string): Secretariat {
  const region = registry.regions.find((candidate) => candidate.id === regionId);
  if (!region) return { name: 'de regietafel' };
  return { name: region.boardName, email: region.addresses[0] };
}
