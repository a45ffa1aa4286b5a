import { dutchOrder } from '../../../forms/order.js';
import { describeEvent } from '../audit-trail.js';
import type { AuditEvent, Municipality, Province, Region, Registry } from '../model.js';
import { isAllowed, type Principal } from '../policy.js';

/**
 * What of the registry a staff member sees on the contacts page (`contactsInScope`): a regietafel its own
 * region and its municipalities, provincial staff their province and every region in it. The same policy
 * decides what they may change (`registry:edit`) and whether they may import (`registry:import`).
 */
export interface ContactsScope {
  readonly provinces: readonly Province[];
  readonly regions: readonly { readonly region: Region; readonly municipalities: readonly Municipality[] }[];
  readonly mayImport: boolean;
}

export function contactsInScope(principal: Principal, registry: Registry): ContactsScope {
  const provinces = registry.provinces.filter((province) =>
    isAllowed(principal, 'registry:read', { province: province.id }),
  );
  const regions = registry.regions
    .filter((region) =>
      isAllowed(principal, 'registry:read', { region: region.id, province: region.province }),
    )
    .sort((a, b) => dutchOrder(a.name, b.name))
    .map((region) => ({
      region,
      municipalities: registry.municipalities
        .filter((municipality) => municipality.region === region.id)
        .sort((a, b) => dutchOrder(a.name, b.name)),
    }));
  return {
    provinces,
    regions,
    mayImport: registry.provinces.some((province) =>
      isAllowed(principal, 'registry:import', { province: province.id }),
    ),
  };
}

const registryActions = new Set(['contact-changed', 'registry-imported', 'registry-seeded']);

/** The registry's changes in the person's scope, newest first (the global audit trail's registry lines). */
export function registryChanges(
  principal: Principal,
  events: readonly AuditEvent[],
  limit = 20,
): { at: string; actor: string; what: string; description: string }[] {
  return events
    .filter((event) => registryActions.has(event.action))
    .filter((event) => {
      const province = typeof event.details?.province === 'string' ? event.details.province : undefined;
      const region = typeof event.details?.region === 'string' ? event.details.region : undefined;
      if (!province) return false;
      return isAllowed(principal, 'registry:read', { region, province });
    })
    .reverse()
    .slice(0, limit)
    .map((event) => ({
      at: event.at,
      actor: event.actor,
      what:
        typeof event.details?.label === 'string' ? event.details.label : String(event.details?.item ?? ''),
      description: describeEvent({ ...event, details: {} }),
    }));
}
