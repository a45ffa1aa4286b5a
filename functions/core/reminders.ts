import { findForm } from '../../forms/catalogue.js';
import { reminderEmail } from '../emails/reminder-email.js';
import type { RoundMail } from '../emails/round-mail.js';
import { type DeliveryOutcome, deliverMail } from './deliver-mail.js';
import { NotFound } from './errors.js';
import { inviteMunicipalities } from './invitations.js';
import type { Municipality, Registry, Round } from './model.js';
import { authorizeEvery, type Principal, systemPrincipal } from './policy.js';
import type { Clock, Ids, Mailer, Store } from './ports.js';
import { regionSignature } from './registry/secretariat.js';
import { type MunicipalityStatus, roundStatus } from './round-status.js';

/** Days before the deadline that municipalities without a submission get a reminder (per round: `reminderDaysBefore`). */
export const defaultReminderDaysBefore = 3;

const day = 24 * 3600 * 1000;

/** From when the scheduled job sends a round's automatic reminder: that many days before the deadline. */
export function automaticReminderFrom(round: Pick<Round, 'deadline' | 'reminderDaysBefore'>): string {
  const days = round.reminderDaysBefore ?? defaultReminderDaysBefore;
  return new Date(Date.parse(round.deadline) - days * day).toISOString();
}

/**
 * The period of the automatic reminder: one per deadline, so a moved deadline gets its own reminder before
 * the new date, and the same deadline never twice.
 */
export function automaticReminderPeriod(round: Pick<Round, 'deadline'>): string {
  return `voor-deadline-${round.deadline}`;
}

/** Stands in for the personal link in a preview: staff never see a municipality's link. */
export const previewLinkPlaceholder = 'https://…/uitnodiging?code=(persoonlijke link van de gemeente)';

export interface PlannedReminder {
  readonly municipality: Municipality;
  readonly status: MunicipalityStatus['status'];
  readonly mail: RoundMail;
  readonly to: readonly string[];
}

export interface ReminderPlan {
  readonly round: Round;
  /** Who gets a reminder, with the email as it will go (the link shown as a placeholder). */
  readonly reminders: PlannedReminder[];
  /** Municipalities asked for that get none: they have submitted, or no address is known. */
  readonly skipped: { readonly municipality: Municipality; readonly reason: 'ingezonden' | 'geen-adres' }[];
}

type Deps = { store: Store; mailer: Mailer; clock: Clock; ids: Ids };

function chosenRows(
  status: { municipalities: MunicipalityStatus[] },
  round: Round,
  municipalities: readonly string[] | undefined,
): MunicipalityStatus[] {
  if (!municipalities) return status.municipalities;
  return municipalities.map((code) => {
    const row = status.municipalities.find((candidate) => candidate.code === code);
    if (!row) throw new NotFound(`Gemeente ${code} doet niet mee aan ronde ${round.id}.`);
    return row;
  });
}

function reminderFor(
  round: Round,
  registry: Registry,
  municipality: Municipality,
  status: MunicipalityStatus['status'],
  url: string,
): RoundMail {
  const definition = findForm(round.formId);
  if (!definition) throw new NotFound(`Het formulier ‘${round.formId}’ bestaat niet.`);
  const region = registry.regions.find((candidate) => candidate.id === municipality.region);
  return reminderEmail({
    round,
    definition,
    municipality,
    ...regionSignature(region),
    url,
    hasDraft: status === 'concept',
  });
}

/**
 * Plan reminders (`planReminders`) without sending: for the municipalities named (or every one without a
 * submission) in the principal's scope, who gets which email. The reminders page shows this before
 * anything is sent. A regietafel plans for its own region; someone else's municipality is a 403.
 */
export async function planReminders(
  deps: { store: Store; clock: Clock },
  input: {
    principal: Principal;
    roundId: string;
    municipalities?: readonly string[];
    /** Passed by a caller that read them already (`sendReminders`). */
    round?: Round;
    registry?: Registry;
  },
): Promise<ReminderPlan> {
  const registry = input.registry ?? (await deps.store.getRegistry());
  const status = await roundStatus(deps, {
    principal: input.principal,
    roundId: input.roundId,
    registry,
    round: input.round,
  });
  const { round } = status;
  const rows = chosenRows(status, round, input.municipalities);
  authorizeEvery(
    input.principal,
    'reminder:send',
    rows.map((row) => ({
      roundId: round.id,
      municipality: row.code,
      region: row.region,
      province: registry.regions.find((region) => region.id === row.region)?.province ?? '',
    })),
  );
  const plan: ReminderPlan = { round, reminders: [], skipped: [] };
  for (const row of rows) {
    const municipality = registry.municipalities.find((candidate) => candidate.code === row.code)!;
    if (row.status === 'ingezonden') {
      if (input.municipalities) plan.skipped.push({ municipality, reason: 'ingezonden' });
      continue;
    }
    if (municipality.contacts.length === 0) {
      plan.skipped.push({ municipality, reason: 'geen-adres' });
      continue;
    }
    plan.reminders.push({
      municipality,
      status: row.status,
      to: municipality.contacts,
      mail: reminderFor(round, registry, municipality, row.status, previewLinkPlaceholder),
    });
  }
  return plan;
}

