import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Html } from '../../forms/render/html.js';
import { BadRequest, Conflict } from '../core/errors.js';
import type { Registry } from '../core/model.js';
import { actorOf, type Principal } from '../core/policy.js';
import { actionField, tokenField } from '../pages/staff/components.js';
import type { SignedInStaff } from '../pages/staff/shell.js';
import { authenticateStaffWithRegistry } from './authenticate.js';
import { signedInStaff } from './dashboard.js';
import { type Dependencies, dependencies } from './dependencies.js';
import { httpHandler } from './middleware.js';
import { bearer, readBody, wantsJson } from './request.js';
import { type HttpResponse, htmlResponse, jsonResponse, seeOther } from './responses.js';
import { assertSameOrigin, staffPageHeaders } from './staff-session.js';

/**
 * How every staff page works (the round tasks, mail, contacts, the audit trail):
 *
 * - **GET** (`staffPage`): a signed-in staff member (cookie or Bearer; a browser without one goes to the
 *   sign-in) gets the page, with the notice of what they just did (`?gedaan=<token>`, read back from the
 *   request record, so no text travels in the address).
 * - **POST** (`staffActions`): a page with several actions is a *table of actions*: `_action` names one,
 *   an unknown name is a 400 (never a default). Every post is same-origin-checked first. An action either
 *   answers a page itself (a check page, a form with its errors — nothing changes), or returns what it
 *   will `perform`: by then it has parsed its input and the policy has decided, so a refusal changes
 *   nothing. A performed action needs the idempotency token of the form it came from (`_verzoek`): the
 *   token is claimed once in the table, so a double click or a resubmitted page does the work once and
 *   lands on the same result; a token that failed is released, so the page can simply be sent again.
 *   The browser is then sent (303) to the result page, which says what happened.
 * - **Check steps by post/redirect/get** (`steps`): a check page that only shows what an action would do
 *   (the deadline's, the invitations') is not drawn from the POST for a browser: once the post has been
 *   judged (policy, input), the browser is sent (303) to the page's own address with the input in the
 *   query (`?stap=<action>&…`, never the token), and the GET (`staffPage` with the same steps) draws the
 *   check page — or the form with its errors — from there, with a fresh token. So Reload, Back and Forward
 *   never ask to resend. Scripts (Bearer, JSON) get the page from the POST as before.
 */

export interface StaffContext {
  readonly event: APIGatewayProxyEventV2;
  readonly deps: Dependencies;
  readonly principal: Principal;
  readonly registry: Registry;
  readonly staff: SignedInStaff;
  /** Who appears in the audit trail. */
  readonly actor: string;
  /** The form's fields (a POST) or the query (a GET). */
  readonly fields: URLSearchParams;
  /** A fresh token for the forms this answer renders (one per form: suffix it with `formToken`). */
  readonly pageToken: string;
}

/** What an action that changes something does, once its input is checked and the policy has decided. */
export interface Perform {
  readonly perform: (token: string) => Promise<Outcome>;
}

/** Where the browser goes after the action, and the sentence that page shows. */
export interface Outcome {
  readonly location: string;
  readonly notice: string;
}

export type StaffAction = (context: StaffContext) => Promise<HttpResponse | Perform>;

/** The query field that names the check step a GET draws (`?stap=deadline-controleren&…`). */
export const stepField = 'stap';

/** The address of a check step as a GET: the page's path, the step and the posted fields but the token. */
function stepLocation(ctx: StaffContext, name: string): string {
  const query = new URLSearchParams({ [stepField]: name });
  for (const [field, value] of ctx.fields) {
    if (field !== actionField && field !== tokenField && field !== stepField) query.append(field, value);
  }
  return `${ctx.event.rawPath}?${query}`;
}

/** A staff page answer: HTML with the staff pages' headers (their CSP allows the sign-out redirect). */
export function staffHtml(statusCode: number, page: Html): HttpResponse {
  return htmlResponse(statusCode, page, staffPageHeaders());
}

/** A token for one form of a page: the page's token and a name, e.g. the municipality the row is about. */
export function formToken(pageToken: string, name: string): string {
  return `${pageToken}-${name.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}`;
}

const tokenPattern = /^[A-Za-z0-9-]{16,120}$/;
/** A request record is kept a day: long enough for any double click or resubmitted page. */
const requestLifetimeSeconds = 24 * 3600;

function fieldsOf(event: APIGatewayProxyEventV2): URLSearchParams {
  if (!event.body) return new URLSearchParams();
  const body = readBody(event);
  if (body.kind === 'form') return body.params;
  // A script may post the same fields as JSON: strings, numbers and booleans, or lists of them.
  const fields = new URLSearchParams();
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    throw new BadRequest('Stuur de velden van het formulier als één JSON-object.');
  }
  for (const [name, value] of Object.entries(body.value)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (!['string', 'number', 'boolean'].includes(typeof item))
        throw new BadRequest(`Het veld ‘${name}’ moet tekst of een getal zijn.`);
      fields.append(name, String(item));
    }
  }
  return fields;
}

async function context(event: APIGatewayProxyEventV2, fields: () => URLSearchParams): Promise<StaffContext> {
  const deps = dependencies();
  const { principal, registry } = await authenticateStaffWithRegistry(event, deps.store);
  if (event.requestContext.http.method !== 'GET') assertSameOrigin(event);
  const parsed = fields();
  return {
    event,
    deps,
    principal,
    registry,
    staff: signedInStaff(principal, registry),
    actor: actorOf(principal),
    fields: parsed,
    pageToken: randomUUID(),
  };
}

