import { messagePage } from '../../../forms/render/layout.js';
import { openForm } from '../../core/open-form.js';
import { regionContact } from '../../core/registry/secretariat.js';
import { authenticateMunicipality } from '../authenticate.js';
import { draftErrors } from '../check-page.js';
import { dependencies } from '../dependencies.js';
import { closedFormResponse, formKey, formPageResponse, initialState } from '../form-pages.js';
import { httpHandler } from '../middleware.js';
import { htmlResponse } from '../responses.js';
import { rowNoticeFrom } from '../row-notice.js';

/**
 * GET a municipality's form for a round: empty, prefilled with the current version to amend, or from the
 * draft (`?controleer=1`: with the draft's errors, after "Controleren" found some; `?melding=rij-…`: with
 * the notice of a row button, see row-notice.ts).
 */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const key = formKey(event);
  const principal = await authenticateMunicipality(event, deps);
  const opened = await openForm(deps, { ...key, principal });
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
  const query = event.queryStringParameters ?? {};
  // After "Controleren"/"Versturen" with errors (post/redirect/get): the draft with its errors.
  const checked = query.controleer === '1' && opened.draft !== undefined;
  const state = initialState(
    opened,
    deps.ids.newId(),
    checked ? 'checked' : query.concept === 'opgeslagen' ? 'saved' : 'opened',
  );
  const errors = checked
    ? await draftErrors(deps, opened, key, principal, state.raw, state.baseVersion)
    : undefined;
  // After a row button (post/redirect/get): its notice in the group instead of the draft's at the top.
  const groupNotice = opened.draft ? rowNoticeFrom(opened.definition, query, state.raw) : undefined;
  return formPageResponse(200, opened, key, {
    ...state,
    errors,
    ...(groupNotice ? { notice: undefined, groupNotice } : {}),
  });
});
