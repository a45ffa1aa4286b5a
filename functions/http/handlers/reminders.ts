import { remindersPage } from '../reminder-pages.js';
import { doneNotice, staffHtml, staffPage } from '../staff-actions.js';

/** GET /staf/rondes/{roundId}/herinneringen: who has not submitted, and when the reminders go. */
export const handler = staffPage(async (ctx) =>
  staffHtml(
    200,
    await remindersPage(ctx, await doneNotice(ctx.deps, ctx.fields.get('gedaan') ?? undefined, ctx.actor)),
  ),
);
