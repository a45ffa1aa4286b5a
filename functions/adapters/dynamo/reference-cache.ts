/**
 * This process's copy of the items that rarely change — rounds, municipalities, regions (with their
 * contacts) and published targets — for the reads that ask for it (`{ cached: true }`: the officials' form
 * pages). An entry is kept {@link referenceTtlMs} from when it was read; every write of such an item
 * through any store of this process empties the table's copy at once (the console, the CLI's use cases and
 * the local server run their writes through the same modules). What another process (another Lambda
 * container) changed is seen here at most {@link referenceTtlMs} later.
 *
 * Only answers are kept, never "not found" (an unknown id from a URL costs a read each time and cannot fill
 * the memory), and at most {@link maxEntries} of them.
 */

/** How long a copy is used: the longest a change made elsewhere stays unseen by a form page. */
export const referenceTtlMs = 30_000;
const maxEntries = 2_000;

interface Entry {
  readonly expiresAt: number;
  readonly value: Promise<unknown>;
}

const tables = new Map<string, Map<string, Entry>>();

/** `load()`, or what it answered for `key` less than {@link referenceTtlMs} ago in this process. */
export function cachedRead<T>(
  table: string,
  key: string,
  load: () => Promise<T | undefined>,
  now: number = Date.now(),
): Promise<T | undefined> {
  let entries = tables.get(table);
  if (!entries) {
    entries = new Map();
    tables.set(table, entries);
  }
  const found = entries.get(key);
  if (found && found.expiresAt > now) return found.value as Promise<T | undefined>;
  if (found) entries.delete(key);
  if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
  // Frozen: the copy is shared by every request of this process, so none may change it for the others.
  const value = load().then(deepFreeze);
  const entry: Entry = { expiresAt: now + referenceTtlMs, value };
  entries.set(key, entry);
  // A failed read or a "not found" is not kept: the next request asks again.
  const forget = () => {
    if (entries.get(key) === entry) entries.delete(key);
  };
  value.then((result) => result === undefined && forget(), forget);
  return value;
}

/**
 * Forgets this table's copies. Called after every write of a round, a registry item or targets, so a read
 * that began before the write (and could answer the old item) is dropped with the rest.
 */
export function forgetReferences(table: string): void {
  tables.get(table)?.clear();
}

/** Runs a write and then forgets the table's copies, whether the write succeeded or not. */
export async function thenForget<T>(table: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    forgetReferences(table);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
