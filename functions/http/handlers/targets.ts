import { importProvinces, viewTargets } from '../../core/targets/publish-targets.js';
import { renderTargetsOverview } from '../../pages/staff/targets-overview-page.js';
import { doneNotice, staffHtml, staffPage } from '../staff-actions.js';
import { defaultTargetsInput, targetsFormPage } from '../targets-form.js';

/**
 * GET /staf/taakstellingen: the published targets of this person's province (every cycle's shares, every
 * half year's statushouders tasks, every revision); `?inlezen=spreiding|huisvesting`: the import form
 * (provincial staff only).
 */
export const handler = staffPage(async (ctx) => {
  const provinces = await viewTargets(ctx.deps, { principal: ctx.principal, registry: ctx.registry });
  const kind = ctx.fields.get('inlezen');
  if (kind !== null) {
    const own = provinces.find((entry) =>
      importProvinces(ctx.principal, ctx.registry).some((p) => p.id === entry.province.id),
    );
    return targetsFormPage(
      ctx,
      defaultTargetsInput(ctx, kind, own?.published ?? { asylum: [], housing: [] }),
      [],
    );
  }
  return staffHtml(
    200,
    renderTargetsOverview({
      staff: ctx.staff,
      registry: ctx.registry,
      provinces: provinces.map((entry) => ({
        id: entry.province.id,
        name: entry.province.name,
        asylum: entry.published.asylum,
        housing: entry.published.housing,
        all: entry.all,
      })),
      mayImport: importProvinces(ctx.principal, ctx.registry).length > 0,
      notice: await doneNotice(ctx.deps, ctx.fields.get('gedaan') ?? undefined, ctx.actor),
    }),
  );
});
