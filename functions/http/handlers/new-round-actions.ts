import { findForm } from '../../../forms/catalogue.js';
import type { ValidationFailed } from '../../core/errors.js';
import { linkExpiry } from '../../core/invitations.js';
import { authorizeOpenRound, checkRoundDraft, openRound, roundFromDraft } from '../../core/open-round.js';
import { automaticReminderFrom } from '../../core/reminders.js';
import {
  type NewRoundInput,
  renderNewRoundCheck,
  renderNewRoundForm,
} from '../../pages/staff/open-round-page.js';
import {
  draftFromInput,
  formChoices,
  mergeErrors,
  readNewRoundInput,
  regionChoices,
} from '../new-round-form.js';
import { requestOrigin } from '../request.js';
import type { HttpResponse } from '../responses.js';
import { formToken, type StaffAction, type StaffContext, staffActions, staffHtml } from '../staff-actions.js';

/** The form again, with what was typed and what is wrong with it. */
function formPage(
  ctx: StaffContext,
  input: NewRoundInput,
  errors: ValidationFailed['fieldErrors'],
): HttpResponse {
  return staffHtml(
    errors.length > 0 ? 422 : 200,
    renderNewRoundForm({
      staff: ctx.staff,
      forms: formChoices(),
      regions: regionChoices(ctx.principal, ctx.registry),
      input,
      errors,
      token: formToken(ctx.pageToken, 'formulier'),
    }),
  );
}

/** Reads and checks the form: the draft, or the form again with its errors (nothing is stored). */
function checked(ctx: StaffContext) {
  const input = readNewRoundInput(ctx.fields);
  const { draft, errors } = draftFromInput(input);
  const all = mergeErrors(
    errors,
    checkRoundDraft(draft, { registry: ctx.registry, now: ctx.deps.clock.now() }),
  );
  // The page offers only this person's regions: another region can only come from a forged post.
  if (all.length === 0) authorizeOpenRound(ctx.principal, ctx.registry, draft.regions);
  return { input, draft, errors: all };
}

/**
 * The check steps of `/staf/nieuwe-ronde`, drawn by the GET after the post (post/redirect/get, see
 * `staffActions`): `controleren` (the check page, or the form with its errors) and `wijzigen` (back to the
 * form with what was typed).
 */
export const newRoundSteps: Readonly<Record<string, StaffAction>> = {
  controleren: async (ctx) => {
    const { input, draft, errors } = checked(ctx);
    if (errors.length > 0) return formPage(ctx, input, errors);
    const round = roundFromDraft(draft, ctx.deps.clock.now());
    const inRound = ctx.registry.municipalities.filter((m) => round.regions.includes(m.region));
    return staffHtml(
      200,
      renderNewRoundCheck({
        staff: ctx.staff,
        input,
        round,
        formTitle: findForm(round.formId)?.title ?? round.formId,
        regionNames: ctx.registry.regions.filter((r) => round.regions.includes(r.id)).map((r) => r.name),
        municipalities: inRound.length,
        withoutAddress: inRound.filter((m) => m.contacts.length === 0).map((m) => m.name),
        reminderFrom: automaticReminderFrom(round),
        linksExpireAt: linkExpiry(round),
        token: formToken(ctx.pageToken, 'openen'),
      }),
    );
  },
  wijzigen: async (ctx) => formPage(ctx, readNewRoundInput(ctx.fields), []),
};

/** POST /staf/nieuwe-ronde: the check steps (`newRoundSteps`) and `openen`. */
export const handler = staffActions(
  {
    openen: async (ctx) => {
      const { input, draft, errors } = checked(ctx);
      if (errors.length > 0) return formPage(ctx, input, errors);
      return {
        perform: async (token) => {
          const { round, invited } = await openRound(ctx.deps, {
            principal: ctx.principal,
            draft,
            invite: input.invite === 'nu',
            baseUrl: requestOrigin(ctx.event) ?? '',
            requestId: token,
          });
          const mailed = invited.filter((entry) => entry.invitation.sentTo).length;
          return {
            location: `/staf/rondes/${encodeURIComponent(round.id)}`,
            notice:
              input.invite === 'nu'
                ? `De ronde ‘${round.title}’ is geopend en ${mailed} gemeente${mailed === 1 ? '' : 'n'} ${mailed === 1 ? 'is' : 'zijn'} uitgenodigd.`
                : `De ronde ‘${round.title}’ is geopend. Nodig de gemeenten uit via Uitnodigingen.`,
          };
        },
      };
    },
  },
  newRoundSteps,
);
