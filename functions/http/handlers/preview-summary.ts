import { compileSummary } from '../../core/compile-summaries.js';
import { authenticateStaff } from '../authenticate.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import { requestOrigin } from '../request.js';
import { summaryScope } from '../summary-scope.js';

/** GET /staf/rondes/{roundId}/overzicht: the summary email as HTML in the browser, nothing sent. */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const principal = await authenticateStaff(event);
  const { round, scope } = await summaryScope(
    event,
    deps.store,
    principal,
    'summary:preview',
    event.queryStringParameters?.scope,
  );
  const summary = await compileSummary(deps, {
    round,
    registry: await deps.store.getRegistry(),
    scope,
    dashboardUrl: requestOrigin(event),
  });
  return {
    statusCode: 200,
    // The email's own HTML, styled inline as mail clients need; this page allows inline styles and
    // nothing else (no scripts, no outside requests).
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    },
    body: summary.html,
  };
});
