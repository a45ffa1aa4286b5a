import type { Registry } from '../model.js';

/**
 * The staff sign-in groups the registry needs: one per regional table and one per province, named as the
 * policy reads them (`regietafel:<region>`, `provincie:<province>`). The CDK app creates those of the seed
 * registry; `npm run admin -- staff-groups --aws` creates the ones a later import added.
 */
export function staffGroups(
  registry: Pick<Registry, 'regions' | 'provinces'>,
): { name: string; description: string }[] {
  return [
    ...registry.regions.map((region) => ({ name: `regietafel:${region.id}`, description: region.boardName })),
    ...registry.provinces.map((province) => ({
      name: `provincie:${province.id}`,
      description: `Provincie ${province.name}`,
    })),
  ];
}
