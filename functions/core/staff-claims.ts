import { Unauthorized } from './errors.js';
import { type Principal, parseRole, type StaffRole } from './policy.js';

/** The group claim Cognito puts in its tokens; the local issuer mints the same. */
export const groupsClaim = 'cognito:groups';

/**
 * Turns the claims a JWT authorizer validated (API Gateway on AWS, the local server's emulation locally)
 * into a staff principal. Unknown groups are ignored; no role at all is a 401.
 */
export function staffPrincipalFromClaims(claims: Record<string, unknown> | undefined): Principal {
  const rawGroups = claims?.[groupsClaim];
  // API Gateway passes array claims as a string like "[a b]"; the local emulation passes arrays.
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
