import { BadRequest } from '../../core/errors.js';
import { planReminders, sendReminders } from '../../core/reminders.js';
import { renderReminderPreview } from '../../pages/staff/reminders-page.js';
import { requestOrigin } from '../request.js';
import { formToken, type StaffAction, type StaffContext, staffActions, staffHtml } from '../staff-actions.js';

const roundIdOf = (ctx: StaffContext) => ctx.event.pathParameters?.roundId ?? '';

/** The municipalities a post names (`gemeente`, once or more), or every one without a submission. */
function named(ctx: StaffContext): string[] | undefined {
  if (ctx.fields.get('alle') === 'ja') return undefined;
  const codes = ctx.fields.getAll('gemeente');
  if (codes.length === 0) {
    throw new BadRequest('Kies een gemeente, of herinner alle gemeenten zonder inzending.');
  }
  return codes;
}

/** The plan for the post (the policy decides first: another region's municipality is a 403). */
const plan = (ctx: StaffContext) =>
  planReminders(ctx.deps, {
    principal: ctx.principal,
    roundId: roundIdOf(ctx),
    municipalities: named(ctx),
    registry: ctx.registry,
  });

/**
 * The check step of `/staf/rondes/{roundId}/herinneringen`, drawn by the GET after the post
 * (post/redirect/get, see `staffActions`): `voorbeeld`, the email and its recipients, nothing sent.
 */
export const reminderSteps: Readonly<Record<string, StaffAction>> = {
  voorbeeld: async (ctx) => {
    const planned = await plan(ctx);
    return staffHtml(
      200,
      renderReminderPreview({
        staff: ctx.staff,
        round: planned.round,
        reminders: planned.reminders,
        skipped: planned.skipped,
        token: formToken(ctx.pageToken, 'versturen'),
      }),
    );
  },
};

/**
 * POST /staf/rondes/{roundId}/herinneringen: the preview (`reminderSteps`) and `versturen` (to the
 * municipalities of the preview that still have not submitted; once per request).
 */
export const handler = staffActions(
  {
    versturen: async (ctx) => {
      const planned = await plan(ctx);
      return {
        perform: async (token) => {
          const sent = await sendReminders(ctx.deps, {
            roundId: planned.round.id,
            period: `handmatig-${token}`,
            baseUrl: requestOrigin(ctx.event) ?? '',
            actor: ctx.actor,
            municipalities: planned.reminders.map((reminder) => reminder.municipality.code),
            principal: ctx.principal,
            registry: ctx.registry,
          });
          const waiting = sent.filter(
            (entry) => entry.delivery !== 'sent' && entry.delivery !== 'already-sent',
          );
          return {
            location: `/staf/rondes/${encodeURIComponent(planned.round.id)}/herinneringen`,
            notice:
              sent.length === 0
                ? 'Er is geen herinnering verstuurd: de gemeenten hebben intussen ingezonden.'
                : `${sent.length === 1 ? 'De herinnering is' : `${sent.length} herinneringen zijn`} verstuurd${waiting.length > 0 ? `; ${waiting.length} kon${waiting.length === 1 ? '' : 'den'} nog niet weg en ${waiting.length === 1 ? 'wordt' : 'worden'} later vanzelf opnieuw geprobeerd (zie E-mail)` : ''}.`,
          };
        },
      };
    },
  },
  reminderSteps,
);
