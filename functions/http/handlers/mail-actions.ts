import { BadRequest, Conflict, Forbidden, NotFound } from '../../core/errors.js';
import { resendMail } from '../../core/mail-queue.js';
import type { OutboxMail } from '../../core/model.js';
import { mailPath, renderMailCheck, renderMailPage } from '../../pages/staff/mail-page.js';
import { roundTitles, scopedMail } from '../mail-pages.js';
import { formToken, type StaffContext, staffActions, staffHtml } from '../staff-actions.js';

/**
 * The emails a post names (`mail`, once or more) among the waiting and failed ones of this person's
 * scope: another region's email is a 403, one that is not (or no longer) waiting a 404 — or, when it was
 * sent in the meantime, a 409.
 */
async function named(ctx: StaffContext, all: boolean): Promise<OutboxMail[]> {
  const scoped = await scopedMail(ctx);
  if (all) return scoped.failed;
  const ids = ctx.fields.getAll('mail');
  if (ids.length === 0) throw new BadRequest('Kies een e-mail.');
  const waiting = [...scoped.failed, ...scoped.pending];
  return Promise.all(
    ids.map(async (id) => {
      const found = waiting.find((mail) => mail.id === id);
      if (found) return found;
      const stored = await ctx.deps.store.getMail(id);
      if (!stored) throw new NotFound('Deze e-mail staat niet (meer) in de wachtrij.');
      // A sent email is never sent again from here (whose it is does not matter then).
      if (stored.status === 'sent') throw new Conflict('Deze e-mail is intussen al verstuurd.');
      throw new Forbidden('U heeft geen toegang tot deze e-mail: zij gaat over een andere regio.');
    }),
  );
}

/**
 * The check step: which emails go again, to whom. Drawn straight from the POST, unlike the console's other
 * check steps (post/redirect/get): a summary's mail id ends with its recipient's address
 * (`summary#<round>#<scope>#<period>#<to>`), which a redirect would put in the URL, the browser's history
 * and the access log. Sending this step again only shows it again; the send is `versturen`.
 */
const check = (all: boolean) => async (ctx: StaffContext) => {
  const mails = await named(ctx, all);
  if (mails.length === 0) {
    // Someone else re-sent them in the meantime: the page as it is now, saying so.
    return staffHtml(
      200,
      renderMailPage({
        staff: ctx.staff,
        ...(await scopedMail(ctx)),
        roundTitles: await roundTitles(ctx),
        token: formToken(ctx.pageToken, 'mail'),
        notice: 'Er is geen mislukte e-mail (meer) om opnieuw te versturen.',
      }),
    );
  }
  return staffHtml(
    200,
    renderMailCheck({
      staff: ctx.staff,
      mails,
      roundTitles: await roundTitles(ctx),
      token: formToken(ctx.pageToken, 'versturen'),
    }),
  );
};

/**
 * POST /staf/mail: `controleren` (one email), `alle-controleren` (every failed one), `versturen` (the
 * emails of the check step, once per request).
 */
export const handler = staffActions({
  controleren: check(false),
  'alle-controleren': check(true),
  versturen: async (ctx) => {
    const mails = await named(ctx, false);
    return {
      perform: async () => {
        const outcomes = [];
        for (const mail of mails) {
          outcomes.push(
            (
              await resendMail(ctx.deps, {
                principal: ctx.principal,
                mailId: mail.id,
                registry: ctx.registry,
              })
            ).outcome,
          );
        }
        const sent = outcomes.filter((outcome) => outcome === 'sent').length;
        const later = outcomes.length - sent;
        return {
          location: mailPath,
          notice: `${sent === 1 ? '1 e-mail is' : `${sent} e-mails zijn`} opnieuw verstuurd${later > 0 ? `; ${later === 1 ? '1 kon' : `${later} konden`} nog niet weg en ${later === 1 ? 'wordt' : 'worden'} later vanzelf opnieuw geprobeerd` : ''}.`,
        };
      },
    };
  },
});
