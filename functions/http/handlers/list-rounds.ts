import { listRounds } from '../../core/round-status.js';
import { authenticateStaff } from '../authenticate.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import { jsonResponse } from '../responses.js';

/** GET /staf/rondes: the rounds of the staff member's region(s) or province, with their totals. */
export const handler = httpHandler(async (event) => {
  const rounds = await listRounds(dependencies(), { principal: authenticateStaff(event) });
  return jsonResponse(200, {
    rounds: rounds.map(({ round, formTitle, phase, totals }) => ({ ...round, formTitle, phase, totals })),
  });
});
