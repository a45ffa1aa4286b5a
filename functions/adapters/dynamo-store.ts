import { randomBytes, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  AuditEvent,
  Draft,
  Invitation,
  Municipality,
  OutboxMail,
  Region,
  Registry,
  Round,
  SubmissionVersion,
} from '../core/model.js';
import type { Store } from '../core/ports.js';

/**
 * The single-table layout (one table: PK, SK, GSI1PK/GSI1SK, TTL attribute `expiresAt`):
 *
 * | item                | PK                  | SK                                   | GSI1PK / GSI1SK          |
 * |---------------------|---------------------|--------------------------------------|--------------------------|
 * | province            | REGISTRY            | PROVINCE#<id>                        |                          |
 * | region              | REGISTRY            | REGION#<id>                          |                          |
 * | municipality        | REGISTRY            | MUNICIPALITY#<code>                  |                          |
 * | round               | ROUND#<id>          | ROUND                                | ROUNDS / <deadline>#<id> |
 * | submission version  | ROUND#<id>          | VERSION#<form>#<code>#<000001>       |                          |
 * | current version     | ROUND#<id>          | CURRENT#<form>#<code>                |                          |
 * | draft (concept)     | ROUND#<id>          | DRAFT#<form>#<code>                  |  (TTL: expiresAt)        |
 * | outbox email        | MAIL#<id>           | MAIL                                 | OUTBOX#pending / <at>    |
 * | invitation (link)   | INVITATION#<id>     | INVITATION                           | INVITATIONS#<round> / <code>#<at> |
 * | link signing key    | CONFIG              | INVITATION-KEY#current / #<id>       |                          |
 * | audit line          | AUDIT#<round|global>| <at>#<id>                            |                          |
 * | summary snapshot    | ROUND#<id>          | SUMMARY#<scope>                      |                          |
 *
 * Only conditional writes, Query and BatchWrite: the same code runs on dynalite, which has no
 * transactions, streams or TTL deletion.
 */

const registryPk = 'REGISTRY';
const roundPk = (id: string) => `ROUND#${id}`;
const versionSk = (formId: string, municipality: string, version: number) =>
  `VERSION#${formId}#${municipality}#${String(version).padStart(6, '0')}`;
const currentSk = (formId: string, municipality: string) => `CURRENT#${formId}#${municipality}`;
const draftSk = (formId: string, municipality: string) => `DRAFT#${formId}#${municipality}`;
const mailPk = (id: string) => `MAIL#${id}`;
const pendingIndex = 'OUTBOX#pending';

/** Removes the key attributes from an item so only the entity remains. */
function entity<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, entityType: _type, ...rest } = item;
  return rest as T;
}

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof Error && error.name === 'ConditionalCheckFailedException')
  );
}

export class DynamoStore implements Store {
  private readonly documents: DynamoDBDocumentClient;
  /** Signing keys never change once written: cache them for the life of the process. */
  private readonly keys = new Map<string, { id: string; secret: string }>();

