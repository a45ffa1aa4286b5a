import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeReturnPath } from '../../functions/http/staff-session.js';
import { postJson, startTestPipeline, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * Staff sign-in without a browser, step by step as the browser does it: the authorization-code flow with
 * PKCE against the local stand-in of Cognito's hosted UI, the staff cookie, where it may take you back to,
 * and that pages signed by the cookie cannot be driven from another site.
 */

let pipeline: TestPipeline;

beforeAll(async () => {
  pipeline = await startTestPipeline();
});

afterAll(async () => {
  await pipeline?.stop();
});

function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const index = pair!.indexOf('=');
    cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
  }
  return cookies;
}

/** Goes through the whole sign-in; the staff cookie's value and the callback's answer. */
async function signIn(role: string, back = '/staf/rondes') {
  const start = await fetch(`${pipeline.baseUrl}/staf/inloggen?terug=${encodeURIComponent(back)}`, {
    redirect: 'manual',
  });
  const authorize = new URL(start.headers.get('location')!);
  const pending = cookiesOf(start).get('regietafel_staf_aanmelding')!;
  const chosen = await fetch(`${pipeline.baseUrl}/_lokaal/oauth2/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...Object.fromEntries(authorize.searchParams),
      role,
      email: 'staf@overijssel.example',
    }),
    redirect: 'manual',
  });
  const callback = await fetch(chosen.headers.get('location')!, {
    headers: { cookie: `regietafel_staf_aanmelding=${pending}` },
    redirect: 'manual',
  });
  return { start, authorize, callback, staff: cookiesOf(callback).get('regietafel_staf') };
}

describe('staff sign-in: authorization code with PKCE', () => {
  it('starts at the identity provider with a PKCE challenge and a state, kept in a short cookie', async () => {
    const { start, authorize } = await signIn('provincie:overijssel');
    expect(start.status).toBe(303);
    expect(authorize.pathname).toBe('/_lokaal/oauth2/authorize');
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${pipeline.baseUrl}/staf/inloggen/terug`);
    // The (local) sign-in page names the secretariats of the registry in its footer, as every page does.
    const page = await (await fetch(authorize)).text();
    const footer = /<footer[\s\S]*<\/footer>/.exec(page)?.[0] ?? '';
    expect(footer).toContain('Vragen over het aanmelden?');
    expect(footer).toContain('Secretariaat Regietafel IJsselland');
    expect(footer).toContain('href="/toegankelijkheid"');
    const header = start.headers.getSetCookie().join('\n');
    expect(header).toMatch(
      /regietafel_staf_aanmelding=[^;]+; Path=\/staf\/inloggen; Max-Age=600; HttpOnly; SameSite=Lax/,
    );
  });

  it('lets the dashboard’s sign-out form lead to the identity provider’s logout (CSP form-action)', async () => {
    const { staff } = await signIn('provincie:overijssel');
    const page = await fetch(`${pipeline.baseUrl}/staf/rondes`, {
      headers: { cookie: `regietafel_staf=${staff}`, accept: 'text/html' },
    });
    expect(page.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${new URL(pipeline.baseUrl).origin}`,
    );
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('comes back with an HttpOnly staff cookie for /staf and opens the page the person asked for', async () => {
    const { callback, staff } = await signIn('regietafel:twente', '/staf/rondes/eigen-bijdrage-demo');
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/staf/rondes/eigen-bijdrage-demo');
    const header = callback.headers.getSetCookie().find((line) => line.startsWith('regietafel_staf='))!;
    expect(header).toMatch(/Path=\/staf; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    const page = await fetch(`${pipeline.baseUrl}/staf/rondes/eigen-bijdrage-demo`, {
      headers: { cookie: `regietafel_staf=${staff}`, accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Regionale Regietafel Vluchtelingen Twente');
    expect(html).toContain('Almelo');
    expect(html).not.toContain('Zwolle');
  });

  it('refuses a callback without the pending sign-in, with another state, or with a used code', async () => {
    const { authorize } = await signIn('provincie:overijssel');
    const start = await fetch(`${pipeline.baseUrl}/staf/inloggen`, { redirect: 'manual' });
    const pending = cookiesOf(start).get('regietafel_staf_aanmelding')!;
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const callback = (query: string, cookie?: string) =>
      fetch(`${pipeline.baseUrl}/staf/inloggen/terug?${query}`, {
        headers: cookie ? { cookie: `regietafel_staf_aanmelding=${cookie}` } : {},
        redirect: 'manual',
      });
    expect((await callback(`code=x&state=${state}`)).status).toBe(400);
    expect((await callback('code=x&state=anders', pending)).status).toBe(400);
    // The right state but a code the identity provider never issued (or already exchanged).
    const unknown = await callback(`code=verzonnen&state=${state}`, pending);
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain('Aanmelden is niet gelukt');
    const denied = await callback('error=access_denied&error_description=geweigerd', pending);
    expect(denied.status).toBe(401);
    expect(authorize.searchParams.get('client_id')).toBe('regietafel-staf');
  });

  it('returns only to a staff page of this site', () => {
    expect(safeReturnPath('/staf/rondes/x?tabel=1')).toBe('/staf/rondes/x?tabel=1');
    for (const evil of [
      '//kwaad.example/staf',
      'https://kwaad.example/staf',
      '/formulieren/x',
      '/staf/../uitnodiging',
      '/staf/%2e%2e/uitnodiging',
      '/staf/%2E%2E/%2e%2e/x',
      '/\\kwaad.example',
      undefined,
    ]) {
      expect(safeReturnPath(evil), String(evil)).toBe('/staf/rondes');
    }
  });
});

describe('cookie-signed staff posts come from our own pages only', () => {
  it('refuses a summary post from another site and sends nothing; accepts our own', async () => {
    const { staff } = await signIn('provincie:overijssel');
    const round = pipeline.rounds['eigen-bijdrage']!;
    // Something to summarise: a round with nothing in it sends no summary at all.
    const zwolle = `${pipeline.baseUrl}/formulieren/eigen-bijdrage/${round.id}/GM0193`;
    expect((await postJson(zwolle, { answers: validEigenBijdrage() })).status).toBe(201);
    const before = (await pipeline.mailbox()).length;
    const post = (headers: Record<string, string>) =>
      fetch(`${pipeline.baseUrl}/staf/rondes/${round.id}/overzicht`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `regietafel_staf=${staff}`,
          ...headers,
        },
        body: new URLSearchParams({ scope: 'province:overijssel', requestId: `csrf-${Date.now()}` }),
        redirect: 'manual',
      });
    for (const headers of [
      { 'sec-fetch-site': 'cross-site', origin: 'https://kwaad.example' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://kwaad.example' },
      {},
    ]) {
      const refused = await post(headers as Record<string, string>);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await pipeline.mailbox()).length).toBe(before);
    const own = await post({ 'sec-fetch-site': 'same-origin', origin: 'null' });
    expect(own.status).toBe(303);
    expect(own.headers.get('location')).toBe(
      `/staf/rondes/${round.id}?overzicht=verstuurd&aantal=1&wachtrij=0`,
    );
  });

  it('signs out: the cookie is cleared and the identity provider ends the session', async () => {
    const out = await fetch(`${pipeline.baseUrl}/staf/afmelden`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin' },
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().join('\n')).toMatch(/regietafel_staf=; Path=\/staf; Max-Age=0/);
    const logout = new URL(out.headers.get('location')!);
    expect(logout.pathname).toBe('/_lokaal/logout');
    expect(logout.searchParams.get('logout_uri')).toBe(`${pipeline.baseUrl}/`);
  });
});
