import { changeContacts, checkContactChange } from '../../core/registry/contact-changes.js';
import { renderContactCheck } from '../../pages/staff/contacts-page.js';
import { contactFormPage, editableTarget, postedRevision, typedValues } from '../contact-form.js';
import { formToken, staffActions, staffHtml } from '../staff-actions.js';

/**
 * POST /staf/contacten/{soort}/{id}: `controleren` (the check page: what it was, what it becomes; or the
 * form with its errors — nothing is stored), `wijzigen` (back to the form as typed), `opslaan` (store it
 * over the revision the form was opened on, audited; once per page token).
 */
export const handler = staffActions({
  controleren: async (ctx) => {
    const target = editableTarget(ctx);
    const values = typedValues(ctx, target);
    const revision = postedRevision(ctx);
    const checked = checkContactChange(target, values);
    if (checked.errors.length > 0) return contactFormPage(ctx, target, values, revision, checked.errors);
    return staffHtml(
      200,
      renderContactCheck({
        staff: ctx.staff,
        target,
        values,
        revision,
        errors: [],
        changes: checked.changes,
        warnings: checked.warnings,
        token: formToken(ctx.pageToken, 'opslaan'),
      }),
    );
  },
  wijzigen: async (ctx) => {
    const target = editableTarget(ctx);
    return contactFormPage(ctx, target, typedValues(ctx, target), postedRevision(ctx), []);
  },
  opslaan: async (ctx) => {
    const target = editableTarget(ctx);
    const values = typedValues(ctx, target);
    const checked = checkContactChange(target, values);
    if (checked.errors.length > 0)
      return contactFormPage(ctx, target, values, postedRevision(ctx), checked.errors);
    const params = ctx.event.pathParameters ?? {};
    return {
      perform: async () => {
        const result = await changeContacts(ctx.deps, {
          principal: ctx.principal,
          actor: ctx.actor,
          registry: ctx.registry,
          kind: params.soort ?? '',
          id: params.id ?? '',
          fields: values,
          revision: postedRevision(ctx),
        });
        return {
          location: '/staf/contacten',
          notice:
            result.outcome === 'changed'
              ? `${target.label}: ${result.changes.map((change) => change.label.toLowerCase()).join(', ')} gewijzigd. De volgende e-mail gebruikt de nieuwe gegevens.`
              : `${target.label}: er is niets gewijzigd; de gegevens waren al zo.`,
        };
      },
    };
  },
});
