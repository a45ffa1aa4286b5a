import { isDeepStrictEqual } from 'node:util';
import { formatDateTime } from '../../forms/format.js';
import { validateAnswers } from '../../forms/validate.js';
import { type CheckedAnswers, checkAnswers } from './check-answers.js';
import { completeSubmission, type MailState } from './complete-submission.js';
import { requestMailBudgetMs } from './deliver-mail.js';
import { Conflict, RoundNotOpen } from './errors.js';
import { type FormContextKey, resolveFormFor } from './form-context.js';
import type { SignedLink } from './invitation-tokens.js';
import { maxVersion, type Principal, type SubmissionVersion } from './model.js';
import type { Clock, Ids, Mailer, Store } from './ports.js';

export { confirmationMailId } from './complete-submission.js';

export interface SubmitFormDeps {
  readonly store: Store;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly ids: Ids;
}

export interface SubmitFormInput extends FormContextKey {
  readonly principal: Principal;
  /**
   * The link `principal` came from when only its signature was checked: its stored invitation is read
   * with the submission's first read and checked before anything is validated or stored.
   */
  readonly link?: SignedLink;
  /** Candidate answers: typed (JSON client) or decoded from a browser post. */
  readonly answers: unknown;
  /** Idempotency key; a retry with the same key returns the stored version. */
  readonly submissionId?: string;
  /** The version the official started from (0: nothing submitted yet). */
  readonly baseVersion: number;
  /** The form's own URL, for the link in the confirmation email. */
  readonly formUrl?: string;
  /** How long the confirmation email may take before the answer goes out without it (ms). */
  readonly mailBudgetMs?: number;
}

export interface SubmitFormResult {
  readonly version: SubmissionVersion;
  /** True when this was a repeat of an already stored submission (nothing new stored or sent). */
  readonly replayed: boolean;
  /** The confirmation email: sent now, or recorded and following from the outbox. */
  readonly mail: MailState;
  /**
   * What went wrong after the version was stored, if anything (the answer is still a success: the
   * version is kept, and the outbox sender finishes what is left).
   */
  readonly deferred?: unknown;
}

/**
 * A submission id may be looked up again this often when concurrent retries move it in between (the first
 * round takes it without looking).
 */
const claimRounds = 4;

/**
 * Submit a form (`submitForm`):
 * 1. resolve form, round and municipality (404) and check the principal acts for it (403); refuse when the
 *    round is not open, or closed without late submissions (403); validate the answers with the form's own
 *    definition (422, nothing stored) and compute the plausibility warnings (stored, never blocking);
 * 2. a submission id that already produced a version answers that version (`replayed`), stores and sends
 *    nothing new — whatever `baseVersion` the retry carries; with other answers it is a 409;
 * 3. take the submission id for version `baseVersion + 1` (put-if-absent), so it can only ever produce that
 *    one version;
 * 4. store the version: only when `baseVersion` is the latest (version n + 1 needs n and must not exist),
 *    else 409 and nothing is overwritten;
 * 5. move the current-version copy forward, delete the superseded draft, audit, record the confirmation
 *    email in the outbox (its content is not stored: rendered again from the version should the outbox
 *    send it) and try to send it within a short budget (it follows from the outbox otherwise).
 *
 * A crash after step 4 leaves a version without a recorded confirmation: a retry, or the outbox sender's
 * repair (`repairSubmissions`, which walks every stored version from its mark), finishes step 5. A crash between 3 and 4 leaves an id that names an unstored
 * version: a retry stores it there.
 */
