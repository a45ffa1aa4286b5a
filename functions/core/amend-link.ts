import { signInvitation } from './invitation-tokens.js';
import { linkExpiry } from './invitations.js';
import type { Round, SubmissionVersion } from './model.js';
import type { Store } from './ports.js';

/**
 * The "wijzigen" link of a version's confirmation email (`amendLink`): a fresh link token for the
 * invitation the version was submitted with, on the site's invitation address (`/uitnodiging?code=…`), so
 * it opens the amend page in any browser, without the session cookie of the one that submitted.
 *
 * It is a new token for the same invitation, not a new invitation: revoking or reissuing that invitation
 * in the staff console revokes this link too (verifying a link reads the stored invitation), it expires
 * with it, and nothing is stored for it — no item, and no write on the submit path. A version without a
 * recorded invitation (stored before it was recorded) keeps the form's own address.
 */
export async function amendLink(
  deps: { store: Store },
  input: { version: SubmissionVersion; round: Pick<Round, 'deadline'>; formUrl: string | undefined },
): Promise<string | undefined> {
  const { version, formUrl } = input;
  if (!formUrl || !version.invitationId) return formUrl;
  const token = await signInvitation(
    deps,
    {
      id: version.invitationId,
      roundId: version.roundId,
      municipality: version.municipality,
      createdAt: version.submittedAt,
      expiresAt: linkExpiry(input.round),
    },
    { afterVersion: version.version },
  );
  const url = new URL('/uitnodiging', formUrl);
  url.searchParams.set('code', token);
  return url.toString();
}