export interface SentReminder {
  readonly municipality: string;
  readonly mailId: string;
  /** `new`: recorded now; `existing`: this (round, municipality, period) was recorded before. */
  readonly recorded: 'new' | 'existing';
  readonly delivery: DeliveryOutcome;
  readonly to: readonly string[];
}

/**
 * Remind the municipalities that have not submitted (`sendReminders`): a Dutch reminder with the link to
 * their own form (their working link, or a new one) to the municipal coordinator, Reply-To the
 * secretariat. Never to a municipality that has submitted. Each (round, municipality, period) is recorded
 * once in the outbox, so a job that runs twice — or a page posted twice — sends nothing twice. The
 * scheduled job calls it without a principal; the reminders page and the CLI with one (the policy decides).
 */
export async function sendReminders(
  deps: Deps,
  input: {
    roundId: string;
    period: string;
    baseUrl: string;
    actor: string;
    municipalities?: readonly string[];
    principal?: Principal;
    /** Passed by a caller that read it already (the staff page, with the sign-in). */
    registry?: Registry;
  },
): Promise<SentReminder[]> {
  const round = await deps.store.getRound(input.roundId);
  if (!round) throw new NotFound(`Er is geen ronde ‘${input.roundId}’.`);
  const registry = input.registry ?? (await deps.store.getRegistry());
  const principal = input.principal ?? systemPrincipal(registry, input.actor);
  const plan = await planReminders(deps, {
    principal,
    roundId: round.id,
    municipalities: input.municipalities,
    round,
    registry,
  });
  const mailIdOf = (code: string) => `reminder#${round.id}#${code}#${input.period}`;
  // Which of them this period recorded already: one batch read, not one read per municipality. One recorded
  // meanwhile by another run is not recorded twice: `enqueueMail` is conditional.
  const recordedBefore = await deps.store.mailEnvelopes(
    plan.reminders.map(({ municipality }) => mailIdOf(municipality.code)),
  );
  // The links of those still to record, in one go (one read of the round, the registry and the invitations):
  // each municipality's working link, or a new one.
  const toRecord = plan.reminders
    .map(({ municipality }) => municipality.code)
    .filter((code) => !recordedBefore.has(mailIdOf(code)));
  const invited =
    toRecord.length === 0
      ? []
      : await inviteMunicipalities(deps, {
          roundId: round.id,
          municipalities: toRecord,
          baseUrl: input.baseUrl,
          send: false,
          reuse: true,
          actor: input.actor,
          round,
          registry,
        });
  const links = new Map(invited.map((entry) => [entry.municipality.code, entry.url]));
  const results: SentReminder[] = [];
  for (const planned of plan.reminders) {
    const { municipality } = planned;
    const mailId = mailIdOf(municipality.code);
    let recorded = false;
    const link = links.get(municipality.code);
    if (link) {
      const mail = reminderFor(round, registry, municipality, planned.status, link);
      recorded = await deps.store.enqueueMail({
        id: mailId,
        kind: 'reminder',
        to: municipality.contacts,
        ...mail,
        createdAt: deps.clock.now().toISOString(),
        status: 'pending',
        attempts: 0,
      });
      if (recorded) {
        await deps.store.audit({
          at: deps.clock.now().toISOString(),
          id: deps.ids.newId(),
          action: 'reminder',
          actor: input.actor,
          roundId: round.id,
          municipality: municipality.code,
          details: { mailId, to: municipality.contacts, period: input.period },
        });
      }
    }
    results.push({
      municipality: municipality.code,
      mailId,
      recorded: recorded ? 'new' : 'existing',
      delivery: await deliverMail(deps, mailId),
      to: municipality.contacts,
    });
  }
  return results;
}
