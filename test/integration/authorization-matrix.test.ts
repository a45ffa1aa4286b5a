import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { routes } from '../../functions/http/routes.js';
import {
  get,
  newRoundFields,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

/**
 * The authorization matrix: every route of the route table × every role × own/foreign resource, against
 * ONE table of expected status codes. A route without a row fails the test, so a new route must be added
 * here (and its access decided) before it can ship.
 */

let pipeline: TestPipeline;

const A = 'GM0193'; // Zwolle, IJsselland
const B = 'GM0153'; // Enschede, Twente
const demo = 'eigen-bijdrage-demo'; // both regions
const twenteOnly = 'alleen-twente';
/** The places pages are about the voortgang form: its demo round, and one of Twente only. */
const voortgang = 'voortgang-opgaven-demo';
const twenteVoortgang = 'alleen-twente-voortgang';

const roles = [
  'geen',
  'gemeente A',
  'gemeente B',
  'regietafel:ijsselland',
  'regietafel:twente',
  'provincie:overijssel',
] as const;
type Role = (typeof roles)[number];

/**
 * How a route is called:
 * - `GET`: a browser page request (municipality roles: their session cookie) or an API GET for staff routes;
 * - `JSON`: an API client submitting answers (municipality roles: Bearer token);
 * - `concept`: a browser form post with `_action=save-draft` (municipality roles: session cookie);
 * - `JSON ongeldig`: an API client posting an envelope with an unknown field (must be refused before it is
 *   validated for someone else's form).
 * - `afmelden`: the sign-out button (a form post from our own page).
 * - `nieuwe ronde`: the staff form *Nieuwe ronde* for IJsselland, `_action=controleren` (the check page;
 *   nothing is stored): another region's staff may not open a round there.
 * - `sluiten?`: the round's *Ronde nu sluiten…* button (`_action=sluiten-controleren`, the confirmation
 *   step; nothing changes): only who acts for every region of the round.
 * - `uitnodigen?`, `herinneren?`, `mail?`: the first step of inviting everyone not yet invited, of
 *   reminding everyone without a submission, of re-sending every failed email (check pages; nothing is
 *   sent). For the submission page the resource is the municipality (in the demo round).
 * - `taakstellingen?`: checking a shares file (`_action=controleren`, the check page; nothing is stored):
 *   provincial staff only.
 * Staff roles always send their staff JWT as Bearer; `open-invitation` sends the role's credential as `code`.
 * The export is asked for the round in the resource column (`?ronde=`).
 * - `contact`: the contacts page's check step for the municipality in the resource column (staff, Bearer);
 * - `gemeentelijst`: the check step of a municipality list (today's Overijssel list) — the province's.
 */
type Call =
  | 'GET'
  | 'JSON'
  | 'concept'
  | 'JSON ongeldig'
  | 'overzicht'
  | 'afmelden'
  | 'contact'
  | 'gemeentelijst'
  | 'nieuwe ronde'
  | 'sluiten?'
  | 'uitnodigen?'
  | 'herinneren?'
  | 'mail?'
  | 'taakstellingen?';

/** One row: route id, how it is called, which resource, then the status per role in the order of `roles`. */
type Row = readonly [
  route: string,
  call: Call,
  resource: string,
  geen: number,
  gemeenteA: number,
  gemeenteB: number,
  regietafelIjsselland: number,
  regietafelTwente: number,
  provincie: number,
];

// Resources: `-` none; `GM0193` / `GM0153` the municipality in the URL (demo round); for round status the
// demo round (IJsselland + Twente) or a round of Twente only.
// biome-ignore format: the table is aligned by hand so it reads as a matrix
const matrix: readonly Row[] = [
  //  route                call             resource        geen  gem.A gem.B rt:ijs rt:twe prov
  ['landing-page',       'GET',           '-',             200,  200,  200,  200,   200,   200],
  ['accessibility-statement', 'GET',      '-',             200,  200,  200,  200,   200,   200],
  ['not-found',          'GET',           '-',             404,  404,  404,  404,   404,   404],
  ['open-invitation',    'GET',           '-',             401,  303,  303,  401,   401,   401],
  ['show-form',          'GET',           A,               401,  200,  404,  401,   401,   401],
  ['show-form',          'GET',           B,               401,  404,  200,  401,   401,   401],
  ['submit-form',        'JSON',          A,               401,  201,  404,  401,   401,   401],
  ['submit-form',        'JSON',          B,               401,  404,  201,  401,   401,   401],
  ['submit-form',        'concept',       A,               401,  303,  404,  401,   401,   401],
  ['submit-form',        'concept',       B,               401,  404,  303,  401,   401,   401],
  ['submit-form',        'JSON ongeldig', A,               401,  422,  404,  401,   401,   401],
  ['submit-form',        'JSON ongeldig', B,               401,  404,  422,  401,   401,   401],
  ['show-check-page',    'GET',           A,               401,  303,  404,  401,   401,   401],
  ['show-check-page',    'GET',           B,               401,  404,  303,  401,   401,   401],
  ['show-confirmation',  'GET',           A,               401,  200,  404,  401,   401,   401],
  ['show-confirmation',  'GET',           B,               401,  404,  200,  401,   401,   401],
  ['list-rounds',        'GET',           '-',             401,  401,  401,  200,   200,   200],
  ['new-round',          'GET',           '-',             401,  401,  401,  200,   200,   200],
  ['new-round-actions',  'nieuwe ronde',  '-',             401,  401,  401,  200,   403,   200],
  ['round-status',       'GET',           demo,            401,  401,  401,  200,   200,   200],
  ['round-status',       'GET',           twenteOnly,      401,  401,  401,  404,   200,   200],
  ['places',             'GET',           voortgang,       401,  401,  401,  200,   200,   200],
  ['places',             'GET',           twenteVoortgang, 401,  401,  401,  404,   200,   200],
  ['places-export',      'GET',           voortgang,       401,  401,  401,  200,   200,   200],
  ['places-export',      'GET',           twenteVoortgang, 401,  401,  401,  404,   200,   200],
  ['change-round',       'GET',           demo,            401,  401,  401,  403,   403,   200],
  ['change-round',       'GET',           twenteOnly,      401,  401,  401,  404,   200,   200],
  ['change-round-actions', 'sluiten?',    demo,            401,  401,  401,  403,   403,   200],
  ['change-round-actions', 'sluiten?',    twenteOnly,      401,  401,  401,  404,   200,   200],
  ['invitations',        'GET',           demo,            401,  401,  401,  200,   200,   200],
  ['invitations',        'GET',           twenteOnly,      401,  401,  401,  404,   200,   200],
  ['invitation-actions', 'uitnodigen?',   demo,            401,  401,  401,  200,   200,   200],
  ['invitation-actions', 'uitnodigen?',   twenteOnly,      401,  401,  401,  404,   200,   200],
  ['reminders',          'GET',           demo,            401,  401,  401,  200,   200,   200],
  ['reminders',          'GET',           twenteOnly,      401,  401,  401,  404,   200,   200],
  ['reminder-actions',   'herinneren?',   demo,            401,  401,  401,  200,   200,   200],
  ['reminder-actions',   'herinneren?',   twenteOnly,      401,  401,  401,  404,   200,   200],
  ['mail',               'GET',           '-',             401,  401,  401,  200,   200,   200],
  ['mail-actions',       'mail?',         '-',             401,  401,  401,  200,   200,   200],
  ['targets',            'GET',           '-',             401,  401,  401,  200,   200,   200],
  ['targets-actions',    'taakstellingen?', '-',           401,  401,  401,  403,   403,   200],
  ['submission',         'GET',           A,               401,  401,  401,  200,   403,   200],
  ['submission',         'GET',           B,               401,  401,  401,  403,   200,   200],
  ['preview-summary',    'GET',           demo,            401,  401,  401,  200,   200,   200],
  ['preview-summary',    'GET',           twenteOnly,      401,  401,  401,  404,   200,   200],
  ['send-summary',       'overzicht',     demo,            401,  401,  401,  202,   202,   202],
  ['send-summary',       'overzicht',     twenteOnly,      401,  401,  401,  404,   202,   202],
  ['export',             'GET',           demo,            401,  401,  401,  200,   200,   200],
  ['export',             'GET',           twenteOnly,      401,  401,  401,  404,   200,   200],
  ['audit-trail',        'GET',           demo,            401,  401,  401,  200,   200,   200],
  ['audit-trail',        'GET',           twenteOnly,      401,  401,  401,  404,   200,   200],
  ['contacts',           'GET',           '-',             401,  401,  401,  200,   200,   200],
  ['edit-contact',       'GET',           A,               401,  401,  401,  200,   403,   200],
  ['edit-contact',       'GET',           B,               401,  401,  401,  403,   200,   200],
  ['change-contact',     'contact',       A,               401,  401,  401,  200,   403,   200],
  ['change-contact',     'contact',       B,               401,  401,  401,  403,   200,   200],
  ['registry-import-form', 'GET',         '-',             401,  401,  401,  403,   403,   200],
  ['registry-import',    'gemeentelijst', '-',             401,  401,  401,  403,   403,   200],
  ['staff-sign-in',      'GET',           '-',             303,  303,  303,  303,   303,   303],
  ['staff-sign-in-callback', 'GET',       '-',             400,  400,  400,  400,   400,   400],
  ['staff-sign-out',     'afmelden',      '-',             303,  303,  303,  303,   303,   303],
];

/** Credentials per role: the municipality's invitation token, or a staff JWT from the local issuer. */
const credentials = new Map<Role, string | undefined>();

beforeAll(async () => {
  pipeline = await startTestPipeline();
  await pipeline.store.createRound({ ...pipeline.round, id: twenteOnly, regions: ['twente'] });
  await pipeline.store.createRound({
    ...pipeline.rounds['voortgang-opgaven']!,
    id: twenteVoortgang,
    regions: ['twente'],
  });
  // Every token up front: minting one records an invitation (and an audit line), which must not show up
  // as "something stored" in a refused cell.
  credentials.set('geen', undefined);
  credentials.set('gemeente A', await pipeline.tokenFor(A));
  credentials.set('gemeente B', await pipeline.tokenFor(B));
  for (const role of ['regietafel:ijsselland', 'regietafel:twente', 'provincie:overijssel'] as const) {
    credentials.set(role, await pipeline.staffToken(role));
  }
  // Both municipalities have a submission, so a confirmation page exists to be refused or shown.
  for (const code of [A, B]) {
    const stored = await postJson(pipeline.formUrl(code), { answers: validEigenBijdrage(), baseVersion: 0 });
    expect(stored.status).toBe(201);
  }
});

afterAll(async () => {
  await pipeline?.stop();
});

function isMunicipality(role: Role): boolean {
  return role === 'gemeente A' || role === 'gemeente B';
}

/** Headers that carry a role's credential the way that kind of client sends it. */
function authHeaders(role: Role, transport: 'cookie' | 'bearer'): Record<string, string> {
  const token = credentials.get(role);
  if (!token) return { authorization: 'none' };
  if (isMunicipality(role) && transport === 'cookie') return { cookie: `regietafel_sessie=${token}` };
  return { authorization: `Bearer ${token}` };
}

/** Everything a refused request could have written: the round partitions, the audit trail, sent mail. */
async function snapshot() {
  return {
    demo: await pipeline.items(demo, ''),
    twenteOnly: await pipeline.items(twenteOnly, ''),
    audit: await pipeline.store.listAudit(demo),
    invitations: await pipeline.store.listInvitations(demo),
    mails: (await pipeline.mailbox()).length,
    registry: await pipeline.store.getRegistry(),
    globalAudit: await pipeline.store.listAudit(),
  };
}

async function current(code: string): Promise<{ version: number; draftRevision: number }> {
  const [latest] = await pipeline.items(demo, `CURRENT#eigen-bijdrage#${code}`);
  const [draft] = await pipeline.items(demo, `DRAFT#eigen-bijdrage#${code}`);
  return { version: Number(latest?.version ?? 0), draftRevision: Number(draft?.revision ?? 0) };
}

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

let sequence = 0;

async function call(row: Row, role: Role): Promise<Answer> {
  const [routeId, how, resource] = row;
  const route = routes.find((candidate) => candidate.id === routeId)!;
  const path = (route.method === 'ANY' ? '/bestaat/niet' : route.path)
    .replace('{formId}', 'eigen-bijdrage')
    .replace('{roundId}', route.auth === 'staff' && !route.path.includes('{municipality}') ? resource : demo)
    .replace('{municipality}', resource)
    .replace('{soort}', 'gemeente')
    .replace('{id}', resource);
  const url = `${pipeline.baseUrl}${path}${routeId === 'export' ? `?ronde=${resource}` : ''}`;
  const answer = async (
    response: Response | { status: number; headers: Headers; text: string },
  ): Promise<Answer> => ({
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: typeof response.text === 'string' ? response.text : await response.text(),
  });

  if (routeId === 'open-invitation') {
    const code = credentials.get(role);
    return answer(
      await get(code ? `${url}?code=${encodeURIComponent(code)}` : url, { authorization: 'none' }),
    );
  }
  if (how === 'GET') {
    const headers = authHeaders(role, 'cookie');
    return answer(
      await get(url, route.auth === 'staff' ? { ...headers, accept: 'application/json' } : headers),
    );
  }
  const state = await current(resource);
  sequence += 1;
  if (how === 'JSON') {
    return answer(
      await postJson(
        url,
        {
          answers: validEigenBijdrage(),
          baseVersion: state.version,
          submissionId: `matrix-${sequence}-0000`,
        },
        authHeaders(role, 'bearer'),
      ),
    );
  }
  if (how === 'afmelden') {
    return answer(await postForm(url, [], { ...authHeaders(role, 'cookie'), origin: pipeline.baseUrl }));
  }
  if (how === 'nieuwe ronde') {
    return answer(
      await postForm(
        url,
        Object.entries({ _action: 'controleren', ...newRoundFields() }),
        authHeaders(role, 'bearer'),
      ),
    );
  }
  if (how === 'sluiten?') {
    return answer(await postForm(url, [['_action', 'sluiten-controleren']], authHeaders(role, 'bearer')));
  }
  const firstSteps: Partial<Record<Call, [string, string][]>> = {
    'uitnodigen?': [['_action', 'alle-controleren']],
    'herinneren?': [
      ['_action', 'voorbeeld'],
      ['alle', 'ja'],
    ],
    'mail?': [['_action', 'alle-controleren']],
    'taakstellingen?': [
      ['_action', 'controleren'],
      ['soort', 'spreiding'],
      ['provincie', 'overijssel'],
      ['cyclus', '2024-2026'],
      ['ingangsdatum', '1-2-2024'],
      ['taak', '6325'],
      ['taakAmv', '538'],
      ['taakStatus', 'vastgesteld'],
      ['bron', 'Staatscourant'],
      ['lijst', 'Gemeentecode;Regulier;AMV\nGM0193;656;61'],
    ],
  };
  const firstStep = firstSteps[how];
  if (firstStep) return answer(await postForm(url, firstStep, authHeaders(role, 'bearer')));
  if (how === 'overzicht') {
    return answer(await postJson(url, { requestId: `matrix-${sequence}-0000` }, authHeaders(role, 'bearer')));
  }
  if (how === 'contact') {
    return answer(
      await postJson(
        url,
        { _action: 'controleren', revisie: '1', contacts: `nieuw-${sequence}@gemeente.example` },
        authHeaders(role, 'bearer'),
      ),
    );
  }
  if (how === 'gemeentelijst') {
    const list = overijssel.municipalities.map(
      (m) => `${m.code};${m.name};Overijssel;${m.region === 'twente' ? 'Twente' : 'IJsselland'}`,
    );
    return answer(
      await postJson(
        url,
        {
          _action: 'controleren',
          lijst: ['code;naam;provincie;regio', ...list].join('\n'),
          ingangsdatum: '1-1-2099',
        },
        authHeaders(role, 'bearer'),
      ),
    );
  }
  if (how === 'JSON ongeldig') {
    return answer(
      await postJson(url, { answers: validEigenBijdrage(), municipality: A }, authHeaders(role, 'bearer')),
    );
  }
  return answer(
    await postForm(
      url,
      [
        ['_action', 'save-draft'],
        ['_submissionId', `matrix-${sequence}-0000`],
        ['_baseVersion', String(state.version)],
        ['_draftRevision', String(state.draftRevision)],
        ['remarks', `concept van ${role}`],
      ],
      authHeaders(role, 'cookie'),
    ),
  );
}

/** The Dutch explanation a refusal must carry. */
function expectDutchRefusal(row: Row, role: Role, answer: Answer): void {
  const dutch =
    /persoonlijke link|niet compleet of niet juist|ongeldig|alleen het formulier van uw eigen gemeente|geen toegang|alleen voor medewerkers|niet over uw regio|in uw regio of provincie|bestaat niet/i;
  if (answer.contentType.includes('application/json')) {
    const body = JSON.parse(answer.text) as { error: string; message: string };
    expect(body.error, `${row[0]} ${role}`).toBe(
      { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[answer.status],
    );
    expect(body.message).toMatch(dutch);
  } else {
    expect(answer.contentType).toContain('text/html');
    expect(answer.text).toContain('<html lang="nl"');
    expect(answer.text).toMatch(dutch);
  }
}

/**
 * Cells where the code is known to answer differently from the table, with the reason. They run as
 * `it.fails`: when the code is fixed they start failing, and the entry must be removed.
 */
const knownBugs: Record<string, string> = {};

const cells = matrix.flatMap((row) =>
  roles.map((role, index) => {
    const status = row[3 + index] as number;
    return {
      name: `${row[0]} ${row[1]} ${row[2]} als ${role} → ${status}`,
      row,
      role,
      status,
      knownBug: knownBugs[`${row[0]}|${row[1]}|${row[2]}|${role}`],
    };
  }),
);

async function checkCell({ row, role, status }: (typeof cells)[number]): Promise<void> {
  const before = await snapshot();
  const answer = await call(row, role);
  expect(answer.status, answer.text.slice(0, 300)).toBe(status);
  if (status >= 400) {
    if (status === 401 || status === 403 || (status === 404 && row[0] !== 'not-found'))
      expectDutchRefusal(row, role, answer);
    // Refused: nothing stored, nothing sent, nothing audited.
    expect(await snapshot()).toEqual(before);
  }
}

describe('authorization matrix: every route × every role × own/foreign resource', () => {
  it('has a row for every route in the route table, and no row for a route that does not exist', () => {
    const covered = new Set(matrix.map(([route]) => route));
    for (const route of routes) expect(covered.has(route.id), `no row for route ${route.id}`).toBe(true);
    for (const id of covered)
      expect(
        routes.some((route) => route.id === id),
        `unknown route ${id}`,
      ).toBe(true);
  });

  it('covers own and foreign resources for every route that has one', () => {
    for (const route of routes.filter((candidate) => candidate.auth === 'municipality')) {
      const resources = new Set(matrix.filter(([id]) => id === route.id).map(([, , resource]) => resource));
      expect([...resources].sort(), route.id).toEqual([A, B].sort());
    }
    const statusRows = matrix.filter(([id]) => id === 'round-status').map(([, , resource]) => resource);
    expect(statusRows.sort()).toEqual([demo, twenteOnly].sort());
  });

  for (const cell of cells) {
    if (cell.knownBug) it.fails(`${cell.name} (bekende fout: ${cell.knownBug})`, () => checkCell(cell));
    else it(cell.name, () => checkCell(cell));
  }

  it('stored exactly what the allowed submissions and drafts wrote, each for its own municipality', async () => {
    for (const code of [A, B]) {
      const versions = await pipeline.items(demo, `VERSION#eigen-bijdrage#${code}#`);
      // One submission in beforeAll plus the one allowed JSON cell.
      expect(versions.map((version) => version.version)).toEqual([1, 2]);
      const [draft] = await pipeline.items(demo, `DRAFT#eigen-bijdrage#${code}`);
      const owner = code === A ? 'gemeente A' : 'gemeente B';
      expect((draft!.raw as { remarks?: string }).remarks).toBe(`concept van ${owner}`);
    }
    const audit = await pipeline.store.listAudit(demo);
    const submissions = audit.filter(
      (event) => event.action === 'submission' || event.action === 'amendment',
    );
    expect(submissions.map((event) => [event.municipality, event.actor.slice(0, 6)]).sort()).toEqual(
      [
        [A, A],
        [A, A],
        [B, B],
        [B, B],
      ].sort(),
    );
  });
});