export async function submitForm(deps: SubmitFormDeps, input: SubmitFormInput): Promise<SubmitFormResult> {
  const checked: CheckedAnswers | SubmitFormResult = await checkAnswers(deps, {
    ...input,
    mailTo: true,
  }).catch((error: unknown) => replayAfterClosing(deps, input, error));
  if (!('resolved' in checked)) return checked;
  const { resolved, answers } = checked;
  const submissionId = input.submissionId ?? deps.ids.newId();
  const key = {
    roundId: input.roundId,
    formId: input.formId,
    municipality: input.municipality,
    submissionId,
  };
  const target = input.baseVersion + 1;
  const finish = (version: SubmissionVersion, fresh: boolean) =>
    completeSubmission(deps, {
      resolved,
      version,
      formUrl: input.formUrl,
      actor: principalName(input.principal),
      fresh,
      mailBudgetMs: input.mailBudgetMs ?? requestMailBudgetMs,
      // What this request read already: the version amended (for the email's changes) and the draft.
      previous: checked.previous?.version === version.version - 1 ? checked.previous : undefined,
      draft: fresh ? { found: checked.draft } : undefined,
      suppressions: checked.suppressions,
    });
  const replay = async (stored: SubmissionVersion): Promise<SubmitFormResult> => {
    if (!sameAnswers(stored.answers, answers)) throw reusedId(stored);
    const done = await finish(stored, false);
    return { version: stored, replayed: true, ...done };
  };

  // An amendment only from the latest version: the base must exist (and n + 1 must not, below).
  const mayStore = !(input.baseVersion > 0 && !checked.previous) && target <= maxVersion;
  for (let round = 0; round < claimRounds; round++) {
    // The common case first: a new id is simply taken (put-if-absent); only when that fails, or when this
    // request cannot store anything, is the claim looked at.
    const claim = round === 0 && mayStore ? undefined : await deps.store.getSubmissionClaim(key);
    if (claim) {
      const bound = await deps.store.getVersion(key.roundId, key.formId, key.municipality, claim.version);
      if (bound?.submissionId === submissionId) return replay(bound);
      if (!bound && claim.version !== target) {
        // The request that took this id died before storing its version (or is storing it now): the id
        // may produce only that version, so this request (from another version) cannot store anything.
        throw await conflict(deps, input);
      }
      if (bound && claim.version !== target) {
        // Someone else's version has that number, so this id produced nothing: point it at the new one.
        if (!(await deps.store.moveSubmissionClaim(key, claim.version, target))) continue;
      }
    }
    if (!mayStore) throw await conflict(deps, input);
    const now = deps.clock.now().toISOString();
    if (
      !claim &&
      !(await deps.store.claimSubmissionId({
        ...key,
        version: target,
        claimedAt: now,
        actor: principalName(input.principal),
      }))
    ) {
      continue; // A twin request took the id a moment ago: look at what it did.
    }
    const version: SubmissionVersion = {
      roundId: key.roundId,
      formId: key.formId,
      municipality: key.municipality,
      version: target,
      submissionId,
      submittedAt: now,
      submittedBy: {
        name: String(answers[resolved.definition.contactNameKey] ?? ''),
        email: String(answers[resolved.definition.contactEmailKey] ?? ''),
      },
      late: checked.phase === 'late',
      answers,
      warnings: checked.warnings,
      definitionRevision: resolved.definition.revision,
      ...(input.principal.kind === 'municipality' &&
        input.principal.invitationId && { invitationId: input.principal.invitationId }),
      ...(checked.previousRound && {
        previousRound: {
          roundId: checked.previousRound.round.id,
          version: checked.previousRound.version.version,
        },
      }),
    };
    // The base read above is version n − 1 (an amendment), so putVersion need not read it again.
    const outcome = await deps.store.putVersion(version, { predecessorSeen: target > 1 });
    if (outcome === 'stored') return { version, replayed: false, ...(await finish(version, true)) };
    if (outcome === 'taken') {
      const existing = await deps.store.getVersion(key.roundId, key.formId, key.municipality, target);
      if (existing?.submissionId === submissionId) return replay(existing);
    }
    throw await conflict(deps, input);
  }
  throw await conflict(deps, input);
}

/**
 * A retry of a submission that was stored before the round closed (its answer lost at 16:59:59, sent again
 * at 17:00) is answered with its version, as any retry is, not refused as if nothing had been stored. Only
 * the same id with the same answers; anything else gets the round's own refusal (`error`). The round being
 * closed is rare, so these reads are made only then.
 */
async function replayAfterClosing(
  deps: SubmitFormDeps,
  input: SubmitFormInput,
  error: unknown,
): Promise<SubmitFormResult> {
  if (!(error instanceof RoundNotOpen) || input.submissionId === undefined) throw error;
  const key = { ...input, submissionId: input.submissionId };
  const resolved = await resolveFormFor(deps.store, input, input.principal, 'form:submit');
  const claim = await deps.store.getSubmissionClaim(key);
  const stored =
    claim && (await deps.store.getVersion(input.roundId, input.formId, input.municipality, claim.version));
  if (stored?.submissionId !== input.submissionId) throw error;
  const outcome = validateAnswers(resolved.definition, input.answers);
  if (!outcome.success || !sameAnswers(stored.answers, outcome.answers)) throw error;
  const done = await completeSubmission(deps, {
    resolved,
    version: stored,
    formUrl: input.formUrl,
    actor: principalName(input.principal),
    fresh: false,
    mailBudgetMs: input.mailBudgetMs ?? requestMailBudgetMs,
  });
  return { version: stored, replayed: true, ...done };
}

/** Answers compare as stored: key order does not matter, nor does −0 against 0. */
function sameAnswers(a: unknown, b: unknown): boolean {
  const normal = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  return isDeepStrictEqual(normal(a), normal(b));
}

function reusedId(stored: SubmissionVersion): Conflict {
  return new Conflict(
    `Deze inzending (submissionId) is al opgeslagen als versie ${stored.version}, met andere antwoorden. Er is niets gewijzigd. Wilt u iets wijzigen, verstuur het dan als nieuwe inzending vanaf versie ${stored.version}.`,
  );
}

/** The Dutch 409: who submitted the latest version, and that nothing was overwritten. */
async function conflict(deps: { store: Store }, key: FormContextKey): Promise<Conflict> {
  const latest = await deps.store.latestVersion(key.roundId, key.formId, key.municipality);
  return new Conflict(
    latest
      ? `Dit formulier is intussen gewijzigd: versie ${latest.version} is op ${formatDateTime(latest.submittedAt)} ingezonden door ${latest.submittedBy.name}. Uw wijziging is niet opgeslagen, er is niets overschreven.`
      : 'Dit formulier is intussen gewijzigd. Uw wijziging is niet opgeslagen. Open het formulier opnieuw.',
  );
}

/** How the audit trail names who acted: the municipality and the link it used, or the staff member. */
export function principalName(principal: Principal): string {
  return principal.kind === 'municipality'
    ? `${principal.municipality}${principal.invitationId ? ` (link ${principal.invitationId.slice(0, 8)})` : ''}`
    : (principal.email ?? principal.subject);
}
