import { setting } from '../../config.js';
import { httpHandler } from '../middleware.js';
import { requestOrigin } from '../request.js';
import { cookieHeader } from '../responses.js';
import { assertSameOrigin, staffCookie, staffCookiePath } from '../staff-session.js';

/**
 * POST /staf/afmelden: forgets the staff token here and ends the session at the identity provider too
 * (Cognito's `/logout`), which sends the browser back to the start page.
 */
export const handler = httpHandler(async (event) => {
  assertSameOrigin(event);
  const origin = requestOrigin(event) ?? '';
  const logout = new URL(`${setting('STAFF_SIGN_IN_URL').replace(/\/$/, '')}/logout`);
  logout.search = new URLSearchParams({
    client_id: setting('STAFF_CLIENT_ID'),
    logout_uri: `${origin}/`,
  }).toString();
  return {
    statusCode: 303,
    headers: { location: logout.href, 'cache-control': 'no-store' },
    cookies: [
      cookieHeader({
        name: staffCookie,
        value: '',
        path: staffCookiePath,
        maxAge: 0,
        secure: origin.startsWith('https:'),
      }),
    ],
    body: '',
  };
});
