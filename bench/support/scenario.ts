import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { inviteMunicipalities } from '../../functions/core/invitations.js';
import type { Round } from '../../functions/core/model.js';
import { randomIds } from '../../functions/http/dependencies.js';
import { type RunningPipeline, startPipeline } from '../../functions/local/pipeline.js';
import { demoRound, seed } from '../../functions/local/seed.js';
import { browserSubmission, validEigenBijdrage } from '../../test/support/pipeline.js';
import { type DynamoDbMeter, startDynamoDbMeter } from './dynamodb-meter.js';

/**
 * The local pipeline (dynalite, the SES emulator, the local server for the staff keys) seeded like
 * `npm start`, and for every bundle an event like the one API Gateway sends on that route's common path:
 * the form page of a municipality with its link, an amendment of its submission, a staff member's
 * dashboard, … Benchmarks invoke the bundles with these events in fresh processes.
 */
export interface Scenario {
  readonly pipeline: RunningPipeline;
  /** The logging proxy the handlers' DynamoDB client goes through, when asked for. */
  readonly meter?: DynamoDbMeter;
  readonly round: Round;
  /** What a child process needs to reach the emulators, as the CDK app's variables on AWS. */
  readonly env: NodeJS.ProcessEnv;
  /** A new event for a bundle id (routes, `run-schedule`, `method-not-allowed`, floors). */
  event(id: string): Promise<unknown>;
  /** Whether there is an event for that bundle id (routes added since have none yet). */
  hasEvent(id: string): boolean;
  /** Answers for an amendment of the scenario's submission, with the version it amends. */
  nextAmendment(): Promise<{ answers: Record<string, unknown>; baseVersion: number }>;
  /**
   * A browser's *Versturen* of that amendment: the form posted with the session cookie (the JSON client's
   * `submit-form` event has the link as Bearer token). Not a bundle's event: the same function.
   */
  browserSubmitEvent(): Promise<unknown>;
  stop(): Promise<void>;
}

const municipality = 'GM0193';

interface EventOptions {
  readonly method?: string;
  readonly path: string;
  readonly routePath: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly cookies?: string[];
  readonly body?: string;
  readonly routeKey?: string;
}

