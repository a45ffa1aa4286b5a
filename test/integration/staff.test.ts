import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import type { MunicipalityStatus } from '../../functions/core/round-status.js';
import { groupsClaim } from '../../functions/core/staff-claims.js';
import { loadStaffIssuer, localAudience, localIssuer } from '../../functions/local/staff-issuer.js';
import {
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

/**
 * Staff routes: what each role sees (own region for a regietafel, the province for provincial staff), how
 * every staff handler refuses bad tokens (in a header or the sign-in cookie) before it reads anything, and whether the per-municipality
 * statuses follow submissions and drafts.
 */

let pipeline: TestPipeline;

const twenteOnly = 'alleen-twente';
const statusRound = 'status-ronde';
const day = 24 * 3600 * 1000;

const codesOf = (region: string) =>
  overijssel.municipalities.filter((municipality) => municipality.region === region).map((m) => m.code);
const ijsselland = codesOf('ijsselland');
const twente = codesOf('twente');

interface RoundSummary {
  id: string;
  regions: string[];
  totals: { ingezonden: number; concept: number; niets: number };
}
interface StatusBody {
  round: Round;
  phase: string;
  municipalities: MunicipalityStatus[];
  totals: { ingezonden: number; concept: number; niets: number };
}

beforeAll(async () => {
  pipeline = await startTestPipeline();
  await pipeline.store.createRound({ ...pipeline.round, id: twenteOnly, regions: ['twente'] });
  await pipeline.store.createRound({
    ...pipeline.round,
    id: statusRound,
    title: 'Ronde voor de status',
    opensAt: new Date(Date.now() - day).toISOString(),
    deadline: new Date(Date.now() + 10 * day).toISOString(),
  });
});

afterAll(async () => {
  await pipeline?.stop();
});

async function asStaff(path: string, token: string | undefined) {
  const response = await fetch(`${pipeline.baseUrl}${path}`, {
    headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const total = (totals: RoundSummary['totals']) => totals.ingezonden + totals.concept + totals.niets;

describe('what each staff role sees', () => {
  const cases = [
    { role: 'regietafel:ijsselland', count: 11, visible: ijsselland },
    { role: 'regietafel:twente', count: 14, visible: twente },
    { role: 'provincie:overijssel', count: 25, visible: [...ijsselland, ...twente] },
  ] as const;

  it('the registry has 11 IJsselland and 14 Twente municipalities', () => {
    expect(ijsselland).toHaveLength(11);
    expect(twente).toHaveLength(14);
  });

  it.each(cases)(
    '$role: round status lists exactly its $count municipalities',
    async ({ role, count, visible }) => {
      const response = await asStaff(`/staf/rondes/${pipeline.round.id}`, await pipeline.staffToken(role));
      expect(response.status).toBe(200);
      const body = JSON.parse(response.text) as StatusBody;
      expect(body.municipalities).toHaveLength(count);
      expect(body.municipalities.map((row) => row.code).sort()).toEqual([...visible].sort());
      expect(total(body.totals)).toBe(count);
    },
  );

  it.each(cases)(
    '$role: the rounds list shows totals over its own municipalities only',
    async ({ role, count }) => {
      const response = await asStaff('/staf/rondes', await pipeline.staffToken(role));
      expect(response.status).toBe(200);
      const { rounds } = JSON.parse(response.text) as { rounds: RoundSummary[] };
      const demo = rounds.find((round) => round.id === pipeline.round.id);
      expect(demo && total(demo.totals)).toBe(count);
    },
  );

  it('a regietafel of IJsselland does not see a Twente-only round: not listed, and asked for it, the same 404 as a round that does not exist', async () => {
    const token = await pipeline.staffToken('regietafel:ijsselland');
    const list = JSON.parse((await asStaff('/staf/rondes', token)).text) as { rounds: RoundSummary[] };
    expect(list.rounds.map((round) => round.id)).not.toContain(twenteOnly);
    expect(list.rounds.map((round) => round.id)).toContain(pipeline.round.id);

    const response = await asStaff(`/staf/rondes/${twenteOnly}`, token);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toEqual({
      error: 'not_found',
      message: `Er is geen ronde ‘${twenteOnly}’ in uw regio of provincie.`,
    });
    expect(response.text).not.toContain('GM0153');
    const unknown = await asStaff('/staf/rondes/bestaat-niet', token);
    expect(unknown.status).toBe(404);
    expect(unknown.text.replace('bestaat-niet', twenteOnly)).toBe(response.text);
  });

  it('Twente and the province see the Twente-only round with its 14 municipalities', async () => {
    for (const role of ['regietafel:twente', 'provincie:overijssel']) {
      const token = await pipeline.staffToken(role);
      const list = JSON.parse((await asStaff('/staf/rondes', token)).text) as { rounds: RoundSummary[] };
      expect(
        list.rounds.map((round) => round.id),
        role,
      ).toContain(twenteOnly);
      const response = await asStaff(`/staf/rondes/${twenteOnly}`, token);
      expect(response.status, role).toBe(200);
      const body = JSON.parse(response.text) as StatusBody;
      expect(body.municipalities.map((row) => row.code).sort(), role).toEqual([...twente].sort());
    }
  });

  it('someone with both regietafel roles sees both regions', async () => {
    const token = await pipeline.staffToken('regietafel:ijsselland', 'regietafel:twente');
    const body = JSON.parse((await asStaff(`/staf/rondes/${pipeline.round.id}`, token)).text) as StatusBody;
    expect(body.municipalities).toHaveLength(25);
  });

  it('a role of another province or an unknown region sees nothing', async () => {
    for (const role of ['provincie:gelderland', 'regietafel:achterhoek']) {
      const token = await pipeline.staffToken(role);
      const list = await asStaff('/staf/rondes', token);
      expect(list.status, role).toBe(200);
      expect(JSON.parse(list.text), role).toEqual({ rounds: [], failedMail: [] });
      expect((await asStaff(`/staf/rondes/${pipeline.round.id}`, token)).status, role).toBe(404);
    }
  });

  it('a valid token without any staff role is refused by the handler (401, Dutch)', async () => {
    const token = await pipeline.staffIssuer.mint({ roles: ['beheerder', 'gemeente:GM0193'] });
    const response = await asStaff('/staf/rondes', token);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toEqual({
      error: 'unauthorized',
      message: 'Deze pagina is alleen voor medewerkers van de regietafel of de provincie. Meld u aan.',
    });
  });

  it('an unknown round is a 404', async () => {
    const response = await asStaff(
      '/staf/rondes/bestaat-niet',
      await pipeline.staffToken('provincie:overijssel'),
    );
    expect(response.status).toBe(404);
  });
});

describe('staff handlers verify the token themselves and refuse bad ones', () => {
  /** Another key pair that signs with the same issuer and audience: only the signature can tell. */
  async function foreignKeyToken(claims: Record<string, unknown> = {}, issuer = localIssuer) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = (await exportJWK(publicKey)).x!.slice(0, 8);
    return new SignJWT({ [groupsClaim]: ['provincie:overijssel'], ...claims })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(issuer)
      .setAudience(localAudience)
      .setSubject('indringer')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  }

  const badTokens: readonly (readonly [string, () => Promise<string | undefined>])[] = [
    ['no token', async () => undefined],
    ['not a JWT', async () => 'geen-token'],
    ['signed by another key (same issuer)', () => foreignKeyToken()],
    ['signed by another key and another issuer', () => foreignKeyToken({}, 'https://cognito.example/anders')],
    [
      'from another local issuer (its own key pair)',
      async () => (await loadStaffIssuer()).mint({ roles: ['provincie:overijssel'] }),
    ],
    ['expired', () => pipeline.staffIssuer.mint({ roles: ['provincie:overijssel'], expiresIn: '-1 minute' })],
    ['an invitation token of a municipality', () => pipeline.tokenFor('GM0193')],
    [
      'the payload edited by hand (role raised to the province)',
      async () => {
        const token = await pipeline.staffToken('regietafel:ijsselland');
        const [header, payload, signature] = token.split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
        claims[groupsClaim] = ['provincie:overijssel'];
        return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
      },
    ],
  ];

  const staffPaths = () => [
    '/staf/rondes',
    `/staf/rondes/${pipeline.round.id}`,
    `/staf/formulieren/eigen-bijdrage/export?ronde=${pipeline.round.id}`,
  ];

  it.each(badTokens)('%s → 401 with a Dutch explanation (API client)', async (_name, make) => {
    const token = await make();
    for (const path of staffPaths()) {
      const response = await asStaff(path, token);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(JSON.parse(response.text)).toMatchObject({
        error: 'unauthorized',
        message: expect.stringMatching(/meld u (opnieuw )?aan/i),
      });
    }
  });

  it.each(badTokens)('%s in the sign-in cookie → a browser is sent to the sign-in', async (_name, make) => {
    const token = await make();
    for (const path of staffPaths()) {
      const response = await fetch(`${pipeline.baseUrl}${path}`, {
        headers: { accept: 'text/html', ...(token ? { cookie: `regietafel_staf=${token}` } : {}) },
        redirect: 'manual',
      });
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location')).toBe(`/staf/inloggen?${new URLSearchParams({ terug: path })}`);
    }
  });

  it('a municipality’s session cookie is not a staff credential', async () => {
    const response = await fetch(`${pipeline.baseUrl}/staf/rondes`, {
      headers: {
        accept: 'application/json',
        cookie: `regietafel_sessie=${await pipeline.tokenFor('GM0193')}`,
      },
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe('unauthorized');
  });
});

describe('statuses follow submissions and drafts: ingezonden / concept / niets', () => {
  const round = () => ({ ...pipeline.round, id: statusRound });
  const submitted = 'GM0193'; // Zwolle: submits
  const drafted = 'GM0150'; // Deventer: only a draft
  const amendedWithDraft = 'GM0164'; // Hengelo: submits, then saves a newer draft

  async function status(role = 'provincie:overijssel'): Promise<Map<string, MunicipalityStatus>> {
    const response = await asStaff(`/staf/rondes/${statusRound}`, await pipeline.staffToken(role));
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text) as StatusBody;
    return new Map(body.municipalities.map((row) => [row.code, row]));
  }

  const draft = (baseVersion: number, revision: number, remarks: string): [string, string][] => [
    ['_action', 'save-draft'],
    ['_submissionId', `status-concept-${revision}-${baseVersion}`],
    ['_baseVersion', String(baseVersion)],
    ['_draftRevision', String(revision)],
    ['remarks', remarks],
  ];

  it('starts with niets for everyone', async () => {
    const rows = await status();
    expect(rows.size).toBe(25);
    expect([...rows.values()].every((row) => row.status === 'niets')).toBe(true);
  });

  it('shows a submission as ingezonden (version, when, by whom), a draft as concept, the rest as niets', async () => {
    const first = await postJson(pipeline.formUrl(submitted, round()), {
      answers: validEigenBijdrage({ amountOperatingCosts: 105 }),
      baseVersion: 0,
    });
    expect(first.status).toBe(201);
    const saved = await postForm(pipeline.formUrl(drafted, round()), draft(0, 0, 'half af'));
    expect(saved.status).toBe(303);

    const rows = await status();
    const [version] = await pipeline.items(statusRound, `VERSION#eigen-bijdrage#${submitted}#`);
    expect(rows.get(submitted)).toMatchObject({
      status: 'ingezonden',
      version: 1,
      submittedAt: version!.submittedAt,
      submittedBy: 'Anna de Vries',
      late: false,
      warnings: 1,
    });
    const [stored] = await pipeline.items(statusRound, `DRAFT#eigen-bijdrage#${drafted}`);
    expect(rows.get(drafted)).toMatchObject({
      status: 'concept',
      draftSavedAt: stored!.savedAt,
      warnings: 0,
    });
    expect(rows.get(drafted)?.version).toBeUndefined();
    expect(rows.get('GM0153')).toMatchObject({ status: 'niets', warnings: 0 });
  });

  it('keeps a submitted municipality ingezonden when it saves a newer draft, and shows that draft', async () => {
    const url = pipeline.formUrl(amendedWithDraft, round());
    expect((await postJson(url, { answers: validEigenBijdrage(), baseVersion: 0 })).status).toBe(201);
    expect((await postForm(url, draft(1, 0, 'wijziging in de maak'))).status).toBe(303);
    const rows = await status();
    const [stored] = await pipeline.items(statusRound, `DRAFT#eigen-bijdrage#${amendedWithDraft}`);
    expect(rows.get(amendedWithDraft)).toMatchObject({
      status: 'ingezonden',
      version: 1,
      draftSavedAt: stored!.savedAt,
    });
  });

  it('turns a draft into ingezonden once it is submitted, and counts amendments as the new version', async () => {
    expect(
      (
        await postJson(pipeline.formUrl(drafted, round()), {
          answers: validEigenBijdrage({ contactName: 'Jan Jansen' }),
          baseVersion: 0,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await postJson(pipeline.formUrl(submitted, round()), {
          answers: validEigenBijdrage(),
          baseVersion: 1,
        })
      ).status,
    ).toBe(201);
    const rows = await status();
    expect(rows.get(drafted)).toMatchObject({ status: 'ingezonden', version: 1, submittedBy: 'Jan Jansen' });
    expect(rows.get(drafted)?.draftSavedAt).toBeUndefined();
    expect(rows.get(submitted)).toMatchObject({ status: 'ingezonden', version: 2, warnings: 0 });
  });

  it('totals per role count only the visible municipalities', async () => {
    const expected = {
      'provincie:overijssel': { ingezonden: 3, concept: 0, niets: 22 },
      'regietafel:ijsselland': { ingezonden: 2, concept: 0, niets: 9 },
      'regietafel:twente': { ingezonden: 1, concept: 0, niets: 13 },
    };
    for (const [role, totals] of Object.entries(expected)) {
      const response = await asStaff(`/staf/rondes/${statusRound}`, await pipeline.staffToken(role));
      expect((JSON.parse(response.text) as StatusBody).totals, role).toEqual(totals);
      const list = JSON.parse((await asStaff('/staf/rondes', await pipeline.staffToken(role))).text) as {
        rounds: RoundSummary[];
      };
      expect(list.rounds.find((candidate) => candidate.id === statusRound)?.totals, role).toEqual(totals);
    }
  });

  it('a draft in another round or of another form does not count in this round', async () => {
    const saved = await postForm(pipeline.formUrl('GM0153'), draft(0, 0, 'concept in de demo-ronde'));
    expect(saved.status).toBe(303);
    expect((await status()).get('GM0153')?.status).toBe('niets');
  });
});

describe('staff cannot use the municipality routes', () => {
  it('a staff token opens no form and submits nothing (401), even the province', async () => {
    const token = await pipeline.staffToken('provincie:overijssel');
    const page = await get(pipeline.formUrl('GM0193'), { authorization: `Bearer ${token}` });
    expect(page.status).toBe(401);
    const before = await pipeline.items(pipeline.round.id, '');
    const post = await postJson(
      pipeline.formUrl('GM0193'),
      { answers: validEigenBijdrage() },
      { authorization: `Bearer ${token}` },
    );
    expect(post.status).toBe(401);
    expect(await pipeline.items(pipeline.round.id, '')).toEqual(before);
  });
});
