import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteMunicipalities, revokeInvitation } from '../../functions/core/invitations.js';
import { randomIds } from '../../functions/http/dependencies.js';
import {
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
  validSociaalDomein,
} from '../support/pipeline.js';

/**
 * Invitation links: opening one sets a round-scoped session cookie and redirects to the form; every kind
 * of bad token is refused (401/403) with a Dutch page or JSON error and nothing stored; a municipality
 * cannot reach another's data by changing ids; invitations, revocations and submissions are audited.
 */

let pipeline: TestPipeline;

const A = 'GM0193'; // Zwolle, IJsselland
const B = 'GM0153'; // Enschede, Twente
const demo = 'eigen-bijdrage-demo';
const otherRound = 'sociaal-domein-demo';
const hour = 3600;

const messages = {
  missing: 'Deze pagina opent u met de persoonlijke link uit de uitnodiging',
  invalid: 'De link is niet compleet of niet juist.',
  expired: 'Een link werkt tot 30 dagen na de sluitingsdatum van de ronde.',
  revoked: 'Er is een nieuwere link voor uw gemeente, of de link is op verzoek ingetrokken.',
  mismatch: 'Deze link hoort bij een andere ronde of gemeente.',
  /** Someone else's form, or one that does not exist: the same answer (nothing tells which exist). */
  notForThisLink:
    'Deze pagina bestaat niet of hoort niet bij uw uitnodigingslink. U kunt alleen het formulier van uw eigen gemeente invullen, met de link voor deze ronde: open het via de link uit uw uitnodiging.',
};

/** The heading of the page: officials never sign in, so it is about their link, never "Niet aangemeld". */
const titles: Record<string, string> = {
  [messages.missing]: 'Open het formulier met uw persoonlijke link',
  [messages.invalid]: 'Deze link werkt niet',
  [messages.expired]: 'Deze link is verlopen',
  [messages.revoked]: 'Deze link is ingetrokken',
  [messages.mismatch]: 'Deze link hoort bij een ander formulier',
  [messages.notForThisLink]: 'Deze pagina hoort niet bij uw link',
};

let tokenA: string;
let invitationA: string;
let revokedToken: string;
let revokedInvitation: string;
let expiredToken: string;

const deps = () => ({
  store: pipeline.store,
  mailer: { send: () => Promise.reject(new Error('geen e-mail in deze test')) },
  clock: { now: () => new Date() },
  ids: randomIds,
});

/** A token signed with the real invitation key (as only the server can), with claims of the test's choosing. */
async function signed(
  claims: { sub?: string; round?: string; jti?: string; iss?: string; aud?: string; exp?: number } = {},
  secret?: Uint8Array,
): Promise<string> {
  const key = await pipeline.store.invitationKey();
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ round: claims.round ?? demo })
    .setProtectedHeader({ alg: 'HS256', kid: key.id })
    .setIssuer(claims.iss ?? 'regietafel')
    .setAudience(claims.aud ?? 'regietafel:gemeente')
    .setSubject(claims.sub ?? A)
    .setJti(claims.jti ?? invitationA)
    .setIssuedAt(now - 2 * hour)
    .setExpirationTime(claims.exp ?? now + 24 * hour);
  return jwt.sign(secret ?? new Uint8Array(Buffer.from(key.secret, 'base64')));
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The token with its payload edited by hand: the signature no longer matches. */
function editedPayload(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, base64url({ ...claims, ...changes }), signature].join('.');
}

/** The token with a different signature (its first character changed, so the decoded bytes change). */
function alteredSignature(token: string): string {
  const [header, payload, signature] = token.split('.');
  const first = signature!.startsWith('A') ? 'B' : 'A';
  return [header, payload, `${first}${signature!.slice(1)}`].join('.');
}

/** Everything a refused request could have written. */
async function snapshot() {
  return {
    demo: await pipeline.items(demo, ''),
    otherRound: await pipeline.items(otherRound, ''),
    audit: [...(await pipeline.store.listAudit(demo)), ...(await pipeline.store.listAudit(otherRound))],
    invitations: await pipeline.store.listInvitations(demo),
    mails: (await pipeline.mailbox()).length,
  };
}

