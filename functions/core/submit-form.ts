import { isDeepStrictEqual } from 'node:util';
import { diffAnswers } from '../../forms/diff.js';
import { formatDateTime } from '../../forms/format.js';
import { renderConfirmationEmail } from '../../forms/render/email.js';
import { checkAnswers } from './check-answers.js';
import { type DeliveryOutcome, deliverMail } from './deliver-mail.js';
import { Conflict } from './errors.js';
import type { FormContextKey, ResolvedForm } from './form-context.js';
import type { Principal, SubmissionVersion } from './model.js';
import type { Clock, Ids, Mailer, Store } from './ports.js';
import { regionContact } from './registry/secretariat.js';

export interface SubmitFormDeps {
  readonly store: Store;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly ids: Ids;
}

export interface SubmitFormInput extends FormContextKey {
  readonly principal: Principal;
  /** Candidate answers: typed (JSON client) or decoded from a browser post. */
  readonly answers: unknown;
  /** Idempotency key; a retry with the same key returns the stored version. */
  readonly submissionId?: string;
  /** The version the official started from (0: nothing submitted yet). */
  readonly baseVersion: number;
  /** The form's own URL, for the link in the confirmation email. */
  readonly formUrl?: string;
}

export interface SubmitFormResult {
  readonly version: SubmissionVersion;
  /** True when this was a repeat of an already stored submission (nothing new stored or sent). */
  readonly replayed: boolean;
  readonly mail: DeliveryOutcome | 'not-sent';
}

/** Outbox key of a version's confirmation: one email per stored version, whatever happens. */
export function confirmationMailId(
  version: Pick<SubmissionVersion, 'roundId' | 'formId' | 'municipality' | 'version'>,
) {
  return `confirmation#${version.roundId}#${version.formId}#${version.municipality}#v${version.version}`;
}

/**
 * Submit a form (`submitForm`):
 * 1. resolve form, round and municipality (404) and check the principal acts for it (403);
 * 2. refuse when the round is not open, or closed without late submissions (403);
 * 3. validate the answers with the form's own definition (422, nothing stored), and compute the
 *    plausibility warnings (stored with the version, never blocking);
 * 4. store version `baseVersion + 1` with a conditional write — a retry of the same submission returns the
 *    stored version, anyone else's earlier save is a 409 and nothing is overwritten;
 * 5. move the current-version copy forward;
 * 6. delete the draft it supersedes;
 * 7. record the confirmation email (answers, what changed since the previous version, warnings) in the
 *    outbox once, then try to deliver it (a failure leaves it queued).
 */
export async function submitForm(deps: SubmitFormDeps, input: SubmitFormInput): Promise<SubmitFormResult> {
  const { resolved, phase, answers, warnings } = await checkAnswers(deps, input);
  const now = deps.clock.now();

  const version: SubmissionVersion = {
    roundId: input.roundId,
    formId: input.formId,
    municipality: input.municipality,
    version: input.baseVersion + 1,
    submissionId: input.submissionId ?? deps.ids.newId(),
    submittedAt: now.toISOString(),
    submittedBy: {
      name: String(answers[resolved.definition.contactNameKey] ?? ''),
      email: String(answers[resolved.definition.contactEmailKey] ?? ''),
    },
    late: phase === 'late',
    answers,
    warnings,
  };

  if (!(await deps.store.putVersion(version))) {
    const existing = await deps.store.getVersion(
      input.roundId,
      input.formId,
      input.municipality,
      version.version,
    );
    if (
      existing &&
      existing.submissionId === version.submissionId &&
      isDeepStrictEqual(existing.answers, answers)
    ) {
      // A double click or a retry: finish what the first request may not have (idempotent), store nothing new.
      const mail = await completeSubmission(deps, resolved, existing, input.formUrl);
      return { version: existing, replayed: true, mail: mail === 'sent' ? 'sent' : 'not-sent' };
    }
    const latest = await deps.store.latestVersion(input.roundId, input.formId, input.municipality);
    throw new Conflict(
      latest
        ? `Dit formulier is intussen gewijzigd: versie ${latest.version} is op ${formatDateTime(latest.submittedAt)} ingezonden door ${latest.submittedBy.name}. Uw wijziging is niet opgeslagen, er is niets overschreven.`
        : 'Dit formulier is intussen gewijzigd. Uw wijziging is niet opgeslagen. Open het formulier opnieuw.',
    );
  }
  await deps.store.audit({
    at: version.submittedAt,
    id: deps.ids.newId(),
    action: version.version === 1 ? 'submission' : 'amendment',
    actor: principalName(input.principal),
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
  const mail = await completeSubmission(deps, resolved, version, input.formUrl);
  return { version, replayed: false, mail };
}

/** How the audit trail names who acted: the municipality and the link it used, or the staff member. */
export function principalName(principal: Principal): string {
  return principal.kind === 'municipality'
    ? `${principal.municipality}${principal.invitationId ? ` (link ${principal.invitationId.slice(0, 8)})` : ''}`
    : (principal.email ?? principal.subject);
}

/** Steps after the version is stored; each is idempotent, so a retry may run them again safely. */
async function completeSubmission(
  deps: SubmitFormDeps,
  resolved: ResolvedForm,
  version: SubmissionVersion,
  formUrl: string | undefined,
): Promise<DeliveryOutcome> {
  await deps.store.advanceCurrent(version);
  // The draft is now superseded (reads ignore it too, should this delete not happen).
  await deps.store.deleteDraft(version.roundId, version.formId, version.municipality);
  const previous =
    version.version > 1
      ? await deps.store.getVersion(
          version.roundId,
          version.formId,
          version.municipality,
          version.version - 1,
        )
      : undefined;
  const contact = regionContact(resolved.region);
  const email = renderConfirmationEmail({
    definition: resolved.definition,
    municipalityName: resolved.municipality.name,
    organisation: resolved.region.boardName,
    contact,
    roundTitle: resolved.round.title,
    version: version.version,
    submittedAt: version.submittedAt,
    submittedBy: version.submittedBy.name,
    answers: version.answers,
    late: version.late,
    formUrl,
    changes: previous ? diffAnswers(resolved.definition, previous.answers, version.answers) : undefined,
    warnings: version.warnings,
  });
  const mailId = confirmationMailId(version);
  await deps.store.enqueueMail({
    id: mailId,
    kind: 'confirmation',
    to: [version.submittedBy.email],
    replyTo: contact ? [contact.email] : undefined,
    ...email,
    createdAt: version.submittedAt,
    status: 'pending',
    attempts: 0,
  });
  return deliverMail(deps, mailId);
}
