import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { inviteMunicipalities } from '../../functions/core/invitations.js';
import type { Round } from '../../functions/core/model.js';
import { randomIds } from '../../functions/http/dependencies.js';
import { type RunningPipeline, startPipeline } from '../../functions/local/pipeline.js';
import { demoRound, seed } from '../../functions/local/seed.js';

/** A mail as aws-ses-v2-local keeps it (GET /store). */
export interface StoredMail {
  messageId: string;
  from: string;
  /** The Reply-To addresses (empty when the email has none). */
  replyTo?: string[];
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string }[];
}

export interface TestPipeline extends RunningPipeline {
  /** The eigen-bijdrage demo round. */
  readonly round: Round;
  /** The demo round of every form, by form id. */
  readonly rounds: Record<string, Round>;
  formUrl(municipality: string, round?: Round): string;
  mailbox(): Promise<StoredMail[]>;
  clearMailbox(): Promise<void>;
  /** Every item under a round's partition whose sort key starts with the prefix, read straight from the table. */
  items(roundId: string, skPrefix: string): Promise<Record<string, unknown>[]>;
  /** A valid invitation token for a municipality and round (recorded once, then reused). */
  tokenFor(municipality: string, roundId?: string): Promise<string>;
  /** A staff token from the local issuer, e.g. `regietafel:ijsselland`. */
  staffToken(...roles: string[]): Promise<string>;
}

let active: TestPipeline | undefined;

/** `/formulieren/{form}/{round}/{municipality}…` → the round and municipality it is for. */
function formTarget(url: string): { roundId: string; municipality: string } | undefined {
  const match = /\/formulieren\/[^/]+\/([^/]+)\/([^/?#]+)/.exec(new URL(url).pathname);
  return match
    ? { roundId: decodeURIComponent(match[1]!), municipality: decodeURIComponent(match[2]!) }
    : undefined;
}

/**
 * Tests act as the official of the municipality in the URL, with a valid link, unless they pass their own
 * `authorization` or `cookie` header (or `authorization: 'none'` to send no credentials at all).
 */
async function withCredentials(url: string, headers: Record<string, string>, as: 'bearer' | 'cookie') {
  if ('authorization' in headers || 'cookie' in headers) {
    const { authorization, ...rest } = headers;
    return authorization === 'none' ? rest : headers;
  }
  const target = formTarget(url);
  if (!active || !target) return headers;
  const token = await active.tokenFor(target.municipality, target.roundId);
  return as === 'bearer'
    ? { ...headers, authorization: `Bearer ${token}` }
    : { ...headers, cookie: `regietafel_sessie=${token}` };
}

/** GET as a browser with the municipality's session cookie. */
export async function get(
  url: string,
  headers: Record<string, string> = {},
  options: { signal?: AbortSignal } = {},
) {
  return fetch(url, {
    headers: await withCredentials(url, headers, 'cookie'),
    redirect: 'manual',
    signal: options.signal,
  });
}

/** Starts the real pipeline in memory on free ports, seeded like `npm start`. */
export async function startTestPipeline(
  options: {
    dataDir?: string;
    port?: number;
    dynamoPort?: number;
    sesPort?: number;
    exportInlineBytes?: number;
  } = {},
): Promise<TestPipeline> {
  const pipeline = await startPipeline({
    port: options.port ?? 0,
    dynamoPort: options.dynamoPort ?? 0,
    sesPort: options.sesPort ?? 0,
    dataDir: options.dataDir,
    exportInlineBytes: options.exportInlineBytes,
  });
  const { rounds } = await seed(pipeline.store, new Date());
  const round = demoRound(new Date());
  const tokens = new Map<string, Promise<string>>();
  const deps = {
    store: pipeline.store,
    mailer: { send: () => Promise.reject(new Error('not used')) },
    clock: { now: () => new Date() },
    ids: randomIds,
  };
  const testPipeline: TestPipeline = {
    ...pipeline,
    tokenFor: (municipality, roundId = round.id) => {
      const key = `${roundId}/${municipality}`;
      if (!tokens.has(key)) {
        tokens.set(
          key,
          inviteMunicipalities(deps, {
            roundId,
            municipalities: [municipality],
            baseUrl: pipeline.baseUrl,
            send: false,
            actor: 'test',
          }).then(([invited]) => new URL(invited!.url).searchParams.get('code')!),
        );
      }
      return tokens.get(key)!;
    },
    staffToken: (...roles) => pipeline.staffIssuer.mint({ roles, email: 'staf@test.example' }),
    round,
    rounds: Object.fromEntries(rounds.map((candidate) => [candidate.formId, candidate])),
    formUrl: (municipality, which = round) =>
      `${pipeline.baseUrl}/formulieren/${which.formId}/${which.id}/${municipality}`,
    mailbox: async () =>
      ((await (await fetch(`${pipeline.ses.url}/store`)).json()) as { emails: StoredMail[] }).emails,
    clearMailbox: async () => {
      await fetch(`${pipeline.ses.url}/clear-store`, { method: 'POST' });
    },
    items: async (roundId, skPrefix) => {
      const result = await pipeline.dynamoClient.send(
        new QueryCommand({
          TableName: pipeline.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': { S: `ROUND#${roundId}` }, ':prefix': { S: skPrefix } },
          ConsistentRead: true,
        }),
      );
      return (result.Items ?? []).map((item) => unmarshall(item));
    },
  };
  active = testPipeline;
  return testPipeline;
}

/**
 * A browser's *Versturen* of the eigen-bijdrage form, as its fields are posted: complete and valid, the
 * contact's address naming the version it makes (so each amendment changes an answer).
 */
export function browserSubmission(baseVersion: number, submissionId: string): [string, string][] {
  return [
    ['_action', 'submit'],
    ['_submissionId', submissionId],
    ['_baseVersion', String(baseVersion)],
    ['collects', 'nee'],
    ['incomeVerification', 'uwv'],
    ['executedBy', 'gemeente'],
    ['contactName', 'Jan Jansen'],
    ['contactEmail', `jan.v${baseVersion + 1}@gemeente.example`],
  ];
}

/** A complete, valid set of answers to the eigen-bijdrage form, as a JSON client sends them. */
export function validEigenBijdrage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    collects: true,
    collectingSince: '2024-07-01',
    scheduleApplied: '2025-10-01',
    amountOperatingCosts: 244.22,
    amountCatering: 252.18,
    incomeVerification: 'beide',
    executedBy: 'gemeente',
    locations: [
      { name: 'De Vechtstede', capacity: 120, catering: true, residents: 98 },
      { name: 'Hotel Wijthmen', capacity: 40, catering: false, residents: 35 },
    ],
    adultsFull: 41,
    adultsPartial: 12,
    adultsCustom: 2,
    monthlyRevenue: 18450.5,
    remarks: 'Uitvoering loopt sinds juli.',
    contactName: 'Anna de Vries',
    contactEmail: 'anna.devries@zwolle.example',
    contactRole: 'Beleidsadviseur opvang',
    ...overrides,
  };
}

