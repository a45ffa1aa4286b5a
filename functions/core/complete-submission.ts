import { confirmationEmail, confirmationMailId } from './confirmation-mail.js';
import { deliverMail, leaseMs } from './deliver-mail.js';
import { formPath, type ResolvedForm, resolveForm } from './form-context.js';
import type { Draft, OutboxMail, SubmissionVersion, Suppression } from './model.js';
import type { Clock, Mailer, Store } from './ports.js';
import { regionContact } from './registry/secretariat.js';

export { confirmationMailId } from './confirmation-mail.js';

/** The confirmation email of a version: sent now, or recorded in the outbox and following from there. */
export type MailState = 'sent' | 'pending';

export interface CompletedSubmission {
  readonly mail: MailState;
  /** What failed after the version was stored (the repair finishes it); undefined when all went well. */
  readonly deferred?: unknown;
}

/**
 * The steps after a version is stored (`completeSubmission`), each idempotent, so a retry or the repair
 * may run them again: move the current-version copy forward, delete the draft it supersedes, write the
 * audit line (deterministic key), record the confirmation email in the outbox
 * (deterministic id), then — within `mailBudgetMs` — try to send it; the version leaves the unconfirmed
 * list with the "sent" write, or once the email is recorded when it is not sent at once.
 *
 * Never throws: the version is stored, so whatever fails here is left to the outbox sender's repair, and
 * the caller answers with success ("the confirmation follows by email").
 */
export async function completeSubmission(
  deps: { store: Store; mailer: Mailer; clock: Clock },
  input: {
    readonly resolved: ResolvedForm;
    readonly version: SubmissionVersion;
    readonly formUrl: string | undefined;
    readonly actor: string;
    /** Just stored by this caller: the outbox cannot hold its email yet (saves a read). */
    readonly fresh: boolean;
    /** Send within this many ms; undefined: only record (the outbox sender sends). */
    readonly mailBudgetMs?: number;
    /** Version n − 1 when the caller read it already (for the email's list of changes). */
    readonly previous?: SubmissionVersion;
    /** The municipality's draft as the caller read it in this request (`found` undefined: none). */
    readonly draft?: { readonly found: Draft | undefined };
    /** The suppressions of the version's contact address, as the caller read them in this request. */
    readonly suppressions?: readonly Suppression[];
  },
): Promise<CompletedSubmission> {
  const { version } = input;
  const mailId = confirmationMailId(version);
  let recorded: OutboxMail | undefined;
  let existing: OutboxMail | undefined;
  const sending = input.mailBudgetMs !== undefined;
  try {
    // Everything before the outbox record happened once the email is recorded.
    if (!input.fresh) existing = await deps.store.getMail(mailId);
    if (!existing) {
      await deps.store.advanceCurrent(version);
      // Only a draft that is there and older than this version (a colleague's draft on top stays); reads
      // ignore a superseded draft too, should this delete not happen.
      if (!input.draft || (input.draft.found && input.draft.found.baseVersion < version.version)) {
        await deps.store.deleteDraft(version.roundId, version.formId, version.municipality, version.version);
      }
      const contact = regionContact(input.resolved.region);
      const mail: OutboxMail = {
        id: mailId,
        kind: 'confirmation',
        to: [version.submittedBy.email],
        replyTo: contact ? [contact.email] : undefined,
        ...(await confirmationEmail(deps.store, input.resolved, version, input.formUrl, input.previous)),
        createdAt: version.submittedAt,
        status: 'pending',
        attempts: 0,
        // Its content is not stored: should it be sent later, it is rendered again from the version.
        renderFrom: {
          roundId: version.roundId,
          formId: version.formId,
          municipality: version.municipality,
          version: version.version,
          ...(input.formUrl && { formUrl: input.formUrl }),
        },
      };
      // The audit line, then the email's envelope, which makes it recorded.
      await deps.store.audit({
        at: version.submittedAt,
        id: `${version.formId}#${version.municipality}#v${version.version}`,
        action: version.version === 1 ? 'submission' : 'amendment',
        actor: input.actor,
        roundId: version.roundId,
        municipality: version.municipality,
        details: {
          formId: version.formId,
          version: version.version,
          submittedBy: version.submittedBy.name,
          late: version.late,
          warnings: version.warnings?.length ?? 0,
        },
      });
      // A caller that sends at once records it already taken for sending (no second write to claim it);
      // should the send not happen, the lease runs out and the outbox sender sends it.
      const now = deps.clock.now();
      if (
        await deps.store.enqueueMail(mail, {
          // Out of the outbox index until sent (or not): the version's unconfirmed listing stands for it.
          ...(sending && { claimedUntil: new Date(now.getTime() + leaseMs).toISOString(), unlisted: true }),
        })
      ) {
        recorded = sending ? { ...mail, status: 'sending' } : mail;
      }
    }
    // Off the unconfirmed list now that the email is recorded; the email this caller recorded and sends
    // at once takes the version off with its "sent" write instead (below: or once it is not sent).
    if (!(recorded && sending)) {
      // Someone else's request recorded it (unlisted while it sends): listed first, should it die.
      if ((!existing && !recorded) || existing?.status === 'sending')
        await deps.store.ensureMailListed(mailId);
      await deps.store.confirmationRecorded(version);
    }
  } catch (error) {
    return { mail: 'pending', deferred: error };
  }
  if (input.mailBudgetMs === undefined) return { mail: 'pending' };
  try {
    // The answer waits at most the budget; a slower send goes on and records itself (deliver-mail.ts).
    const outcome = await deliverMail(deps, mailId, {
      waitMs: input.mailBudgetMs,
      respectBackoff: true,
      mail: recorded ?? existing,
      claimed: recorded !== undefined,
      suppressions: input.suppressions,
      confirms: recorded ? version : undefined,
    });
    // Not sent (yet): the email is recorded (and listed by the failed attempt; still being tried, listed
    // here), so the version comes off the list now (the outbox sends it).
    if (recorded && outcome !== 'sent') {
      if (outcome === 'in-flight') await deps.store.ensureMailListed(mailId);
      await deps.store.confirmationRecorded(version);
    }
    return { mail: outcome === 'sent' || outcome === 'already-sent' ? 'sent' : 'pending' };
  } catch (error) {
    return { mail: 'pending', deferred: error };
  }
}

