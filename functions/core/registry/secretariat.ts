import type { PageContact } from '../../../forms/render/layout.js';
import type { Province, Region, Registry } from '../model.js';
import type { Principal } from '../policy.js';

/**
 * The secretariat people are pointed to, from the registry: a region's for its municipalities' pages and
 * emails, the province's for provincial pages and summaries. The same contact is the Reply-To of the
 * emails, so "reply" reaches a person instead of the no-reply sender.
 */

export function regionContact(region: Region | undefined): PageContact | undefined {
  return region?.secretariat ? { organisation: region.boardName, ...region.secretariat } : undefined;
}

/** Who signs an email to one of the region's municipalities: its board, and its secretariat if it has one. */
export function regionSignature(region: Region | undefined): {
  boardName: string;
  secretariat: PageContact | undefined;
} {
  return { boardName: region?.boardName ?? 'de regietafel', secretariat: regionContact(region) };
}

export function provinceContact(province: Province | undefined): PageContact | undefined {
  return province?.secretariat
    ? { organisation: `Provincie ${province.name}`, ...province.secretariat }
    : undefined;
}

/** Every secretariat of the registry: each region's, then each province's. */
export function allContacts(registry: Pick<Registry, 'regions' | 'provinces'>): PageContact[] {
  return [...registry.regions.map(regionContact), ...registry.provinces.map(provinceContact)].filter(
    (contact): contact is PageContact => contact !== undefined,
  );
}

/**
 * The secretariat(s) of a staff member's own scope: their region's, or their province's (for the footer
 * of the staff pages).
 */
export function staffContacts(principal: Principal, registry: Registry): PageContact[] {
  if (principal.kind !== 'staff') return [];
  return principal.roles
    .map((role) =>
      role.type === 'regietafel'
        ? regionContact(registry.regions.find((region) => region.id === role.region))
        : provinceContact(registry.provinces.find((province) => province.id === role.province)),
    )
    .filter((contact): contact is PageContact => contact !== undefined);
}
