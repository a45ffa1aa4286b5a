import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/http/routes.js';
import {
  get,
  newRoundFields,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

let pipeline: TestPipeline;
const municipality = 'GM1708';

beforeAll(async () => {
  pipeline = await startTestPipeline();
  // The confirmation route needs something to confirm.
  const stored = await postJson(pipeline.formUrl(municipality), { answers: validEigenBijdrage() });
  expect(stored.status).toBe(201);
});

afterAll(async () => {
  await pipeline?.stop();
});

interface Expectation {
  readonly status: number;
  readonly contains: string;
  readonly body?: unknown;
  readonly query?: () => Promise<string>;
  readonly headers?: () => Promise<Record<string, string>>;
  /** A concrete address for the route (the catch-all has no path of its own). */
  readonly path?: string;
}

/** What each route answers to a well-formed request. A new route must be added here, or this test fails. */
const expectations: Record<string, Expectation> = {
  'landing-page': { status: 200, contains: 'Formulieren voor gemeenten' },
  'accessibility-statement': {
    status: 200,
    contains: '<h1 class="utrecht-heading-1">Toegankelijkheidsverklaring</h1>',
  },
  'not-found': {
    status: 404,
    path: '/bestaat/niet',
    contains: '<h1 class="utrecht-heading-1">Pagina niet gevonden</h1>',
  },
  'open-invitation': {
    status: 303,
    contains: '',
    query: async () => `?code=${await pipeline.tokenFor(municipality)}`,
    headers: async () => ({ authorization: 'none' }),
  },
  'show-form': { status: 200, contains: 'Eigen bijdrage ontheemden uit Oekraïne' },
  'submit-form': {
    status: 201,
    body: { answers: validEigenBijdrage(), baseVersion: 1 },
    contains: '"version":2',
  },
  // No draft (the official did not press “Controleren”): back to the form.
  'show-check-page': { status: 303, contains: '' },
  'show-confirmation': { status: 200, contains: 'Uw antwoorden zijn ontvangen' },
  'list-rounds': {
    status: 200,
    contains: '"id":"eigen-bijdrage-demo"',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'preview-summary': {
    status: 200,
    contains: 'Wat aandacht vraagt',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'send-summary': {
    status: 202,
    body: { requestId: 'routes-test-0001' },
    contains: '"period":"handmatig-routes-test-0001"',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  export: {
    status: 200,
    contains: 'Gemeentecode;Gemeente;Regio;Ronde;Status',
    query: async () => `?ronde=${pipeline.round.id}`,
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}` }),
  },
  'staff-sign-in': { status: 303, contains: '' },
  'staff-sign-in-callback': { status: 400, contains: 'Deze aanmelding is verlopen' },
  // Followed to the end: cookie gone, the identity provider's logout, back on the start page.
  'staff-sign-out': {
    status: 200,
    contains: 'Formulieren voor gemeenten',
    headers: async () => ({ origin: pipeline.baseUrl }),
  },
  'audit-trail': {
    status: 200,
    contains: '"action":"submission"',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  contacts: {
    status: 200,
    contains: 'Contacten en adressen',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'edit-contact': {
    status: 200,
    path: '/staf/contacten/gemeente/GM1708',
    contains: 'Adressen van gemeente Steenwijkerland wijzigen',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'change-contact': {
    status: 200,
    path: '/staf/contacten/gemeente/GM1708',
    body: { _action: 'controleren', revisie: '1', contacts: 'nieuw@steenwijkerland.example' },
    contains: 'Controleer de wijziging',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'registry-import-form': {
    status: 200,
    contains: 'Gemeentelijst inlezen',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}` }),
  },
  'registry-import': {
    status: 200,
    body: {
      _action: 'controleren',
      lijst: 'GM1708;Steenwijkerland;Overijssel;IJsselland',
      ingangsdatum: '1-1-2099',
    },
    contains: 'Controleer de gemeentelijst',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}` }),
  },
  'new-round': {
    status: 200,
    contains: 'Nieuwe ronde',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'new-round-actions': {
    status: 200,
    body: { _action: 'controleren', ...newRoundFields() },
    contains: 'Controleer de nieuwe ronde',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'change-round': {
    status: 200,
    contains: 'Sluitingsdatum, sluiten of heropenen',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}` }),
  },
  'change-round-actions': {
    status: 200,
    body: { _action: 'sluiten-controleren' },
    contains: 'Ronde nu sluiten: controleer wat er gebeurt',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}` }),
  },
  invitations: {
    status: 200,
    contains: 'Uitnodigingen per gemeente',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'invitation-actions': {
    status: 200,
    body: { _action: 'alle-controleren' },
    contains: 'Uitnodigen: controleer wie wat krijgt',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  reminders: {
    status: 200,
    contains: 'Automatische herinnering',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'reminder-actions': {
    status: 200,
    body: { _action: 'voorbeeld', alle: 'ja' },
    contains: 'Herinnering: controleer de e-mail en wie hem krijgt',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  mail: {
    status: 200,
    contains: 'Wacht op verzending',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'mail-actions': {
    status: 200,
    body: { _action: 'alle-controleren' },
    contains: 'Er is geen mislukte e-mail (meer) om opnieuw te versturen.',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  targets: {
    status: 200,
    contains: 'Aandelen asielopvang (Spreidingswet)',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  'targets-actions': {
    status: 200,
    body: {
      _action: 'controleren',
      soort: 'huisvesting',
      provincie: 'overijssel',
      halfjaar: '2026-H2',
      bron: 'Provincie Overijssel',
      lijst: 'Gemeentecode;Taakstelling\nGM0193;80',
    },
    contains: 'Controleer de taakstellingen',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}` }),
  },
  submission: {
    status: 200,
    contains: 'Gemeente Steenwijkerland',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` }),
  },
  places: {
    status: 200,
    path: '/staf/rondes/voortgang-opgaven-demo/plaatsen',
    contains: '"window":{"from":"2025-07-01","until":"2026-02-01"}',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}` }),
  },
  'places-export': {
    status: 200,
    path: '/staf/rondes/voortgang-opgaven-demo/plaatsen/export?tabel=gebieden&dialect=rfc4180',
    contains: 'Niveau,Code,Naam,Regio,Gemeenten,Ingezonden',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}` }),
  },
  'round-status': {
    status: 200,
    contains: '"code":"GM1708","name":"Steenwijkerland","region":"ijsselland","status":"ingezonden"',
    headers: async () => ({ authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}` }),
  },
};

