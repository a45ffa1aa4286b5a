import { suppressedMessage, withoutSuppressed } from './mail-events.js';
import type { Clock, Mailer, Store } from './ports.js';

/** How long a sender may hold an email before another may take it over. */
const leaseMs = 60_000;
/** After this many failed attempts the email is marked failed and needs a person to re-send it. */
export const maxAttempts = 5;

/** Exponential backoff: 1, 2, 4, 8 … minutes. */
export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'busy' | 'retry-later' | 'failed';

/**
 * Delivers one recorded email at most once: claim it (conditional write), send, record the message id.
 * A failure leaves it pending with a later attempt time, or failed after the retry budget — never lost.
 */
export async function deliverMail(
  deps: { store: Store; mailer: Mailer; clock: Clock },
  id: string,
): Promise<DeliveryOutcome> {
  const mail = await deps.store.getMail(id);
  if (!mail) throw new Error(`Onbekende e-mail in de outbox: ${id}`);
  if (mail.status === 'sent') return 'already-sent';
  const now = deps.clock.now();
  const claimed = await deps.store.claimMail(
    id,
    now.toISOString(),
    new Date(now.getTime() + leaseMs).toISOString(),
  );
  if (!claimed) return 'busy';
  try {
    // An address that bounced or complained before is never tried again (mail-events.ts).
    const { allowed, suppressed } = await withoutSuppressed(deps, mail);
    if (allowed.length === 0) {
      await deps.store.markMailFailed(id, suppressedMessage(suppressed), undefined);
      return 'failed';
    }
    const { messageId } = await deps.mailer.send({
      reference: mail.id,
      to: allowed,
      replyTo: mail.replyTo,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      attachments: mail.attachments,
    });
    await deps.store.markMailSent(id, messageId, deps.clock.now().toISOString());
    return 'sent';
  } catch (error) {
    const attempts = mail.attempts + 1;
    const giveUp = attempts >= maxAttempts;
    const next = giveUp
      ? undefined
      : new Date(deps.clock.now().getTime() + backoffMs(attempts)).toISOString();
    await deps.store.markMailFailed(id, error instanceof Error ? error.message : String(error), next);
    return giveUp ? 'failed' : 'retry-later';
  }
}

/**
 * Deliver what is due (`deliverDueMail`, the outbox sender): every pending email whose next attempt time
 * has come, one at a time. Safe to run twice at once: each email is claimed before it is sent.
 */
export async function deliverDueMail(deps: {
  store: Store;
  mailer: Mailer;
  clock: Clock;
}): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = {
    sent: 0,
    'already-sent': 0,
    busy: 0,
    'retry-later': 0,
    failed: 0,
  };
  const now = deps.clock.now().toISOString();
  for (const mail of await deps.store.listMail('pending')) {
    if (mail.nextAttemptAt && mail.nextAttemptAt > now) continue;
    counts[await deliverMail(deps, mail.id)]++;
  }
  return counts;
}
