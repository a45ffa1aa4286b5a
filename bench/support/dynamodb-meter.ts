import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/**
 * A logging proxy in front of DynamoDB (dynalite): counts every call by operation and computes the write
 * units each write consumes as DynamoDB bills them — table and every global secondary index.
 *
 * dynalite answers `ReturnConsumedCapacity` for the table only and never for an index, so the proxy does
 * the arithmetic itself: before and after each write it reads the item (straight from dynalite, not
 * counted) and applies DynamoDB's rules — a write costs ceil(max(old, new item size) / 1 KB) units, a
 * failed conditional write too; an index costs, per DynamoDB's documentation, a put of the projected item
 * when the item enters it, a delete when it leaves, both when its index key changes, and one write of the
 * larger projection when it stays; a projection of `KEYS_ONLY` is the index and table keys only.
 */

const dynaliteDb = createRequire(import.meta.url)('dynalite/db/index.js') as {
  itemSize(item: Record<string, unknown>): number;
};

type Item = Record<string, Record<string, unknown>>;

interface IndexShape {
  readonly name: string;
  readonly keys: readonly string[];
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  readonly include: readonly string[];
}

export interface MeteredCall {
  readonly operation: string;
  /** What the call touched: the keys (PK/SK) of a write or GetItem, the key condition of a Query. */
  readonly target: string;
  readonly tableUnits: number;
  readonly indexUnits: Record<string, number>;
  /**
   * The table's units of a write as dynalite reports them (`ReturnConsumedCapacity`, which the proxy asks
   * for on every write): the check of `tableUnits`. Undefined for reads and for a write that failed.
   */
  readonly reportedTableUnits?: number;
  /** The size of DynamoDB's answer (its JSON body), in bytes: what the client receives and unmarshals. */
  readonly bytes: number;
}

export interface DynamoDbMeter {
  readonly url: string;
  /** Calls since the last reset, in order. */
  calls(): MeteredCall[];
  reset(): void;
  close(): Promise<void>;
}

/** PK/SK of a key or item, as `PK SK`. */
const keyText = (item: Item | undefined) =>
  item ? [item.PK, item.SK].map((value) => (value ? Object.values(value)[0] : '')).join(' ') : '';

function describe(input: Record<string, unknown>): string {
  if (input.Item || input.Key) return keyText((input.Item ?? input.Key) as Item);
  if (input.KeyConditionExpression) {
    const values = Object.values((input.ExpressionAttributeValues ?? {}) as Item).map(
      (value) => Object.values(value)[0],
    );
    return `${input.IndexName ? `${input.IndexName}: ` : ''}${String(input.KeyConditionExpression)} [${values.join(', ')}]`;
  }
  for (const request of ['RequestItems'] as const) {
    const items = input[request] as Record<string, Record<string, unknown>[] | { Keys: Item[] }> | undefined;
    if (!items) continue;
    return Object.values(items)
      .flatMap((entries) =>
        Array.isArray(entries)
          ? entries.map((one) => {
              const write = one as { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } };
              return write.PutRequest
                ? `put ${keyText(write.PutRequest.Item)}`
                : `delete ${keyText(write.DeleteRequest?.Key)}`;
            })
          : entries.Keys.map((key) => keyText(key)),
      )
      .join('; ');
  }
  return '';
}

const units = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

async function send(target: string, operation: string, body: unknown): Promise<unknown> {
  const response = await fetch(target, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/eu-central-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      'x-amz-date': '20260101T000000Z',
    },
    body: JSON.stringify(body),
  });
  return response.json();
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The table's capacity units in a write's answer (`ConsumedCapacity`, one or a list); undefined without. */
function reportedUnits(answer: Buffer): number | undefined {
  try {
    const consumed = (JSON.parse(answer.toString('utf8')) as { ConsumedCapacity?: unknown }).ConsumedCapacity;
    if (consumed === undefined) return undefined;
    return ([consumed].flat() as { CapacityUnits?: number }[]).reduce(
      (sum, one) => sum + (one.CapacityUnits ?? 0),
      0,
    );
  } catch {
    return undefined;
  }
}

