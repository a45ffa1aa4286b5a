import { findForm } from '../../forms/catalogue.js';
import { codePointOrder } from '../../forms/order.js';
import { invitationEmail } from '../emails/invitation-email.js';
import { type DeliveryOutcome, deliverMail } from './deliver-mail.js';
import { NotFound } from './errors.js';
import { signInvitation } from './invitation-tokens.js';
import type { Invitation, Municipality, Registry, Round } from './model.js';
import { actorOf, authorizeEvery, type Principal } from './policy.js';
import type { Clock, Ids, Mailer, Store } from './ports.js';
import { roundMunicipalities } from './registry/membership.js';
import { regionSignature } from './registry/secretariat.js';
import { type ResponseStatus, roundStatus } from './round-status.js';

/** A link keeps working this long after the deadline: to read back what was sent, or to submit late. */
const linkGraceMs = 30 * 24 * 3600 * 1000;

/** When a round's links stop working: 30 days after its deadline (it follows the deadline when that moves). */
export function linkExpiry(round: Pick<Round, 'deadline'>): string {
  return new Date(Date.parse(round.deadline) + linkGraceMs).toISOString();
}

export interface InvitedMunicipality {
  readonly municipality: Municipality;
  readonly invitation: Invitation;
  readonly url: string;
  readonly mail?: DeliveryOutcome;
  /** The outbox id of the invitation email, when one was sent. */
  readonly mailId?: string;
  /** Whether the link was made now (false: an existing valid link was sent again). */
  readonly newLink: boolean;
}

type Deps = { store: Store; mailer: Mailer; clock: Clock; ids: Ids };

/** The newest link of a municipality that still works (not revoked, not expired), if any. */
export function validInvitation(
  invitations: readonly Invitation[],
  municipality: string,
  now: Date,
): Invitation | undefined {
  return invitations
    .filter(
      (invitation) =>
        invitation.municipality === municipality &&
        !invitation.revokedAt &&
        invitation.expiresAt > now.toISOString(),
    )
    .sort((a, b) => codePointOrder(a.createdAt, b.createdAt))
    .at(-1);
}

const linkUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/$/, '')}/uitnodiging?code=${token}`;

/** The resources an invitation action concerns: each chosen municipality's region. */
function municipalityResources(round: Round, registry: Registry, chosen: readonly Municipality[]) {
  return chosen.map((municipality) => {
    const region = registry.regions.find((candidate) => candidate.id === municipality.region);
    return {
      roundId: round.id,
      municipality: municipality.code,
      region: municipality.region,
      province: region?.province ?? '',
    };
  });
}

/**
 * Invite municipalities (`inviteMunicipalities`): for each municipality of the round's regions (or the ones
 * named) take its valid link (`reuse`) or record a new revocable one, and — when asked — mail it to the
 * municipal coordinator through the outbox, with the secretariat as Reply-To. With a principal the policy
 * decides first (staff act for their own region); the scheduled job, the local run and tests call it
 * without. Every new link and every sent invitation is in the audit trail.
 */
export async function inviteMunicipalities(
  deps: Deps,
  input: {
    roundId: string;
    municipalities?: readonly string[];
    baseUrl: string;
    send: boolean;
    actor: string;
    /** Send a municipality's existing valid link instead of making a new one. @default false */
    reuse?: boolean;
    /** Idempotency of the page that asked: the same request mails once. */
    requestId?: string;
    principal?: Principal;
    /** Passed by a caller that read them already (`sendReminders`). */
    round?: Round;
    registry?: Registry;
  },
): Promise<InvitedMunicipality[]> {
  const round = input.round ?? (await deps.store.getRound(input.roundId));
  if (!round) throw new NotFound(`Er is geen ronde ‘${input.roundId}’.`);
  const registry = input.registry ?? (await deps.store.getRegistry());
  const inRound = roundMunicipalities(registry, round);
  const chosen = input.municipalities
    ? input.municipalities.map((code) => {
        const found = inRound.find((municipality) => municipality.code === code);
        if (!found) throw new NotFound(`Gemeente ${code} doet niet mee aan ronde ${round.id}.`);
        return found;
      })
    : inRound;
  if (input.principal) {
    authorizeEvery(input.principal, 'invitation:manage', municipalityResources(round, registry, chosen));
  }
  const definition = findForm(round.formId);
  if (!definition) throw new NotFound(`Het formulier ‘${round.formId}’ bestaat niet.`);
  const now = deps.clock.now();
  const existing = input.reuse ? await deps.store.listInvitations(round.id) : [];
  const invited: InvitedMunicipality[] = [];
  for (const municipality of chosen) {
    const reused = input.reuse ? validInvitation(existing, municipality.code, now) : undefined;
    const invitation: Invitation = reused ?? {
      id: deps.ids.newId(),
      roundId: round.id,
      municipality: municipality.code,
      createdAt: now.toISOString(),
      expiresAt: linkExpiry(round),
    };
    if (!reused) await deps.store.putInvitation(invitation);
    const url = linkUrl(
      input.baseUrl,
      await signInvitation(deps, invitation, { region: municipality.region }),
    );
    const sending = input.send && municipality.contacts.length > 0;
    let mail: DeliveryOutcome | undefined;
    let mailId: string | undefined;
    if (sending) {
      const id = `invitation#${round.id}#${municipality.code}#${invitation.id}#${input.requestId ?? deps.ids.newId()}`;
      const region = registry.regions.find((candidate) => candidate.id === municipality.region);
      const email = invitationEmail({
        round,
        definition,
        municipality,
        ...regionSignature(region),
        url,
      });
      await deps.store.enqueueMail({
        id,
        kind: 'invitation',
        to: municipality.contacts,
        ...email,
        createdAt: now.toISOString(),
        status: 'pending',
        attempts: 0,
      });
      mail = await deliverMail(deps, id);
      mailId = id;
      await deps.store.recordInvitationSent(invitation.id, municipality.contacts, now.toISOString());
    }
    if (!reused || sending) {
      await deps.store.audit({
        at: now.toISOString(),
        id: deps.ids.newId(),
        action: 'invitation',
        actor: input.actor,
        roundId: round.id,
        municipality: municipality.code,
        details: {
          invitationId: invitation.id,
          link: reused ? 'bestaand' : 'nieuw',
          sentTo: sending ? municipality.contacts : [],
        },
      });
    }
    invited.push({
      municipality,
      invitation: sending
        ? { ...invitation, sentTo: municipality.contacts, sentAt: now.toISOString() }
        : invitation,
      url,
      mail,
      mailId,
      newLink: !reused,
    });
  }
  return invited;
}

