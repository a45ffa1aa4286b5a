import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Round } from '../../core/model.js';
import type { RoundStore } from '../../core/ports.js';
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

/** Rounds: one item each, listed by deadline through GSI1. */
export function roundItems(table: Table): RoundStore {
  return {
    createRound(round: Round) {
      return table.putIfAbsent(roundItem(round));
    },

    getRound(id: string) {
      return table.get<Round>(roundPk(id), 'ROUND');
    },

    listRounds() {
      return table.queryAll<Round>({
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': 'ROUNDS' },
      });
    },

    updateRound(round: Round, expectedDeadline?: string) {
      return table.conditionally(
        new PutCommand({
          TableName: table.name,
          Item: roundItem(round),
          ConditionExpression: `attribute_exists(PK) AND formId = :formId${expectedDeadline === undefined ? '' : ' AND deadline = :expected'}`,
          ExpressionAttributeValues: {
            ':formId': round.formId,
            ...(expectedDeadline !== undefined && { ':expected': expectedDeadline }),
          },
        }),
      );
    },
  };
}
