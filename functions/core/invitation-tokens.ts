import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { Unauthorized } from './errors.js';
import type { Invitation } from './model.js';
import type { Principal } from './policy.js';
import type { Clock, Store } from './ports.js';

/**
 * Invitation links: a signed JWT (HS256, jose) per (municipality, round) with issuer, audience, expiry after
 * the deadline and an id that can be revoked. The secret lives in the table (created once, conditionally),
 * so the Lambdas, the local run and the admin CLI sign and verify with the same code.
 */

export const invitationIssuer = 'regietafel';
export const invitationAudience = 'regietafel:gemeente';

/** What an official reads when a link does not open their form: a heading and what to do. */
const messages = {
  missing: [
    'Open het formulier met uw persoonlijke link',
    'Deze pagina opent u met de persoonlijke link uit de uitnodiging die uw gemeente per e-mail kreeg. Klik op de link in die e-mail, of kopieer de hele link naar de adresbalk.',
  ],
  invalid: [
    'Deze link werkt niet',
    'De link is niet compleet of niet juist. Kopieer de hele link uit de uitnodiging, ook als die in de e-mail over twee regels loopt, of vraag het secretariaat van de regietafel om een nieuwe.',
  ],
  expired: [
    'Deze link is verlopen',
    'Een link werkt tot 30 dagen na de sluitingsdatum van de ronde. Vraag het secretariaat van de regietafel om een nieuwe uitnodiging.',
  ],
  revoked: [
    'Deze link is ingetrokken',
    'Er is een nieuwere link voor uw gemeente, of de link is op verzoek ingetrokken. Vraag het secretariaat van de regietafel om een nieuwe uitnodiging.',
  ],
  wrongRound: [
    'Deze link hoort bij een ander formulier',
    'Deze link hoort bij een andere ronde of gemeente. Gebruik de link uit de uitnodiging voor deze ronde.',
  ],
} as const;

const refusal = (kind: keyof typeof messages) => new Unauthorized(messages[kind][1], messages[kind][0]);

export function missingLink(): Unauthorized {
  return refusal('missing');
}

async function secretKey(store: Store, kid?: string): Promise<{ id: string; key: Uint8Array }> {
  const found = await store.invitationKey(kid);
  return { id: found.id, key: new Uint8Array(Buffer.from(found.secret, 'base64')) };
}

/**
 * Signs a link token for a stored invitation. `createdAt` is when the token is issued: the invitation's
 * own link, or a later fresh one for the same invitation — the confirmation email's "wijzigen" link, which
 * names the version it follows (`versie`, informative only: the stored invitation decides).
 */
export async function signInvitation(
  deps: { store: Store },
  invitation: Pick<Invitation, 'id' | 'roundId' | 'municipality' | 'createdAt' | 'expiresAt'>,
  options: { afterVersion?: number; region?: string } = {},
): Promise<string> {
  const { id, key } = await secretKey(deps.store);
  return new SignJWT({
    round: invitation.roundId,
    // The municipality's region when the link was made: a read hint, so the form page reads it at once.
    ...(options.region !== undefined && { regio: options.region }),
    ...(options.afterVersion !== undefined && { versie: options.afterVersion }),
  })
    .setProtectedHeader({ alg: 'HS256', kid: id })
    .setIssuer(invitationIssuer)
    .setAudience(invitationAudience)
    .setSubject(invitation.municipality)
    .setJti(invitation.id)
    .setIssuedAt(Math.floor(Date.parse(invitation.createdAt) / 1000))
    .setExpirationTime(Math.floor(Date.parse(invitation.expiresAt) / 1000))
    .sign(key);
}

/** A link whose signature, issuer and audience were checked, and whose stored invitation is still to check. */
export interface SignedLink {
  /** The principal the link names (as its claims say; valid only once the stored invitation agrees). */
  readonly principal: Principal & { readonly kind: 'municipality'; readonly invitationId: string };
}

/**
 * Verifies a link token's signature, issuer and audience (jose) and reads the principal its claims name:
 * the first half of `verifyInvitation`, for a caller that reads the stored invitation together with other
 * items and checks it with `checkStoredInvitation` before it does anything else with the principal.
 */
export async function verifyLinkSignature(
  deps: { store: Store; clock: Clock },
  token: string,
): Promise<SignedLink> {
  let payload: { sub?: string; jti?: string; round?: unknown; regio?: unknown };
  try {
    const verified = await jwtVerify(
      token,
      async (header) => (await secretKey(deps.store, header.kid ?? 'none')).key,
      {
        issuer: invitationIssuer,
        audience: invitationAudience,
        algorithms: ['HS256'],
        currentDate: deps.clock.now(),
        requiredClaims: ['sub', 'jti', 'exp'],
      },
    );
    payload = verified.payload as typeof payload;
  } catch (error) {
    // The signature was checked before the expiry (jose verifies it first), so the claims are ours. The
    // stored invitation decides when a link expires: it follows the round's deadline when that moves, and
    // a link signed before an extension keeps working until the new expiry.
    if (!(error instanceof joseErrors.JWTExpired)) throw refusal('invalid');
    payload = error.payload as typeof payload;
  }
  if (!payload.jti || !payload.sub) throw refusal('invalid');
  return {
    principal: {
      kind: 'municipality',
      municipality: payload.sub,
      // No round named: no stored invitation agrees (`wrongRound`).
      roundId: typeof payload.round === 'string' ? payload.round : '',
      invitationId: payload.jti,
      ...(typeof payload.regio === 'string' &&
        payload.regio.length > 0 &&
        payload.regio.length <= 100 && { regionHint: payload.regio }),
    },
  };
}

/**
 * The second half: the stored invitation (undefined: there is none) must exist, not be revoked or expired,
 * and name the link's round and municipality. Every failure is a 401 with a Dutch message.
 */
export function checkStoredInvitation(
  link: SignedLink,
  invitation: Invitation | undefined,
  now: Date,
): Principal {
  if (!invitation) throw refusal('invalid');
  if (invitation.revokedAt) throw refusal('revoked');
  if (invitation.expiresAt <= now.toISOString()) throw refusal('expired');
  if (
    invitation.municipality !== link.principal.municipality ||
    invitation.roundId !== link.principal.roundId
  ) {
    throw refusal('wrongRound');
  }
  return link.principal;
}

/**
 * Verifies a link token and turns it into a municipality principal: signature, issuer and audience by
 * jose, then the stored invitation (revocation, expiry, round and municipality must match). Every
 * failure is a 401 with a Dutch message; nothing about the token is echoed back.
 */
export async function verifyInvitation(
  deps: { store: Store; clock: Clock },
  token: string,
): Promise<Principal> {
  const link = await verifyLinkSignature(deps, token);
  const invitation = await deps.store.getInvitation(link.principal.invitationId);
  return checkStoredInvitation(link, invitation, deps.clock.now());
}
