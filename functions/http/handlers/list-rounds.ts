import { listRounds, mailVisibleTo } from '../../core/round-status.js';
import { renderRoundsPage } from '../../pages/dashboard.js';
import { authenticateStaff } from '../authenticate.js';
import { signedInStaff } from '../dashboard.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import { wantsPage } from '../request.js';
import { htmlResponse, jsonResponse } from '../responses.js';
import { staffPageHeaders } from '../staff-session.js';

/**
 * GET /staf/rondes: the rounds of the staff member's region(s) or province, with their totals — the
 * dashboard's start page in a browser, JSON for scripts.
 */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const principal = await authenticateStaff(event);
  const registry = await deps.store.getRegistry();
  const rounds = await listRounds(deps, { principal, registry });
  // Emails about what this person may see that could not be sent after every retry: visible here, re-sent
  // with the CLI. A regietafel sees its own region's, never another region's recipients or errors.
  const visible = new Set(rounds.map(({ round }) => round.id));
  const failed = (await deps.store.listMail('failed')).filter((mail) =>
    mailVisibleTo(principal, mail.id, registry, visible),
  );
  if (wantsPage(event)) {
    return htmlResponse(
      200,
      renderRoundsPage({
        staff: signedInStaff(principal, registry),
        rounds: rounds.map(({ round, formTitle, phase, totals }) => ({ ...round, formTitle, phase, totals })),
        failedMail: failed,
      }),
      staffPageHeaders(),
    );
  }
  return jsonResponse(200, {
    rounds: rounds.map(({ round, formTitle, phase, totals }) => ({ ...round, formTitle, phase, totals })),
    failedMail: failed.map(({ id, kind, subject, to, attempts, lastError }) => ({
      id,
      kind,
      subject,
      to,
      attempts,
      lastError,
    })),
  });
});
