import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SummarySnapshotStore } from '../../core/ports.js';
import { roundPk, type Table } from './table.js';

/** What the previous summary of a round and scope showed, for "what changed since then". */
export function summaryItems(table: Table): SummarySnapshotStore {
  return {
    async getSummarySnapshot(roundId: string, scope: string) {
      const item = await table.get<{ snapshot: unknown }>(roundPk(roundId), `SUMMARY#${scope}`);
      return item?.snapshot;
    },

    async putSummarySnapshot(roundId: string, scope: string, snapshot: unknown) {
      await table.documents.send(
        new PutCommand({
          TableName: table.name,
          Item: { PK: roundPk(roundId), SK: `SUMMARY#${scope}`, entityType: 'summary-snapshot', snapshot },
        }),
      );
    },
  };
}
