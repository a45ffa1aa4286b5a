import { diffStored } from '../../forms/diff.js';
import { renderConfirmationEmail } from '../../forms/render/email.js';
import { amendLink } from './amend-link.js';
import { type ResolvedForm, resolveForm } from './form-context.js';
import type { OutboxMail, SubmissionVersion, VersionKey } from './model.js';
import type { Store } from './ports.js';
import { changesSincePrevious, referencedPrevious } from './previous-round.js';
import { regionContact } from './registry/secretariat.js';

/** Outbox key of a version's confirmation: one email per stored version, whatever happens. */
export function confirmationMailId(version: VersionKey) {
  return `confirmation#${version.roundId}#${version.formId}#${version.municipality}#v${version.version}`;
}

/**
 * The confirmation email of a version: its answers, the changes against the version it amends (`known`
 * when the caller read it already) and since the previous round, and the "wijzigen" link. The same
 * version renders the same email whenever it is rendered (the link follows the invitation's expiry).
 */
export async function confirmationEmail(
  store: Store,
  resolved: ResolvedForm,
  version: SubmissionVersion,
  formUrl: string | undefined,
  known?: SubmissionVersion,
) {
  const [previous, previousRound, amendUrl] = await Promise.all([
    version.version > 1
      ? (known ??
        store.getVersion(version.roundId, version.formId, version.municipality, version.version - 1))
      : undefined,
    referencedPrevious(store, version),
    // A fresh link for the invitation it was submitted with: opens the amend page on any device.
    amendLink({ store }, { version, round: resolved.round, formUrl }),
  ]);
  return renderConfirmationEmail({
    definition: resolved.definition,
    municipalityName: resolved.municipality.name,
    organisation: resolved.region.boardName,
    contact: regionContact(resolved.region),
    roundTitle: resolved.round.title,
    version: version.version,
    submittedAt: version.submittedAt,
    submittedBy: version.submittedBy.name,
    answers: version.answers,
    late: version.late,
    amendUrl,
    changes: previous ? diffStored(resolved.definition, previous, version) : undefined,
    sincePreviousRound: previousRound
      ? {
          roundTitle: previousRound.round.title,
          changes: changesSincePrevious(resolved.definition, previousRound.version, version),
        }
      : undefined,
    warnings: version.warnings,
  });
}

/**
 * The content of a recorded email, for sending it: as stored, or — a confirmation recorded without its
 * content (`renderFrom`) — rendered again from the version it confirms. Throws when that version is gone
 * (the retention job removed the round's submissions): the attempt then fails and is recorded as such.
 */
export async function mailContent(
  store: Store,
  mail: OutboxMail,
): Promise<Pick<OutboxMail, 'subject' | 'html' | 'text' | 'attachments'>> {
  const from = mail.renderFrom;
  if (!from || mail.html || mail.text) return mail;
  const version = await store.getVersion(from.roundId, from.formId, from.municipality, from.version);
  if (!version) throw new Error(`De inzending van deze bevestiging bestaat niet meer (${mail.id}).`);
  const resolved = await resolveForm(store, from);
  const rendered = await confirmationEmail(store, resolved, version, from.formUrl);
  return { subject: mail.subject, html: rendered.html, text: rendered.text };
}
