import { repairSubmissions } from '../core/complete-submission.js';
import { deliverDueMail, type SenderCounts } from '../core/deliver-mail.js';
import type { Clock, Mailer, Store } from '../core/ports.js';

export interface OutboxRun {
  /** Stored versions whose confirmation a crash had left unrecorded, now recorded. */
  readonly repaired: number;
  /** Versions the repair could not complete this time (tried again next run). */
  readonly repairFailed: number;
  readonly delivered: SenderCounts;
}

/** A run of the outbox sender stops taking new emails after this long (it runs every minute). */
export const outboxRunBudgetMs = 40_000;

/**
 * The outbox sender (`deliverOutbox`), every minute: on AWS its own EventBridge schedule, locally a timer
 * of `npm start`, the same code. First the repair — versions stored longer than a minute ago without a
 * recorded confirmation (a process died in between) get it — then every email that is due is sent, with
 * the backoff of earlier failures (1, 2, 4, 8 minutes). Safe to run twice at once.
 */
export async function deliverOutbox(
  deps: { store: Store; mailer: Mailer; clock: Clock },
  options: { baseUrl: string; runBudgetMs?: number },
): Promise<OutboxRun> {
  const repair = await repairSubmissions(deps, { baseUrl: options.baseUrl });
  const delivered = await deliverDueMail(deps, { runBudgetMs: options.runBudgetMs ?? outboxRunBudgetMs });
  return { repaired: repair.repaired, repairFailed: repair.failed, delivered };
}
