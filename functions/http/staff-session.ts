import { createHash, randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  createLocalJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { setting } from '../config.js';
import { Forbidden, Unauthorized } from '../core/errors.js';
import type { Registry } from '../core/model.js';
import type { Principal } from '../core/policy.js';
import type { Store } from '../core/ports.js';
import { staffPrincipalFromClaims } from '../core/staff-claims.js';
import { requestJson } from './http-json.js';
import { bearer, cookie, requestOrigin, wantsPage } from './request.js';
import { contentSecurityPolicy } from './responses.js';

/**
 * Staff sign-in, the same on AWS and locally. Staff sign in at the identity provider's pages (Cognito's
 * hosted UI with MFA on AWS; the local run's stand-in at `/_lokaal`) with the authorization-code flow and
 * PKCE; `/staf/inloggen/terug` exchanges the code for an ID token and keeps it in an HttpOnly cookie scoped
 * to `/staf`. Every staff handler verifies the token itself with jose — signature against the issuer's
 * published keys, issuer, audience (the app client), expiry — from that cookie or from an
 * `Authorization: Bearer` header (scripts, the admin CLI, tests). A browser without a valid token is sent
 * to the sign-in; an API client gets a 401.
 *
 * Why in the handler and not in an API Gateway JWT authorizer: that authorizer reads only a header, so a
 * browser (which sends a cookie) could never pass it, and it answers a bare 401 where a person needs the
 * sign-in page.
 */

export const staffCookie = 'regietafel_staf';
/** PKCE verifier, state and return path, for the few minutes the sign-in takes. */
export const signInCookie = 'regietafel_staf_aanmelding';
export const staffCookiePath = '/staf';
export const signInPath = '/staf/inloggen';
export const callbackPath = '/staf/inloggen/terug';

/** The issuer's keys as last fetched, per JWKS address: once per Lambda container, as jose's remote key set. */
const keySets = new Map<string, Promise<{ keys: JWTVerifyGetKey; fetchedAt: number }>>();
/** Fetched again after this long, and for an unknown key id when the last fetch is older than the cooldown. */
const keysMaxAgeMs = 10 * 60_000;
const unknownKeyCooldownMs = 30_000;

function fetchKeys(url: string): Promise<{ keys: JWTVerifyGetKey; fetchedAt: number }> {
  const fetching = requestJson(url, { timeoutMs: 5000 }).then(({ status, body }) => {
    if (status !== 200) throw new Error(`De sleutels van de uitgever gaven HTTP ${status}`);
    return { keys: createLocalJWKSet(body as JSONWebKeySet), fetchedAt: Date.now() };
  });
  keySets.set(url, fetching);
  // A failed fetch is not kept: the next request tries again.
  fetching.catch(() => keySets.get(url) === fetching && keySets.delete(url));
  return fetching;
}

/**
 * The issuer's published keys (jose's createLocalJWKSet over a JWKS fetched with node:https, see
 * http-json.ts), with the caching of jose's createRemoteJWKSet: fetched once, again after ten minutes,
 * and again for a key id it does not know (a rotated key) unless the last fetch was under 30 s ago.
 */
function issuerKeys(url: string): JWTVerifyGetKey {
  return async (header, token) => {
    let current = await (keySets.get(url) ?? fetchKeys(url));
    if (Date.now() - current.fetchedAt > keysMaxAgeMs) current = await fetchKeys(url);
    try {
      return await current.keys(header, token);
    } catch (error) {
      if (
        !(error instanceof errors.JWKSNoMatchingKey) ||
        Date.now() - current.fetchedAt < unknownKeyCooldownMs
      )
        throw error;
      return (await fetchKeys(url)).keys(header, token);
    }
  };
}

function jwksUrl(): string {
  return setting('STAFF_JWKS_URL') ?? `${setting('STAFF_ISSUER').replace(/\/$/, '')}/.well-known/jwks.json`;
}

/** Verifies a staff ID token; the claims, or an Unauthorized naming what to do. */
export async function verifyStaffToken(token: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, issuerKeys(jwksUrl()), {
      issuer: setting('STAFF_ISSUER'),
      audience: [setting('STAFF_CLIENT_ID'), setting('STAFF_API_CLIENT_ID')].filter(
        (client): client is string => client !== undefined,
      ),
    });
    if (payload.token_use !== undefined && payload.token_use !== 'id') throw new Error('geen ID-token');
    return payload;
  } catch {
    throw new Unauthorized('Uw aanmelding is verlopen of ongeldig. Meld u opnieuw aan.');
  }
}

/** Thrown when a browser must sign in first: answered with a redirect to the sign-in (see middleware). */
export class SignInRequired extends Unauthorized {
  constructor(readonly location: string) {
    super('Meld u aan als medewerker van de regietafel of de provincie.');
  }
}

