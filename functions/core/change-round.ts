import { Conflict, Forbidden, ValidationFailed } from './errors.js';
import { type RoundPhase, roundPhase } from './form-context.js';
import { linkExpiry } from './invitations.js';
import type { Registry, Round } from './model.js';
import { actorOf, isAllowed, type Principal } from './policy.js';
import type { Clock, Ids, Store } from './ports.js';
import { automaticReminderFrom } from './reminders.js';
import { type RoundStatus, roundNotVisible, roundStatus, visibleRegions } from './round-status.js';

/**
 * Changing a round after it opened: move its deadline (later or earlier), close it now, or reopen it with a
 * new deadline. A round concerns every region in it, so only someone who acts for all of them may change
 * it (a regietafel its own region's rounds, the province any round in it). The working links follow the
 * deadline (they expire 30 days after it), and so do the automatic reminders (one per deadline).
 */

export type RoundChange =
  | { readonly kind: 'deadline'; readonly deadline: string; readonly acceptsLate: boolean }
  | { readonly kind: 'close' }
  | { readonly kind: 'reopen'; readonly deadline: string; readonly acceptsLate: boolean };

/** What a change does, for the confirmation step: before and after, and whom it touches. */
export interface RoundChangeImpact {
  readonly round: Round;
  readonly change: RoundChange;
  readonly after: Round;
  readonly phaseBefore: RoundPhase;
  readonly phaseAfter: RoundPhase;
  /** Municipalities without a submission (they can still, or no longer, send in). */
  readonly missing: number;
  readonly submitted: number;
  readonly drafts: number;
  /** Working links whose expiry moves with the deadline. */
  readonly links: number;
  readonly linksExpireAt: string;
  /** When the automatic reminder goes after the change (undefined: not any more, the round is closed). */
  readonly reminderFrom?: string;
  readonly status: RoundStatus;
}

type Deps = { store: Store; clock: Clock };

/** Throws a Dutch 403 unless the person may change the round (see `mayChangeRound`). */
export function assertMayChangeRound(
  principal: Principal,
  round: Round,
  registry: Pick<Registry, 'regions'>,
): void {
  if (mayChangeRound(principal, round, registry)) return;
  // A round wholly of another region is not there for this person (404, as everywhere for rounds).
  if (visibleRegions(principal, round, registry.regions, 'round:change').length === 0) {
    throw roundNotVisible(round.id);
  }
  throw new Forbidden(
    'U heeft geen toegang tot het wijzigen van deze ronde: dat kan alleen wie voor al haar regio’s werkt (de provincie, als de ronde in meer regio’s loopt).',
  );
}

/** Whether a person may change a round: only who acts for every region in it. */
export function mayChangeRound(
  principal: Principal,
  round: Round,
  registry: Pick<Registry, 'regions'>,
): boolean {
  return round.regions.every((id) =>
    isAllowed(principal, 'round:change', {
      roundId: round.id,
      region: id,
      province: registry.regions.find((region) => region.id === id)?.province ?? '',
    }),
  );
}

async function changeableRound(deps: Deps, principal: Principal, roundId: string, registry?: Registry) {
  const round = await deps.store.getRound(roundId);
  if (!round) throw roundNotVisible(roundId);
  const known = registry ?? (await deps.store.getRegistry());
  assertMayChangeRound(principal, round, known);
  return { round, registry: known };
}

/** The round as the change leaves it; throws field errors when the change does not fit the round. */
function applyChange(round: Round, change: RoundChange, now: Date): Round {
  const at = now.toISOString();
  const phase = roundPhase(round, now);
  if (change.kind === 'close') {
    if (phase === 'closed') throw new Conflict('Deze ronde is al gesloten.');
    // The earlier of now and the deadline: closing never extends a round that is past its deadline.
    return { ...round, deadline: [at, round.deadline].sort()[0]!, acceptsLate: false };
  }
  if (Number.isNaN(Date.parse(change.deadline))) {
    throw new ValidationFailed([
      { path: 'deadline', message: 'Vul de nieuwe sluitingsdatum in, bijvoorbeeld 18-12-2026 om 17:00.' },
    ]);
  }
  if (change.deadline <= at) {
    throw new ValidationFailed([
      {
        path: 'deadline',
        message:
          change.kind === 'reopen'
            ? 'De nieuwe sluitingsdatum moet in de toekomst liggen.'
            : 'De nieuwe sluitingsdatum moet in de toekomst liggen. Wilt u de ronde nu sluiten, kies dan ‘Ronde nu sluiten’.',
      },
    ]);
  }
  if (change.deadline <= round.opensAt) {
    throw new ValidationFailed([
      { path: 'deadline', message: 'De sluitingsdatum moet na de opening liggen.' },
    ]);
  }
  if (change.kind === 'reopen' && phase === 'open') {
    throw new Conflict('Deze ronde is nog open; verplaats de sluitingsdatum in plaats van te heropenen.');
  }
  if (change.kind === 'deadline' && phase === 'closed') {
    throw new Conflict('Deze ronde is gesloten; kies ‘Ronde heropenen’ om haar weer open te zetten.');
  }
  if (
    change.kind === 'deadline' &&
    change.deadline === round.deadline &&
    change.acceptsLate === round.acceptsLate
  ) {
    throw new ValidationFailed([
      { path: 'deadline', message: 'Dit is de huidige sluitingsdatum; kies een andere datum of tijd.' },
    ]);
  }
  return { ...round, deadline: change.deadline, acceptsLate: change.acceptsLate };
}