function parseSetCookie(header: string) {
  const [pair, ...attributes] = header.split(/;\s*/);
  const index = pair!.indexOf('=');
  const map = new Map(
    attributes.map((attribute) => {
      const [name, ...value] = attribute.split('=');
      return [name!.toLowerCase(), value.join('=')] as const;
    }),
  );
  return { name: pair!.slice(0, index), value: pair!.slice(index + 1), attributes: map };
}

/** RFC 6265 §5.1.4: whether a browser sends a cookie with this Path to this request path. */
function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

beforeAll(async () => {
  pipeline = await startTestPipeline();
  tokenA = await pipeline.tokenFor(A);
  invitationA = decodeJwt(tokenA).jti!;
  await pipeline.tokenFor(B);
  const [revoked] = await inviteMunicipalities(deps(), {
    roundId: demo,
    municipalities: [A],
    baseUrl: pipeline.baseUrl,
    send: false,
    actor: 'test',
  });
  revokedToken = new URL(revoked!.url).searchParams.get('code')!;
  revokedInvitation = revoked!.invitation.id;
  await revokeInvitation(deps(), { invitationId: revokedInvitation, actor: 'admin:secretariaat' });
  const [expiring] = await inviteMunicipalities(deps(), {
    roundId: demo,
    municipalities: [A],
    baseUrl: pipeline.baseUrl,
    send: false,
    actor: 'test',
  });
  expiredToken = new URL(expiring!.url).searchParams.get('code')!;
  await pipeline.store.setInvitationExpiry(
    expiring!.invitation.id,
    new Date(Date.now() - hour * 1000).toISOString(),
  );
});

afterAll(async () => {
  await pipeline?.stop();
});

describe('opening an invitation link', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie scoped to the round and redirects (303) to the form without the code', async () => {
    const expiresAt = Date.parse((await pipeline.store.getInvitation(invitationA))!.expiresAt);
    const before = Date.now();
    const response = await get(`${pipeline.baseUrl}/uitnodiging?code=${tokenA}`, { authorization: 'none' });
    const after = Date.now();
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toBe(`/formulieren/eigen-bijdrage/${demo}/${A}`);
    expect(location).not.toContain('code');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');

    const setCookies = response.headers.getSetCookie();
    expect(setCookies).toHaveLength(1);
    const cookie = parseSetCookie(setCookies[0]!);
    expect(cookie.name).toBe('regietafel_sessie');
    expect(cookie.value).toBe(tokenA);
    expect(cookie.attributes.get('path')).toBe(`/formulieren/eigen-bijdrage/${demo}`);
    expect(cookie.attributes.has('httponly')).toBe(true);
    expect(cookie.attributes.get('samesite')).toBe('Lax');
    expect(cookie.attributes.has('secure')).toBe(false); // plain http on this machine
    expect(cookie.attributes.has('domain')).toBe(false); // host-only
    // Lives as long as the invitation: until its expiry, measured from the moment it was set.
    const maxAge = Number(cookie.attributes.get('max-age'));
    expect(maxAge).toBeGreaterThanOrEqual(Math.floor((expiresAt - after) / 1000) - 1);
    expect(maxAge).toBeLessThanOrEqual(Math.ceil((expiresAt - before) / 1000));

    const form = await get(`${pipeline.baseUrl}${location}`, { cookie: `${cookie.name}=${cookie.value}` });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Gemeente Zwolle');
  });

  it('marks the cookie Secure when the request came in over https (as behind CloudFront / API Gateway)', async () => {
    const response = await get(`${pipeline.baseUrl}/uitnodiging?code=${tokenA}`, {
      authorization: 'none',
      'x-forwarded-proto': 'https',
    });
    expect(response.status).toBe(303);
    const cookie = parseSetCookie(response.headers.getSetCookie()[0]!);
    expect(cookie.attributes.has('secure')).toBe(true);
    expect(cookie.attributes.get('samesite')).toBe('Lax');
    expect(cookie.attributes.has('httponly')).toBe(true);
  });

  it('scopes the cookie so a browser sends it to this round’s form pages only', async () => {
    const response = await get(`${pipeline.baseUrl}/uitnodiging?code=${tokenA}`, { authorization: 'none' });
    const cookiePath = parseSetCookie(response.headers.getSetCookie()[0]!).attributes.get('path')!;
    for (const sent of [
      `/formulieren/eigen-bijdrage/${demo}/${A}`,
      `/formulieren/eigen-bijdrage/${demo}/${A}/bevestiging`,
    ]) {
      expect(pathMatches(cookiePath, sent), sent).toBe(true);
    }
    for (const notSent of [
      `/formulieren/sociaal-domein/${otherRound}/${A}`,
      `/formulieren/eigen-bijdrage/${demo}-2/${A}`,
      '/staf/rondes',
      '/',
      '/uitnodiging',
    ]) {
      expect(pathMatches(cookiePath, notSent), notSent).toBe(false);
    }
  });

  it('lets a colleague of the same municipality use the shared link (same token, own session)', async () => {
    const colleague = await get(`${pipeline.baseUrl}/uitnodiging?code=${tokenA}`, { authorization: 'none' });
    expect(colleague.status).toBe(303);
    expect(colleague.headers.get('location')).toBe(`/formulieren/eigen-bijdrage/${demo}/${A}`);
  });

  it('stops working at once when revoked, also for a browser that already has the cookie', async () => {
    const [fresh] = await inviteMunicipalities(deps(), {
      roundId: demo,
      municipalities: [A],
      baseUrl: pipeline.baseUrl,
      send: false,
      actor: 'test',
    });
    const opened = await fetch(fresh!.url, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const cookie = opened.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await get(pipeline.formUrl(A), { cookie })).status).toBe(200);

    await revokeInvitation(deps(), { invitationId: fresh!.invitation.id, actor: 'admin:secretariaat' });
    const after = await get(pipeline.formUrl(A), { cookie });
    expect(after.status).toBe(401);
    expect(await after.text()).toContain(messages.revoked);
    expect((await fetch(fresh!.url, { redirect: 'manual' })).status).toBe(401);
    // Other links of the same municipality keep working.
    expect((await get(pipeline.formUrl(A), { cookie: `regietafel_sessie=${tokenA}` })).status).toBe(200);
  });
});