/** Revoke a link (`revokeInvitation`): it stops working at once, and the revocation is audited. */
export async function revokeInvitation(
  deps: { store: Store; clock: Clock; ids: Ids },
  input: { invitationId: string; actor: string; principal?: Principal },
): Promise<Invitation> {
  const invitation = await deps.store.getInvitation(input.invitationId);
  if (!invitation) throw new NotFound(`Er is geen uitnodiging ‘${input.invitationId}’.`);
  if (input.principal) {
    const [round, registry] = await Promise.all([
      deps.store.getRound(invitation.roundId),
      deps.store.getRegistry(),
    ]);
    const municipality = registry.municipalities.find((m) => m.code === invitation.municipality);
    if (!round || !municipality) throw new NotFound(`Er is geen uitnodiging ‘${input.invitationId}’.`);
    authorizeEvery(
      input.principal,
      'invitation:manage',
      municipalityResources(round, registry, [municipality]),
    );
  }
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
    before: { revokedAt: invitation.revokedAt ?? null },
    after: { revokedAt: invitation.revokedAt ?? at },
  });
  return { ...invitation, revokedAt: invitation.revokedAt ?? at };
}

/**
 * Revoke and reissue (`reissueInvitation`): every working link of the municipality for the round stops
 * at once, and a new one is mailed to its coordinator. For a link that went to the wrong person.
 */
export async function reissueInvitation(
  deps: Deps,
  input: { principal: Principal; roundId: string; municipality: string; baseUrl: string; requestId?: string },
): Promise<{ revoked: Invitation[]; invited: InvitedMunicipality }> {
  const actor = actorOf(input.principal);
  // The policy first, so a refusal revokes nothing.
  const round = await deps.store.getRound(input.roundId);
  if (!round) throw new NotFound(`Er is geen ronde ‘${input.roundId}’.`);
  const registry = await deps.store.getRegistry();
  const municipality = roundMunicipalities(registry, round).find(
    (candidate) => candidate.code === input.municipality,
  );
  if (!municipality)
    throw new NotFound(`Gemeente ${input.municipality} doet niet mee aan ronde ${round.id}.`);
  authorizeEvery(
    input.principal,
    'invitation:manage',
    municipalityResources(round, registry, [municipality]),
  );
  const working = (await deps.store.listInvitations(round.id)).filter(
    (invitation) => invitation.municipality === municipality.code && !invitation.revokedAt,
  );
  const revoked: Invitation[] = [];
  for (const invitation of working) {
    revoked.push(await revokeInvitation(deps, { invitationId: invitation.id, actor }));
  }
  const [invited] = await inviteMunicipalities(deps, {
    roundId: round.id,
    baseUrl: input.baseUrl,
    actor,
    principal: input.principal,
    municipalities: [municipality.code],
    send: true,
    reuse: false,
    requestId: input.requestId,
  });
  return { revoked, invited: invited! };
}