/** Starts the proxy in front of `target` (dynalite's URL); clients point AWS_ENDPOINT_URL_DYNAMODB at `url`. */
export async function startDynamoDbMeter(target: string): Promise<DynamoDbMeter> {
  let log: MeteredCall[] = [];
  const tables = new Map<string, { keys: string[]; indexes: IndexShape[] }>();

  async function shape(table: string) {
    let known = tables.get(table);
    if (!known) {
      const described = (await send(target, 'DescribeTable', { TableName: table })) as {
        Table: {
          KeySchema: { AttributeName: string }[];
          GlobalSecondaryIndexes?: {
            IndexName: string;
            KeySchema: { AttributeName: string }[];
            Projection: { ProjectionType: IndexShape['projection']; NonKeyAttributes?: string[] };
          }[];
        };
      };
      known = {
        keys: described.Table.KeySchema.map((key) => key.AttributeName),
        indexes: (described.Table.GlobalSecondaryIndexes ?? []).map((index) => ({
          name: index.IndexName,
          keys: index.KeySchema.map((key) => key.AttributeName),
          projection: index.Projection.ProjectionType,
          include: index.Projection.NonKeyAttributes ?? [],
        })),
      };
      tables.set(table, known);
    }
    return known;
  }

  const read = async (table: string, key: Item): Promise<Item | undefined> =>
    ((await send(target, 'GetItem', { TableName: table, Key: key, ConsistentRead: true })) as { Item?: Item })
      .Item;

  function projected(item: Item, index: IndexShape, tableKeys: readonly string[]): Item {
    if (index.projection === 'ALL') return item;
    const keep = new Set([
      ...tableKeys,
      ...index.keys,
      ...(index.projection === 'INCLUDE' ? index.include : []),
    ]);
    return Object.fromEntries(Object.entries(item).filter(([name]) => keep.has(name)));
  }

  async function writeUnits(
    table: string,
    key: Item,
    before: Item | undefined,
    after: Item | undefined,
    attempted?: Item,
  ) {
    const { keys, indexes } = await shape(table);
    const size = (item: Item | undefined) => (item ? dynaliteDb.itemSize(item) : 0);
    const tableUnits = units(Math.max(size(before), size(after), size(attempted)));
    const indexUnits: Record<string, number> = {};
    for (const index of indexes) {
      const inIndex = (item: Item | undefined) =>
        item !== undefined && index.keys.every((name) => name in item);
      const keyOf = (item: Item) => JSON.stringify(index.keys.map((name) => item[name]));
      const [was, is] = [inIndex(before), inIndex(after)];
      let cost = 0;
      if (!was && is) cost = units(size(projected(after!, index, keys)));
      else if (was && !is) cost = units(size(projected(before!, index, keys)));
      else if (was && is && keyOf(before!) !== keyOf(after!)) {
        cost = units(size(projected(before!, index, keys))) + units(size(projected(after!, index, keys)));
      } else if (was && is && JSON.stringify(before) !== JSON.stringify(after)) {
        const [old, now] = [projected(before!, index, keys), projected(after!, index, keys)];
        // An update that changes nothing the index holds does not write to it.
        if (JSON.stringify(old) !== JSON.stringify(now)) cost = units(Math.max(size(old), size(now)));
      }
      if (cost > 0) indexUnits[index.name] = cost;
    }
    void key;
    return { tableUnits, indexUnits };
  }

  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
    const input = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    const table = String(input.TableName ?? '');
    const writes: { table: string; key: Item; attempted?: Item }[] = [];
    if (operation === 'PutItem' || operation === 'UpdateItem' || operation === 'DeleteItem') {
      const { keys } = await shape(table);
      const source = (input.Item ?? input.Key) as Item;
      const key = Object.fromEntries(keys.map((name) => [name, source[name]!])) as Item;
      writes.push({ table, key, attempted: operation === 'PutItem' ? (input.Item as Item) : undefined });
    }
    if (operation === 'BatchWriteItem') {
      for (const [name, requests] of Object.entries(
        input.RequestItems as Record<string, Record<string, { Item?: Item; Key?: Item }>[]>,
      )) {
        const { keys } = await shape(name);
        for (const one of requests) {
          const source = (one.PutRequest?.Item ?? one.DeleteRequest?.Key)!;
          writes.push({
            table: name,
            key: Object.fromEntries(keys.map((k) => [k, source[k]!])) as Item,
            attempted: one.PutRequest?.Item,
          });
        }
      }
    }
    const before = await Promise.all(writes.map((write) => read(write.table, write.key)));
    // dynalite's own count of the table's units, to check the proxy's against.
    const sent =
      writes.length > 0 && input.ReturnConsumedCapacity === undefined
        ? Buffer.from(JSON.stringify({ ...input, ReturnConsumedCapacity: 'TOTAL' }))
        : body;
    const forwarded = await new Promise<{
      status: number;
      headers: IncomingMessage['headers'];
      body: Buffer;
    }>((resolve, reject) => {
      const upstream = httpRequest(
        new URL(request.url ?? '/', target),
        { method: request.method, headers: { ...request.headers, 'content-length': String(sent.length) } },
        async (answer) =>
          resolve({
            status: answer.statusCode ?? 500,
            headers: answer.headers,
            body: await readBody(answer),
          }),
      );
      upstream.on('error', reject);
      upstream.end(sent);
    });
    const after = await Promise.all(writes.map((write) => read(write.table, write.key)));
    let tableUnits = 0;
    const indexUnits: Record<string, number> = {};
    for (const [i, write] of writes.entries()) {
      const cost = await writeUnits(write.table, write.key, before[i], after[i], write.attempted);
      tableUnits += cost.tableUnits;
      for (const [index, n] of Object.entries(cost.indexUnits))
        indexUnits[index] = (indexUnits[index] ?? 0) + n;
    }
    const reportedTableUnits = writes.length > 0 ? reportedUnits(forwarded.body) : undefined;
    if (operation !== 'DescribeTable')
      log.push({
        operation,
        target: describe(input),
        tableUnits,
        indexUnits,
        bytes: forwarded.body.length,
        ...(reportedTableUnits !== undefined && { reportedTableUnits }),
      });
    response.writeHead(forwarded.status, forwarded.headers);
    response.end(forwarded.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls: () => [...log],
    reset: () => {
      log = [];
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Write units of a list of calls: table, each index, and in all. */
export function totalWriteUnits(calls: readonly MeteredCall[]): {
  table: number;
  indexes: Record<string, number>;
  total: number;
} {
  const indexes: Record<string, number> = {};
  let table = 0;
  for (const call of calls) {
    table += call.tableUnits;
    for (const [index, n] of Object.entries(call.indexUnits)) indexes[index] = (indexes[index] ?? 0) + n;
  }
  return { table, indexes, total: table + Object.values(indexes).reduce((sum, n) => sum + n, 0) };
}
