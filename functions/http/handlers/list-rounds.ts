import { listRounds } from '../../core/round-status.js';
import { authenticateStaff } from '../authenticate.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import { jsonResponse } from '../responses.js';

/** GET /staf/rondes: the rounds of the staff member's region(s) or province, with their totals. */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const rounds = await listRounds(deps, { principal: authenticateStaff(event) });
  // Emails about these rounds that could not be sent after every retry: visible here, re-sent with the CLI.
  const visible = new Set(rounds.map(({ round }) => round.id));
  const failed = (await deps.store.listMail('failed')).filter((mail) =>
    [...visible].some((roundId) => mail.id.includes(`#${roundId}#`)),
  );
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
