import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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
/**
 * GSI1 partition of every stored version, by the time it was submitted: the repair walks it from its mark
 * (`repairMark`). A version enters it when it is stored and never leaves (it never changes): the request
 * does not take it off. (Versions confirmed before this scheme were taken off; those still listed are
 * the unconfirmed ones, which the first walk, without a mark, finds.)
 */
const storedIndex = 'SUBMISSIONS#unconfirmed';
const currentSk = (formId: string, municipality: string) => `CURRENT#${formId}#${municipality}`;
/** How far the repair has looked: every version submitted before it has its confirmation recorded. */
const repairMarkKey = { PK: 'CONFIG', SK: 'REPAIR-MARK' };

/** A version's item: the same whenever it is written (a version never changes), listed for the repair. */
export function versionItem(version: SubmissionVersion) {
  return {
    PK: roundPk(version.roundId),
    SK: versionSk(version.formId, version.municipality, version.version),
    GSI1PK: storedIndex,
    GSI1SK: `${version.submittedAt}#${version.formId}#${version.municipality}`,
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
      // Listed for the repair, which walks the versions stored since its mark and completes any whose
      // confirmation is not recorded: a crash before the outbox record is repaired from this index.
      const stored = await table.putIfAbsent(versionItem(version));
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

    async listStoredVersions(from: string | undefined, before: string) {
      const keys = await table.queryAll<{ PK: string; SK: string; GSI1SK: string }>(
        {
          IndexName: 'GSI1',
          KeyConditionExpression: from
            ? 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :before'
            : 'GSI1PK = :pk AND GSI1SK < :before',
          ExpressionAttributeValues: {
            ':pk': storedIndex,
            ':before': before,
            ...(from && { ':from': from }),
          },
          ProjectionExpression: 'PK, SK, GSI1SK',
        },
        true,
      );
      return keys.flatMap((item): (VersionKey & { submittedAt: string })[] => {
        // PK ROUND#<round>, SK VERSION#<form>#<code>#<000001>: the key names the version.
        const [, formId, municipality, number] = item.SK.split('#');
        const [submittedAt] = item.GSI1SK.split('#');
        // BETWEEN includes `before` itself: only what was submitted before it.
        if (!item.PK.startsWith('ROUND#') || !formId || !municipality || !number || !submittedAt) return [];
        if (submittedAt >= before) return [];
        const roundId = item.PK.slice('ROUND#'.length);
        return [{ roundId, formId, municipality, version: Number(number), submittedAt }];
      });
    },

    async repairMark() {
      return (await table.get<{ at: string }>(repairMarkKey.PK, repairMarkKey.SK))?.at;
    },

    async advanceRepairMark(at: string) {
      // Only forward: of two repairs at once, the one that looked less far never moves it back.
      await table.conditionally(
        new PutCommand({
          TableName: table.name,
          Item: { ...repairMarkKey, entityType: 'repair-mark', at },
          ConditionExpression: 'attribute_not_exists(PK) OR #at < :at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':at': at },
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
