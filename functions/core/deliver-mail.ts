import { mailContent } from './confirmation-mail.js';
import { suppressedMessage, withoutSuppressed } from './mail-events.js';
import type { OutboxMail, Suppression } from './model.js';
import type { Clock, Mailer, Store } from './ports.js';

/** How long a sender may hold an email before another may take it over. */
export const leaseMs = 60_000;
/** After this many failed attempts the email is marked failed and needs a person to re-send it. */
export const maxAttempts = 5;

/**
 * How long a request (a submission, a button) waits for the mail service before it answers without it:
 * the email stays in the outbox and the outbox sender, which runs every minute, sends it.
 */
export const requestMailBudgetMs = 2_000;
/** How long the outbox sender gives one email (it has the time: nobody is waiting for an answer). */
export const senderMailBudgetMs = 15_000;

/** Exponential backoff: 1, 2, 4, 8 … minutes. */
export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

/**
 * Pauses before writing down a send again when that write failed (beyond the SDK's own quick retries):
 * the mail service has the email, so giving up now means the lease runs out and it goes a second time.
 * Together about 4 s, well inside the lease.
 */
const recordRetryDelaysMs = [250, 1_000, 3_000];

/** Records the send, trying again over a few seconds should the table not take the write at once. */
async function recordSent(deps: { store: Store; clock: Clock }, id: string, messageId: string) {
  for (let retry = 0; ; retry++) {
    try {
      return await deps.store.markMailSent(id, messageId, deps.clock.now().toISOString());
    } catch (error) {
      const delay = recordRetryDelaysMs[retry];
      if (delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** `in-flight`: the caller stopped waiting; the attempt goes on and records its own outcome. */
export type DeliveryOutcome = 'sent' | 'already-sent' | 'busy' | 'retry-later' | 'failed' | 'in-flight';

/** Rejects when the signal fires, whatever the mailer does with it (a mailer may not listen). */
function withinBudget<T>(work: Promise<T>, signal: AbortSignal, budgetMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(new Error(`De e-maildienst antwoordde niet binnen ${budgetMs / 1000} s (opnieuw later).`));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The attempt's outcome, or `in-flight` once `waitMs` has passed (the attempt is not stopped). */
function waitAtMost(attempt: Promise<DeliveryOutcome>, waitMs: number): Promise<DeliveryOutcome> {
  // What the attempt does after the caller stopped waiting is recorded by the attempt itself; should
  // even that fail, the claim's lease runs out and the outbox sender takes the email over.
  attempt.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopWaiting = new Promise<DeliveryOutcome>((resolve) => {
    timer = setTimeout(() => resolve('in-flight'), waitMs);
  });
  return Promise.race([attempt, stopWaiting]).finally(() => clearTimeout(timer));
}

/**
 * Delivers one recorded email at most once: claim it (conditional write), send within `budgetMs`, record
 * the message id. A failure or a send that takes too long leaves it pending with a later attempt time, or
 * failed after the retry budget — never lost. With `respectBackoff` (a retried request) an email waiting
 * for its next attempt is left to the outbox sender rather than sent again at once.
 *
 * `waitMs` (a request with a person waiting): the caller gets `in-flight` after that long, but the send is
 * not aborted — it goes on within `budgetMs` and records whether it went. Aborting a slow send would not
 * tell whether the mail service had already accepted it, and the retry would send it twice.
 *
 * The one window that cannot be closed without the mail service's help: a process that dies (or whose
 * write of the message id keeps failing, see `recordSent`) after the service accepted the email. The lease
 * then runs out and the email is sent again (at least once, rather than lost).
 *
 * @param options.mail the record as the caller just read or wrote it (saves reading it again);
 *   with `claimed`, the caller recorded it already taken for sending (`enqueueMail` with `claimedUntil`).
 */
export async function deliverMail(
  deps: { store: Store; mailer: Mailer; clock: Clock },
  id: string,
  options: {
    budgetMs?: number;
    waitMs?: number;
    respectBackoff?: boolean;
    mail?: OutboxMail;
    claimed?: boolean;
    /** The recipients' suppressions, when the caller read them already (saves a read). */
    suppressions?: readonly Suppression[];
  } = {},
): Promise<DeliveryOutcome> {
  const mail = options.mail ?? (await deps.store.getMail(id));
  if (!mail) throw new Error(`Onbekende e-mail in de outbox: ${id}`);
  if (mail.status === 'sent') return 'already-sent';
  const now = deps.clock.now();
  if (options.respectBackoff && mail.nextAttemptAt && mail.nextAttemptAt > now.toISOString())
    return 'retry-later';
  if (!options.claimed) {
    const claimed = await deps.store.claimMail(
      id,
      now.toISOString(),
      new Date(now.getTime() + leaseMs).toISOString(),
    );
    if (!claimed) return 'busy';
  }
  const budgetMs = options.budgetMs ?? senderMailBudgetMs;
  const attempt = (async (): Promise<DeliveryOutcome> => {
    const signal = AbortSignal.timeout(budgetMs);
    let messageId: string;
    try {
      // An address that bounced or complained before is never tried again (mail-events.ts).
      const { allowed, suppressed } = await withoutSuppressed(deps, mail, options.suppressions);
      if (allowed.length === 0) {
        await deps.store.markMailFailed(id, suppressedMessage(suppressed), undefined);
        return 'failed';
      }
      // A confirmation recorded without its content is rendered again from its version. (A static import:
      // a dynamic one made esbuild put everything confirmation-mail.ts reaches, the forms, zod and jose,
      // behind lazy initialisers in every bundle that has this file, even where it is tree-shaken away.)
      const content = mail.renderFrom ? await mailContent(deps.store, mail) : mail;
      ({ messageId } = await withinBudget(
        deps.mailer.send(
          {
            reference: mail.id,
            to: allowed,
            replyTo: mail.replyTo,
            subject: content.subject,
            html: content.html,
            text: content.text,
            attachments: content.attachments,
          },
          { signal },
        ),
        signal,
        budgetMs,
      ));
    } catch (error) {
      const attempts = mail.attempts + 1;
      const giveUp = attempts >= maxAttempts;
      const next = giveUp
        ? undefined
        : new Date(deps.clock.now().getTime() + backoffMs(attempts)).toISOString();
      await deps.store.markMailFailed(id, error instanceof Error ? error.message : String(error), next);
      return giveUp ? 'failed' : 'retry-later';
    }
    await recordSent(deps, id, messageId);
    return 'sent';
  })();
  return options.waitMs === undefined ? attempt : waitAtMost(attempt, options.waitMs);
}

export type SenderCounts = Record<DeliveryOutcome | 'deferred', number>;

/** After this many failures in a row the mail service is taken to be down: the rest waits for the next run. */
const failuresBeforePause = 3;

/**
 * Deliver what is due (`deliverDueMail`, the outbox sender): every pending email whose next attempt time
 * has come, one at a time, each within `mailBudgetMs`. Safe to run twice at once: each email is claimed
 * before it is sent. A run stops taking new emails after `runBudgetMs` (the next run, a minute later,
 * goes on), and after a few failures in a row (the mail service is down: the other emails keep their
 * attempts for when it is back); what it left is counted as `deferred`.
 */
export async function deliverDueMail(
  deps: { store: Store; mailer: Mailer; clock: Clock },
  options: { runBudgetMs?: number; mailBudgetMs?: number } = {},
): Promise<SenderCounts> {
  const counts: SenderCounts = {
    sent: 0,
    'already-sent': 0,
    busy: 0,
    'retry-later': 0,
    failed: 0,
    'in-flight': 0,
    deferred: 0,
  };
  const startedAt = performance.now();
  const now = deps.clock.now().toISOString();
  let failuresInARow = 0;
  for (const mail of await deps.store.listMail('pending')) {
    if (mail.nextAttemptAt && mail.nextAttemptAt > now) continue;
    const outOfTime =
      options.runBudgetMs !== undefined && performance.now() - startedAt > options.runBudgetMs;
    if (outOfTime || failuresInARow >= failuresBeforePause) {
      counts.deferred++;
      continue;
    }
    const outcome = await deliverMail(deps, mail.id, { budgetMs: options.mailBudgetMs });
    counts[outcome]++;
    failuresInARow = outcome === 'retry-later' ? failuresInARow + 1 : 0;
  }
  return counts;
}