/** How long a stored version may wait for its confirmation record before the repair takes it over. */
export const repairAfterMs = 60_000;

export interface RepairRun {
  /** Versions whose unfinished steps (current copy, audit, confirmation in the outbox) were completed. */
  readonly repaired: number;
  /** Versions that could not be completed now (tried again at the next run). */
  readonly failed: number;
}

/**
 * Repair what a crash can leave (`repairSubmissions`): every version stored more than `repairAfterMs` ago
 * whose confirmation email is still not recorded (the process died between storing it and recording the
 * email) is completed — current copy, draft, audit line, confirmation in the outbox. Sending is left to
 * the outbox sender that runs right after. Safe to run at any time and twice at once.
 */
export async function repairSubmissions(
  deps: { store: Store; mailer: Mailer; clock: Clock },
  options: { baseUrl: string },
): Promise<RepairRun> {
  const before = new Date(deps.clock.now().getTime() - repairAfterMs).toISOString();
  let repaired = 0;
  let failed = 0;
  for (const key of await deps.store.listUnconfirmed(before)) {
    try {
      const version = await deps.store.getVersion(key.roundId, key.formId, key.municipality, key.version);
      if (!version) continue;
      const [resolved, claim] = await Promise.all([
        resolveForm(deps.store, key),
        deps.store.getSubmissionClaim({ ...key, submissionId: version.submissionId }),
      ]);
      const done = await completeSubmission(deps, {
        resolved,
        version,
        formUrl: `${options.baseUrl}${formPath(key)}`,
        actor: claim?.actor ?? version.submittedBy.name,
        fresh: false,
      });
      if (done.deferred) failed++;
      else repaired++;
    } catch {
      failed++;
    }
  }
  return { repaired, failed };
}
