import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AggregationScope } from '../core/aggregation/types.js';
import { BadRequest, Forbidden, NotFound } from '../core/errors.js';
import type { Round } from '../core/model.js';
import { authorize, type Principal } from '../core/policy.js';
import type { Store } from '../core/ports.js';
import { roundNotVisible, visibleRegions } from '../core/round-status.js';

/**
 * The scope a staff member asks a summary for (`?scope=region:ijsselland` / `province:overijssel`; default:
 * their own region, or their province), checked against the policy.
 */
export async function summaryScope(
  event: APIGatewayProxyEventV2,
  store: Store,
  principal: Principal,
  action: 'summary:preview' | 'summary:send',
  requested?: string,
): Promise<{ round: Round; scope: AggregationScope }> {
  const roundId = event.pathParameters?.roundId ?? '';
  const round = await store.getRound(roundId);
  const registry = await store.getRegistry();
  // Someone else's round answers like one that does not exist.
  if (!round || visibleRegions(principal, round, registry.regions, action).length === 0) {
    throw roundNotVisible(roundId);
  }
  const text =
    requested ??
    (principal.kind === 'staff' && principal.roles[0]
      ? principal.roles[0].type === 'regietafel'
        ? `region:${principal.roles[0].region}`
        : `province:${principal.roles[0].province}`
      : '');
  const [type, id, ...rest] = text.split(':');
  if ((type !== 'region' && type !== 'province') || !id || rest.length > 0 || !/^[a-z0-9-]{1,60}$/.test(id)) {
    throw new BadRequest(
      'scope: kies region:<regio> of province:<provincie>, bijvoorbeeld region:ijsselland.',
    );
  }
  const province = type === 'province' ? id : registry.regions.find((region) => region.id === id)?.province;
  if (!province) throw new NotFound(`Onbekende regio ‘${id}’.`);
  authorize(principal, action, { roundId: round.id, region: type === 'region' ? id : undefined, province });
  const covered = registry.regions.filter((region) => round.regions.includes(region.id));
  if (type === 'region' ? !round.regions.includes(id) : !covered.some((region) => region.province === id)) {
    throw new Forbidden('Deze ronde gaat niet over uw regio of provincie.');
  }
  return { round, scope: { type, id } };
}