/**
 * Runs `perform` once per token: claims it (conditional write), performs, records the outcome. A token
 * seen before answers the outcome it had; one still running (a double click that arrived together) is a
 * 409 asking to reload; someone else's token is refused.
 */
async function once(
  deps: Dependencies,
  request: { token: string; actor: string; action: string },
  perform: Perform['perform'],
): Promise<Outcome & { replayed: boolean }> {
  const now = deps.clock.now();
  const claimed = await deps.store.claimRequest(
    { ...request, startedAt: now.toISOString(), status: 'running' },
    Math.floor(now.getTime() / 1000) + requestLifetimeSeconds,
  );
  if (!claimed) {
    const earlier = await deps.store.getRequest(request.token);
    if (earlier?.status === 'done' && earlier.actor === request.actor && earlier.action === request.action) {
      return { location: earlier.location!, notice: earlier.notice!, replayed: true };
    }
    if (earlier?.status === 'running' && earlier.actor === request.actor) {
      // A double click while the first is still running: nobody else changed anything.
      throw new Conflict(
        'Dit verzoek wordt al uitgevoerd. Wacht even en laad de pagina dan opnieuw.',
        'Dit verzoek loopt al',
      );
    }
    throw new Conflict('Dit formulier is al gebruikt. Laad de pagina opnieuw en probeer het nog eens.');
  }
  try {
    const outcome = await perform(request.token);
    await deps.store.completeRequest(request.token, outcome);
    return { ...outcome, replayed: false };
  } catch (error) {
    await deps.store.releaseRequest(request.token);
    throw error;
  }
}

/** `/staf/x?y=1` + token → `/staf/x?y=1&gedaan=<token>`. */
function withDone(location: string, token: string): string {
  return `${location}${location.includes('?') ? '&' : '?'}gedaan=${encodeURIComponent(token)}`;
}

/**
 * The POST handler of a staff page: its actions by name; `steps` are the check steps a browser reaches by
 * post/redirect/get (the same actions, also given to the page's `staffPage`).
 */
export function staffActions(
  actions: Readonly<Record<string, StaffAction>>,
  steps: Readonly<Record<string, StaffAction>> = {},
) {
  const all = { ...actions, ...steps };
  return httpHandler(async (event) => {
    const ctx = await context(event, () => fieldsOf(event));
    const name = ctx.fields.get(actionField) ?? '';
    const action = Object.hasOwn(all, name) ? all[name] : undefined;
    if (!action) {
      throw new BadRequest(
        name
          ? `Onbekende actie ‘${name.slice(0, 60)}’ op deze pagina. Laad de pagina opnieuw.`
          : 'Er is geen actie gekozen. Gebruik een knop op de pagina.',
      );
    }
    const token = ctx.fields.get(tokenField) ?? '';
    // A form posted again after it did its work (a double click, a resubmitted page) lands on the same
    // result before its input is judged again: the first post may have changed what it would judge.
    const earlier = tokenPattern.test(token) ? await ctx.deps.store.getRequest(token) : undefined;
    const replay =
      earlier?.status === 'done' && earlier.actor === ctx.actor && earlier.action === name
        ? { location: earlier.location!, notice: earlier.notice!, replayed: true }
        : undefined;
    let outcome = replay;
    if (!outcome) {
      const answer = await action(ctx);
      if (!('perform' in answer)) {
        const browser = !wantsJson(event) && !bearer(event);
        return browser && Object.hasOwn(steps, name) && [200, 422].includes(answer.statusCode)
          ? seeOther(stepLocation(ctx, name))
          : answer;
      }
      if (!tokenPattern.test(token)) {
        throw new BadRequest('Deze pagina is verouderd of beschadigd. Laad de pagina opnieuw.');
      }
      outcome = await once(ctx.deps, { token, actor: ctx.actor, action: name }, answer.perform);
    }
    if (wantsJson(event)) return jsonResponse(200, outcome);
    return seeOther(withDone(outcome.location, token));
  });
}

/**
 * The GET handler of a staff page; `?stap=<name>` draws that check step (see `staffActions`) from the
 * query instead, an unknown step is a 400.
 */
export function staffPage(
  render: (context: StaffContext) => Promise<HttpResponse>,
  steps: Readonly<Record<string, StaffAction>> = {},
) {
  return httpHandler(async (event) => {
    const ctx = await context(event, () => new URLSearchParams(event.rawQueryString ?? ''));
    const name = ctx.fields.get(stepField);
    if (name === null) return render(ctx);
    const step = Object.hasOwn(steps, name) ? steps[name] : undefined;
    const answer = step ? await step(ctx) : undefined;
    if (!answer || 'perform' in answer) {
      throw new BadRequest(
        'Deze stap bestaat niet op deze pagina. Ga terug en gebruik een knop op de pagina.',
      );
    }
    return answer;
  });
}

/**
 * The sentence of what this person just did (`?gedaan=<token>` after an action), if any: read back from
 * the request record, and only for the person who did it.
 */
export async function doneNotice(
  deps: Pick<Dependencies, 'store'>,
  token: string | undefined,
  actor: string,
): Promise<string | undefined> {
  if (!token || !tokenPattern.test(token)) return undefined;
  const request = await deps.store.getRequest(token);
  return request?.status === 'done' && request.actor === actor ? request.notice : undefined;
}

/** A required field of a post; a missing one is a damaged page (400), not a person's mistake. */
export function requiredField(ctx: StaffContext, name: string): string {
  const value = ctx.fields.get(name);
  if (!value) throw new BadRequest(`Het veld ‘${name}’ ontbreekt. Laad de pagina opnieuw.`);
  return value;
}
