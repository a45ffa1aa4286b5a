import { importFormPage } from '../registry-import-form.js';
import { staffPage } from '../staff-actions.js';

/** GET /staf/contacten/gemeentelijst: upload or paste a municipality list (provincial staff). */
export const handler = staffPage(async (ctx) => importFormPage(ctx, { list: '', effectiveDate: '' }, []));
