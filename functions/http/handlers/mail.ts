import { renderMailPage } from '../../pages/staff/mail-page.js';
import { roundTitles, scopedMail } from '../mail-pages.js';
import { doneNotice, formToken, staffHtml, staffPage } from '../staff-actions.js';

/** GET /staf/mail: waiting, failed, undelivered and the latest sent email (with its delivery) of this person's scope. */
export const handler = staffPage(async (ctx) => {
  const mail = await scopedMail(ctx);
  return staffHtml(
    200,
    renderMailPage({
      staff: ctx.staff,
      ...mail,
      roundTitles: await roundTitles(ctx),
      token: formToken(ctx.pageToken, 'mail'),
      notice: await doneNotice(ctx.deps, ctx.fields.get('gedaan') ?? undefined, ctx.actor),
    }),
  );
});