  /**
   * @param pageSize items per Query page; DynamoDB's own limit (1 MB) when undefined. Tests set a small
   *   one to prove that every listing follows `LastEvaluatedKey` to the end.
   */
  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
    private readonly pageSize?: number,
  ) {
    this.documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }

  /** Sends a conditional write: true when it was applied, false when its condition did not hold. */
  private async conditionally(command: PutCommand | UpdateCommand): Promise<boolean> {
    try {
      await this.documents.send(command as PutCommand);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    return this.conditionally(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  private async get<T>(pk: string, sk: string): Promise<T | undefined> {
    const result = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: pk, SK: sk }, ConsistentRead: true }),
    );
    return entity<T>(result.Item);
  }

  async putRegistry(registry: Registry): Promise<void> {
    const items = [
      ...registry.provinces.map((province) => ({
        PK: registryPk,
        SK: `PROVINCE#${province.id}`,
        entityType: 'province',
        ...province,
      })),
      ...registry.regions.map((region) => ({
        PK: registryPk,
        SK: `REGION#${region.id}`,
        entityType: 'region',
        ...region,
      })),
      ...registry.municipalities.map((municipality) => ({
        PK: registryPk,
        SK: `MUNICIPALITY#${municipality.code}`,
        entityType: 'municipality',
        ...municipality,
      })),
    ];
    for (let start = 0; start < items.length; start += 25) {
      let requests: Record<string, unknown>[] | undefined = items
        .slice(start, start + 25)
        .map((item) => ({ PutRequest: { Item: item } }));
      // BatchWrite may leave items unprocessed under load: send them again until none remain.
      for (let attempt = 0; requests && requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await this.documents.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests as never } }),
        );
        requests = result.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
      }
    }
  }

  async getRegistry(): Promise<Registry> {
    const items = await this.queryAll<Record<string, unknown>>(
      {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': registryPk },
        ConsistentRead: true,
      },
      true,
    );
    const of = <T>(type: string) =>
      items.filter((item) => item.entityType === type).map((item) => entity<T>(item)!) as T[];
    return {
      provinces: of('province'),
      regions: of('region'),
      municipalities: of('municipality'),
    };
  }

  getMunicipality(code: string): Promise<Municipality | undefined> {
    return this.get<Municipality>(registryPk, `MUNICIPALITY#${code}`);
  }

  getRegion(id: string): Promise<Region | undefined> {
    return this.get<Region>(registryPk, `REGION#${id}`);
  }

  createRound(round: Round): Promise<boolean> {
    return this.putIfAbsent({
      PK: roundPk(round.id),
      SK: 'ROUND',
      GSI1PK: 'ROUNDS',
      GSI1SK: `${round.deadline}#${round.id}`,
      entityType: 'round',
      ...round,
    });
  }

  getRound(id: string): Promise<Round | undefined> {
    return this.get<Round>(roundPk(id), 'ROUND');
  }

  listRounds(): Promise<Round[]> {
    return this.queryAll<Round>({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': 'ROUNDS' },
    });
  }

  async updateRound(round: Round): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          PK: roundPk(round.id),
          SK: 'ROUND',
          GSI1PK: 'ROUNDS',
          GSI1SK: `${round.deadline}#${round.id}`,
          entityType: 'round',
          ...round,
        },
        ConditionExpression: 'attribute_exists(PK) AND formId = :formId',
        ExpressionAttributeValues: { ':formId': round.formId },
      }),
    );
  }

  listCurrent(roundId: string): Promise<SubmissionVersion[]> {
    return this.queryAll<SubmissionVersion>({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': roundPk(roundId), ':prefix': 'CURRENT#' },
      ConsistentRead: true,
    });
  }

  currentPages(roundId: string, formId: string): AsyncIterable<SubmissionVersion[]> {
    return this.queryPages<SubmissionVersion>({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': roundPk(roundId), ':prefix': `CURRENT#${formId}#` },
      ConsistentRead: true,
    });
  }

  versionPages(roundId: string, formId: string): AsyncIterable<SubmissionVersion[]> {
    return this.queryPages<SubmissionVersion>({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': roundPk(roundId), ':prefix': `VERSION#${formId}#` },
      ConsistentRead: true,
    });
  }

  listDrafts(roundId: string): Promise<Draft[]> {
    return this.queryAll<Draft>({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': roundPk(roundId), ':prefix': 'DRAFT#' },
      ConsistentRead: true,
    });
  }

  putVersion(version: SubmissionVersion): Promise<boolean> {
    return this.putIfAbsent({
      PK: roundPk(version.roundId),
      SK: versionSk(version.formId, version.municipality, version.version),
      entityType: 'version',
      ...version,
    });
  }

  getVersion(roundId: string, formId: string, municipality: string, version: number) {
    return this.get<SubmissionVersion>(roundPk(roundId), versionSk(formId, municipality, version));
  }

  async latestVersion(roundId: string, formId: string, municipality: string) {
    const result = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
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
  }

  async advanceCurrent(version: SubmissionVersion): Promise<void> {
    // False when the copy is already at this version or a newer one: nothing to do then.
    await this.conditionally(
      new PutCommand({
        TableName: this.tableName,
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
  }

  listVersions(roundId: string, formId: string, municipality: string): Promise<SubmissionVersion[]> {
    return this.queryAll<SubmissionVersion>({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': roundPk(roundId), ':prefix': `VERSION#${formId}#${municipality}#` },
      ConsistentRead: true,
    });
  }

  async saveDraft(draft: Draft): Promise<boolean> {
    return this.conditionally(
      new PutCommand({
        TableName: this.tableName,
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
  }

  getDraft(roundId: string, formId: string, municipality: string): Promise<Draft | undefined> {
    return this.get<Draft>(roundPk(roundId), draftSk(formId, municipality));
  }

  async deleteDraft(roundId: string, formId: string, municipality: string): Promise<void> {
    await this.documents.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { PK: roundPk(roundId), SK: draftSk(formId, municipality) },
      }),
    );
  }

  async invitationKey(id?: string): Promise<{ id: string; secret: string }> {
    const cached = this.keys.get(id ?? 'current');
    if (cached) return cached;
    let key = await this.get<{ id: string; secret: string }>('CONFIG', `INVITATION-KEY#${id ?? 'current'}`);
    if (!key && id) {
      const current = await this.invitationKey();
      if (current.id === id) key = current;
    }
    if (!key && id) throw new Error(`Onbekende sleutel voor uitnodigingslinks: ${id}`);
    if (!key) {
      const created = { id: randomUUID(), secret: randomBytes(32).toString('base64') };
      // Whoever writes first wins; everyone else reads the winner's key.
      if (
        await this.putIfAbsent({ PK: 'CONFIG', SK: 'INVITATION-KEY#current', entityType: 'key', ...created })
      ) {
        await this.putIfAbsent({
          PK: 'CONFIG',
          SK: `INVITATION-KEY#${created.id}`,
          entityType: 'key',
          ...created,
        });
      }
      key = await this.get<{ id: string; secret: string }>('CONFIG', 'INVITATION-KEY#current');
    }
    this.keys.set(id ?? 'current', key!);
    return key!;
  }

  async putInvitation(invitation: Invitation): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          PK: `INVITATION#${invitation.id}`,
          SK: 'INVITATION',
          GSI1PK: `INVITATIONS#${invitation.roundId}`,
          GSI1SK: `${invitation.municipality}#${invitation.createdAt}`,
          entityType: 'invitation',
          ...invitation,
        },
      }),
    );
  }

  getInvitation(id: string): Promise<Invitation | undefined> {
    return this.get<Invitation>(`INVITATION#${id}`, 'INVITATION');
  }

  async listInvitations(roundId: string): Promise<Invitation[]> {
    return this.queryAll<Invitation>({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `INVITATIONS#${roundId}` },
    });
  }

  async revokeInvitation(id: string, at: string): Promise<boolean> {
    return this.conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: `INVITATION#${id}`, SK: 'INVITATION' },
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async recordInvitationSent(id: string, to: readonly string[]): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: `INVITATION#${id}`, SK: 'INVITATION' },
        UpdateExpression: 'SET sentTo = :to',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':to': [...to] },
      }),
    );
  }

  async audit(event: AuditEvent): Promise<void> {
    await this.putIfAbsent({
      PK: `AUDIT#${event.roundId ?? 'global'}`,
      SK: `${event.at}#${event.id}`,
      entityType: 'audit',
      ...event,
    });
  }

  listAudit(roundId?: string): Promise<AuditEvent[]> {
    return this.queryAll<AuditEvent>({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${roundId ?? 'global'}` },
      ConsistentRead: true,
    });
  }

  /** Runs a query to the end, page by page (DynamoDB returns at most 1 MB per page). */
  private async queryAll<T>(
    input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>,
    keepKeys = false,
  ): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.queryPages<T>(input, keepKeys)) items.push(...page);
    return items;
  }

  /** A query's pages, one request each, following LastEvaluatedKey; only one page is held at a time. */
  private async *queryPages<T>(
    input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>,
    keepKeys = false,
  ): AsyncGenerator<T[]> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ExclusiveStartKey: startKey,
          Limit: this.pageSize,
        }),
      );
      yield (page.Items ?? []).map((item) => (keepKeys ? (item as T) : entity<T>(item)!));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  enqueueMail(mail: OutboxMail): Promise<boolean> {
    // The content (HTML, text, CSV attachments) is stored gzipped: a summary for hundreds of
    // municipalities stays far below DynamoDB's 400 KB item limit.
    const { html, text, attachments, ...envelope } = mail;
    return this.putIfAbsent({
      PK: mailPk(mail.id),
      SK: 'MAIL',
      GSI1PK: pendingIndex,
      GSI1SK: `${mail.createdAt}#${mail.id}`,
      entityType: 'mail',
      ...envelope,
      content: gzipSync(JSON.stringify({ html, text, attachments })),
    });
  }

  async getMail(id: string): Promise<OutboxMail | undefined> {
    const stored = await this.get<OutboxMail & { content?: Uint8Array }>(mailPk(id), 'MAIL');
    if (!stored) return undefined;
    const { content, ...envelope } = stored;
    return content ? { ...envelope, ...JSON.parse(gunzipSync(content).toString('utf8')) } : stored;
  }

  async listMail(status: 'pending' | 'failed'): Promise<OutboxMail[]> {
    const items = await this.queryAll<OutboxMail & { content?: Uint8Array }>({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': status === 'pending' ? pendingIndex : 'OUTBOX#failed' },
    });
    // The index is eventually consistent and only the envelope is needed to decide: leave the content out.
    return items.map(({ content: _content, ...envelope }) => ({ ...envelope, html: '', text: '' }));
  }

  async requeueMail(id: string, at: string): Promise<boolean> {
    return this.conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: mailPk(id), SK: 'MAIL' },
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
  }

  async getSummarySnapshot(roundId: string, scope: string): Promise<unknown> {
    const item = await this.get<{ snapshot: unknown }>(roundPk(roundId), `SUMMARY#${scope}`);
    return item?.snapshot;
  }

  async putSummarySnapshot(roundId: string, scope: string, snapshot: unknown): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { PK: roundPk(roundId), SK: `SUMMARY#${scope}`, entityType: 'summary-snapshot', snapshot },
      }),
    );
  }

  async claimMail(id: string, now: string, leaseUntil: string): Promise<boolean> {
    return this.conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: mailPk(id), SK: 'MAIL' },
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
  }

  async markMailSent(id: string, messageId: string, sentAt: string): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: mailPk(id), SK: 'MAIL' },
        UpdateExpression:
          'SET #status = :sent, messageId = :messageId, sentAt = :sentAt REMOVE leaseUntil, GSI1PK, GSI1SK',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':messageId': messageId, ':sentAt': sentAt },
      }),
    );
  }

  async markMailFailed(id: string, error: string, nextAttemptAt: string | undefined): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: mailPk(id), SK: 'MAIL' },
        UpdateExpression: nextAttemptAt
          ? 'SET #status = :pending, lastError = :error, nextAttemptAt = :next ADD attempts :one REMOVE leaseUntil'
          : 'SET #status = :failed, lastError = :error, GSI1PK = :failedIndex ADD attempts :one REMOVE leaseUntil, nextAttemptAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: nextAttemptAt
          ? { ':pending': 'pending', ':error': error.slice(0, 1000), ':next': nextAttemptAt, ':one': 1 }
          : {
              ':failed': 'failed',
              ':error': error.slice(0, 1000),
              ':failedIndex': 'OUTBOX#failed',
              ':one': 1,
            },
      }),
    );
  }
}
