import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { maxVersion, type SubmissionVersion, type VersionKey } from '../../core/model.js';
import type { SubmissionStore } from '../../core/ports.js';
import { entity, roundPk, type Table } from './table.js';

/**
 * Version numbers are padded to 6 digits so the sort key orders them; `maxVersion` (999 999) keeps every
 * possible number within those digits, so the order (and `latestVersion`) can never break.
 */
export const versionSk = (formId: string, municipality: string, version: number) => {
  if (!Number.isInteger(version) || version < 1 || version > maxVersion) {
    throw new RangeError(`Versienummer buiten bereik: ${version}`);
  }
  return `VERSION#${formId}#${municipality}#${String(version).padStart(6, '0')}`;
};
/** Sparse GSI1 partition of the versions whose confirmation email is not recorded in the outbox yet. */
const unconfirmedIndex = 'SUBMISSIONS#unconfirmed';
const currentSk = (formId: string, municipality: string) => `CURRENT#${formId}#${municipality}`;

/**
 * A version's item: the same whenever it is written (a version never changes), listed in the sparse
 * unconfirmed index or not. Writing it again without the listing takes it off that list, as
 * `confirmationRecorded` does (a put, so it can go in a BatchWriteItem with the email's "sent").
 */
export function versionItem(version: SubmissionVersion, options: { unconfirmed: boolean }) {
  return {
    PK: roundPk(version.roundId),
    SK: versionSk(version.formId, version.municipality, version.version),
    ...(options.unconfirmed && {
      GSI1PK: unconfirmedIndex,
      GSI1SK: `${version.submittedAt}#${version.formId}#${version.municipality}`,
    }),
    entityType: 'version',
    ...version,
  };
}

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

    async putVersion(version: SubmissionVersion, options: { predecessorSeen?: boolean } = {}) {
      const pk = roundPk(version.roundId);
      if (version.version > 1 && !options.predecessorSeen) {
        // Versions are never changed or deleted, so a predecessor seen once stays: reading it and then
        // writing n + 1 only if absent is as safe as one atomic check, without a transaction.
        const predecessor = await table.documents.send(
          new GetCommand({
            TableName: table.name,
            Key: { PK: pk, SK: versionSk(version.formId, version.municipality, version.version - 1) },
            ProjectionExpression: 'PK',
            ConsistentRead: true,
          }),
        );
        if (!predecessor.Item) return 'gap';
      }
      // Listed as unconfirmed until its confirmation email is in the outbox: a crash in between is
      // repaired from this index (see repairSubmissions).
      const stored = await table.putIfAbsent(versionItem(version, { unconfirmed: true }));
      return stored ? 'stored' : 'taken';
    },

    async getVersion(roundId: string, formId: string, municipality: string, version: number) {
      // A number no version can have names nothing (rather than a malformed key).
      if (!Number.isInteger(version) || version < 1 || version > maxVersion) return undefined;
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

    async listUnconfirmed(before: string) {
      const keys = await table.queryAll<{ PK: string; SK: string }>(
        {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :before',
          ExpressionAttributeValues: { ':pk': unconfirmedIndex, ':before': before },
          ProjectionExpression: 'PK, SK',
        },
        true,
      );
      return keys.flatMap((item): VersionKey[] => {
        // PK ROUND#<round>, SK VERSION#<form>#<code>#<000001>: the key names the version.
        const [, formId, municipality, number] = item.SK.split('#');
        if (!item.PK.startsWith('ROUND#') || !formId || !municipality || !number) return [];
        return [{ roundId: item.PK.slice('ROUND#'.length), formId, municipality, version: Number(number) }];
      });
    },

    async confirmationRecorded(key: VersionKey) {
      await table.conditionally(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: roundPk(key.roundId), SK: versionSk(key.formId, key.municipality, key.version) },
          UpdateExpression: 'REMOVE GSI1PK, GSI1SK',
          ConditionExpression: 'attribute_exists(PK)',
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
