import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { formatInteger } from '../../../forms/format.js';
import { periodLabel } from '../../core/targets/check-targets.js';
import { checkTargetsImport, problemText, publishTargets } from '../../core/targets/publish-targets.js';
import { renderTargetsCheck } from '../../pages/staff/targets-check-page.js';
import { targetsPath } from '../../pages/staff/targets-input.js';
import { multipartAsForm } from '../multipart-form.js';
import { formToken, type StaffContext, staffActions, staffHtml } from '../staff-actions.js';
import {
  assertMayImportTargets,
  importFromInput,
  readTargetsInput,
  targetsFormPage,
} from '../targets-form.js';

/** The form read and checked: the check (nothing stored), or the form again with every problem. */
async function checked(ctx: StaffContext) {
  assertMayImportTargets(ctx);
  const input = readTargetsInput(ctx.fields);
  const { import: request, errors } = importFromInput(input);
  if (!request) return { input, page: targetsFormPage(ctx, input, errors) };
  const check = await checkTargetsImport(ctx.deps, {
    principal: ctx.principal,
    registry: ctx.registry,
    import: request,
  });
  if (!check.ok || !check.candidate) {
    const fileErrors = check.errors.map((problem) => ({ path: 'lijst', message: problemText(problem) }));
    return { input, page: targetsFormPage(ctx, input, fileErrors) };
  }
  return { input, request, check: { ...check, candidate: check.candidate } };
}

/**
 * POST /staf/taakstellingen (a form with a file: multipart, or the fields as usual): `controleren` (the check
 * page — the sum against the provincial task, every warning, what changes; or the form with every problem
 * by line — nothing stored), `wijzigen` (back to the form), `publiceren` (a new revision, audited; once per
 * page token, and refused when someone published since the check page was shown).
 */
const actions = staffActions({
  controleren: async (ctx) => {
    const result = await checked(ctx);
    if (!result.check) return result.page;
    return staffHtml(
      200,
      renderTargetsCheck({
        staff: ctx.staff,
        registry: ctx.registry,
        input: result.input,
        check: result.check,
        token: formToken(ctx.pageToken, 'publiceren'),
      }),
    );
  },
  wijzigen: async (ctx) => targetsFormPage(ctx, readTargetsInput(ctx.fields), []),
  publiceren: async (ctx) => {
    const result = await checked(ctx);
    if (!result.check) return result.page;
    const baseRevision = Number(ctx.fields.get('basisversie') ?? '');
    const { request } = result;
    return {
      perform: async (token) => {
        const { targets, check } = await publishTargets(ctx.deps, {
          principal: ctx.principal,
          registry: ctx.registry,
          import: request,
          importId: token,
          baseRevision: Number.isInteger(baseRevision) && baseRevision >= 0 ? baseRevision : -1,
        });
        const what =
          targets.kind === 'spreiding'
            ? `De aandelen van cyclus ${targets.cycle} zijn gepubliceerd als versie ${targets.revision}: ${check.summary?.municipalities} gemeenten, ${formatInteger(check.summary?.places ?? 0)} plaatsen (waarvan ${formatInteger(check.summary?.amv ?? 0)} AMV). ${check.summary?.comparison ?? ''}`
            : `De taakstelling statushouders van de ${periodLabel(targets.period)} is gepubliceerd als versie ${targets.revision}: ${check.summary?.municipalities} gemeenten, ${formatInteger(check.summary?.task ?? 0)} personen.`;
        return { location: targetsPath, notice: what.trim() };
      },
    };
  },
});

/** The file comes as multipart (a file input), read here as an ordinary form post. */
export const handler = async (event: APIGatewayProxyEventV2, context: Context) =>
  actions(await multipartAsForm(event), context);
