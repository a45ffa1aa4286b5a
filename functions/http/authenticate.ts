import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  checkStoredInvitation,
  missingLink,
  type SignedLink,
  verifyInvitation,
  verifyLinkSignature,
} from '../core/invitation-tokens.js';
import type { Principal } from '../core/policy.js';
import type { Clock, Store } from '../core/ports.js';
import { bearer, cookie } from './request.js';
import { cookieHeader } from './responses.js';

/**
 * Authentication at the edge of every handler: it turns a request into a Principal, and nothing past
 * here sees a token. Municipalities: the session cookie set when their invitation link was opened, or a
 * Bearer token (API clients). Staff: their ID token from the identity provider, verified here.
 */

export const sessionCookie = 'regietafel_sessie';

export async function authenticateMunicipality(
  event: APIGatewayProxyEventV2,
  deps: { store: Store; clock: Clock },
): Promise<Principal> {
  const token = bearer(event) ?? cookie(event, sessionCookie);
  if (!token) throw missingLink();
  return verifyInvitation(deps, token);
}

/**
 * A municipality's link checked by its signature only (`SignedLink`): for the submission of a JSON client,
 * which reads the stored invitation in its first read and checks it there, before anything else
 * (`submitForm` with `link`). Whatever else uses the principal first confirms it (`confirmLink`).
 */
export async function authenticateMunicipalityLink(
  event: APIGatewayProxyEventV2,
  deps: { store: Store; clock: Clock },
): Promise<SignedLink> {
  const token = bearer(event) ?? cookie(event, sessionCookie);
  if (!token) throw missingLink();
  return verifyLinkSignature(deps, token);
}

/** The stored invitation of a link checked by its signature only (a 401 when it is revoked, expired, …). */
export async function confirmLink(
  deps: { store: Store; clock: Clock },
  link: SignedLink,
): Promise<Principal> {
  const invitation = await deps.store.getInvitation(link.principal.invitationId);
  return checkStoredInvitation(link, invitation, deps.clock.now());
}

/** Staff: a verified staff ID token (cookie or Bearer); see staff-session.ts. */
export { authenticateStaff, authenticateStaffWithRegistry } from './staff-session.js';

/**
 * The session cookie for a round: HttpOnly (no script reads it), SameSite=Lax (sent when the official
 * follows a link, not on cross-site posts), Secure over https (always on AWS), and scoped to the round's
 * form pages so it is never sent elsewhere.
 */
export function sessionCookieFor(options: {
  token: string;
  path: string;
  expiresAt: string;
  secure: boolean;
}): string {
  return cookieHeader({
    name: sessionCookie,
    value: options.token,
    path: options.path,
    maxAge: (Date.parse(options.expiresAt) - Date.now()) / 1000,
    secure: options.secure,
  });
}