function concretePath(path: string): string {
  return path
    .replace('{formId}', 'eigen-bijdrage')
    .replace('{roundId}', pipeline.round.id)
    .replace('{municipality}', municipality);
}

describe('every route in the route table, invoked through an API Gateway (payload 2.0) event', () => {
  it('has an expectation for every route and a handler module for every entry', () => {
    expect(Object.keys(expectations).sort()).toEqual(routes.map((route) => route.id).sort());
    for (const route of routes) expect(existsSync(route.entry), route.entry).toBe(true);
  });

  it.each(routes.map((route) => [route.id, route] as const))('%s answers as specified', async (id, route) => {
    const expected = expectations[id]!;
    const url = `${pipeline.baseUrl}${expected.path ?? concretePath(route.path)}${expected.query ? await expected.query() : ''}`;
    const headers = expected.headers ? await expected.headers() : {};
    const response =
      route.method === 'GET' || route.method === 'ANY'
        ? await get(url, headers)
        : await postJson(url, expected.body, headers).then((result) => ({
            status: result.status,
            text: async () => result.text,
            headers: result.headers,
          }));
    expect(response.status).toBe(expected.status);
    expect(await response.text()).toContain(expected.contains);
  });

  it('sends security headers with every page', async () => {
    const response = await get(pipeline.formUrl(municipality));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers every unknown address with a Dutch 404 page (JSON for scripts), whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/bestaat/niet'],
      ['GET', '/formulieren/eigen-bijdrage'],
      ['POST', '/staf/bestaat-niet'],
      ['GET', '/formulieren/eigen-bijdrage/r/GM0193/bevestiging/extra'],
    ] as const) {
      const response = await fetch(`${pipeline.baseUrl}${path}`, {
        method,
        headers: { accept: 'text/html' },
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
      const page = await response.text();
      expect(page).toContain('<html lang="nl"');
      expect(page).toContain('Pagina niet gevonden');
      expect(page).not.toContain('Not Found');
    }
    const json = await fetch(`${pipeline.baseUrl}/bestaat/niet`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({
      error: 'not_found',
      message: expect.stringContaining('geen pagina'),
    });
  });

  it('links the accessibility statement from the footer of every page', async () => {
    for (const path of [
      '/',
      '/toegankelijkheid',
      '/bestaat/niet',
      `/formulieren/eigen-bijdrage/${pipeline.round.id}/${municipality}`,
    ]) {
      const page = await (await fetch(`${pipeline.baseUrl}${path}`)).text();
      expect(page, path).toMatch(/<footer[\s\S]*href="\/toegankelijkheid"[\s\S]*<\/footer>/);
    }
  });

  it('serves the one stylesheet the pages load (NL Design System, purged)', async () => {
    const page = await (await fetch(`${pipeline.baseUrl}/`)).text();
    const stylesheets = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map(
      (match) => match[1]!,
    );
    expect(stylesheets).toHaveLength(1);
    for (const href of stylesheets) {
      const response = await fetch(`${pipeline.baseUrl}${href}`);
      expect(response.status, href).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/css');
    }
  });
});

describe('handler modules invoked directly with a hand-built API Gateway event, as Lambda does', () => {
  it('renders the form for a GET event', async () => {
    const { handler } = await import('../../functions/http/handlers/show-form.js');
    const rawPath = `/formulieren/eigen-bijdrage/${pipeline.round.id}/${municipality}`;
    const result = await handler(
      {
        version: '2.0',
        routeKey: 'GET /formulieren/{formId}/{roundId}/{municipality}',
        rawPath,
        rawQueryString: '',
        headers: {
          host: 'forms.example',
          accept: 'text/html',
          authorization: `Bearer ${await pipeline.tokenFor(municipality)}`,
        },
        pathParameters: { formId: 'eigen-bijdrage', roundId: pipeline.round.id, municipality },
        requestContext: {
          accountId: '123456789012',
          apiId: 'api',
          domainName: 'forms.example',
          domainPrefix: 'forms',
          http: {
            method: 'GET',
            path: rawPath,
            protocol: 'HTTP/1.1',
            sourceIp: '192.0.2.1',
            userAgent: 'test',
          },
          requestId: 'req-1',
          routeKey: 'GET /formulieren/{formId}/{roundId}/{municipality}',
          stage: '$default',
          time: new Date().toUTCString(),
          timeEpoch: Date.now(),
        },
        isBase64Encoded: false,
      },
      { getRemainingTimeInMillis: () => 10_000 } as never,
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('Gemeente Steenwijkerland');
  });

  it('answers an export in base64, so its size in the Lambda answer is exactly 4/3 of the file', async () => {
    const { handler } = await import('../../functions/http/handlers/export.js');
    const rawPath = '/staf/formulieren/eigen-bijdrage/export';
    const result = await handler(
      {
        version: '2.0',
        routeKey: 'GET /staf/formulieren/{formId}/export',
        rawPath,
        rawQueryString: `ronde=${pipeline.round.id}`,
        headers: {
          host: 'forms.example',
          authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}`,
        },
        queryStringParameters: { ronde: pipeline.round.id },
        pathParameters: { formId: 'eigen-bijdrage' },
        requestContext: {
          accountId: '123456789012',
          apiId: 'api',
          domainName: 'forms.example',
          domainPrefix: 'forms',
          http: {
            method: 'GET',
            path: rawPath,
            protocol: 'HTTP/1.1',
            sourceIp: '192.0.2.1',
            userAgent: 'test',
          },
          requestId: 'req-2',
          routeKey: 'GET /staf/formulieren/{formId}/export',
          stage: '$default',
          time: new Date().toUTCString(),
          timeEpoch: Date.now(),
        },
        isBase64Encoded: false,
      },
      { getRemainingTimeInMillis: () => 10_000 } as never,
    );
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(true);
    const file = Buffer.from(result.body!, 'base64');
    expect(result.body!.length).toBe(Math.ceil(file.length / 3) * 4);
    expect(file.toString('utf8')).toMatch(/^\uFEFFGemeentecode;Gemeente;Regio;Ronde;Status/);
  });
});
