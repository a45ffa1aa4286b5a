import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { applyImport, previewImport } from '../../core/registry/import-registry.js';
import { renderImportCheck } from '../../pages/staff/registry-import-page.js';
import { multipartAsForm } from '../multipart-form.js';
import { assertMayImport, importFormPage, postedImport } from '../registry-import-form.js';
import { formToken, type StaffContext, staffActions, staffHtml } from '../staff-actions.js';

/**
 * POST /staf/contacten/gemeentelijst: `controleren` (read the list: the check page with every change, or
 * the form with the errors per line — nothing changes), `wijzigen` (back to the list), `doorvoeren`
 * (apply it, audited; once per page token, and a list applied before changes nothing).
 */
/** The posted list, read and planned again (nothing changes): its input and plan, or its errors. */
async function previewPosted(ctx: StaffContext) {
  assertMayImport(ctx);
  const input = postedImport(ctx);
  const preview = await previewImport(ctx.deps, {
    importer: ctx.principal,
    text: input.list,
    effectiveDate: input.effectiveDate,
  });
  return { input, preview };
}

const actions = staffActions({
  controleren: async (ctx) => {
    const { input, preview } = await previewPosted(ctx);
    if (preview.errors.length > 0 || !preview.plan) return importFormPage(ctx, input, preview.errors);
    return staffHtml(
      200,
      renderImportCheck({
        staff: ctx.staff,
        input,
        plan: preview.plan,
        now: ctx.deps.clock.now(),
        token: formToken(ctx.pageToken, 'doorvoeren'),
      }),
    );
  },
  wijzigen: async (ctx) => importFormPage(ctx, postedImport(ctx), []),
  doorvoeren: async (ctx) => {
    const { input, preview } = await previewPosted(ctx);
    if (preview.errors.length > 0 || !preview.plan) return importFormPage(ctx, input, preview.errors);
    return {
      perform: async () => {
        const result = await applyImport(ctx.deps, {
          importer: ctx.principal,
          text: input.list,
          effectiveDate: input.effectiveDate,
          actor: ctx.actor,
        });
        return {
          location: '/staf/contacten',
          notice:
            result.outcome === 'applied'
              ? `De gemeentelijst is ingelezen: ${result.plan.changes.length} wijziging${result.plan.changes.length === 1 ? '' : 'en'} doorgevoerd (${result.written} onderdel${result.written === 1 ? '' : 'en'} van het register). Ze staan hieronder bij de laatste wijzigingen.`
              : 'De gemeentelijst was al ingelezen; er is niets veranderd.',
        };
      },
    };
  },
});

/** The list may come as a file (multipart), read here as an ordinary form post. */
export const handler = async (event: APIGatewayProxyEventV2, context: Context) =>
  actions(await multipartAsForm(event), context);
