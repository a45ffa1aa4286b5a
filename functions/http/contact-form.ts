import type { FieldError } from '../../forms/definition.js';
import {
  authorizeContactChange,
  type ContactField,
  type ContactTarget,
  contactTarget,
  contactValues,
  kindFields,
} from '../core/registry/contact-changes.js';
import { renderContactForm } from '../pages/staff/contacts-page.js';
import type { HttpResponse } from './responses.js';
import { formToken, type StaffContext, staffHtml } from './staff-actions.js';

/**
 * What the contact pages share: the item the address names (404) that this person may change (403), and
 * its form with what was typed.
 */
export function editableTarget(ctx: StaffContext): ContactTarget {
  const params = ctx.event.pathParameters ?? {};
  const target = contactTarget(ctx.registry, params.soort ?? '', params.id ?? '');
  authorizeContactChange(ctx.principal, target);
  return target;
}

/** The fields as posted (only those of the item's kind), or the stored values. */
export function typedValues(ctx: StaffContext, target: ContactTarget): Record<ContactField, string> {
  const values = contactValues(target);
  for (const field of kindFields[target.kind]) values[field] = (ctx.fields.get(field) ?? '').slice(0, 2000);
  return values;
}

/** The revision the form was opened on; a damaged one counts as none (and is then refused as stale). */
export function postedRevision(ctx: StaffContext): number {
  const text = ctx.fields.get('revisie') ?? '';
  return /^\d{1,9}$/.test(text) ? Number(text) : -1;
}

export function contactFormPage(
  ctx: StaffContext,
  target: ContactTarget,
  values: Record<ContactField, string>,
  revision: number,
  errors: readonly FieldError[],
): HttpResponse {
  return staffHtml(
    errors.length > 0 ? 422 : 200,
    renderContactForm({
      staff: ctx.staff,
      target,
      values,
      revision,
      errors,
      token: formToken(ctx.pageToken, 'contact'),
    }),
  );
}
