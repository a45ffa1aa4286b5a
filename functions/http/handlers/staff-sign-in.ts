import { setting } from '../../config.js';
import { httpHandler } from '../middleware.js';
import { requestOrigin } from '../request.js';
import { cookieHeader } from '../responses.js';
import { callbackPath, newSignIn, safeReturnPath, signInCookie, signInPath } from '../staff-session.js';

/**
 * GET /staf/inloggen?terug=/staf/…: starts the staff sign-in (authorization code with PKCE) at the
 * identity provider — Cognito's hosted UI on AWS, the local stand-in locally. The verifier, the state and
 * where to return are kept for ten minutes in an HttpOnly cookie that only the callback receives.
 */
export const handler = httpHandler(async (event) => {
  const origin = requestOrigin(event) ?? '';
  const { verifier, challenge, state } = newSignIn();
  const back = safeReturnPath(event.queryStringParameters?.terug);
  const authorize = new URL(`${setting('STAFF_SIGN_IN_URL').replace(/\/$/, '')}/oauth2/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: setting('STAFF_CLIENT_ID'),
    redirect_uri: `${origin}${callbackPath}`,
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const saved = Buffer.from(JSON.stringify({ state, verifier, back }), 'utf8').toString('base64url');
  return {
    statusCode: 303,
    headers: { location: authorize.href, 'cache-control': 'no-store' },
    cookies: [
      cookieHeader({
        name: signInCookie,
        value: saved,
        path: signInPath,
        maxAge: 600,
        secure: origin.startsWith('https:'),
      }),
    ],
    body: '',
  };
});
