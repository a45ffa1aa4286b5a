import { invitationOverview } from '../../core/invitations.js';
import { invitationsPage } from '../invitation-pages.js';
import { doneNotice, staffHtml, staffPage } from '../staff-actions.js';
import { invitationSteps } from './invitation-actions.js';

/**
 * GET /staf/rondes/{roundId}/uitnodigingen: the invitations of the round in this person's scope; `?stap=…`:
 * a check step after its post (`invitationSteps`).
 */
export const handler = staffPage(async (ctx) => {
  const overview = await invitationOverview(ctx.deps, {
    principal: ctx.principal,
    roundId: ctx.event.pathParameters?.roundId ?? '',
    registry: ctx.registry,
  });
  return staffHtml(
    200,
    invitationsPage(
      ctx,
      overview,
      await doneNotice(ctx.deps, ctx.fields.get('gedaan') ?? undefined, ctx.actor),
    ),
  );
}, invitationSteps);
