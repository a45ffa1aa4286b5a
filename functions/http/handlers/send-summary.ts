import * as z from 'zod/mini';
import { manualPeriod, sendSummaries } from '../../core/compile-summaries.js';
import { ValidationFailed } from '../../core/errors.js';
import { lazySchema } from '../../core/lazy-schema.js';
import { authenticateStaff } from '../authenticate.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import { readBody, requestOrigin } from '../request.js';
import { jsonResponse, seeOther } from '../responses.js';
import { assertSameOrigin } from '../staff-session.js';
import { summaryScope } from '../summary-scope.js';

const request = lazySchema(() =>
  z.strictObject({
    scope: z.optional(z.string()),
    /** Idempotency: the same request id sends once, however often it is retried. */
    requestId: z.optional(z.string().check(z.minLength(8), z.maxLength(100))),
  }),
);

/** POST /staf/rondes/{roundId}/overzicht: send the summary now, to the scope's regietafel or province. */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const principal = await authenticateStaff(event);
  assertSameOrigin(event);
  const body = event.body ? readBody(event) : { kind: 'json' as const, value: {} };
  const parsed = request().safeParse(body.kind === 'json' ? body.value : Object.fromEntries(body.params));
  if (!parsed.success) {
    throw new ValidationFailed(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const { round, scope } = await summaryScope(
    event,
    deps.store,
    principal,
    'summary:send',
    parsed.data.scope,
  );
  const period = parsed.data.requestId
    ? `handmatig-${parsed.data.requestId}`
    : manualPeriod(deps.clock.now());
  const { sent, empty } = await sendSummaries(deps, {
    roundId: round.id,
    period,
    scopes: [scope],
    dashboardUrl: requestOrigin(event),
    actor: principal.kind === 'staff' ? (principal.email ?? principal.subject) : 'onbekend',
  });
  if (body.kind === 'form') {
    // The dashboard's button: back to the round's page, which says what happened.
    const fresh = sent.filter((summary) => summary.recorded === 'new');
    const delivered = fresh.filter((summary) => summary.delivery === 'sent').length;
    const query =
      empty.length > 0
        ? 'overzicht=leeg'
        : sent.length === 0
          ? 'overzicht=geen-adressen'
          : fresh.length === 0
            ? 'overzicht=al-verstuurd'
            : `overzicht=verstuurd&aantal=${delivered}&wachtrij=${fresh.length - delivered}`;
    return seeOther(`/staf/rondes/${encodeURIComponent(round.id)}?${query}`);
  }
  return jsonResponse(202, { roundId: round.id, period, sent, empty: empty.length > 0 });
});