/** A complete, valid set of answers to the sociaal-domein form. */
export function validSociaalDomein(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    careSituation: 'Huisartsen in de regio hebben een patiëntenstop.',
    withoutGp: 14,
    educationSituation: 'De ISK zit vol.',
    pupilsPrimary: 38,
    pupilsSecondary: 22,
    pupilsWaiting: 6,
    adultsAbleToWork: 120,
    adultsInWork: 74,
    adultsInRoute: 20,
    intakesStarted: 40,
    intakesFinished: 31,
    plansSet: 28,
    routeB1: 12,
    routeEducation: 5,
    routeZ: 3,
    bottlenecks: [
      { domain: 'onderwijs', description: 'Wachtlijst ISK', severity: 'ernstig' },
      { domain: 'zorg', description: 'Geen huisarts voor nieuwkomers', severity: 'aanzienlijk' },
    ],
    supportRequests: [
      { domain: 'onderwijs', addressee: 'rijk', request: 'Extra bekostiging nieuwkomersonderwijs' },
    ],
    contactName: 'Fatima El Amrani',
    contactEmail: 'f.elamrani@raalte.example',
    ...overrides,
  };
}

/** A complete, valid set of answers to the voortgang-opgaven form. */
export function validVoortgangOpgaven(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    regularCommitted: 600,
    regularRealised: 350,
    amvCommitted: 40,
    amvRealised: 24,
    asylumLocations: [
      {
        name: 'Voormalig kantoor Hanzelaan',
        type: 'azc',
        capacity: 350,
        availableFrom: '2025-07-01',
        availableUntil: '2035-07-01',
        phase: 'operationeel',
      },
      {
        name: 'Kleinschalig Assendorp',
        type: 'amv',
        capacity: 24,
        availableFrom: '2026-03-01',
        phase: 'realisatie',
      },
    ],
    ukraineCapacity: 420,
    ukraineOccupied: 388,
    housing: [{ period: '2026-H2', task: 96, backlog: 12, housed: 80, ibtColour: 'oranje' }],
    contactName: 'Henk Bos',
    contactEmail: 'h.bos@zwolle.example',
    ...overrides,
  };
}

/** A valid set of answers per form id (with a field or two changed by `overrides`). */
export const validAnswers: Record<string, (overrides?: Record<string, unknown>) => Record<string, unknown>> =
  {
    'eigen-bijdrage': validEigenBijdrage,
    'sociaal-domein': validSociaalDomein,
    'voortgang-opgaven': validVoortgangOpgaven,
  };

/** The fields of the staff form *Nieuwe ronde*, filled in for IJsselland (a round closing in 2099). */
export function newRoundFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    formId: 'eigen-bijdrage',
    referenceDate: '1-12-2099',
    deadlineDatum: '18-12-2099',
    deadlineTijd: '17:00',
    regions: 'ijsselland',
    acceptsLate: 'nee',
    reminderDaysBefore: '3',
    invite: 'later',
    ...overrides,
  };
}

/** `options.signal`: a request that must answer at all within a (generous) time, else it fails. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  options: { signal?: AbortSignal } = {},
) {
  const response = await fetch(url, {
    signal: options.signal,
    method: 'POST',
    headers: await withCredentials(
      url,
      { 'content-type': 'application/json', accept: 'application/json', ...headers },
      'bearer',
    ),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

export async function postForm(
  url: string,
  fields: [string, string][] | URLSearchParams,
  headers: Record<string, string> = {},
  options: { signal?: AbortSignal } = {},
) {
  const response = await fetch(url, {
    signal: options.signal,
    method: 'POST',
    headers: await withCredentials(
      url,
      { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
      'cookie',
    ),
    body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields),
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * A form post followed as a browser follows it (post/redirect/get): every 303 loaded with GET. Returns the
 * page the browser ends on, with the addresses it passed (path and query) in `passed`.
 */
export async function postFormAndFollow(url: string, fields: [string, string][] | URLSearchParams) {
  let response = await postForm(url, fields);
  const passed: string[] = [];
  while (response.status === 303 && passed.length < 5) {
    const next = new URL(response.headers.get('location') ?? '', url);
    passed.push(`${next.pathname}${next.search}`);
    const answer = await get(next.toString());
    response = { status: answer.status, headers: answer.headers, text: await answer.text() };
  }
  return { ...response, passed };
}
