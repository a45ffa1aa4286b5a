import { remindersPage } from '../reminder-pages.js';
import { doneNotice, staffHtml, staffPage } from '../staff-actions.js';
import { reminderSteps } from './reminder-actions.js';

/**
 * GET /staf/rondes/{roundId}/herinneringen: who has not submitted, and when the reminders go; `?stap=voorbeeld`:
 * the preview after its post (`reminderSteps`).
 */
export const handler = staffPage(
  async (ctx) =>
    staffHtml(
      200,
      await remindersPage(ctx, await doneNotice(ctx.deps, ctx.fields.get('gedaan') ?? undefined, ctx.actor)),
    ),
  reminderSteps,
);