interface BadToken {
  readonly name: string;
  readonly token: () => Promise<string | undefined>;
  readonly status: 401 | 404;
  readonly message: string;
  /** The form the token is used on (default: A's form in the demo round). */
  readonly target?: () => { url: string; answers: Record<string, unknown> };
}

const badTokens: readonly BadToken[] = [
  { name: 'no token', token: async () => undefined, status: 401, message: messages.missing },
  {
    name: 'signature changed',
    token: async () => alteredSignature(tokenA),
    status: 401,
    message: messages.invalid,
  },
  {
    name: 'payload edited by hand (sub → another municipality)',
    token: async () => editedPayload(tokenA, { sub: B }),
    status: 401,
    message: messages.invalid,
    target: () => ({ url: pipeline.formUrl(B), answers: validEigenBijdrage() }),
  },
  {
    name: 'payload edited by hand (expiry moved into the future)',
    token: async () => editedPayload(tokenA, { exp: Math.floor(Date.now() / 1000) + 365 * 24 * hour }),
    status: 401,
    message: messages.invalid,
  },
  {
    name: 'signed with another secret (same key id)',
    token: async () => signed({}, new Uint8Array(32).fill(7)),
    status: 401,
    message: messages.invalid,
  },
  {
    name: 'unsigned (alg none)',
    token: async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${tokenA.split('.')[1]}.`,
    status: 401,
    message: messages.invalid,
  },
  {
    // The stored invitation decides when a link expires (it follows the round's deadline), whatever the
    // token's own exp says.
    name: 'expired (the stored invitation’s expiry has passed; the token’s own exp has not)',
    token: async () => expiredToken,
    status: 401,
    message: messages.expired,
  },
  { name: 'revoked', token: async () => revokedToken, status: 401, message: messages.revoked },
  {
    name: 'wrong audience',
    token: () => signed({ aud: 'regietafel-staf' }),
    status: 401,
    message: messages.invalid,
  },
  {
    name: 'wrong issuer',
    token: () => signed({ iss: 'https://iemand-anders.example' }),
    status: 401,
    message: messages.invalid,
  },
  {
    name: 'no stored invitation behind it (unknown jti)',
    token: () => signed({ jti: 'bestaat-niet' }),
    status: 401,
    message: messages.invalid,
  },
  {
    name: 'validly signed, but its municipality differs from the stored invitation',
    token: () => signed({ sub: B }),
    status: 401,
    message: messages.mismatch,
    target: () => ({ url: pipeline.formUrl(B), answers: validEigenBijdrage() }),
  },
  {
    name: 'validly signed, but its round differs from the stored invitation',
    token: () => signed({ round: otherRound }),
    status: 401,
    message: messages.mismatch,
    target: () => ({
      url: pipeline.formUrl(A, pipeline.rounds['sociaal-domein']),
      answers: validSociaalDomein(),
    }),
  },
  {
    name: 'a staff token',
    token: () => pipeline.staffToken('provincie:overijssel'),
    status: 401,
    message: messages.invalid,
  },
  {
    name: 'a token of round X used on round Y’s form',
    token: async () => tokenA,
    status: 404,
    message: messages.notForThisLink,
    target: () => ({
      url: pipeline.formUrl(A, pipeline.rounds['sociaal-domein']),
      answers: validSociaalDomein(),
    }),
  },
  {
    name: 'a token of municipality A used on B’s form',
    token: async () => tokenA,
    status: 404,
    message: messages.notForThisLink,
    target: () => ({ url: pipeline.formUrl(B), answers: validEigenBijdrage() }),
  },
];

describe.each(badTokens.map((bad) => [bad.name, bad] as const))('refused: %s', (_name, bad) => {
  const target = () => bad.target?.() ?? { url: pipeline.formUrl(A), answers: validEigenBijdrage() };
  const title = titles[bad.message]!;
  const error = bad.status === 401 ? 'unauthorized' : 'not_found';

  async function expectPage(response: { status: number; headers: Headers; text: string }, token?: string) {
    expect(response.status).toBe(bad.status);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toContain('<html lang="nl"');
    expect(response.text).toContain(`<h1 class="utrecht-heading-1">${title}</h1>`);
    expect(response.text).not.toContain('Niet aangemeld');
    expect(response.text).toContain(bad.message);
    if (token) expect(response.text).not.toContain(token);
    expect(response.headers.getSetCookie()).toEqual([]);
  }

  function expectJson(response: { status: number; text: string }) {
    expect(response.status).toBe(bad.status);
    const body = JSON.parse(response.text) as { error: string; message: string };
    expect(body.error).toBe(error);
    expect(body.message).toContain(bad.message);
  }

  if (bad.status === 401) {
    it('opening it as a link: a Dutch page, no cookie', async () => {
      const token = await bad.token();
      const url = token ? `${pipeline.baseUrl}/uitnodiging?code=${token}` : `${pipeline.baseUrl}/uitnodiging`;
      const response = await get(url, { authorization: 'none' });
      await expectPage(
        { status: response.status, headers: response.headers, text: await response.text() },
        token,
      );
    });
  }

  it('as a browser’s session cookie: a Dutch page for the form, and its draft save stores nothing', async () => {
    const token = await bad.token();
    const headers: Record<string, string> = token
      ? { cookie: `regietafel_sessie=${token}` }
      : { authorization: 'none' };
    const page = await get(target().url, headers);
    await expectPage({ status: page.status, headers: page.headers, text: await page.text() }, token);

    const before = await snapshot();
    const draft = await postForm(
      target().url,
      [
        ['_action', 'save-draft'],
        ['_submissionId', 'geweigerd-concept-0001'],
        ['_baseVersion', '0'],
        ['_draftRevision', '0'],
        ['contactName', 'Ongeautoriseerd'],
      ],
      headers,
    );
    await expectPage(draft, token);
    // ‘Versturen’ checks the stored invitation with the submission's first read: refused the same way.
    const submitted = await postForm(
      target().url,
      [
        ['_action', 'submit'],
        ['_submissionId', 'geweigerd-versturen-0001'],
        ['_baseVersion', '0'],
        ['collects', 'nee'],
        ['incomeVerification', 'uwv'],
        ['executedBy', 'gemeente'],
        ['contactName', 'Ongeautoriseerd'],
        ['contactEmail', 'ongeautoriseerd@gemeente.example'],
      ],
      headers,
    );
    await expectPage(submitted, token);
    // Also when the post itself is incomplete (a page that would otherwise come back with its errors).
    const incomplete = await postForm(
      target().url,
      [
        ['_action', 'submit'],
        ['_submissionId', 'geweigerd-versturen-0002'],
        ['_baseVersion', '0'],
        ['contactName', 'Ongeautoriseerd'],
      ],
      headers,
    );
    await expectPage(incomplete, token);
    expect(await snapshot()).toEqual(before);
  });

  it('a body too big (413), of an unknown type (415) or malformed (400) is refused as such before the link is looked at', async () => {
    const token = await bad.token();
    const before = await snapshot();
    const cookie: Record<string, string> = token
      ? { cookie: `regietafel_sessie=${token}` }
      : { authorization: 'none' };
    const bearer: Record<string, string> = { authorization: token ? `Bearer ${token}` : 'none' };
    const tooBigPage = await postForm(
      target().url,
      [
        ['_action', 'submit'],
        ['remarks', 'x'.repeat(70 * 1024)],
      ],
      cookie,
    );
    expect(tooBigPage.status).toBe(413);
    expect(tooBigPage.text).toContain('<html lang="nl"');
    const tooBigJson = await postJson(
      target().url,
      { answers: { ...target().answers, remarks: 'x'.repeat(70 * 1024) } },
      bearer,
    );
    expect(tooBigJson.status).toBe(413);
    expect(tooBigJson.json().error).not.toBe('unauthorized');
    const malformed = await postJson(target().url, '{"answers": {', bearer);
    expect(malformed.status).toBe(400);
    const credentials: Record<string, string>[] = token
      ? [{ cookie: `regietafel_sessie=${token}` }, { authorization: `Bearer ${token}` }]
      : [{}];
    for (const headers of credentials) {
      const unknownType = await fetch(target().url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/plain', accept: 'application/json' },
        body: 'hallo',
      });
      expect(unknownType.status).toBe(415);
      expect(unknownType.headers.get('www-authenticate')).toBeNull();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('as an API client’s Bearer token: Dutch JSON, and a submission stores and sends nothing', async () => {
    const token = await bad.token();
    const headers: Record<string, string> = { authorization: token ? `Bearer ${token}` : 'none' };
    const read = await get(target().url, { ...headers, accept: 'application/json' });
    expectJson({ status: read.status, text: await read.text() });

    const before = await snapshot();
    const submitted = await postJson(
      target().url,
      { answers: target().answers, baseVersion: 0, submissionId: 'geweigerd-0000-0001' },
      headers,
    );
    expectJson(submitted);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a municipality cannot reach another’s data by changing ids in URLs or bodies', () => {
  const secretName = 'Bram Geheimhouder';
  const secretDraft = 'Vertrouwelijk concept van Enschede';

  beforeAll(async () => {
    const stored = await postJson(pipeline.formUrl(B), {
      answers: validEigenBijdrage({ contactName: secretName }),
      baseVersion: 0,
    });
    expect(stored.status).toBe(201);
    const draft = await postForm(pipeline.formUrl(B), [
      ['_action', 'save-draft'],
      ['_submissionId', 'enschede-concept-01'],
      ['_baseVersion', '1'],
      ['_draftRevision', '0'],
      ['remarks', secretDraft],
    ]);
    expect(draft.status).toBe(303);
  });

  const asA = () => ({ cookie: `regietafel_sessie=${tokenA}` });

  it('B’s confirmation page (any version) is refused, without B’s answers', async () => {
    for (const suffix of ['/bevestiging', '/bevestiging?versie=1']) {
      const response = await get(`${pipeline.formUrl(B)}${suffix}`, asA());
      expect(response.status).toBe(404);
      const page = await response.text();
      expect(page).toContain(messages.notForThisLink);
      expect(page).not.toContain(secretName);
    }
    const json = await get(`${pipeline.formUrl(B)}/bevestiging?versie=1`, {
      authorization: `Bearer ${tokenA}`,
      accept: 'application/json',
    });
    expect(json.status).toBe(404);
    expect(await json.text()).not.toContain(secretName);
  });

  it('B’s form with its draft is refused, without the draft', async () => {
    const response = await get(pipeline.formUrl(B), asA());
    expect(response.status).toBe(404);
    const page = await response.text();
    expect(page).not.toContain(secretDraft);
    expect(page).not.toContain(secretName);
  });

  it('overwriting B’s draft or submitting for B from A’s session is refused; B’s data is unchanged', async () => {
    const before = await snapshot();
    const draft = await postForm(
      pipeline.formUrl(B),
      [
        ['_action', 'save-draft'],
        ['_submissionId', 'overschrijven-0001'],
        ['_baseVersion', '1'],
        ['_draftRevision', '1'],
        ['remarks', 'overschreven door Zwolle'],
      ],
      asA(),
    );
    expect(draft.status).toBe(404);
    const submitted = await postJson(
      pipeline.formUrl(B),
      { answers: validEigenBijdrage(), baseVersion: 1 },
      { authorization: `Bearer ${tokenA}` },
    );
    expect(submitted.status).toBe(404);
    expect(await snapshot()).toEqual(before);
    const [stored] = await pipeline.items(demo, `DRAFT#eigen-bijdrage#${B}`);
    expect((stored!.raw as { remarks?: string }).remarks).toBe(secretDraft);
  });

  it('naming B in the body of A’s own form is refused as an unknown field; nothing is stored for anyone', async () => {
    const before = await snapshot();
    const json = await postJson(
      pipeline.formUrl(A),
      { answers: validEigenBijdrage(), municipality: B, roundId: otherRound },
      { authorization: `Bearer ${tokenA}` },
    );
    expect(json.status).toBe(422);
    expect(json.json().fieldErrors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'municipality' })]),
    );
    const inAnswers = await postJson(
      pipeline.formUrl(A),
      { answers: validEigenBijdrage({ municipality: B }) },
      { authorization: `Bearer ${tokenA}` },
    );
    expect(inAnswers.status).toBe(422);
    const form = await postForm(
      pipeline.formUrl(A),
      [
        ['_action', 'save-draft'],
        ['_submissionId', 'naam-in-body-0001'],
        ['_baseVersion', '0'],
        ['_draftRevision', '0'],
        ['municipality', B],
        ['remarks', 'via het lichaam'],
      ],
      asA(),
    );
    expect(form.status).toBe(422);
    expect(form.text).toContain('Onbekend veld ‘municipality’');
    expect(await snapshot()).toEqual(before);
  });
});

