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
 * (deterministic id), then — within `mailBudgetMs` — try to send it. The version stays listed for the
 * repair (`repairSubmissions`), which finds the recorded email and leaves it be.
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
    // Someone else's request recorded it (unlisted while it sends): listed, should that request die.
    if (!(recorded && sending) && ((!existing && !recorded) || existing?.status === 'sending'))
      await deps.store.ensureMailListed(mailId);
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
    });
    // Still being tried: listed now (a failed attempt lists it itself), so the outbox sender finds it
    // should this process die before the attempt records its outcome.
    if (recorded && outcome === 'in-flight') await deps.store.ensureMailListed(mailId);
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
 * Repair what a crash can leave (`repairSubmissions`): every version submitted more than `repairAfterMs`
 * ago whose confirmation email is not recorded (the process died between storing it and recording the
 * email) is completed — current copy, draft, audit line, confirmation in the outbox; one recorded but
 * left unlisted by a request that died while sending it is listed. Sending is left to the outbox sender
 * that runs right after. Safe to run at any time and twice at once.
 *
 * Every version stays listed (the request never takes it off: that saves a write per submission), so the
 * repair walks the list from its mark — every version submitted before the mark is done — looking again
 * at one `repairAfterMs` before it: a version is in the table within its request's life (10 s on AWS)
 * after the time it carries, so none lands behind the mark unseen. The mark moves to the time of the
 * earliest version it could not complete, or else of the latest version it walked.
 */
export async function repairSubmissions(
  deps: { store: Store; mailer: Mailer; clock: Clock },
  options: { baseUrl: string },
): Promise<RepairRun> {
  const before = new Date(deps.clock.now().getTime() - repairAfterMs).toISOString();
  const mark = await deps.store.repairMark();
  const from = mark && new Date(Date.parse(mark) - repairAfterMs).toISOString();
  const walked = await deps.store.listStoredVersions(from, before);
  const recorded = await deps.store.mailEnvelopes(walked.map(confirmationMailId));
  let repaired = 0;
  let failed = 0;
  let earliestFailed: string | undefined;
  for (const key of walked) {
    try {
      const mail = recorded.get(confirmationMailId(key));
      if (mail) {
        // Recorded, and taken by a request that may have died while sending: listed for the sender.
        if (mail.status === 'sending') await deps.store.ensureMailListed(mail.id);
        continue;
      }
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
      if (done.deferred) throw done.deferred;
      repaired++;
    } catch {
      failed++;
      if (!earliestFailed || key.submittedAt < earliestFailed) earliestFailed = key.submittedAt;
    }
  }
  // In the versions' own time (not this run's clock): a version submitted after the latest one walked is
  // never behind the mark, whatever this clock says.
  const latest = walked.reduce<string | undefined>(
    (max, key) => (max === undefined || key.submittedAt > max ? key.submittedAt : max),
    undefined,
  );
  const reached = earliestFailed ?? latest;
  if (reached && (!mark || reached > mark)) await deps.store.advanceRepairMark(reached);
  return { repaired, failed };
}
