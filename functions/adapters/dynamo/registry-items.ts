import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Municipality, Region, Registry, RegistryItem } from '../../core/model.js';
import type { ReadOptions, RegistryStore } from '../../core/ports.js';
import { cachedRead, thenForget } from './reference-cache.js';
import { entity, type Table } from './table.js';

const registryPk = 'REGISTRY';
/** Written once, after the seed: its presence means "never seed again". */
const seedMarkerSk = 'SEEDED';

const sortKey: Record<RegistryItem['kind'], (value: RegistryItem['value']) => string> = {
  province: (value) => `PROVINCE#${(value as { id: string }).id}`,
  region: (value) => `REGION#${(value as { id: string }).id}`,
  municipality: (value) => `MUNICIPALITY#${(value as Municipality).code}`,
};

function itemOf(item: RegistryItem, revision: number): Record<string, unknown> {
  return {
    PK: registryPk,
    SK: sortKey[item.kind](item.value),
    entityType: item.kind,
    ...item.value,
    revision,
  };
}

function itemsOf(registry: Registry): RegistryItem[] {
  return [
    ...registry.provinces.map((value) => ({ kind: 'province' as const, value })),
    ...registry.regions.map((value) => ({ kind: 'region' as const, value })),
    ...registry.municipalities.map((value) => ({ kind: 'municipality' as const, value })),
  ];
}

/** A municipality's key, and its key in this process's copy (reference-cache.ts). */
export const municipalityKey = (code: string) => ({ PK: registryPk, SK: `MUNICIPALITY#${code}` });
export const municipalityCacheKey = (code: string) => `municipality#${code}`;
/** A region's key, and its key in this process's copy. */
export const regionKey = (id: string) => ({ PK: registryPk, SK: `REGION#${id}` });
export const regionCacheKey = (id: string) => `region#${id}`;

/**
 * Provinces, regions and municipalities: one partition, one item each, each with a revision that every
 * change moves on by one under a condition (no transactions: dynalite runs the same code).
 */
export function registryItems(table: Table): RegistryStore {
  return {
    async putRegistry(registry: Registry) {
      await thenForget(
        table.name,
        table.putAll(itemsOf(registry).map((item) => itemOf(item, item.value.revision ?? 1))),
      );
    },

    async seedRegistry(registry: Registry, at: string) {
      if (await table.get(registryPk, seedMarkerSk)) return false;
      // Before the marker existed the registry was rewritten from the code file on every start, so no item
      // without a marker can hold a person's edit: writing the seed over them loses nothing. A crash between
      // here and the marker only means the next start writes the same seed again.
      await thenForget(table.name, table.putAll(itemsOf(registry).map((item) => itemOf(item, 1))));
      await table.putIfAbsent({
        PK: registryPk,
        SK: seedMarkerSk,
        entityType: 'registry-seed',
        seededAt: at,
      });
      return true;
    },

    putRegistryItem(item: RegistryItem, expectedRevision: number) {
      return thenForget(
        table.name,
        table.conditionally(
          new PutCommand({
            TableName: table.name,
            Item: itemOf(item, expectedRevision + 1),
            ...(expectedRevision === 0
              ? { ConditionExpression: 'attribute_not_exists(PK)' }
              : {
                  ConditionExpression: 'revision = :expected',
                  ExpressionAttributeValues: { ':expected': expectedRevision },
                }),
          }),
        ),
      );
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

    getMunicipality(code: string, options?: ReadOptions) {
      const read = () => table.get<Municipality>(registryPk, `MUNICIPALITY#${code}`);
      return options?.cached ? cachedRead(table.name, municipalityCacheKey(code), read) : read();
    },

    getRegion(id: string, options?: ReadOptions) {
      const read = () => table.get<Region>(registryPk, `REGION#${id}`);
      return options?.cached ? cachedRead(table.name, regionCacheKey(id), read) : read();
    },
  };
}
