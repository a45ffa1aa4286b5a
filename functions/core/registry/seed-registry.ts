import type { Registry } from '../model.js';
import type { AuditStore, Clock, Ids, RegistryStore } from '../ports.js';
import { validateRegistry } from './validate-registry.js';

/**
 * Seed the registry (`seedRegistry`): on the very first start (locally) or by `npm run admin --
 * seed-registry` (on AWS), write the seed data into the table; every later call changes nothing, so the
 * edits staff make on the contacts page and the imports they apply are never overwritten. Audited when
 * it wrote.
 */
export async function seedRegistry(
  deps: { store: RegistryStore & AuditStore; clock: Clock; ids: Ids },
  input: { registry: Registry; actor: string },
): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  const seeded = await deps.store.seedRegistry(validateRegistry(input.registry), at);
  if (seeded) {
    await deps.store.audit({
      at,
      id: deps.ids.newId(),
      action: 'registry-seeded',
      actor: input.actor,
      details: {
        provinces: input.registry.provinces.length,
        regions: input.registry.regions.length,
        municipalities: input.registry.municipalities.length,
      },
    });
  }
  return seeded;
}