/** An HTTP API payload 2.0 event as API Gateway sends it behind CloudFront. */
export function apiEvent(options: EventOptions): APIGatewayProxyEventV2 {
  const method = options.method ?? 'GET';
  const query = options.query ?? {};
  const now = new Date();
  return {
    version: '2.0',
    routeKey: options.routeKey ?? `${method} ${options.routePath}`,
    rawPath: options.path,
    rawQueryString: new URLSearchParams(query).toString(),
    cookies: options.cookies,
    headers: {
      host: 'formulieren.example.nl',
      'x-forwarded-host': 'formulieren.example.nl',
      'x-forwarded-proto': 'https',
      'user-agent': 'bench',
      ...options.headers,
    },
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: options.pathParameters,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'formulieren.example.nl',
      domainPrefix: 'formulieren',
      http: {
        method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: randomUUID(),
      routeKey: options.routeKey ?? `${method} ${options.routePath}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: options.body,
    isBase64Encoded: false,
  };
}

const page = { accept: 'text/html,application/xhtml+xml' };

/**
 * @param options.meter put the DynamoDB meter between the handlers (run in this process) and dynalite;
 *   the scenario's own seeding goes straight to dynalite.
 */
export async function startScenario(options: { meter?: boolean } = {}): Promise<Scenario> {
  const pipeline = await startPipeline({ port: 0, dynamoPort: 0, sesPort: 0 });
  const meter = options.meter ? await startDynamoDbMeter(pipeline.dynamo.url) : undefined;
  // Before any handler builds its client: they all read the endpoint once, on first use.
  if (meter) process.env.AWS_ENDPOINT_URL_DYNAMODB = meter.url;
  await seed(pipeline.store, new Date());
  const round = demoRound(new Date());
  const deps = {
    store: pipeline.store,
    mailer: { send: () => Promise.reject(new Error('not used')) },
    clock: { now: () => new Date() },
    ids: randomIds,
  };
  const [invited] = await inviteMunicipalities(deps, {
    roundId: round.id,
    municipalities: [municipality],
    baseUrl: pipeline.baseUrl,
    send: false,
    actor: 'bench',
  });
  const token = new URL(invited!.url).searchParams.get('code')!;
  const staffToken = await pipeline.staffIssuer.mint({
    roles: ['provincie:overijssel'],
    email: 'bench@regietafel.example',
  });
  const formParams = { formId: round.formId, roundId: round.id, municipality };
  const formPath = `/formulieren/${round.formId}/${round.id}/${municipality}`;
  const formRoute = '/formulieren/{formId}/{roundId}/{municipality}';
  const staff = { authorization: `Bearer ${staffToken}` };
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        name.startsWith('AWS_') ||
        name.startsWith('STAFF_') ||
        name.startsWith('EXPORT_') ||
        ['TABLE_NAME', 'MAIL_FROM', 'PUBLIC_BASE_URL', 'PATH'].includes(name),
    ),
  );
  env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  env.POWERTOOLS_SERVICE_NAME = 'regietafel';

  async function latestVersion(): Promise<number> {
    const latest = await pipeline.store.latestVersion(round.id, round.formId, municipality);
    return latest?.version ?? 0;
  }

  async function nextAmendment() {
    const baseVersion = await latestVersion();
    // Each amendment changes a figure, so the confirmation lists a change, as a real one would.
    return { answers: validEigenBijdrage({ adultsFull: 41 + baseVersion }), baseVersion };
  }

  // One submission so the confirmation page and the dashboard have something to show.
  const first = await nextAmendment();
  const { handler: submit } = await import('../../functions/http/handlers/submit-form.js');
  await submit(
    submitEvent({ ...first, submissionId: randomUUID() }) as never,
    { awsRequestId: 'seed' } as never,
  );

  function submitEvent(body: {
    answers: Record<string, unknown>;
    baseVersion: number;
    submissionId: string;
  }): APIGatewayProxyEventV2 {
    return apiEvent({
      method: 'POST',
      path: formPath,
      routePath: formRoute,
      pathParameters: formParams,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  }

  /** A code from the local Cognito stand-in, as after a person picked a role on its sign-in page. */
  async function signInCode(): Promise<{ code: string; state: string; verifier: string }> {
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(16).toString('base64url');
    const response = await fetch(`${process.env.STAFF_SIGN_IN_URL}/oauth2/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: process.env.STAFF_CLIENT_ID!,
        redirect_uri: `${pipeline.baseUrl}/staf/inloggen/terug`,
        state,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        role: 'provincie:overijssel',
      }),
    });
    const location = new URL(response.headers.get('location') ?? '');
    return { code: location.searchParams.get('code') ?? '', state, verifier };
  }

  const contactParams = { soort: 'gemeente', id: municipality };
  /** The places pages are those of the progress form's round (seeded like every form's demo round). */
  const placesRound = demoRound(new Date(), 'voortgang-opgaven').id;
  /** A staff member's page in a browser. */
  function staffGet(path: string, routePath: string, pathParameters?: Record<string, string>) {
    return apiEvent({ path, routePath, pathParameters, headers: { ...staff, ...page } });
  }
  /** A page of the scenario's round (`/staf/rondes/{roundId}/<tail>`). */
  function roundGet(tail: string, roundId = round.id) {
    return staffGet(`/staf/rondes/${roundId}/${tail}`, `/staf/rondes/{roundId}/${tail}`, { roundId });
  }
  /** A staff page's form, posted by the browser from the same origin. */
  function staffPost(
    path: string,
    routePath: string,
    fields: Record<string, string>,
    pathParameters?: Record<string, string>,
  ) {
    return apiEvent({
      method: 'POST',
      path,
      routePath,
      pathParameters,
      headers: {
        ...staff,
        ...page,
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
      },
      body: new URLSearchParams(fields).toString(),
    });
  }
  function roundPost(tail: string, fields: Record<string, string>) {
    return staffPost(`/staf/rondes/${round.id}/${tail}`, `/staf/rondes/{roundId}/${tail}`, fields, {
      roundId: round.id,
    });
  }

  const events: Record<string, () => Promise<unknown>> = {
    'landing-page': async () => apiEvent({ path: '/', routePath: '/', headers: page }),
    'accessibility-statement': async () =>
      apiEvent({ path: '/toegankelijkheid', routePath: '/toegankelijkheid', headers: page }),
    'not-found': async () =>
      apiEvent({ path: '/bestaat-niet', routePath: '$default', routeKey: '$default', headers: page }),
    'open-invitation': async () =>
      apiEvent({ path: '/uitnodiging', routePath: '/uitnodiging', query: { code: token }, headers: page }),
    'show-form': async () =>
      apiEvent({
        path: formPath,
        routePath: formRoute,
        pathParameters: formParams,
        headers: page,
        cookies: [`regietafel_sessie=${token}`],
      }),
    'submit-form': async () => submitEvent({ ...(await nextAmendment()), submissionId: randomUUID() }),
    'show-confirmation': async () =>
      apiEvent({
        path: `${formPath}/bevestiging`,
        routePath: `${formRoute}/bevestiging`,
        pathParameters: formParams,
        headers: page,
        cookies: [`regietafel_sessie=${token}`],
      }),
    'staff-sign-in': async () =>
      apiEvent({ path: '/staf/inloggen', routePath: '/staf/inloggen', query: { terug: '/staf/rondes' } }),
    'staff-sign-in-callback': async () => {
      const { code, state, verifier } = await signInCode();
      const saved = Buffer.from(JSON.stringify({ state, verifier, back: '/staf/rondes' })).toString(
        'base64url',
      );
      const origin = new URL(pipeline.baseUrl);
      return apiEvent({
        path: '/staf/inloggen/terug',
        routePath: '/staf/inloggen/terug',
        query: { code, state },
        cookies: [`regietafel_staf_aanmelding=${saved}`],
        headers: { host: origin.host, 'x-forwarded-host': origin.host, 'x-forwarded-proto': 'http' },
      });
    },
    'staff-sign-out': async () =>
      apiEvent({
        method: 'POST',
        path: '/staf/afmelden',
        routePath: '/staf/afmelden',
        headers: { 'sec-fetch-site': 'same-origin' },
        cookies: [`regietafel_staf=${staffToken}`],
      }),
    'list-rounds': async () =>
      apiEvent({ path: '/staf/rondes', routePath: '/staf/rondes', headers: { ...staff, ...page } }),
    'round-status': async () =>
      apiEvent({
        path: `/staf/rondes/${round.id}`,
        routePath: '/staf/rondes/{roundId}',
        pathParameters: { roundId: round.id },
        headers: { ...staff, ...page },
      }),
    export: async () =>
      apiEvent({
        path: `/staf/formulieren/${round.formId}/export`,
        routePath: '/staf/formulieren/{formId}/export',
        pathParameters: { formId: round.formId },
        query: { ronde: round.id },
        headers: staff,
      }),
    'preview-summary': async () =>
      apiEvent({
        path: `/staf/rondes/${round.id}/overzicht`,
        routePath: '/staf/rondes/{roundId}/overzicht',
        pathParameters: { roundId: round.id },
        query: { scope: 'region:ijsselland' },
        headers: { ...staff, ...page },
      }),
    'send-summary': async () =>
      apiEvent({
        method: 'POST',
        path: `/staf/rondes/${round.id}/overzicht`,
        routePath: '/staf/rondes/{roundId}/overzicht',
        pathParameters: { roundId: round.id },
        headers: { ...staff, 'content-type': 'application/json' },
        body: JSON.stringify({ scope: 'region:ijsselland', requestId: randomUUID() }),
      }),
    // The staff pages of a round's tasks, mail, targets and contacts, and their actions' first step (a
    // check page or the form again: what a person does first, and what changes nothing, so every
    // repetition sees the same data).
    'new-round': async () => staffGet('/staf/nieuwe-ronde', '/staf/nieuwe-ronde'),
    'new-round-actions': async () =>
      staffPost('/staf/nieuwe-ronde', '/staf/nieuwe-ronde', { _action: 'wijzigen' }),
    submission: async () =>
      staffGet(
        `/staf/rondes/${round.id}/gemeenten/${municipality}`,
        '/staf/rondes/{roundId}/gemeenten/{municipality}',
        {
          roundId: round.id,
          municipality,
        },
      ),
    places: async () => roundGet('plaatsen', placesRound),
    'places-export': async () =>
      apiEvent({
        path: `/staf/rondes/${placesRound}/plaatsen/export`,
        routePath: '/staf/rondes/{roundId}/plaatsen/export',
        pathParameters: { roundId: placesRound },
        query: { van: '1-1-2020', tot: '31-12-2030' },
        headers: staff,
      }),
    'change-round': async () => roundGet('wijzigen'),
    'change-round-actions': async () => roundPost('wijzigen', { _action: 'terug', form: 'deadline' }),
    invitations: async () => roundGet('uitnodigingen'),
    'invitation-actions': async () => roundPost('uitnodigingen', { _action: 'alle-controleren' }),
    reminders: async () => roundGet('herinneringen'),
    'reminder-actions': async () => roundPost('herinneringen', { _action: 'voorbeeld', alle: 'ja' }),
    mail: async () => staffGet('/staf/mail', '/staf/mail'),
    'mail-actions': async () => staffPost('/staf/mail', '/staf/mail', { _action: 'alle-controleren' }),
    targets: async () => staffGet('/staf/taakstellingen', '/staf/taakstellingen'),
    'targets-actions': async () =>
      staffPost('/staf/taakstellingen', '/staf/taakstellingen', { _action: 'wijzigen' }),
    'audit-trail': async () => roundGet('logboek'),
    contacts: async () => staffGet('/staf/contacten', '/staf/contacten'),
    'edit-contact': async () =>
      staffGet(`/staf/contacten/gemeente/${municipality}`, '/staf/contacten/{soort}/{id}', contactParams),
    'change-contact': async () =>
      staffPost(
        `/staf/contacten/gemeente/${municipality}`,
        '/staf/contacten/{soort}/{id}',
        { _action: 'wijzigen' },
        contactParams,
      ),
    'registry-import-form': async () =>
      staffGet('/staf/contacten/gemeentelijst', '/staf/contacten/gemeentelijst'),
    'registry-import': async () =>
      staffPost('/staf/contacten/gemeentelijst', '/staf/contacten/gemeentelijst', { _action: 'wijzigen' }),
    'run-schedule': async () => ({}),
    'method-not-allowed': async () =>
      apiEvent({
        method: 'DELETE',
        path: '/staf/rondes',
        routePath: '/staf/rondes',
        routeKey: 'ANY /staf/rondes',
      }),
    'floor:empty': async () => apiEvent({ path: '/', routePath: '/' }),
    'floor:get-item': async () => apiEvent({ path: '/', routePath: '/' }),
  };

  async function browserSubmitEvent() {
    const baseVersion = await latestVersion();
    return apiEvent({
      method: 'POST',
      path: formPath,
      routePath: formRoute,
      pathParameters: formParams,
      headers: {
        ...page,
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
      },
      cookies: [`regietafel_sessie=${token}`],
      // Each amendment changes an answer, so the confirmation lists a change, as a real one would.
      body: new URLSearchParams(browserSubmission(baseVersion, randomUUID())).toString(),
    });
  }

  return {
    pipeline,
    meter,
    round,
    env,
    nextAmendment,
    browserSubmitEvent,
    hasEvent: (id) => id in events,
    event: async (id) => {
      const make = events[id];
      if (!make) throw new Error(`No benchmark event for ${id}`);
      return make();
    },
    stop: async () => {
      await meter?.close();
      await pipeline.stop();
    },
  };
}
