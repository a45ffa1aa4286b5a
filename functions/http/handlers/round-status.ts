import { roundStatus } from '../../core/round-status.js';
import { authenticateStaff } from '../authenticate.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import { jsonResponse } from '../responses.js';

/** GET /staf/rondes/{roundId}: where every municipality of the staff member's region(s) stands. */
export const handler = httpHandler(async (event) => {
  const status = await roundStatus(dependencies(), {
    principal: authenticateStaff(event),
    roundId: event.pathParameters?.roundId ?? '',
  });
  return jsonResponse(200, status);
});
