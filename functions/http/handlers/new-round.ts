import { renderNewRoundForm } from '../../pages/staff/open-round-page.js';
import { formChoices, readNewRoundInput, regionChoices } from '../new-round-form.js';
import { formToken, staffHtml, staffPage } from '../staff-actions.js';
import { newRoundSteps } from './new-round-actions.js';

/**
 * GET /staf/nieuwe-ronde: the form to open a round (the regions this person may open one for); `?stap=…`: a
 * check step after its post (`newRoundSteps`).
 */
export const handler = staffPage(async (ctx) => {
  const regions = regionChoices(ctx.principal, ctx.registry);
  return staffHtml(
    200,
    renderNewRoundForm({
      staff: ctx.staff,
      forms: formChoices(),
      regions,
      // A regietafel has one region: it is ticked already.
      input: readNewRoundInput(new URLSearchParams(), {
        regions: regions.length === 1 ? [regions[0]!.value] : [],
      }),
      errors: [],
      token: formToken(ctx.pageToken, 'formulier'),
    }),
  );
}, newRoundSteps);