/**
 * What a change would do (`planRoundChange`), without doing it: the confirmation step shows this. Refuses
 * (403) someone who may not change the round, and a change that does not fit (422/409), before anything.
 */
export async function planRoundChange(
  deps: Deps,
  input: { principal: Principal; roundId: string; change: RoundChange },
): Promise<RoundChangeImpact> {
  const { round, registry } = await changeableRound(deps, input.principal, input.roundId);
  const now = deps.clock.now();
  const after = applyChange(round, input.change, now);
  const status = await roundStatus(deps, { principal: input.principal, roundId: round.id, registry });
  const invitations = await deps.store.listInvitations(round.id);
  const phaseAfter = roundPhase(after, now);
  return {
    round,
    change: input.change,
    after,
    phaseBefore: roundPhase(round, now),
    phaseAfter,
    missing: status.totals.concept + status.totals.niets,
    submitted: status.totals.ingezonden,
    drafts: status.totals.concept,
    links: invitations.filter((invitation) => !invitation.revokedAt).length,
    linksExpireAt: linkExpiry(after),
    reminderFrom: phaseAfter === 'open' ? automaticReminderFrom(after) : undefined,
    status,
  };
}

const auditActions: Record<RoundChange['kind'], string> = {
  deadline: 'deadline-changed',
  close: 'round-closed',
  reopen: 'round-reopened',
};

/**
 * Change a round (`changeRound`): the deadline moves (or the round closes or reopens), every working link's
 * expiry follows, and the audit trail records who changed what from what to what. `expectedDeadline` is
 * the deadline the person saw on the confirmation page: when someone else changed the round in between,
 * this change is refused (409) instead of overwriting theirs.
 */
export async function changeRound(
  deps: Deps & { ids: Ids },
  input: {
    principal: Principal;
    roundId: string;
    change: RoundChange;
    expectedDeadline?: string;
    actor?: string;
  },
): Promise<{ before: Round; after: Round; links: number }> {
  const { round } = await changeableRound(deps, input.principal, input.roundId);
  if (input.expectedDeadline !== undefined && input.expectedDeadline !== round.deadline) {
    throw new Conflict(
      'Iemand anders heeft deze ronde intussen gewijzigd. Bekijk de ronde opnieuw en kies dan wat u wilt.',
    );
  }
  const now = deps.clock.now();
  const after = applyChange(round, input.change, now);
  if (!(await deps.store.updateRound(after, round.deadline))) {
    throw new Conflict(
      'Iemand anders heeft deze ronde intussen gewijzigd. Bekijk de ronde opnieuw en kies dan wat u wilt.',
    );
  }
  const expiresAt = linkExpiry(after);
  let links = 0;
  for (const invitation of await deps.store.listInvitations(round.id)) {
    if (invitation.revokedAt || invitation.expiresAt === expiresAt) continue;
    if (await deps.store.setInvitationExpiry(invitation.id, expiresAt)) links++;
  }
  await deps.store.audit({
    at: now.toISOString(),
    id: deps.ids.newId(),
    action: auditActions[input.change.kind],
    actor: input.actor ?? actorOf(input.principal),
    roundId: round.id,
    details: { linksMoved: links, linksExpireAt: expiresAt },
    before: { deadline: round.deadline, acceptsLate: round.acceptsLate },
    after: { deadline: after.deadline, acceptsLate: after.acceptsLate },
  });
  return { before: round, after, links };
}
