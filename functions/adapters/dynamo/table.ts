import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

/**
 * The single-table layout (one table: PK, SK, GSI1PK/GSI1SK, TTL attribute `expiresAt`):
 *
 * | item                | PK                  | SK                                   | GSI1PK / GSI1SK          |
 * |---------------------|---------------------|--------------------------------------|--------------------------|
 * | province            | REGISTRY            | PROVINCE#<id>                        |                          |
 * | region              | REGISTRY            | REGION#<id>                          |                          |
 * | municipality        | REGISTRY            | MUNICIPALITY#<code>                  |                          |
 * | round               | ROUND#<id>          | ROUND                                | ROUNDS / <deadline>#<id> |
 * | submission version  | ROUND#<id>          | VERSION#<form>#<code>#<000001>       | SUBMISSIONS#unconfirmed / <at>#… (every version, for good: the repair walks it from its mark) |
 * | submission id       | ROUND#<id>          | SUBMISSION#<form>#<code>#<id>        |                          |
 * | current version     | ROUND#<id>          | CURRENT#<form>#<code>                |                          |
 * | draft (concept)     | ROUND#<id>          | DRAFT#<form>#<code>                  |  (TTL: expiresAt)        |
 * | outbox email        | MAIL#<id>           | MAIL                                 | OUTBOX#<status> / <at>#<id> (a confirmation being sent by its request: none yet) |
 * | invitation (link)   | INVITATION#<id>     | INVITATION                           | INVITATIONS#<round> / <code>#<at> |
 * | link signing key    | CONFIG              | INVITATION-KEY#current / #<id>       |                          |
 * | repair's mark       | CONFIG              | REPAIR-MARK                          |                          |
 * | audit line          | AUDIT#<round|global>| <at>#<id>                            |                          |
 * | summary snapshot    | ROUND#<id>          | SUMMARY#<scope>                      |                          |
 * | staff request       | REQUEST#<token>     | REQUEST                              |  (TTL: expiresAt)        |
 * | mail event (SES)    | MAIL#<id>           | EVENT#<at>#<type>#<recipient>        |                          |
 * | suppressed address  | SUPPRESSED#<addr>   | SUPPRESSED                           | SUPPRESSIONS / <addr>    |
 * | published targets   | TARGETS#<province>  | SPREIDING#<cycle>#<rev> / HUISVESTING#<half year>#<rev> |  |
 *
 * Only conditional writes, Query and BatchWrite: the same code runs on dynalite, which has no
 * transactions, streams or TTL deletion. Each kind of item has its own module next to this one
 * (`registry-items.ts`, `submission-items.ts`, …); `dynamo-store.ts` puts them together.
 */

export type QueryInput = Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>;

export const roundPk = (id: string) => `ROUND#${id}`;

/** DynamoDB's key limits (bytes, UTF-8): an item whose key would be longer cannot exist. */
const maxPartitionKeyBytes = 2048;
const maxSortKeyBytes = 1024;

/** Whether a key is one DynamoDB can hold; a longer one (an id from a hostile URL) names nothing. */
export function keyFits(pk: string, sk: string): boolean {
  return Buffer.byteLength(pk) <= maxPartitionKeyBytes && Buffer.byteLength(sk) <= maxSortKeyBytes;
}

/** Removes the key attributes from an item so only the entity remains. */
export function entity<T>(item: Record<string, unknown> | undefined): T | undefined {
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

/** The one table and the few ways every item module talks to it. */
export class Table {
  readonly documents: DynamoDBDocumentClient;

  /**
   * @param pageSize items per Query page; DynamoDB's own limit (1 MB) when undefined. Tests set a small
   *   one to prove that every listing follows `LastEvaluatedKey` to the end.
   */
  constructor(
    readonly name: string,
    client: DynamoDBClient,
    private readonly pageSize?: number,
  ) {
    this.documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }

  /** Sends a conditional write: true when it was applied, false when its condition did not hold. */
  async conditionally(command: PutCommand | UpdateCommand | DeleteCommand): Promise<boolean> {
    try {
      await this.documents.send(command as PutCommand);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    return this.conditionally(
      new PutCommand({
        TableName: this.name,
        Item: item,
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async get<T>(pk: string, sk: string): Promise<T | undefined> {
    if (!keyFits(pk, sk)) return undefined;
    const result = await this.documents.send(
      new GetCommand({ TableName: this.name, Key: { PK: pk, SK: sk }, ConsistentRead: true }),
    );
    return entity<T>(result.Item);
  }

  /**
   * Reads items by key, 100 per BatchGetItem (consistent), sending again what DynamoDB leaves
   * unprocessed. Answers in the order of `keys` (a key named twice, twice), undefined where there is no
   * item (or the key cannot be one: too long).
   */
  async getMany<T>(keys: readonly { PK: string; SK: string }[]): Promise<(T | undefined)[]> {
    const found = new Map<string, Record<string, unknown>>();
    // Each key once: DynamoDB refuses a BatchGetItem that names a key twice.
    const fitting = [
      ...new Map(
        keys.filter(({ PK, SK }) => keyFits(PK, SK)).map(({ PK, SK }) => [`${PK}\u0000${SK}`, { PK, SK }]),
      ).values(),
    ];
    for (let start = 0; start < fitting.length; start += 100) {
      let pending: Record<string, unknown>[] | undefined = fitting
        .slice(start, start + 100)
        .map(({ PK, SK }) => ({ PK, SK }));
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result: BatchGetCommandOutput = await this.documents.send(
          new BatchGetCommand({ RequestItems: { [this.name]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[this.name] ?? []) found.set(`${item.PK}\u0000${item.SK}`, item);
        pending = result.UnprocessedKeys?.[this.name]?.Keys;
      }
    }
    return keys.map(({ PK, SK }) => entity<T>(found.get(`${PK}\u0000${SK}`)));
  }

  /** Writes many items, 25 per BatchWrite, sending again what DynamoDB leaves unprocessed under load. */
  putAll(items: readonly Record<string, unknown>[]): Promise<void> {
    return this.batchWrite(items.map((item) => ({ PutRequest: { Item: item } })));
  }

  /** Deletes many items by key (`{ PK, SK }`), 25 per BatchWrite, like {@link putAll}. */
  deleteAll(keys: readonly { PK: unknown; SK: unknown }[]): Promise<void> {
    return this.batchWrite(keys.map(({ PK, SK }) => ({ DeleteRequest: { Key: { PK, SK } } })));
  }

  private async batchWrite(all: readonly Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < all.length; start += 25) {
      let requests: Record<string, unknown>[] | undefined = all.slice(start, start + 25);
      for (let attempt = 0; requests && requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await this.documents.send(
          new BatchWriteCommand({ RequestItems: { [this.name]: requests as never } }),
        );
        requests = result.UnprocessedItems?.[this.name] as Record<string, unknown>[] | undefined;
      }
    }
  }

  /** Runs a query to the end, page by page (DynamoDB returns at most 1 MB per page). */
  async queryAll<T>(input: QueryInput, keepKeys = false): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.queryPages<T>(input, keepKeys)) items.push(...page);
    return items;
  }

  /** A query's pages, one request each, following LastEvaluatedKey; only one page is held at a time. */
  async *queryPages<T>(input: QueryInput, keepKeys = false): AsyncGenerator<T[]> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          ...input,
          TableName: this.name,
          ExclusiveStartKey: startKey,
          Limit: this.pageSize,
        }),
      );
      yield (page.Items ?? []).map((item) => (keepKeys ? (item as T) : entity<T>(item)!));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
