import { dutchOrder } from '../../../forms/order.js';
import { NotFound } from '../errors.js';
import type { Registry, Round } from '../model.js';
import { takesPart } from '../registry/membership.js';
import type { AggregationScope, MunicipalityRef } from './types.js';

export interface ResolvedScope {
  readonly type: AggregationScope['type'];
  readonly id: string;
  readonly name: string;
  /** The province the scope lies in (its own id for a province). */
  readonly province: string;
  readonly regions: readonly { readonly id: string; readonly name: string }[];
  /** The scope's municipalities that take part in the round, by region id, then by name. */
  readonly municipalities: readonly MunicipalityRef[];
}

/**
 * The municipalities a summary is about: those of the region, or of every region of the province, that
 * take part in the round (a round covers some regions; the others' municipalities were never invited, so
 * they are not "missing"). An unknown region or province is an error, not an empty summary.
 */
export function resolveScope(registry: Registry, round: Round, scope: AggregationScope): ResolvedScope {
  const taking = new Set(round.regions);
  let name: string;
  let province: string;
  let regions: Registry['regions'];
  if (scope.type === 'region') {
    const region = registry.regions.find((candidate) => candidate.id === scope.id);
    if (!region) throw new NotFound(`Er is geen regio ‘${scope.id}’.`);
    name = region.name;
    province = region.province;
    regions = [region];
  } else {
    const found = registry.provinces.find((candidate) => candidate.id === scope.id);
    if (!found) throw new NotFound(`Er is geen provincie ‘${scope.id}’.`);
    name = found.name;
    province = found.id;
    regions = registry.regions.filter((region) => region.province === found.id);
  }
  const inRound = regions.filter((region) => taking.has(region.id)).sort((a, b) => dutchOrder(a.id, b.id));
  const regionIds = new Set(inRound.map((region) => region.id));
  const municipalities = registry.municipalities
    .filter((municipality) => regionIds.has(municipality.region) && takesPart(municipality, round))
    .map(({ code, name, region }) => ({ code, name, region }))
    .sort(byRegionThenName);
  return {
    type: scope.type,
    id: scope.id,
    name,
    province,
    regions: inRound.map(({ id, name }) => ({ id, name })),
    municipalities,
  };
}

/** The order of municipalities everywhere in a summary (the same as the round-status page). */
export function byRegionThenName(a: MunicipalityRef, b: MunicipalityRef): number {
  return dutchOrder(a.region, b.region) || dutchOrder(a.name, b.name);
}
