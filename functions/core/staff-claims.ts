import { Unauthorized } from './errors.js';
import { type Principal, parseRole, type StaffRole } from './policy.js';

/** The group claim Cognito puts in its tokens; the local issuer mints the same. */
export const groupsClaim = 'cognito:groups';

/**
 * Turns the claims of a verified staff ID token (Cognito on AWS, the local issuer locally; verified in
 * functions/http/staff-session.ts) into a staff principal. Unknown groups are ignored; no role at all is
 * a 401.
 */
export function staffPrincipalFromClaims(claims: Record<string, unknown> | undefined): Principal {
  const rawGroups = claims?.[groupsClaim];
  // A verified token has an array; API Gateway's JWT authorizer used to pass it as a string like "[a b]".
  const groups = Array.isArray(rawGroups)
    ? rawGroups.map(String)
    : typeof rawGroups === 'string'
      ? rawGroups
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
  const roles = groups.map(parseRole).filter((role): role is StaffRole => role !== undefined);
  if (!claims?.sub || roles.length === 0) {
    throw new Unauthorized(
      'Deze pagina is alleen voor medewerkers van de regietafel of de provincie. Meld u aan.',
    );
  }
  return {
    kind: 'staff',
    subject: String(claims.sub),
    email: typeof claims.email === 'string' ? claims.email : undefined,
    roles,
  };
}
