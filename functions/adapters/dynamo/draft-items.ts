import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Draft } from '../../core/model.js';
import type { DraftStore } from '../../core/ports.js';
import { roundPk, type Table } from './table.js';

export const draftSk = (formId: string, municipality: string) => `DRAFT#${formId}#${municipality}`;

/** Drafts (concepts): one per (round, form, municipality), saved with a revision check. */
export function draftItems(table: Table): DraftStore {
  return {
    listDrafts(roundId: string) {
      return table.queryAll<Draft>({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': roundPk(roundId), ':prefix': 'DRAFT#' },
        ConsistentRead: true,
      });
    },

    saveDraft(draft: Draft) {
      return table.conditionally(
        new PutCommand({
          TableName: table.name,
          Item: {
            PK: roundPk(draft.roundId),
            SK: draftSk(draft.formId, draft.municipality),
            entityType: 'draft',
            ...draft,
          },
          ConditionExpression: draft.revision === 1 ? 'attribute_not_exists(PK)' : 'revision = :previous',
          ExpressionAttributeValues: draft.revision === 1 ? undefined : { ':previous': draft.revision - 1 },
        }),
      );
    },

    getDraft(roundId: string, formId: string, municipality: string) {
      return table.get<Draft>(roundPk(roundId), draftSk(formId, municipality));
    },

    async deleteDraft(roundId: string, formId: string, municipality: string, supersededBy: number) {
      await table.conditionally(
        new DeleteCommand({
          TableName: table.name,
          Key: { PK: roundPk(roundId), SK: draftSk(formId, municipality) },
          ConditionExpression: 'baseVersion < :version',
          ExpressionAttributeValues: { ':version': supersededBy },
        }),
      );
    },
  };
}
