import { catalogue, findForm } from '../../forms/catalogue.js';
import type { FieldError } from '../../forms/definition.js';
import { formatDate } from '../../forms/format.js';
import { existingDate } from './dutch-time.js';
import { ValidationFailed } from './errors.js';
import { type InvitedMunicipality, inviteMunicipalities } from './invitations.js';
import type { Registry, Round } from './model.js';
import { actorOf, authorizeEvery, isAllowed, type Principal } from './policy.js';
import type { Clock, Ids, Mailer, Store } from './ports.js';

/** What a person asks for when opening a round (the page and the CLI fill it in). */
export interface RoundDraft {
  readonly formId: string;
  /** Empty: `<form title>, peildatum <date>`. */
  readonly title?: string;
  /** ISO date. */
  readonly referenceDate: string;
  /** ISO timestamp; empty: now. */
  readonly opensAt?: string;
  /** ISO timestamp. */
  readonly deadline: string;
  readonly regions: readonly string[];
  readonly acceptsLate: boolean;
  readonly reminderDaysBefore?: number;
  /** Whether the forms start from each municipality's answers of the previous round (default yes). */
  readonly prefill?: boolean;
  /** Empty: `<form>-<peildatum>` (with a number when that is taken). */
  readonly id?: string;
}

/** The regions a staff member may open a round for: their own region, or every region of their province. */
export function regionsToOpenFor(principal: Principal, registry: Pick<Registry, 'regions'>) {
  return registry.regions.filter((region) =>
    isAllowed(principal, 'round:open', { region: region.id, province: region.province }),
  );
}

/**
 * Checks a draft round (`checkRoundDraft`): a known form, a real peildatum, a deadline in the future,
 * known regions, a sensible reminder. Every problem names its field, in Dutch. Pure: the check page and
 * the creation run the same checks. Whether this person may open a round for those regions is the
 * policy's (`authorizeOpenRound`, a 403).
 */
export function checkRoundDraft(
  draft: RoundDraft,
  context: { registry: Pick<Registry, 'regions'>; now: Date },
): FieldError[] {
  const errors: FieldError[] = [];
  if (!findForm(draft.formId)) {
    errors.push({
      path: 'formId',
      message: `Kies een formulier: ${[...catalogue.values()].map((form) => form.title).join(', ')}.`,
    });
  }
  if ((draft.title ?? '').length > 120) {
    errors.push({ path: 'title', message: 'De titel mag hoogstens 120 tekens zijn.' });
  }
  const [y, m, d] = draft.referenceDate.split('-').map(Number);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.referenceDate) || !existingDate(y!, m!, d!)) {
    errors.push({ path: 'referenceDate', message: 'Vul de peildatum in als datum, bijvoorbeeld 1-12-2026.' });
  } else if (draft.referenceDate < '2000-01-01' || draft.referenceDate > '2100-12-31') {
    errors.push({ path: 'referenceDate', message: 'De peildatum moet tussen 2000 en 2100 liggen.' });
  }
  const now = context.now.toISOString();
  const opensAt = draft.opensAt ?? now;
  if (Number.isNaN(Date.parse(draft.deadline))) {
    errors.push({
      path: 'deadline',
      message: 'Vul de sluitingsdatum in als datum en tijd, bijvoorbeeld 18-12-2026 om 17:00.',
    });
  } else if (draft.deadline <= now) {
    errors.push({ path: 'deadline', message: 'De sluitingsdatum moet in de toekomst liggen.' });
  } else if (draft.deadline <= opensAt) {
    errors.push({ path: 'deadline', message: 'De sluitingsdatum moet na de opening liggen.' });
  }
  if (draft.regions.length === 0) {
    errors.push({ path: 'regions', message: 'Kies ten minste één regio.' });
  }
  for (const region of draft.regions) {
    if (!context.registry.regions.some((known) => known.id === region)) {
      errors.push({ path: 'regions', message: `Onbekende regio ‘${region}’.` });
    }
  }
  const days = draft.reminderDaysBefore;
  if (days !== undefined && (!Number.isInteger(days) || days < 0 || days > 60)) {
    errors.push({
      path: 'reminderDaysBefore',
      message: 'Het aantal dagen voor de herinnering moet een heel getal van 0 tot 60 zijn.',
    });
  }
  if (draft.id !== undefined && !/^[a-z0-9][a-z0-9-]{2,63}$/.test(draft.id)) {
    errors.push({
      path: 'id',
      message: 'Een ronde-id bestaat uit 3 tot 64 kleine letters, cijfers en streepjes.',
    });
  }
  return errors;
}

