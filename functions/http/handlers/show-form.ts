import { messagePage } from '../../../forms/render/layout.js';
import { checkStoredInvitation } from '../../core/invitation-tokens.js';
import type { Draft, Principal } from '../../core/model.js';
import { openForm } from '../../core/open-form.js';
import type { Clock, Store } from '../../core/ports.js';
import { regionContact } from '../../core/registry/secretariat.js';
import { authenticateMunicipalityLink, confirmLink } from '../authenticate.js';
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
  const { principal, read } = await linkAndDraft(deps, key, event);
  const opened = await openForm(deps, { ...key, principal, read });
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

/**
 * The link checked, with the page's first read: the link's invitation and the municipality's draft in one
 * BatchGetItem (with the round and the municipality when this process keeps no copy of them), the
 * invitation checked (revoked, expired, other round) before anything else is used. A link for another
 * form address reads only its invitation, and gets its 404 after the check, as before.
 */
async function linkAndDraft(
  deps: { store: Store; clock: Clock },
  key: ReturnType<typeof formKey>,
  event: Parameters<typeof authenticateMunicipalityLink>[0],
): Promise<{ principal: Principal; read?: { draft?: Draft } }> {
  const link = await authenticateMunicipalityLink(event, deps);
  if (key.roundId !== link.principal.roundId || key.municipality !== link.principal.municipality) {
    return { principal: await confirmLink(deps, link) };
  }
  const base = await deps.store.formPageBase(
    key.roundId,
    key.formId,
    key.municipality,
    link.principal.invitationId,
    link.principal.regionHint,
  );
  return {
    principal: checkStoredInvitation(link, base.invitation, deps.clock.now()),
    read: { draft: base.draft },
  };
}
