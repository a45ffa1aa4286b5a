import { contactValues } from '../../core/registry/contact-changes.js';
import { contactFormPage, editableTarget } from '../contact-form.js';
import { staffPage } from '../staff-actions.js';

/** GET /staf/contacten/{soort}/{id}: the form to change a municipality's, region's or province's contacts. */
export const handler = staffPage(async (ctx) => {
  const target = editableTarget(ctx);
  return contactFormPage(ctx, target, contactValues(target), target.item.value.revision ?? 0, []);
});