/** A person's browser asking for a page: sent to the sign-in instead of a bare 401. */
function wantsSignIn(event: APIGatewayProxyEventV2): boolean {
  return event.requestContext.http.method === 'GET' && wantsPage(event);
}

/** `/staf/rondes/x?tabel=…` → `/staf/inloggen?terug=%2Fstaf%2Frondes%2Fx%3Ftabel%3D…`. */
export function signInLocation(event: APIGatewayProxyEventV2): string {
  const back = `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  return `${signInPath}?${new URLSearchParams({ terug: back })}`;
}

/**
 * The staff principal of a request: Bearer token first, then the sign-in cookie. Whether cookie-signed
 * requests that change something come from our own pages is checked by `assertSameOrigin`.
 */
export async function authenticateStaff(event: APIGatewayProxyEventV2): Promise<Principal> {
  const token = bearer(event) ?? cookie(event, staffCookie);
  if (!token) {
    if (wantsSignIn(event)) throw new SignInRequired(signInLocation(event));
    throw new Unauthorized(
      'Deze pagina is alleen voor medewerkers van de regietafel of de provincie. Meld u aan.',
    );
  }
  try {
    return staffPrincipalFromClaims(await verifyStaffToken(token));
  } catch (error) {
    if (wantsSignIn(event) && !bearer(event)) throw new SignInRequired(signInLocation(event));
    throw error;
  }
}

/**
 * The staff principal and the registry together: the registry's read goes out before the token is checked
 * and overlaps the check (at a cold start that includes fetching the issuer's keys). Only when the request
 * carries a token: one without is sent to the sign-in without a read. A refused token is answered as by
 * authenticateStaff, and nothing read is used.
 */
export async function authenticateStaffWithRegistry(
  event: APIGatewayProxyEventV2,
  store: Pick<Store, 'getRegistry'>,
): Promise<{ principal: Principal; registry: Registry }> {
  const early = (bearer(event) ?? cookie(event, staffCookie)) ? store.getRegistry() : undefined;
  // Awaited below once the token is accepted; until then a failed read must not count as unhandled.
  early?.catch(() => undefined);
  const principal = await authenticateStaff(event);
  return { principal, registry: await (early ?? store.getRegistry()) };
}

/**
 * A staff POST signed by the cookie must come from our own pages. SameSite=Lax already keeps the cookie
 * off other sites' posts; on top of that the browser must say the post is same-origin: `Sec-Fetch-Site`
 * (every current browser sends it, whatever the referrer policy), or else an `Origin` equal to ours. Our
 * pages send no referrer, so a browser's Origin on our own form posts is `null`: hence Sec-Fetch-Site first.
 * Bearer requests are not exposed to cross-site forgery (a browser never adds that header by itself).
 */
export function assertSameOrigin(event: APIGatewayProxyEventV2): void {
  if (bearer(event)) return;
  const site = event.headers?.['sec-fetch-site'];
  if (site === 'same-origin') return;
  const origin = event.headers?.origin;
  const expected = requestOrigin(event);
  if (site === undefined && origin !== undefined && expected !== undefined && origin === expected) return;
  throw new Forbidden(
    'Dit verzoek kwam niet van de pagina’s van regietafel. Probeer het opnieuw vanaf het dashboard.',
  );
}

/**
 * Headers of the staff pages: their sign-out button posts to us and we answer with a redirect to the
 * identity provider's logout, which the browser checks against form-action, so that origin is allowed.
 */
export function staffPageHeaders(): Record<string, string> {
  return { 'content-security-policy': contentSecurityPolicy([new URL(setting('STAFF_SIGN_IN_URL')).origin]) };
}

/** Only a path on this site, never `//elsewhere` or a full URL: where to go after signing in. */
export function safeReturnPath(value: string | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/staf/rondes';
  // Resolved as the browser will resolve it (dot segments, also percent-encoded ones, are undone).
  const resolved = new URL(value, 'https://regietafel.invalid');
  const path = resolved.pathname.replace(/%2e/gi, '.');
  const ours =
    resolved.origin === 'https://regietafel.invalid' &&
    (path === '/staf' || path.startsWith('/staf/')) &&
    !path.split('/').some((segment) => segment === '..' || segment === '.');
  return ours ? `${resolved.pathname}${resolved.search}` : '/staf/rondes';
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** A new PKCE verifier, its S256 challenge and a state value. */
export function newSignIn(): { verifier: string; challenge: string; state: string } {
  const verifier = base64url(randomBytes(32));
  return {
    verifier,
    challenge: base64url(createHash('sha256').update(verifier).digest()),
    state: base64url(randomBytes(16)),
  };
}
