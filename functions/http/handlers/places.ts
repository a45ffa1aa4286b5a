import { renderPlacesPage } from '../../pages/staff/places-page.js';
import { placesRequest } from '../places-pages.js';
import { wantsPage } from '../request.js';
import { jsonResponse } from '../responses.js';
import { staffHtml, staffPage } from '../staff-actions.js';

/**
 * GET /staf/rondes/{roundId}/plaatsen?van=…&tot=…: places available in a window, per region, province,
 * municipality and location (see pages/staff/places-page.ts). A window with errors comes back with them
 * (400, each linked to its field); a script gets JSON.
 */
export const handler = staffPage(async (ctx) => {
  const request = await placesRequest(ctx.deps, ctx.event, ctx.principal, ctx.registry);
  const status = request.errors.length > 0 ? 400 : 200;
  if (!wantsPage(ctx.event)) {
    return jsonResponse(status, request.report ? request.report.places : { errors: request.errors });
  }
  return staffHtml(
    status,
    renderPlacesPage({
      staff: ctx.staff,
      round: request.round,
      input: request.input,
      errors: request.errors,
      cycleWindow: request.cycleWindow,
      places: request.report?.places,
    }),
  );
});
