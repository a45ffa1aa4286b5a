import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Round } from '../../core/model.js';
import type { ReadOptions, RoundStore } from '../../core/ports.js';
import { cachedRead, thenForget } from './reference-cache.js';
import { roundPk, type Table } from './table.js';

function roundItem(round: Round) {
  return {
    PK: roundPk(round.id),
    SK: 'ROUND',
    GSI1PK: 'ROUNDS',
    GSI1SK: `${round.deadline}#${round.id}`,
    entityType: 'round',
    ...round,
  };
}

/** The round's key, and its key in this process's copy (reference-cache.ts). */
export const roundKey = (id: string) => ({ PK: roundPk(id), SK: 'ROUND' });
export const roundCacheKey = (id: string) => `round#${id}`;

/** Rounds: one item each, listed by deadline through GSI1. */
export function roundItems(table: Table): RoundStore {
  return {
    createRound(round: Round) {
      return thenForget(table.name, table.putIfAbsent(roundItem(round)));
    },

    getRound(id: string, options?: ReadOptions) {
      const read = () => table.get<Round>(roundPk(id), 'ROUND');
      return options?.cached ? cachedRead(table.name, roundCacheKey(id), read) : read();
    },

    async getRounds(ids: readonly string[]) {
      const found = await table.getMany<Round>(ids.map((id) => roundKey(id)));
      return found.filter((round): round is Round => round !== undefined);
    },

    async listRounds(options?: ReadOptions) {
      const read = () =>
        table.queryAll<Round>({
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': 'ROUNDS' },
        });
      return (options?.cached ? await cachedRead(table.name, 'rounds', read) : await read()) ?? [];
    },

    updateRound(round: Round, expectedDeadline?: string) {
      return thenForget(
        table.name,
        table.conditionally(
          new PutCommand({
            TableName: table.name,
            Item: roundItem(round),
            ConditionExpression: `attribute_exists(PK) AND formId = :formId${expectedDeadline === undefined ? '' : ' AND deadline = :expected'}`,
            ExpressionAttributeValues: {
              ':formId': round.formId,
              ...(expectedDeadline !== undefined && { ':expected': expectedDeadline }),
            },
          }),
        ),
      );
    },
  };
}
