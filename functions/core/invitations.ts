import { findForm } from '../../forms/catalogue.js';
import { formatDateTime } from '../../forms/format.js';
import { contactHtml, contactText, emailDocument } from '../../forms/render/email.js';
import { html } from '../../forms/render/html.js';
import type { PageContact } from '../../forms/render/layout.js';
import { type DeliveryOutcome, deliverMail } from './deliver-mail.js';
import { NotFound } from './errors.js';
import { signInvitation } from './invitation-tokens.js';
import type { Invitation, Municipality, Round } from './model.js';
import type { Clock, Ids, Mailer, Store } from './ports.js';
import { roundMunicipalities } from './registry/membership.js';
import { regionContact } from './registry/secretariat.js';

/** A link keeps working this long after the deadline: to read back what was sent, or to submit late. */
const linkGraceMs = 30 * 24 * 3600 * 1000;

export interface InvitedMunicipality {
  readonly municipality: Municipality;
  readonly invitation: Invitation;
  readonly url: string;
  readonly mail?: DeliveryOutcome;
}

function invitationEmail(
  round: Round,
  municipality: Municipality,
  boardName: string,
  url: string,
  contact: PageContact | undefined,
) {
  const title = findForm(round.formId)?.title ?? round.formId;
  const subject = `Uitnodiging: ${title} – gemeente ${municipality.name} (${round.title})`;
  const lines = [
    `Beste coördinator van gemeente ${municipality.name},`,
    `De ${boardName} vraagt uw gemeente het formulier ‘${title}’ in te vullen. Sluitingsdatum: ${formatDateTime(round.deadline)}.`,
    'Met de persoonlijke link hieronder opent u het formulier van uw gemeente. U kunt tussendoor opslaan en tot de sluitingsdatum wijzigen. Deel de link alleen met collega’s die namens uw gemeente invullen.',
  ];
  return {
    subject,
    text: [...lines, '', url, '', `Met vriendelijke groet,\n${boardName}`, contactText(contact)].join('\n\n'),
    html: emailDocument(
      subject,
      html`<p style="font-family:Arial,Helvetica,sans-serif;">${lines[0]}</p>
<p style="font-family:Arial,Helvetica,sans-serif;">${lines[1]}</p>
<p style="font-family:Arial,Helvetica,sans-serif;">${lines[2]}</p>
<p style="font-family:Arial,Helvetica,sans-serif;margin:20px 0;"><a href="${url}" style="background:#154273;color:#ffffff;padding:12px 18px;text-decoration:none;font-weight:bold;">Formulier openen</a></p>
<p style="font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#555555;">Werkt de knop niet? Kopieer deze link: ${url}</p>
<p style="font-family:Arial,Helvetica,sans-serif;">Met vriendelijke groet,<br>${boardName}</p>
${contactHtml(contact)}`,
    ).value,
  };
}

/**
 * Invite municipalities (`inviteMunicipalities`): for each municipality of the round's regions (or the ones
 * named), record a new revocable invitation, sign its link, and — when asked — mail it to the municipal
 * coordinator through the outbox. Every invitation is in the audit trail.
 */
