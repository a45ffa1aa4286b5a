import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SubmissionVersion } from '../../core/model.js';
import type { SubmissionStore } from '../../core/ports.js';
import { entity, roundPk, type Table } from './table.js';

const versionSk = (formId: string, municipality: string, version: number) =>
  `VERSION#${formId}#${municipality}#${String(version).padStart(6, '0')}`;
const currentSk = (formId: string, municipality: string) => `CURRENT#${formId}#${municipality}`;

/** Submitted versions (every one kept) and the current-version copy per municipality, in the round's partition. */
export function submissionItems(table: Table): SubmissionStore {
  return {
    listCurrent(roundId: string) {
      return table.queryAll<SubmissionVersion>({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': roundPk(roundId), ':prefix': 'CURRENT#' },
        ConsistentRead: true,
      });
    },

    currentPages(roundId: string, formId: string) {
      return table.queryPages<SubmissionVersion>({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': roundPk(roundId), ':prefix': `CURRENT#${formId}#` },
        ConsistentRead: true,
      });
    },

    versionPages(roundId: string, formId: string) {
      return table.queryPages<SubmissionVersion>({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': roundPk(roundId), ':prefix': `VERSION#${formId}#` },
        ConsistentRead: true,
      });
    },

    putVersion(version: SubmissionVersion) {
      return table.putIfAbsent({
        PK: roundPk(version.roundId),
        SK: versionSk(version.formId, version.municipality, version.version),
        entityType: 'version',
        ...version,
      });
    },

    getVersion(roundId: string, formId: string, municipality: string, version: number) {
      return table.get<SubmissionVersion>(roundPk(roundId), versionSk(formId, municipality, version));
    },

    async latestVersion(roundId: string, formId: string, municipality: string) {
      const result = await table.documents.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: {
            ':pk': roundPk(roundId),
            ':prefix': `VERSION#${formId}#${municipality}#`,
          },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      return entity<SubmissionVersion>(result.Items?.[0]);
    },

    async advanceCurrent(version: SubmissionVersion) {
      // False when the copy is already at this version or a newer one: nothing to do then.
      await table.conditionally(
        new PutCommand({
          TableName: table.name,
          Item: {
            PK: roundPk(version.roundId),
            SK: currentSk(version.formId, version.municipality),
            entityType: 'current',
            ...version,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR version < :version',
          ExpressionAttributeValues: { ':version': version.version },
        }),
      );
    },

    listVersions(roundId: string, formId: string, municipality: string) {
      return table.queryAll<SubmissionVersion>({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': roundPk(roundId),
          ':prefix': `VERSION#${formId}#${municipality}#`,
        },
        ConsistentRead: true,
      });
    },
  };
}
