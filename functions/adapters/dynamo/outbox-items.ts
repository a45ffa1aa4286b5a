import { gunzipSync, gzipSync } from 'node:zlib';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxMail } from '../../core/model.js';
import type { OutboxStore } from '../../core/ports.js';
import { entity, keyFits, type Table } from './table.js';

const mailPk = (id: string) => `MAIL#${id}`;
const pendingIndex = 'OUTBOX#pending';
const failedIndex = 'OUTBOX#failed';
const sentIndex = 'OUTBOX#sent';
/**
 * The gzipped content of an email (`MAIL#<id>` / `MAIL#CONTENT`), apart from its envelope (`MAIL`): one
 * Query for `begins_with(SK, 'MAIL')` reads both, and none of the email's SES events (`EVENT#…`).
 */
export const contentSk = 'MAIL#CONTENT';

/**
 * The outbox: per email an envelope (`MAIL`), listed through GSI1 by status (pending, failed, sent), and
 * its gzipped content (`CONTENT`), written once and outside every index. Records written before the
 * content had an item of its own carry it in the envelope; they are read the same way.
 */
export function outboxItems(table: Table): OutboxStore {
  const contentItem = (mail: OutboxMail) => {
    const { html, text, attachments } = mail;
    return {
      PK: mailPk(mail.id),
      SK: contentSk,
      entityType: 'mail-content',
      content: gzipSync(JSON.stringify({ html, text, attachments })),
    };
  };
  /** The envelope as stored: listed in GSI1 under `index` (by the time it was recorded), no content. */
  const envelopeItem = (mail: OutboxMail, index: string) => {
    const { html: _html, text: _text, attachments: _attachments, ...envelope } = mail;
    return {
      PK: mailPk(mail.id),
      SK: 'MAIL',
      GSI1PK: index,
      GSI1SK: `${mail.createdAt}#${mail.id}`,
      entityType: 'mail',
      ...envelope,
      // A confirmation that renders its content from its version (`renderFrom`) has no content item.
      ...(!mail.renderFrom && { contentItem: true }),
    };
  };

  const update = (
    id: string,
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
  ) => new UpdateCommand({ TableName: table.name, Key: { PK: mailPk(id), SK: 'MAIL' }, ...input });

  return {
    async enqueueMail(mail: OutboxMail, options: { claimedUntil?: string; unlisted?: boolean } = {}) {
      // The content (HTML, text, CSV attachments) is stored gzipped, in an item of its own that no index
      // holds: the envelope, listed through GSI1 and changed at every attempt, stays small. The content
      // first, so an envelope never names content that is not there; only when it is not there yet, so a
      // recorded email's content (or its removal by the retention job) is never replaced. A confirmation
      // stores none: it is rendered again from its version when it is sent later (`renderFrom`).
      const wroteContent = mail.renderFrom ? false : await table.putIfAbsent(contentItem(mail));
      const { GSI1PK, ...unlisted } = envelopeItem(mail, pendingIndex);
      const recorded = await table.putIfAbsent({
        // Unlisted (GSI1SK kept, so listing it is setting GSI1PK): an email its creator sends at once and
        // that is found otherwise should it not be sent (see ensureMailListed).
        ...(options.unlisted && options.claimedUntil ? unlisted : { GSI1PK, ...unlisted }),
        // Taken for sending by its creator, who sends it at once; should it not, the lease runs out and the
        // outbox sender takes it over.
        ...(options.claimedUntil && { status: 'sending', leaseUntil: options.claimedUntil }),
      });
      if (!recorded && wroteContent) {
        // The email was recorded before with its content inside (older records) or without it any more.
        await table.documents.send(
          new DeleteCommand({ TableName: table.name, Key: { PK: mailPk(mail.id), SK: contentSk } }),
        );
      }
      return recorded;
    },

    ensureMailListed(id: string) {
      return table.conditionally(
        update(id, {
          UpdateExpression: 'SET GSI1PK = :pending',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(GSI1PK)',
          ExpressionAttributeValues: { ':pending': pendingIndex },
        }),
      );
    },

    async getMail(id: string) {
      if (!keyFits(mailPk(id), contentSk)) return undefined;
      const items = await table.queryAll<Record<string, unknown>>(
        {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :mail)',
          ExpressionAttributeValues: { ':pk': mailPk(id), ':mail': 'MAIL' },
          ConsistentRead: true,
        },
        true,
      );
      const find = (sk: string) => entity(items.find((item) => item.SK === sk));
      const stored = find('MAIL') as
        | (OutboxMail & { content?: Uint8Array; contentItem?: boolean })
        | undefined;
      const separate = find(contentSk) as { content?: Uint8Array } | undefined;
      if (!stored) return undefined;
      const { content: inline, contentItem: _separate, ...envelope } = stored;
      const content = inline ?? separate?.content;
      return content
        ? { ...envelope, ...JSON.parse(gunzipSync(content).toString('utf8')) }
        : { ...envelope, html: '', text: '' };
    },

    async listMail(status: 'pending' | 'failed') {
      const items = await table.queryAll<OutboxMail & { content?: Uint8Array; contentItem?: boolean }>({
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': status === 'pending' ? pendingIndex : failedIndex },
      });
      // The index is eventually consistent and only the envelope is needed to decide: leave the content out.
      return items.map(({ content: _content, contentItem: _item, ...envelope }) => ({
        ...envelope,
        html: '',
        text: '',
      }));
    },

    async listSentMail(options: { before?: string; limit?: number } = {}) {
      const found: OutboxMail[] = [];
      for await (const page of table.queryPages<OutboxMail & { content?: Uint8Array; contentItem?: boolean }>(
        {
          IndexName: 'GSI1',
          KeyConditionExpression: options.before ? 'GSI1PK = :pk AND GSI1SK < :before' : 'GSI1PK = :pk',
          ExpressionAttributeValues: {
            ':pk': sentIndex,
            ...(options.before && { ':before': options.before }),
          },
          ScanIndexForward: false,
        },
      )) {
        found.push(
          ...page.map(({ content: _content, contentItem: _item, ...envelope }) => ({
            ...envelope,
            html: '',
            text: '',
          })),
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

    async mailEnvelopes(ids: readonly string[]) {
      const found = new Map<string, OutboxMail>();
      const items = await table.getMany<OutboxMail & { content?: Uint8Array; contentItem?: boolean }>(
        ids.map((id) => ({ PK: mailPk(id), SK: 'MAIL' })),
      );
      for (const [index, item] of items.entries()) {
        if (!item) continue;
        const { content: _content, contentItem: _item, ...envelope } = item;
        found.set(ids[index]!, { ...envelope, html: '', text: '' });
      }
      return found;
    },

    async markMailFailed(id: string, error: string, nextAttemptAt: string | undefined) {
      // Never over a recorded send: a late failure of one attempt does not undo another's success.
      await table.conditionally(
        update(id, {
          UpdateExpression: nextAttemptAt
            ? 'SET #status = :pending, lastError = :error, nextAttemptAt = :next, GSI1PK = :pendingIndex ADD attempts :one REMOVE leaseUntil'
            : 'SET #status = :failed, lastError = :error, GSI1PK = :failedIndex ADD attempts :one REMOVE leaseUntil, nextAttemptAt',
          ConditionExpression: 'attribute_exists(PK) AND #status <> :sent',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':error': error.slice(0, 1000),
            ':one': 1,
            ...(nextAttemptAt
              ? { ':pending': 'pending', ':next': nextAttemptAt, ':pendingIndex': pendingIndex }
              : { ':failed': 'failed', ':failedIndex': failedIndex }),
          },
        }),
      );
    },
  };
}
