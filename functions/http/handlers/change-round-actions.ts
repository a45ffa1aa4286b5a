import { formatDateTime } from '../../../forms/format.js';
import {
  assertMayChangeRound,
  changeRound,
  planRoundChange,
  type RoundChange,
} from '../../core/change-round.js';
import { ValidationFailed } from '../../core/errors.js';
import { roundPhase } from '../../core/form-context.js';
import { roundNotVisible } from '../../core/round-status.js';
import {
  type DeadlineInput,
  renderChangeRoundCheck,
  renderChangeRoundPage,
} from '../../pages/staff/change-round-page.js';
import { deadlineFrom } from '../new-round-form.js';
import type { HttpResponse } from '../responses.js';
import { formToken, type StaffAction, type StaffContext, staffActions, staffHtml } from '../staff-actions.js';

type Kind = RoundChange['kind'];

const roundIdOf = (ctx: StaffContext) => ctx.event.pathParameters?.roundId ?? '';

function typed(ctx: StaffContext): DeadlineInput {
  return {
    deadlineDatum: (ctx.fields.get('deadlineDatum') ?? '').trim(),
    deadlineTijd: (ctx.fields.get('deadlineTijd') ?? '').trim(),
    acceptsLate: ctx.fields.get('acceptsLate') === 'ja' ? 'ja' : 'nee',
  };
}

/** The page again, with the form that came back and its errors. */
async function pageWithErrors(
  ctx: StaffContext,
  kind: Kind,
  errors: ValidationFailed['fieldErrors'],
): Promise<HttpResponse> {
  const round = await ctx.deps.store.getRound(roundIdOf(ctx));
  if (!round) throw roundNotVisible(roundIdOf(ctx));
  assertMayChangeRound(ctx.principal, round, ctx.registry);
  return staffHtml(
    errors.length > 0 ? 422 : 200,
    renderChangeRoundPage({
      staff: ctx.staff,
      round,
      phase: roundPhase(round, ctx.deps.clock.now()),
      input:
        kind === 'close' ? undefined : { ...typed(ctx), form: kind === 'reopen' ? 'reopen' : 'deadline' },
      errors,
      token: formToken(ctx.pageToken, 'wijzigen'),
    }),
  );
}

/**
 * The change a post asks for, checked against the round and the policy (`planRoundChange`): its impact,
 * or the page with the errors. A refusal (403) or a change that does not fit (409) is thrown: nothing
 * has changed.
 */
async function planned(ctx: StaffContext, kind: Kind) {
  let change: RoundChange = { kind: 'close' };
  if (kind !== 'close') {
    const input = typed(ctx);
    const label = kind === 'reopen' ? 'Open tot' : 'Nieuwe sluitingsdatum';
    const { deadline, error } = deadlineFrom(input.deadlineDatum, input.deadlineTijd, label);
    if (error) return { page: await pageWithErrors(ctx, kind, [error]) };
    change = { kind, deadline: deadline!, acceptsLate: input.acceptsLate === 'ja' };
  }
  try {
    return {
      impact: await planRoundChange(ctx.deps, { principal: ctx.principal, roundId: roundIdOf(ctx), change }),
    };
  } catch (error) {
    if (error instanceof ValidationFailed)
      return { page: await pageWithErrors(ctx, kind, error.fieldErrors) };
    throw error;
  }
}

/** `…-controleren`: the confirmation step, saying what the change does to whom. */
const check =
  (kind: Kind): StaffAction =>
  async (ctx) => {
    const result = await planned(ctx, kind);
    if (result.page) return result.page;
    return staffHtml(
      200,
      renderChangeRoundCheck({
        staff: ctx.staff,
        impact: result.impact,
        input: typed(ctx),
        token: formToken(ctx.pageToken, kind),
      }),
    );
  };

const notices: Record<Kind, string> = {
  deadline: 'De sluitingsdatum is gewijzigd',
  close: 'De ronde is gesloten',
  reopen: 'De ronde is heropend',
};

/** The confirmed change: done once, against the deadline the confirmation step showed. */
const confirm =
  (kind: Kind): StaffAction =>
  async (ctx) => {
    const result = await planned(ctx, kind);
    if (result.page) return result.page;
    const { change } = result.impact;
    return {
      perform: async () => {
        const { after, links } = await changeRound(ctx.deps, {
          principal: ctx.principal,
          roundId: roundIdOf(ctx),
          change,
          expectedDeadline: ctx.fields.get('basis') ?? undefined,
        });
        return {
          location: `/staf/rondes/${encodeURIComponent(after.id)}`,
          notice: `${notices[kind]}. ${kind === 'close' ? 'De formulieren zijn nu alleen nog te lezen' : `De ronde sluit nu op ${formatDateTime(after.deadline)}`}; ${links === 1 ? '1 link volgt' : `${links} links volgen`} de nieuwe datum.`,
        };
      },
    };
  };

/**
 * The check steps of `/staf/rondes/{roundId}/wijzigen`, drawn by the GET after the post
 * (post/redirect/get, see `staffActions`): `deadline-controleren`, `sluiten-controleren`,
 * `heropenen-controleren`, and `terug` (the page with the input, nothing changed).
 */
export const changeRoundSteps: Readonly<Record<string, StaffAction>> = {
  'deadline-controleren': check('deadline'),
  'sluiten-controleren': check('close'),
  'heropenen-controleren': check('reopen'),
  terug: async (ctx) => pageWithErrors(ctx, ctx.fields.get('form') === 'reopen' ? 'reopen' : 'deadline', []),
};

/**
 * POST /staf/rondes/{roundId}/wijzigen: the check steps (`changeRoundSteps`) and what they confirm:
 * `deadline-wijzigen`, `sluiten`, `heropenen`.
 */
export const handler = staffActions(
  {
    'deadline-wijzigen': confirm('deadline'),
    sluiten: confirm('close'),
    heropenen: confirm('reopen'),
  },
  changeRoundSteps,
);
