import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../core/model.js';
import type { RetentionStore } from '../../core/ports.js';
import { contentSk } from './outbox-items.js';
import { roundPk, type Table } from './table.js';

type Key = { PK: string; SK: string };

const auditKey = (line: AuditEvent): Key => ({
  PK: `AUDIT#${line.roundId ?? 'global'}`,
  SK: `${line.at}#${line.id}`,
});

/**
 * The deletes and rewrites of the retention job, by key. The keys are those of the item modules next to
 * this one (table.ts has the layout); only these few operations ever remove data.
 */
export function retentionItems(table: Table): RetentionStore {
  const keysUnder = async (pk: string, prefix?: string): Promise<Key[]> =>
    (
      await table.queryAll<Key>(
        {
          KeyConditionExpression: prefix ? 'PK = :pk AND begins_with(SK, :prefix)' : 'PK = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(prefix && { ':prefix': prefix }) },
          ProjectionExpression: 'PK, SK',
          ConsistentRead: true,
        },
        true,
      )
    ).map(({ PK, SK }) => ({ PK, SK }));

  return {
    async deleteInvitation(id: string) {
      await table.documents.send(
        new DeleteCommand({ TableName: table.name, Key: { PK: `INVITATION#${id}`, SK: 'INVITATION' } }),
      );
    },

    async deleteRoundSubmissions(roundId: string) {
      const versions = await keysUnder(roundPk(roundId), 'VERSION#');
      const others = [
        ...(await keysUnder(roundPk(roundId), 'CURRENT#')),
        ...(await keysUnder(roundPk(roundId), 'SUMMARY#')),
      ];
      await table.deleteAll([...versions, ...others]);
      return versions.length;
    },

    async deleteAuditLine(line: AuditEvent) {
      await table.documents.send(new DeleteCommand({ TableName: table.name, Key: auditKey(line) }));
    },

    async replaceAuditLine(line: AuditEvent) {
      await table.documents.send(
        new PutCommand({
          TableName: table.name,
          Item: { ...auditKey(line), entityType: 'audit', ...line },
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
    },

    async removeMailContent(id: string, at: string) {
      const mail = await table.get<{
        status?: string;
        content?: unknown;
        contentItem?: boolean;
        renderFrom?: unknown;
      }>(`MAIL#${id}`, 'MAIL');
      // Only what has gone out: a pending email still needs its content, a failed one may be re-sent. Sent
      // is final (nothing puts a sent email back in the queue), so the content may go before the mark. A
      // confirmation stored without content loses what would render it again (`renderFrom`).
      if (
        mail?.status !== 'sent' ||
        (mail.content === undefined && !mail.contentItem && mail.renderFrom === undefined)
      )
        return false;
      if (mail.contentItem) {
        await table.documents.send(
          new DeleteCommand({ TableName: table.name, Key: { PK: `MAIL#${id}`, SK: contentSk } }),
        );
      }
      // A crash before this mark leaves the email to the next run, which deletes (nothing) and marks.
      return table.conditionally(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: `MAIL#${id}`, SK: 'MAIL' },
          UpdateExpression: 'REMOVE content, contentItem, renderFrom SET contentRemovedAt = :at',
          ConditionExpression:
            '#status = :sent AND (attribute_exists(content) OR attribute_exists(contentItem) OR attribute_exists(renderFrom))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':at': at },
        }),
      );
    },

    async deleteMail(id: string) {
      // The email item first, and only when it is done with (sent or given up on): a mail put back in the
      // queue in the meantime stays, and so do its events.
      const deleted = await table.conditionally(
        new DeleteCommand({
          TableName: table.name,
          Key: { PK: `MAIL#${id}`, SK: 'MAIL' },
          ConditionExpression: '#status IN (:sent, :failed)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':failed': 'failed' },
        }),
      );
      if (deleted) await table.deleteAll(await keysUnder(`MAIL#${id}`));
      return deleted;
    },
  };
}
