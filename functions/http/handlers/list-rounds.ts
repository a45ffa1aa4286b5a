import { mailToLookAfter } from '../../core/mail-queue.js';
import { regionsToOpenFor } from '../../core/open-round.js';
import { actorOf } from '../../core/policy.js';
import { listRounds } from '../../core/round-status.js';
import { renderRoundsPage } from '../../pages/rounds-page.js';
import { authenticateStaffWithRegistry } from '../authenticate.js';
import { signedInStaff } from '../dashboard.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import { wantsPage } from '../request.js';
import { htmlResponse, jsonResponse } from '../responses.js';
import { doneNotice } from '../staff-actions.js';
import { staffPageHeaders } from '../staff-session.js';

/**
 * GET /staf/rondes: the rounds of the staff member's region(s) or province, with their totals — the
 * dashboard's start page in a browser, JSON for scripts. Emails of their scope that could not be sent
 * after every retry are counted here and listed (with a re-send button) on /staf/mail.
 */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const { principal, registry } = await authenticateStaffWithRegistry(event, deps.store);
  const listed = await deps.store.listRounds();
  const [rounds, mail] = await Promise.all([
    listRounds(deps, { principal, registry, rounds: listed }),
    mailToLookAfter(deps, { principal, registry, rounds: listed }),
  ]);
  if (wantsPage(event)) {
    return htmlResponse(
      200,
      renderRoundsPage({
        staff: signedInStaff(principal, registry),
        rounds: rounds.map(({ round, formTitle, phase, totals }) => ({ ...round, formTitle, phase, totals })),
        mail: { pending: mail.pending.length, failed: mail.failed.length },
        mayOpen: regionsToOpenFor(principal, registry).length > 0,
        notice: await doneNotice(deps, event.queryStringParameters?.gedaan, actorOf(principal)),
      }),
      staffPageHeaders(),
    );
  }
  return jsonResponse(200, {
    rounds: rounds.map(({ round, formTitle, phase, totals }) => ({ ...round, formTitle, phase, totals })),
    failedMail: mail.failed.map(({ id, kind, subject, to, attempts, lastError }) => ({
      id,
      kind,
      subject,
      to,
      attempts,
      lastError,
    })),
  });
});
