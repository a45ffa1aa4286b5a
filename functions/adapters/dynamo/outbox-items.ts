import { gunzipSync, gzipSync } from 'node:zlib';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxMail } from '../../core/model.js';
import type { OutboxStore } from '../../core/ports.js';
import type { Table } from './table.js';

const mailPk = (id: string) => `MAIL#${id}`;
const pendingIndex = 'OUTBOX#pending';
const failedIndex = 'OUTBOX#failed';
const sentIndex = 'OUTBOX#sent';

/** The outbox: one item per email (content gzipped), listed through GSI1 by status: pending, failed, sent. */
export function outboxItems(table: Table): OutboxStore {
  const update = (
    id: string,
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
  ) => new UpdateCommand({ TableName: table.name, Key: { PK: mailPk(id), SK: 'MAIL' }, ...input });

  return {
    enqueueMail(mail: OutboxMail) {
      // The content (HTML, text, CSV attachments) is stored gzipped: a summary for hundreds of
      // municipalities stays far below DynamoDB's 400 KB item limit.
      const { html, text, attachments, ...envelope } = mail;
      return table.putIfAbsent({
        PK: mailPk(mail.id),
        SK: 'MAIL',
        GSI1PK: pendingIndex,
        GSI1SK: `${mail.createdAt}#${mail.id}`,
        entityType: 'mail',
        ...envelope,
        content: gzipSync(JSON.stringify({ html, text, attachments })),
      });
    },

    async getMail(id: string) {
      const stored = await table.get<OutboxMail & { content?: Uint8Array }>(mailPk(id), 'MAIL');
      if (!stored) return undefined;
      const { content, ...envelope } = stored;
      return content ? { ...envelope, ...JSON.parse(gunzipSync(content).toString('utf8')) } : stored;
    },

    async listMail(status: 'pending' | 'failed') {
      const items = await table.queryAll<OutboxMail & { content?: Uint8Array }>({
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': status === 'pending' ? pendingIndex : failedIndex },
      });
      // The index is eventually consistent and only the envelope is needed to decide: leave the content out.
      return items.map(({ content: _content, ...envelope }) => ({ ...envelope, html: '', text: '' }));
    },

    async listSentMail(options: { before?: string; limit?: number } = {}) {
      const found: OutboxMail[] = [];
      for await (const page of table.queryPages<OutboxMail & { content?: Uint8Array }>({
        IndexName: 'GSI1',
        KeyConditionExpression: options.before ? 'GSI1PK = :pk AND GSI1SK < :before' : 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': sentIndex, ...(options.before && { ':before': options.before }) },
        ScanIndexForward: false,
      })) {
        found.push(
          ...page.map(({ content: _content, ...envelope }) => ({ ...envelope, html: '', text: '' })),
        );
        if (options.limit !== undefined && found.length >= options.limit)
          return found.slice(0, options.limit);
      }
      return found;
    },

    requeueMail(id: string, at: string) {
      return table.conditionally(
        update(id, {
          UpdateExpression: 'SET #status = :pending, GSI1PK = :index, nextAttemptAt = :at, attempts = :zero',
          ConditionExpression: '#status = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':failed': 'failed',
            ':index': pendingIndex,
            ':at': at,
            ':zero': 0,
          },
        }),
      );
    },

    claimMail(id: string, now: string, leaseUntil: string) {
      return table.conditionally(
        update(id, {
          UpdateExpression: 'SET #status = :sending, leaseUntil = :lease',
          ConditionExpression:
            'attribute_exists(PK) AND (#status = :pending OR (#status = :sending AND leaseUntil < :now))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':pending': 'pending',
            ':lease': leaseUntil,
            ':now': now,
          },
        }),
      );
    },

    async markMailSent(id: string, messageId: string, sentAt: string) {
      await table.documents.send(
        update(id, {
          // Sent mail stays listed (OUTBOX#sent, still by the time it was recorded): the retention job finds
          // what is past its period there, and the staff can see what went out.
          UpdateExpression:
            'SET #status = :sent, messageId = :messageId, sentAt = :sentAt, GSI1PK = :sentIndex REMOVE leaseUntil',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':messageId': messageId,
            ':sentAt': sentAt,
            ':sentIndex': sentIndex,
          },
        }),
      );
    },

    async markMailFailed(id: string, error: string, nextAttemptAt: string | undefined) {
      // Never over a recorded send: a late failure of one attempt does not undo another's success.
      await table.conditionally(
        update(id, {
          UpdateExpression: nextAttemptAt
            ? 'SET #status = :pending, lastError = :error, nextAttemptAt = :next ADD attempts :one REMOVE leaseUntil'
            : 'SET #status = :failed, lastError = :error, GSI1PK = :failedIndex ADD attempts :one REMOVE leaseUntil, nextAttemptAt',
          ConditionExpression: 'attribute_exists(PK) AND #status <> :sent',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':error': error.slice(0, 1000),
            ':one': 1,
            ...(nextAttemptAt
              ? { ':pending': 'pending', ':next': nextAttemptAt }
              : { ':failed': 'failed', ':failedIndex': failedIndex }),
          },
        }),
      );
    },
  };
}
