import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import type { Mailer, MailMessage, Store } from '../../functions/core/ports.js';
import { deliverOutbox } from '../../functions/jobs/deliver-outbox.js';
import type { RunningPipeline } from '../../functions/local/pipeline.js';

/**
 * Fault injection in the style of a simulation test: a store and a mailer that "die" at a chosen step
 * (before or after a chosen write), after which every call of that process fails, as nothing runs in a
 * dead process. A checker then reads the whole table and the mailbox for the invariant.
 */

export class ProcessDied extends Error {
  constructor(step: string) {
    super(`process died (${step})`);
    this.name = 'ProcessDied';
  }
}

/** The store methods that write; the steps a crash can fall between. */
export const writeMethods = [
  'claimSubmissionId',
  'moveSubmissionClaim',
  'putVersion',
  'advanceCurrent',
  'deleteDraft',
  'audit',
  'enqueueMail',
  'ensureMailListed',
  'advanceRepairMark',
  'claimMail',
  'markMailSent',
  'markMailFailed',
] as const satisfies readonly (keyof Store)[];

export interface CrashPlan {
  /** Index of the write (0-based, store writes and mailer sends counted together) to die at. */
  readonly at: number;
  readonly when: 'before' | 'after';
}

export interface MortalProcess {
  readonly store: Store;
  readonly mailer: Mailer;
  /** Every write this process did (or tried), in order: `putVersion`, `send`, … */
  readonly steps: string[];
  readonly died: boolean;
}

/** A process whose store and mailer die at `plan` (or never, without one: to record the steps). */
export function mortalProcess(store: Store, mailer: Mailer, plan?: CrashPlan): MortalProcess {
  const steps: string[] = [];
  let died = false;
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    if (died) throw new ProcessDied(`after death: ${name}`);
    const index = steps.length;
    steps.push(name);
    if (plan && plan.at === index && plan.when === 'before') {
      died = true;
      throw new ProcessDied(`before ${name}`);
    }
    const result = await work();
    if (plan && plan.at === index && plan.when === 'after') {
      died = true;
      throw new ProcessDied(`after ${name}`);
    }
    return result;
  };
  const writes = new Set<string>(writeMethods);
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const name = String(property);
      return (...args: unknown[]) => {
        if (writes.has(name)) return step(name, () => value.apply(target, args));
        if (died) return Promise.reject(new ProcessDied(`after death: ${name}`));
        return value.apply(target, args);
      };
    },
  });
  return {
    store: wrapped,
    mailer: { send: (message, options) => step('send', () => mailer.send(message, options)) },
    steps,
    get died() {
      return died;
    },
  };
}

/** A mailer that keeps what it sent (the mail service's own record), and can be down. */
export class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  down = false;
  async send(message: MailMessage): Promise<{ messageId: string }> {
    if (this.down) throw new Error('Could not connect to email.eu-central-1.amazonaws.com (ECONNREFUSED)');
    this.sent.push(message);
    return { messageId: `message-${this.sent.length}` };
  }
  /** How many times a message went to this address with this subject. */
  count(to: string, subject: string): number {
    return this.sent.filter((message) => message.to.includes(to) && message.subject === subject).length;
  }
}

