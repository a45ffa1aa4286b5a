import type { Municipality, Region, Registry } from '../../core/model.js';
import type { RegistryStore } from '../../core/ports.js';
import { entity, type Table } from './table.js';

const registryPk = 'REGISTRY';

/** Provinces, regions and municipalities: one partition, one item each. */
export function registryItems(table: Table): RegistryStore {
  return {
    async putRegistry(registry: Registry) {
      await table.putAll([
        ...registry.provinces.map((province) => ({
          PK: registryPk,
          SK: `PROVINCE#${province.id}`,
          entityType: 'province',
          ...province,
        })),
        ...registry.regions.map((region) => ({
          PK: registryPk,
          SK: `REGION#${region.id}`,
          entityType: 'region',
          ...region,
        })),
        ...registry.municipalities.map((municipality) => ({
          PK: registryPk,
          SK: `MUNICIPALITY#${municipality.code}`,
          entityType: 'municipality',
          ...municipality,
        })),
      ]);
    },

    async getRegistry() {
      const items = await table.queryAll<Record<string, unknown>>(
        {
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': registryPk },
          ConsistentRead: true,
        },
        true,
      );
      const of = <T>(type: string) =>
        items.filter((item) => item.entityType === type).map((item) => entity<T>(item)!) as T[];
      return {
        provinces: of('province'),
        regions: of('region'),
        municipalities: of('municipality'),
      };
    },

    getMunicipality(code: string) {
      return table.get<Municipality>(registryPk, `MUNICIPALITY#${code}`);
    },

    getRegion(id: string) {
      return table.get<Region>(registryPk, `REGION#${id}`);
    },
  };
}
