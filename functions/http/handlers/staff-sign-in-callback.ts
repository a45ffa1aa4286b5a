import * as z from 'zod/mini';
import { setting } from '../../config.js';
import { BadRequest, Unauthorized } from '../../core/errors.js';
import { lazySchema } from '../../core/lazy-schema.js';
import { staffPrincipalFromClaims } from '../../core/staff-claims.js';
import { requestJson } from '../http-json.js';
import { logger } from '../logger.js';
import { httpHandler } from '../middleware.js';
import { cookie, requestOrigin } from '../request.js';
import { cookieHeader } from '../responses.js';
import {
  callbackPath,
  safeReturnPath,
  signInCookie,
  signInPath,
  staffCookie,
  staffCookiePath,
  verifyStaffToken,
} from '../staff-session.js';

const saved = lazySchema(() =>
  z.object({
    state: z.string().check(z.minLength(16)),
    verifier: z.string().check(z.minLength(43)),
    back: z.string(),
  }),
);
const tokens = lazySchema(() => z.object({ id_token: z.string().check(z.minLength(20)) }));

function readSaved(value: string | undefined) {
  if (!value) return undefined;
  try {
    return saved().parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

/**
 * GET /staf/inloggen/terug?code=…&state=…: the identity provider sends the browser back here. The code is
 * exchanged (with the PKCE verifier) for an ID token, which is verified like every staff token and kept in
 * an HttpOnly cookie for `/staf` until it expires; then on to the page the sign-in started from.
 */
export const handler = httpHandler(async (event) => {
  const query = event.queryStringParameters ?? {};
  if (query.error) {
    throw new Unauthorized(
      `Aanmelden is niet gelukt: ${query.error_description ?? query.error}. Probeer het opnieuw via ${signInPath}.`,
    );
  }
  const pending = readSaved(cookie(event, signInCookie));
  if (!pending || !query.code || query.state !== pending.state) {
    throw new BadRequest(
      `Deze aanmelding is verlopen of begon niet op deze site. Begin opnieuw via ${signInPath}.`,
    );
  }
  const origin = requestOrigin(event) ?? '';
  const response = await requestJson(`${setting('STAFF_SIGN_IN_URL').replace(/\/$/, '')}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: setting('STAFF_CLIENT_ID'),
      code: query.code,
      redirect_uri: `${origin}${callbackPath}`,
      code_verifier: pending.verifier,
    }).toString(),
    timeoutMs: 10_000,
  });
  const body = tokens().safeParse(response.body);
  if (response.status !== 200 || !body.success) {
    logger.warn('Aanmelden: code niet ingewisseld', { status: response.status });
    throw new Unauthorized(`Aanmelden is niet gelukt. Probeer het opnieuw via ${signInPath}.`);
  }
  const claims = await verifyStaffToken(body.data.id_token);
  staffPrincipalFromClaims(claims); // no regietafel or province role: 401 here, not on every page
  const secure = origin.startsWith('https:');
  const lifetime = (claims.exp ?? 0) - Math.floor(Date.now() / 1000);
  return {
    statusCode: 303,
    headers: { location: safeReturnPath(pending.back), 'cache-control': 'no-store' },
    cookies: [
      cookieHeader({
        name: staffCookie,
        value: body.data.id_token,
        path: staffCookiePath,
        maxAge: lifetime,
        secure,
      }),
      cookieHeader({ name: signInCookie, value: '', path: signInPath, maxAge: 0, secure }),
    ],
    body: '',
  };
});
