import { messagePage } from '../../../forms/render/layout.js';
import { openForm } from '../../core/open-form.js';
import { regionContact } from '../../core/registry/secretariat.js';
import { authenticateMunicipality } from '../authenticate.js';
import { dependencies } from '../dependencies.js';
import { closedFormResponse, formKey, formPageResponse, initialState } from '../form-pages.js';
import { httpHandler } from '../middleware.js';
import { htmlResponse } from '../responses.js';

/** GET a municipality's form for a round: empty, or prefilled with the current version to amend. */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const key = formKey(event);
  const opened = await openForm(deps, { ...key, principal: await authenticateMunicipality(event, deps) });
  if (opened.phase === 'not-open') {
    return htmlResponse(
      200,
      messagePage({
        title: 'Deze ronde is nog niet geopend',
        message: `U kunt het formulier ‘${opened.definition.title}’ invullen zodra de ronde opent.`,
        organisation: opened.region.boardName,
        contacts: [regionContact(opened.region)].filter((contact) => contact !== undefined),
      }),
    );
  }
  if (opened.phase === 'closed') return closedFormResponse(opened);
  const justSaved = event.queryStringParameters?.concept === 'opgeslagen';
  return formPageResponse(200, opened, key, initialState(opened, deps.ids.newId(), justSaved));
});
