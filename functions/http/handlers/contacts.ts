import { Forbidden } from '../../core/errors.js';
import { contactsInScope, registryChanges } from '../../core/registry/contacts-scope.js';
import { dutchDate } from '../../core/registry/membership.js';
import { renderContactsOverview } from '../../pages/staff/contacts-page.js';
import { doneNotice, staffHtml, staffPage } from '../staff-actions.js';

/** GET /staf/contacten: the registry in the person's scope, with what changed last. */
export const handler = staffPage(async (ctx) => {
  const scope = contactsInScope(ctx.principal, ctx.registry);
  if (scope.regions.length === 0 && scope.provinces.length === 0)
    throw new Forbidden(
      'U heeft geen toegang tot contactgegevens: uw rol hoort bij geen regio of provincie.',
    );
  return staffHtml(
    200,
    renderContactsOverview({
      staff: ctx.staff,
      notice: await doneNotice(ctx.deps, ctx.fields.get('gedaan') ?? undefined, ctx.actor),
      province: scope.provinces[0],
      regions: scope.regions,
      mayImport: scope.mayImport,
      changes: registryChanges(ctx.principal, await ctx.deps.store.listAudit()),
      today: dutchDate(ctx.deps.clock.now().toISOString()),
    }),
  );
});