/** A regietafel opens rounds for its own region, the province for any of its regions (403 otherwise). */
export function authorizeOpenRound(
  principal: Principal,
  registry: Pick<Registry, 'regions'>,
  regions: readonly string[],
): void {
  authorizeEvery(
    principal,
    'round:open',
    regions.map((id) => ({
      region: id,
      province: registry.regions.find((region) => region.id === id)?.province ?? '',
    })),
  );
}

/** The round a checked draft becomes (without its final id when none was asked for). */
export function roundFromDraft(draft: RoundDraft, now: Date): Round {
  const definition = findForm(draft.formId);
  const title = draft.title?.trim()
    ? draft.title.trim()
    : `${definition?.title ?? draft.formId}, peildatum ${formatDate(draft.referenceDate)}`;
  return {
    id: draft.id ?? `${draft.formId}-${draft.referenceDate}`,
    formId: draft.formId,
    title,
    referenceDate: draft.referenceDate,
    opensAt: draft.opensAt ?? now.toISOString(),
    deadline: draft.deadline,
    regions: [...draft.regions],
    acceptsLate: draft.acceptsLate,
    ...(draft.reminderDaysBefore !== undefined && { reminderDaysBefore: draft.reminderDaysBefore }),
    ...(draft.prefill === false && { prefill: false }),
  };
}

/**
 * Open a round (`openRound`): check the draft (422 with field errors), create the round under a new id
 * (never overwriting one: `<form>-<peildatum>`, then `-2`, `-3`…; an id asked for explicitly must be
 * free), audit it, and — when asked — invite every municipality of its regions at once.
 */
export async function openRound(
  deps: { store: Store; mailer: Mailer; clock: Clock; ids: Ids },
  input: {
    principal: Principal;
    draft: RoundDraft;
    invite: boolean;
    baseUrl: string;
    requestId?: string;
    actor?: string;
  },
): Promise<{ round: Round; invited: InvitedMunicipality[] }> {
  const registry = await deps.store.getRegistry();
  const now = deps.clock.now();
  const errors = checkRoundDraft(input.draft, { registry, now });
  if (errors.length > 0) throw new ValidationFailed(errors);
  authorizeOpenRound(input.principal, registry, input.draft.regions);
  const candidate = roundFromDraft(input.draft, now);
  const actor = input.actor ?? actorOf(input.principal);
  let round: Round | undefined;
  for (let attempt = 1; attempt <= 50 && !round; attempt++) {
    const id = attempt === 1 ? candidate.id : `${candidate.id}-${attempt}`;
    if (await deps.store.createRound({ ...candidate, id })) round = { ...candidate, id };
    else if (input.draft.id) {
      throw new ValidationFailed([{ path: 'id', message: `Er bestaat al een ronde ‘${input.draft.id}’.` }]);
    }
  }
  if (!round) throw new ValidationFailed([{ path: 'id', message: 'Kies een eigen ronde-id.' }]);
  await deps.store.audit({
    at: now.toISOString(),
    id: deps.ids.newId(),
    action: 'round-opened',
    actor,
    roundId: round.id,
    details: { ...round, invite: input.invite },
    before: {},
    after: { ...round },
  });
  const invited = input.invite
    ? await inviteMunicipalities(deps, {
        roundId: round.id,
        baseUrl: input.baseUrl,
        send: true,
        reuse: true,
        actor,
        principal: input.principal,
        requestId: input.requestId,
      })
    : [];
  return { round, invited };
}
