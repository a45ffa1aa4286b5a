import type { AggregationScope } from '../core/aggregation/types.js';
import { roundScopes } from '../core/compile-summaries.js';
import type { Registry, Round } from '../core/model.js';
import { isAllowed, type Principal } from '../core/policy.js';
import { staffContacts } from '../core/registry/secretariat.js';
import type { SignedInStaff } from '../pages/dashboard.js';

/**
 * What the staff pages share: who is signed in, and which summaries they may see.
 */

export function signedInStaff(principal: Principal, registry: Registry): SignedInStaff {
  if (principal.kind !== 'staff') return { label: 'onbekend', roles: [], contacts: [] };
  return {
    label: principal.email ?? principal.subject,
    contacts: staffContacts(principal, registry),
    roles: principal.roles.map((role) =>
      role.type === 'provincie'
        ? `Provincie ${registry.provinces.find((p) => p.id === role.province)?.name ?? role.province}`
        : (registry.regions.find((r) => r.id === role.region)?.boardName ?? `Regietafel ${role.region}`),
    ),
  };
}

/** The summary scopes of a round this staff member may preview: their region(s) and/or their province. */
export function visibleScopes(principal: Principal, round: Round, registry: Registry): AggregationScope[] {
  return roundScopes(round, registry).filter((scope) => {
    const province =
      scope.type === 'province' ? scope.id : registry.regions.find((r) => r.id === scope.id)?.province;
    return (
      province !== undefined &&
      isAllowed(principal, 'summary:preview', {
        roundId: round.id,
        region: scope.type === 'region' ? scope.id : undefined,
        province,
      })
    );
  });
}

export function scopeName(scope: AggregationScope, registry: Registry): string {
  return scope.type === 'province'
    ? `provincie ${registry.provinces.find((p) => p.id === scope.id)?.name ?? scope.id}`
    : `regio ${registry.regions.find((r) => r.id === scope.id)?.name ?? scope.id}`;
}
