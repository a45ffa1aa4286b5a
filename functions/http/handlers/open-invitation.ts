import { NotFound } from '../../core/errors.js';
import { checkStoredInvitation, missingLink, verifyLinkSignature } from '../../core/invitation-tokens.js';
import { recordFirstOpen } from '../../core/invitations.js';
import { sessionCookieFor } from '../authenticate.js';
import { dependencies } from '../dependencies.js';
import { formPath } from '../form-pages.js';
import { httpHandler } from '../middleware.js';
import { seeOther } from '../responses.js';

/**
 * GET /uitnodiging?code=…: the link in the invitation email. Verifies the code, sets the session cookie
 * for that round's pages and redirects to the form, so the code leaves the address bar (and history) at
 * once; `Referrer-Policy: no-referrer` keeps it out of other sites' logs. The first opening of a link is
 * recorded (on the invitation and in the audit trail). The stored invitation is read once: the check of the
 * link (revoked, expired, other round) and the first opening use the same item.
 */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const code = event.queryStringParameters?.code;
  if (!code) throw missingLink();
  const link = await verifyLinkSignature(deps, code);
  const [round, invitation] = await Promise.all([
    deps.store.getRound(link.principal.roundId, { cached: true }),
    deps.store.getInvitation(link.principal.invitationId),
  ]);
  const principal = checkStoredInvitation(link, invitation, deps.clock.now());
  if (principal.kind !== 'municipality' || !invitation) throw missingLink();
  if (!round) throw new NotFound('Deze ronde bestaat niet meer.');
  // The secretariat's invitations page shows when each municipality first opened its link.
  await recordFirstOpen(deps, invitation);
  const target = formPath({ formId: round.formId, roundId: round.id, municipality: principal.municipality });
  const response = seeOther(target);
  response.cookies = [
    sessionCookieFor({
      token: code,
      path: `/formulieren/${encodeURIComponent(round.formId)}/${encodeURIComponent(round.id)}`,
      expiresAt: invitation.expiresAt,
      secure: (event.headers['x-forwarded-proto'] ?? 'https') === 'https',
    }),
  ];
  return response;
});