/** Runs `work` over every item with at most `limit` at once (as many clients), answers in item order. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export type Item = Record<string, unknown>;

/** Every item of the table, read straight from DynamoDB. */
export async function scanTable(
  pipeline: Pick<RunningPipeline, 'dynamoClient' | 'tableName'>,
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await pipeline.dynamoClient.send(
      new ScanCommand({ TableName: pipeline.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return items;
}

/**
 * One email once no attempt is in flight any more (polled every 100 ms, for at most a minute): a request's
 * attempt goes on after its answer and ends within its own budget and timeouts.
 */
export async function mailSettled(store: Store, id: string) {
  for (let poll = 0; poll < 600; poll++) {
    const mail = await store.getMail(id);
    if (mail?.status !== 'sending') return mail;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${id}: still being sent`);
}

/**
 * After a burst: the sends still in flight (the answers went after the 2 s budget, the sends go on within
 * their own) end first; then what the budget left waiting goes with the outbox sender "a few minutes
 * later". Answers that second run's count of sent mails (0 when the first sent everything).
 */
export async function settleOutbox(
  pipeline: Pick<RunningPipeline, 'dynamoClient' | 'tableName' | 'store' | 'ses' | 'baseUrl'>,
): Promise<number> {
  for (let poll = 0; poll < 600; poll++) {
    const sending = (await scanTable(pipeline)).filter(
      (item) => item.entityType === 'mail' && item.status === 'sending',
    );
    if (sending.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const sender = {
    store: pipeline.store,
    mailer: new SesMailer('noreply@regietafel.example', new SESClient({ endpoint: pipeline.ses.url })),
    clock: { now: () => new Date(Date.now() + 5 * 60_000) },
  };
  await deliverOutbox(sender, { baseUrl: pipeline.baseUrl });
  return (await deliverOutbox(sender, { baseUrl: pipeline.baseUrl })).delivered.sent;
}

export interface InvariantReport {
  readonly versions: number;
  readonly problems: string[];
}

/**
 * The invariant over the whole table (and the mail service's record): per municipality's form the versions
 * are 1 … n without gaps, each submission id produced at most one version, the current copy is version n,
 * and every version has exactly one confirmation: recorded in the outbox, sent, listed for the repair,
 * and sent once (`sentCount`) — twice only for the mail ids in `sentTwice`, the documented window (the
 * mail service accepted it, then the process died before recording that).
 */
export function checkInvariant(
  items: readonly Item[],
  sentCount: (to: string, subject: string) => number,
  sentTwice: ReadonlySet<string> = new Set(),
): InvariantReport {
  const problems: string[] = [];
  const versions = items.filter((item) => item.entityType === 'version');
  const byForm = new Map<string, Item[]>();
  for (const version of versions) {
    const key = `${version.roundId}/${version.formId}/${version.municipality}`;
    byForm.set(key, [...(byForm.get(key) ?? []), version]);
  }
  const mails = new Map(
    items
      .filter((item) => item.entityType === 'mail')
      .map((item) => [String(item.PK).slice('MAIL#'.length), item]),
  );
  for (const [key, list] of byForm) {
    const numbers = list.map((item) => Number(item.version)).sort((a, b) => a - b);
    if (numbers.some((number, index) => number !== index + 1))
      problems.push(`${key}: versions ${numbers.join(',')}`);
    const ids = list.map((item) => String(item.submissionId));
    if (new Set(ids).size !== ids.length) problems.push(`${key}: a submission id produced two versions`);
    const [roundId, formId, municipality] = key.split('/');
    const current = items.find(
      (item) =>
        item.entityType === 'current' &&
        item.PK === `ROUND#${roundId}` &&
        item.SK === `CURRENT#${formId}#${municipality}`,
    );
    if (Number(current?.version) !== numbers.at(-1))
      problems.push(`${key}: current copy at ${current?.version}, latest ${numbers.at(-1)}`);
    for (const version of list) {
      const id = `confirmation#${roundId}#${formId}#${municipality}#v${version.version}`;
      const mail = mails.get(id);
      const to = (version.submittedBy as { email: string }).email;
      if (!mail) problems.push(`${id}: no confirmation recorded`);
      else if (mail.status !== 'sent') problems.push(`${id}: confirmation ${mail.status}`);
      else {
        const times = sentCount(to, String(mail.subject));
        const expected = sentTwice.has(id) ? 2 : 1;
        if (times !== expected)
          problems.push(`${id}: confirmation sent ${times} times, expected ${expected}`);
      }
      // Listed for the repair for good (it walks the list from its mark; the request never takes it off).
      if (version.GSI1PK !== 'SUBMISSIONS#unconfirmed') problems.push(`${id}: not listed for the repair`);
    }
  }
  return { versions: versions.length, problems };
}
