import type { FieldError } from '../../forms/definition.js';
import { Forbidden } from '../core/errors.js';
import { isAllowed } from '../core/policy.js';
import { importRefusal } from '../core/registry/import-registry.js';
import { type ImportInput, renderImportForm } from '../pages/staff/registry-import-page.js';
import type { HttpResponse } from './responses.js';
import { formToken, type StaffContext, staffHtml } from './staff-actions.js';

/** The import is the province's: a regietafel (or anyone else) gets a 403 before any form. */
export function assertMayImport(ctx: StaffContext): void {
  if (
    !ctx.registry.provinces.some((province) =>
      isAllowed(ctx.principal, 'registry:import', { province: province.id }),
    )
  )
    throw new Forbidden(importRefusal);
}

/** The list as posted: the uploaded file when one was chosen, else the pasted text. */
export function postedImport(ctx: StaffContext): ImportInput {
  const file = (ctx.fields.get('bestand') ?? '').replace(/^\uFEFF/, '');
  return {
    list: (file.trim() ? file : (ctx.fields.get('lijst') ?? '')).slice(0, 60_000),
    effectiveDate: (ctx.fields.get('ingangsdatum') ?? '').slice(0, 40),
  };
}

export function importFormPage(
  ctx: StaffContext,
  input: ImportInput,
  errors: readonly FieldError[],
): HttpResponse {
  assertMayImport(ctx);
  return staffHtml(
    errors.length > 0 ? 422 : 200,
    renderImportForm({ staff: ctx.staff, input, errors, token: formToken(ctx.pageToken, 'lijst') }),
  );
}
