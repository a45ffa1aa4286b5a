import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { missingLink, verifyInvitation } from '../core/invitation-tokens.js';
import type { Principal } from '../core/policy.js';
import type { Clock, Store } from '../core/ports.js';
import { staffPrincipalFromClaims } from '../core/staff-claims.js';

/**
 * Authentication at the edge of every handler: it turns a request into a Principal, and nothing past
 * here sees a token. Municipalities: the session cookie set when their invitation link was opened, or a
 * Bearer token (API clients). Staff: the claims the JWT authorizer validated.
 */

export const sessionCookie = 'regietafel_sessie';

function bearer(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers?.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function cookie(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const entry of event.cookies ?? []) {
    const index = entry.indexOf('=');
    if (index > 0 && entry.slice(0, index).trim() === name) return entry.slice(index + 1).trim();
  }
  return undefined;
}

export async function authenticateMunicipality(
  event: APIGatewayProxyEventV2,
  deps: { store: Store; clock: Clock },
): Promise<Principal> {
  const token = bearer(event) ?? cookie(event, sessionCookie);
  if (!token) throw missingLink();
  return verifyInvitation(deps, token);
}

export function authenticateStaff(event: APIGatewayProxyEventV2): Principal {
  const claims = (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer?.jwt?.claims;
  return staffPrincipalFromClaims(claims);
}

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
  const maxAge = Math.max(0, Math.floor((Date.parse(options.expiresAt) - Date.now()) / 1000));
  return [
    `${sessionCookie}=${options.token}`,
    `Path=${options.path}`,
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
