import { assertMayChangeRound } from '../../core/change-round.js';
import { roundPhase } from '../../core/form-context.js';
import { roundNotVisible } from '../../core/round-status.js';
import { renderChangeRoundPage } from '../../pages/staff/change-round-page.js';
import { doneNotice, formToken, staffHtml, staffPage } from '../staff-actions.js';
import { changeRoundSteps } from './change-round-actions.js';

/**
 * GET /staf/rondes/{roundId}/wijzigen: move the deadline, close now, reopen (for who may change the round);
 * `?stap=…`: a check step after its post (`changeRoundSteps`).
 */
export const handler = staffPage(async (ctx) => {
  const round = await ctx.deps.store.getRound(ctx.event.pathParameters?.roundId ?? '');
  if (!round) throw roundNotVisible(ctx.event.pathParameters?.roundId ?? '');
  assertMayChangeRound(ctx.principal, round, ctx.registry);
  return staffHtml(
    200,
    renderChangeRoundPage({
      staff: ctx.staff,
      round,
      phase: roundPhase(round, ctx.deps.clock.now()),
      errors: [],
      token: formToken(ctx.pageToken, 'wijzigen'),
      notice: await doneNotice(ctx.deps, ctx.fields.get('gedaan') ?? undefined, ctx.actor),
    }),
  );
}, changeRoundSteps);