describe('audit trail', () => {
  it('records invitations and revocations with who and when', async () => {
    const audit = await pipeline.store.listAudit(demo);
    const invitation = audit.find(
      (event) => event.action === 'invitation' && event.details?.invitationId === invitationA,
    );
    expect(invitation).toMatchObject({ actor: 'test', roundId: demo, municipality: A });
    expect(Date.parse(invitation!.at)).not.toBeNaN();
    const revocation = audit.find(
      (event) => event.action === 'revocation' && event.details?.invitationId === revokedInvitation,
    );
    expect(revocation).toMatchObject({ actor: 'admin:secretariaat', roundId: demo, municipality: A });
    expect((await pipeline.store.getInvitation(revokedInvitation))?.revokedAt).toBe(revocation!.at);
  });

  it('records a submission and an amendment, naming the municipality and the link it used', async () => {
    const first = await postJson(
      pipeline.formUrl(A),
      { answers: validEigenBijdrage(), baseVersion: 0 },
      { authorization: `Bearer ${tokenA}` },
    );
    expect(first.status).toBe(201);
    const second = await postJson(
      pipeline.formUrl(A),
      { answers: validEigenBijdrage({ adultsFull: 42 }), baseVersion: 1 },
      { authorization: `Bearer ${tokenA}` },
    );
    expect(second.status).toBe(201);
    const lines = (await pipeline.store.listAudit(demo)).filter(
      (event) => event.municipality === A && (event.action === 'submission' || event.action === 'amendment'),
    );
    expect(lines.map((event) => [event.action, event.details?.version])).toEqual([
      ['submission', 1],
      ['amendment', 2],
    ]);
    for (const line of lines) {
      expect(line.actor).toBe(`${A} (link ${invitationA.slice(0, 8)})`);
      expect(line.details).toMatchObject({ formId: 'eigen-bijdrage', submittedBy: 'Anna de Vries' });
    }
  });
});