/** One municipality on the invitations page. */
export interface InvitationRow {
  readonly municipality: Municipality;
  readonly status: ResponseStatus;
  /** Its newest working link, if any (what a re-send sends). */
  readonly invitation?: Invitation;
  /** Of its working links: the last time one was mailed, and where to. */
  readonly sentAt?: string;
  readonly sentTo?: readonly string[];
  /** Of its working links: the first time one was opened. */
  readonly firstOpenedAt?: string;
  /** Links of this round that were revoked. */
  readonly revoked: number;
}

/**
 * The invitations of a round (`invitationOverview`) for the municipalities a staff member acts for: where
 * the invitation goes, when it was sent, when the link was first opened, and the response status.
 */
export async function invitationOverview(
  deps: { store: Store; clock: Clock },
  input: { principal: Principal; roundId: string; registry?: Registry },
): Promise<{ round: Round; rows: InvitationRow[] }> {
  const status = await roundStatus(deps, input);
  const registry = input.registry ?? (await deps.store.getRegistry());
  const invitations = await deps.store.listInvitations(status.round.id);
  const now = deps.clock.now().toISOString();
  const rows = status.municipalities.map((row): InvitationRow => {
    const municipality = registry.municipalities.find((candidate) => candidate.code === row.code)!;
    const own = invitations.filter((invitation) => invitation.municipality === row.code);
    const working = own.filter((invitation) => !invitation.revokedAt && invitation.expiresAt > now);
    const sent = working
      .filter((invitation) => invitation.sentTo && invitation.sentTo.length > 0)
      .sort((a, b) => codePointOrder(a.sentAt ?? a.createdAt, b.sentAt ?? b.createdAt))
      .at(-1);
    const opened = working
      .map((invitation) => invitation.firstOpenedAt)
      .filter((at): at is string => at !== undefined)
      .sort()[0];
    return {
      municipality,
      status: row.status,
      invitation: validInvitation(working, row.code, deps.clock.now()),
      sentAt: sent ? (sent.sentAt ?? sent.createdAt) : undefined,
      sentTo: sent?.sentTo,
      firstOpenedAt: opened,
      revoked: own.filter((invitation) => invitation.revokedAt).length,
    };
  });
  return { round: status.round, rows };
}

/** Whether a municipality has been mailed a working link (the rest are "not yet invited"). */
export function isInvited(row: InvitationRow): boolean {
  return row.sentAt !== undefined;
}

/**
 * Whom "Uitnodigen: alle gemeenten zonder uitnodiging" mails (`awaitsInvitation`): not invited, and not
 * submitted either — a municipality that submitted with a link it got another way (handed out from the
 * CLI or the local start page) would be asked to fill in what it already sent. Its own button still can.
 */
export function awaitsInvitation(row: InvitationRow): boolean {
  return !isInvited(row) && row.status !== 'ingezonden';
}

/**
 * A municipality opened its link (`recordFirstOpen`): the first time is recorded on the invitation and in
 * the audit trail, so the secretariat sees who has looked; later openings change nothing.
 */
export async function recordFirstOpen(
  deps: { store: Store; clock: Clock; ids: Ids },
  invitation: Invitation,
): Promise<void> {
  if (invitation.firstOpenedAt) return;
  const at = deps.clock.now().toISOString();
  if (!(await deps.store.recordInvitationOpened(invitation.id, at))) return;
  await deps.store.audit({
    at,
    id: deps.ids.newId(),
    action: 'invitation-opened',
    actor: invitation.municipality,
    roundId: invitation.roundId,
    municipality: invitation.municipality,
    details: { invitationId: invitation.id },
    before: { firstOpenedAt: null },
    after: { firstOpenedAt: at },
  });
}

/**
 * Working links for every municipality of a round without sending anything (the local run prints them):
 * an existing, unrevoked, unexpired invitation is reused; otherwise a new one is recorded.
 */
export async function invitationLinks(
  deps: Deps,
  input: { roundId: string; baseUrl: string; actor: string },
): Promise<InvitedMunicipality[]> {
  const links = await inviteMunicipalities(deps, { ...input, send: false, reuse: true });
  const registry = await deps.store.getRegistry();
  const order = registry.municipalities.map((municipality) => municipality.code);
  return links.sort((a, b) => order.indexOf(a.municipality.code) - order.indexOf(b.municipality.code));
}
