import type { FormTargets } from '../../../forms/definition.js';
import type { ResolvedForm } from '../form-context.js';
import type { Store } from '../ports.js';
import { municipalityTargets } from './model.js';
import { publishedTargets } from './publish-targets.js';

/**
 * A municipality's own published targets for a round (its indicative share in the cycle in force on the
 * reference date, its statushouders tasks per half year): what its form shows read-only and what the
 * plausibility checks compare with. One Query on the province's targets, or this process's copy of it
 * (targets are published rarely; see ReadOptions).
 */
export async function formTargets(
  store: Pick<Store, 'listTargets'>,
  resolved: ResolvedForm,
): Promise<FormTargets> {
  const province = resolved.region.province;
  return municipalityTargets(
    await publishedTargets(store, [province], { cached: true }),
    province,
    resolved.municipality.code,
    resolved.round.referenceDate,
  );
}