export async function inviteMunicipalities(
  deps: { store: Store; mailer: Mailer; clock: Clock; ids: Ids },
  input: {
    roundId: string;
    municipalities?: readonly string[];
    baseUrl: string;
    send: boolean;
    actor: string;
  },
): Promise<InvitedMunicipality[]> {
  const round = await deps.store.getRound(input.roundId);
  if (!round) throw new NotFound(`Er is geen ronde ‘${input.roundId}’.`);
  const registry = await deps.store.getRegistry();
  const inRound = roundMunicipalities(registry, round);
  const chosen = input.municipalities
    ? input.municipalities.map((code) => {
        const found = inRound.find((municipality) => municipality.code === code);
        if (!found) throw new NotFound(`Gemeente ${code} doet niet mee aan ronde ${round.id}.`);
        return found;
      })
    : inRound;
  const now = deps.clock.now();
  const invited: InvitedMunicipality[] = [];
  for (const municipality of chosen) {
    const invitation: Invitation = {
      id: deps.ids.newId(),
      roundId: round.id,
      municipality: municipality.code,
      createdAt: now.toISOString(),
      expiresAt: new Date(Date.parse(round.deadline) + linkGraceMs).toISOString(),
    };
    await deps.store.putInvitation(invitation);
    const token = await signInvitation(deps, invitation);
    const url = `${input.baseUrl.replace(/\/$/, '')}/uitnodiging?code=${token}`;
    let mail: DeliveryOutcome | undefined;
    if (input.send && municipality.contacts.length > 0) {
      const region = registry.regions.find((candidate) => candidate.id === municipality.region);
      const contact = regionContact(region);
      const id = `invitation#${invitation.id}`;
      await deps.store.enqueueMail({
        id,
        kind: 'invitation',
        to: municipality.contacts,
        replyTo: contact ? [contact.email] : undefined,
        ...invitationEmail(round, municipality, region?.boardName ?? 'regietafel', url, contact),
        createdAt: now.toISOString(),
        status: 'pending',
        attempts: 0,
      });
      mail = await deliverMail(deps, id);
      await deps.store.recordInvitationSent(invitation.id, municipality.contacts);
    }
    await deps.store.audit({
      at: now.toISOString(),
      id: deps.ids.newId(),
      action: 'invitation',
      actor: input.actor,
      roundId: round.id,
      municipality: municipality.code,
      details: { invitationId: invitation.id, sentTo: input.send ? municipality.contacts : [] },
    });
    invited.push({
      municipality,
      invitation: { ...invitation, sentTo: input.send ? municipality.contacts : undefined },
      url,
      mail,
    });
  }
  return invited;
}

/** Revoke a link (`revokeInvitation`): it stops working at once, and the revocation is audited. */
export async function revokeInvitation(
  deps: { store: Store; clock: Clock; ids: Ids },
  input: { invitationId: string; actor: string },
): Promise<Invitation> {
  const invitation = await deps.store.getInvitation(input.invitationId);
  if (!invitation) throw new NotFound(`Er is geen uitnodiging ‘${input.invitationId}’.`);
  const at = deps.clock.now().toISOString();
  await deps.store.revokeInvitation(invitation.id, at);
  await deps.store.audit({
    at,
    id: deps.ids.newId(),
    action: 'revocation',
    actor: input.actor,
    roundId: invitation.roundId,
    municipality: invitation.municipality,
    details: { invitationId: invitation.id },
  });
  return { ...invitation, revokedAt: invitation.revokedAt ?? at };
}

/**
 * Working links for every municipality of a round without sending anything (the local run prints them):
 * an existing, unrevoked, unexpired invitation is reused; otherwise a new one is recorded.
 */
export async function invitationLinks(
  deps: { store: Store; mailer: Mailer; clock: Clock; ids: Ids },
  input: { roundId: string; baseUrl: string; actor: string },
): Promise<InvitedMunicipality[]> {
  const now = deps.clock.now().toISOString();
  const existing = (await deps.store.listInvitations(input.roundId)).filter(
    (invitation) => !invitation.revokedAt && invitation.expiresAt > now,
  );
  const missing = new Set<string>();
  const registry = await deps.store.getRegistry();
  const round = await deps.store.getRound(input.roundId);
  if (!round) throw new NotFound(`Er is geen ronde ‘${input.roundId}’.`);
  const links: InvitedMunicipality[] = [];
  for (const municipality of roundMunicipalities(registry, round)) {
    const invitation = existing.filter((candidate) => candidate.municipality === municipality.code).at(-1);
    if (!invitation) {
      missing.add(municipality.code);
      continue;
    }
    const token = await signInvitation(deps, invitation);
    links.push({
      municipality,
      invitation,
      url: `${input.baseUrl.replace(/\/$/, '')}/uitnodiging?code=${token}`,
    });
  }
  if (missing.size > 0) {
    links.push(
      ...(await inviteMunicipalities(deps, { ...input, municipalities: [...missing], send: false })),
    );
  }
  const order = registry.municipalities.map((municipality) => municipality.code);
  return links.sort((a, b) => order.indexOf(a.municipality.code) - order.indexOf(b.municipality.code));
}
