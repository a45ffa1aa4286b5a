import type { ReadOptions, TargetStore } from '../../core/ports.js';
import { type Targets, targetsKey } from '../../core/targets/model.js';
import { cachedRead, thenForget } from './reference-cache.js';
import type { Table } from './table.js';

const targetsPk = (province: string) => `TARGETS#${province}`;
const targetsSk = (targets: Pick<Targets, 'kind' | 'revision'> & { key: string }) =>
  `${targets.kind.toUpperCase()}#${targets.key}#${String(targets.revision).padStart(6, '0')}`;

/**
 * Published targets: every revision of a province's shares per Spreidingswet cycle and statushouders tasks
 * per half year, in the province's own partition (a few items of at most some tens of kB each).
 */
export function targetItems(table: Table): TargetStore {
  return {
    putTargets(targets: Targets) {
      return thenForget(
        table.name,
        table.putIfAbsent({
          PK: targetsPk(targets.province),
          SK: targetsSk({ kind: targets.kind, revision: targets.revision, key: targetsKey(targets) }),
          entityType: 'targets',
          ...targets,
        }),
      );
    },

    async listTargets(province: string, options?: ReadOptions) {
      const read = () =>
        table.queryAll<Targets>({
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': targetsPk(province) },
          ConsistentRead: true,
        });
      // Kept as found, even when there are none: a province without published targets is the common case.
      return (
        (options?.cached ? await cachedRead(table.name, `targets#${province}`, read) : await read()) ?? []
      );
    },
  };
}
