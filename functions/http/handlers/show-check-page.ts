import { openForm } from '../../core/open-form.js';
import { authenticateMunicipality } from '../authenticate.js';
import { checkPageResponse, submissionIdFrom } from '../check-page.js';
import { dependencies } from '../dependencies.js';
import { formKey } from '../form-pages.js';
import { httpHandler } from '../middleware.js';

/**
 * GET the check page ("Controleer uw antwoorden") of a municipality's draft, where "Controleren" redirects
 * to: the answers, warnings and changes; errors send the browser back to the form, no draft to the form.
 */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const key = formKey(event);
  const principal = await authenticateMunicipality(event, deps);
  const opened = await openForm(deps, { ...key, principal });
  const submissionId = submissionIdFrom(event.queryStringParameters) ?? deps.ids.newId();
  return checkPageResponse(deps, opened, key, principal, submissionId);
});
