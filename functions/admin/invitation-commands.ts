import { formatDateTime } from '../../forms/format.js';
import { manualPeriod } from '../core/compile-summaries.js';
import { inviteMunicipalities, reissueInvitation, revokeInvitation } from '../core/invitations.js';
import { sendReminders } from '../core/reminders.js';
import { type Command, type CommandContext, UsageError } from './command-context.js';

/** The admin commands about invitations: invite, list, revoke, reissue, and remind now. */

async function inviteCommand({
  values,
  deps,
  store,
  baseUrl,
  print,
  required,
  actor,
  admin,
}: CommandContext): Promise<void> {
  const invited = await inviteMunicipalities(deps, {
    roundId: required('round'),
    municipalities: values.municipality ? String(values.municipality).split(',') : undefined,
    baseUrl,
    send: values['no-email'] !== true,
    reuse: true,
    actor: actor(),
    principal: admin(await store.getRegistry()),
  });
  for (const { municipality, invitation, url, mail } of invited) {
    const sent = invitation.sentTo
      ? `gemaild naar ${invitation.sentTo.join(', ')} (${mail})`
      : 'niet gemaild';
    print(`${municipality.code} ${municipality.name.padEnd(18)} ${invitation.id}  ${sent}\n    ${url}`);
  }
}

async function invitationsCommand({ store, print, required }: CommandContext): Promise<void> {
  for (const invitation of await store.listInvitations(required('round'))) {
    print(
      `${invitation.id}  ${invitation.municipality}  aangemaakt ${formatDateTime(invitation.createdAt)}  ` +
        (invitation.revokedAt
          ? `INGETROKKEN ${formatDateTime(invitation.revokedAt)}`
          : `geldig tot ${formatDateTime(invitation.expiresAt)}`),
    );
  }
}

async function revokeCommand({
  values,
  deps,
  store,
  print,
  required,
  actor,
  admin,
}: CommandContext): Promise<void> {
  const ids =
    typeof values.invitation === 'string'
      ? [values.invitation]
      : (await store.listInvitations(required('round')))
          .filter(
            (invitation) => invitation.municipality === required('municipality') && !invitation.revokedAt,
          )
          .map((invitation) => invitation.id);
  if (ids.length === 0) throw new UsageError('Geen geldige uitnodigingen gevonden om in te trekken.');
  const principal = admin(await store.getRegistry());
  for (const id of ids) {
    const revoked = await revokeInvitation(deps, { invitationId: id, actor: actor(), principal });
    print(`Ingetrokken: ${revoked.id} (${revoked.municipality}, ronde ${revoked.roundId}).`);
  }
}

async function reissueCommand({
  deps,
  store,
  baseUrl,
  print,
  required,
  admin,
}: CommandContext): Promise<void> {
  const { revoked, invited } = await reissueInvitation(deps, {
    principal: admin(await store.getRegistry()),
    roundId: required('round'),
    municipality: required('municipality'),
    baseUrl,
  });
  print(
    `${revoked.length} link(s) ingetrokken; nieuwe link ${invited.invitation.id} ${invited.invitation.sentTo ? `gemaild naar ${invited.invitation.sentTo.join(', ')} (${invited.mail})` : 'niet gemaild: geen adres bekend'}.`,
  );
}

async function remindCommand({
  values,
  deps,
  store,
  baseUrl,
  print,
  required,
  actor,
  admin,
}: CommandContext): Promise<void> {
  const reminded = await sendReminders(deps, {
    roundId: required('round'),
    period: manualPeriod(deps.clock.now()),
    baseUrl,
    actor: actor(),
    municipalities: values.municipality ? String(values.municipality).split(',') : undefined,
    principal: admin(await store.getRegistry()),
  });
  if (reminded.length === 0) print('Niemand te herinneren: iedereen heeft ingezonden (of er is geen adres).');
  for (const sent of reminded) print(`${sent.municipality} → ${sent.to.join(', ')}: ${sent.delivery}`);
}

export const invitationCommands: Record<string, Command> = {
  invite: inviteCommand,
  invitations: invitationsCommand,
  revoke: revokeCommand,
  reissue: reissueCommand,
  remind: remindCommand,
};
