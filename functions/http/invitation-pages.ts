import type { Html } from '../../forms/render/html.js';
import type { InvitationRow } from '../core/invitations.js';
import { awaitsInvitation, isInvited } from '../core/invitations.js';
import type { Round } from '../core/model.js';
import { renderInvitationsPage } from '../pages/staff/invitations-page.js';
import { formToken, type StaffContext } from './staff-actions.js';

/** The invitations page for a round's overview (GET, and the answer of a post that changed nothing). */
export function invitationsPage(
  ctx: StaffContext,
  overview: { round: Round; rows: InvitationRow[] },
  notice?: string,
): Html {
  return renderInvitationsPage({
    staff: ctx.staff,
    round: overview.round,
    rows: overview.rows,
    notInvited: overview.rows.filter((row) => !isInvited(row)),
    toInvite: overview.rows.filter(awaitsInvitation),
    token: formToken(ctx.pageToken, 'uitnodigingen'),
    notice,
  });
}
