import { readSubmission } from '../../core/staff-submission.js';
import { renderSubmissionPage } from '../../pages/staff/submission-page.js';
import { staffHtml, staffPage } from '../staff-actions.js';

/**
 * GET /staf/rondes/{roundId}/gemeenten/{municipality}: one municipality's submission, read-only, for
 * staff of its region or province; every view is an audit line.
 */
export const handler = staffPage(async (ctx) => {
  const record = await readSubmission(ctx.deps, {
    principal: ctx.principal,
    roundId: ctx.event.pathParameters?.roundId ?? '',
    municipality: ctx.event.pathParameters?.municipality ?? '',
  });
  return staffHtml(200, renderSubmissionPage({ staff: ctx.staff, record }));
});
