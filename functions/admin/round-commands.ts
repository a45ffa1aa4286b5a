import { catalogue, findForm } from '../../forms/catalogue.js';
import { isExistingDate } from '../../forms/dutch-date.js';
import { formatDateTime } from '../../forms/format.js';
import type { AggregationScope } from '../core/aggregation/types.js';
import { changeRound } from '../core/change-round.js';
import {
  compileSummary,
  manualPeriod,
  roundScopes,
  scopeKey,
  sendSummaries,
} from '../core/compile-summaries.js';
import { openRound } from '../core/open-round.js';
import { parseRole, systemPrincipal } from '../core/policy.js';
import { parseRetention, retentionSummary } from '../core/retention.js';
import { roundStatus } from '../core/round-status.js';
import { runSchedule } from '../jobs/run-schedule.js';
import {
  amsterdamTime,
  type Command,
  type CommandContext,
  fieldErrorsAsUsage,
  UsageError,
} from './command-context.js';

/** The admin commands about rounds: list, open, change the deadline, close or reopen, status, summaries, the audit trail, and the scheduled job run once. */

function reminderDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 0 || days > 60)
    throw new UsageError('--reminder-days moet een heel getal van 0 tot 60 zijn.');
  return days;
}

function parseScope(text: string): AggregationScope {
  const [type, id] = text.split(':');
  if ((type !== 'region' && type !== 'province') || !id) {
    throw new UsageError('--scope moet region:<regio> of province:<provincie> zijn.');
  }
  return { type, id };
}

async function roundsCommand({ deps, store, print }: CommandContext): Promise<void> {
  const rounds = await store.listRounds();
  if (rounds.length === 0) print('Er zijn nog geen rondes.');
  const registry = await store.getRegistry();
  const admin = systemPrincipal(registry, 'admin');
  for (const round of rounds) {
    const status = await roundStatus(deps, { principal: admin, roundId: round.id, registry });
    print(
      `${round.id.padEnd(28)} ${round.formId.padEnd(18)} ${status.phase.padEnd(9)} sluit ${formatDateTime(round.deadline)}  ` +
        `ingezonden ${status.totals.ingezonden}, concept ${status.totals.concept}, niets ${status.totals.niets}`,
    );
  }
}

async function openRoundCommand({
  values,
  deps,
  store,
  baseUrl,
  print,
  required,
  actor,
  admin,
}: CommandContext): Promise<void> {
  const formId = required('form');
  if (!findForm(formId))
    throw new UsageError(`Onbekend formulier ‘${formId}’. Kies uit: ${[...catalogue.keys()].join(', ')}.`);
  const referenceDate = required('reference-date');
  if (!isExistingDate(referenceDate)) throw new UsageError('--reference-date moet jjjj-mm-dd zijn.');
  const registry = await store.getRegistry();
  const { round } = await fieldErrorsAsUsage(() =>
    openRound(deps, {
      principal: admin(registry),
      actor: actor(),
      draft: {
        formId,
        referenceDate,
        title: typeof values.title === 'string' ? values.title : undefined,
        id: typeof values.id === 'string' ? values.id : undefined,
        opensAt: values.opens ? amsterdamTime(String(values.opens)) : undefined,
        deadline: amsterdamTime(required('deadline')),
        regions: values.regions
          ? String(values.regions).split(',')
          : registry.regions.map((region) => region.id),
        acceptsLate: values.late === true,
        prefill: values['no-prefill'] !== true,
        ...(values['reminder-days'] !== undefined && {
          reminderDaysBefore: reminderDays(String(values['reminder-days'])),
        }),
      },
      invite: false,
      baseUrl,
    }),
  );
  print(
    `Ronde ‘${round.id}’ geopend: ${round.title}; sluit ${formatDateTime(round.deadline)}. Nodig de gemeenten uit met: npm run admin -- invite --round ${round.id}`,
  );
}

async function changeRoundCommand({
  values,
  deps,
  store,
  print,
  command,
  required,
  actor,
  admin,
}: CommandContext): Promise<void> {
  const roundId = required('round');
  if (!(await store.getRound(roundId))) throw new UsageError(`Er is geen ronde ‘${roundId}’.`);
  const registry = await store.getRegistry();
  const change =
    command === 'close-round'
      ? ({ kind: 'close' } as const)
      : {
          kind: command === 'reopen-round' ? ('reopen' as const) : ('deadline' as const),
          deadline: amsterdamTime(required('deadline')),
          acceptsLate: values.late === true,
        };
  const { after, links } = await fieldErrorsAsUsage(() =>
    changeRound(deps, { principal: admin(registry), actor: actor(), roundId, change }),
  );
  print(
    command === 'close-round'
      ? `Ronde ‘${roundId}’ is gesloten. Formulieren zijn nu alleen nog te lezen.`
      : `Ronde ‘${roundId}’ sluit nu ${formatDateTime(after.deadline)}${after.acceptsLate ? ' (daarna te laat inzenden toegestaan)' : ''}; ${links} link(s) volgen de nieuwe datum.`,
  );
}

async function statusCommand({ values, deps, store, print, required }: CommandContext): Promise<void> {
  const role = typeof values.role === 'string' ? parseRole(values.role) : undefined;
  // A mistyped role must not silently fall back to the province's view of everything.
  if (typeof values.role === 'string' && !role)
    throw new UsageError(
      `Onbekende rol ‘${values.role}’: gebruik regietafel:<regio> of provincie:<provincie>.`,
    );
  const registry = await store.getRegistry();
  const status = await roundStatus(deps, {
    principal: role ? { kind: 'staff', subject: 'admin', roles: [role] } : systemPrincipal(registry, 'admin'),
    roundId: required('round'),
    registry,
  });
  for (const row of status.municipalities) {
    const detail =
      row.status === 'ingezonden'
        ? `versie ${row.version}, ${formatDateTime(row.submittedAt!)} door ${row.submittedBy}${row.late ? ' (te laat)' : ''}${row.warnings ? `, ${row.warnings} waarschuwing(en)` : ''}`
        : row.status === 'concept'
          ? `concept opgeslagen ${formatDateTime(row.draftSavedAt!)}`
          : '';
    print(`${row.code} ${row.name.padEnd(18)} ${row.status.padEnd(11)} ${detail}`);
  }
}

async function summaryCommand({
  values,
  deps,
  store,
  baseUrl,
  print,
  required,
  actor,
}: CommandContext): Promise<void> {
  const round = await store.getRound(required('round'));
  if (!round) throw new UsageError(`Er is geen ronde ‘${values.round}’.`);
  const registry = await store.getRegistry();
  const scopes = typeof values.scope === 'string' ? [parseScope(values.scope)] : roundScopes(round, registry);
  if (values.send) {
    const run = await sendSummaries(deps, {
      roundId: round.id,
      period: manualPeriod(deps.clock.now()),
      scopes,
      dashboardUrl: baseUrl,
      actor: actor(),
    });
    for (const sent of run.sent) print(`${scopeKey(sent.scope)} → ${sent.recipient}: ${sent.delivery}`);
    for (const scope of run.empty) print(`${scopeKey(scope)}: niet verstuurd, er is nog niets ingezonden`);
    return;
  }
  for (const scope of scopes) {
    const summary = await compileSummary(deps, { round, registry, scope, dashboardUrl: baseUrl });
    print(
      `Aan: ${summary.recipients.join(', ')}\nOnderwerp: ${summary.subject}\nBijlagen: ${summary.attachments.map((a) => a.filename).join(', ') || 'geen'}\n\n${summary.text}\n`,
    );
  }
}

async function auditCommand({ values, store, print }: CommandContext): Promise<void> {
  for (const event of await store.listAudit(typeof values.round === 'string' ? values.round : undefined)) {
    print(
      `${formatDateTime(event.at)}  ${event.action.padEnd(14)} ${event.actor.padEnd(24)} ${event.municipality ?? ''} ${event.details ? JSON.stringify(event.details) : ''}`,
    );
  }
}

/** What the outbox did in a run, in words: `3 verstuurd, 1 later opnieuw` (the counts that are not 0). */
const deliveryWords: Record<string, string> = {
  sent: 'verstuurd',
  'already-sent': 'al verstuurd',
  busy: 'bezig in een andere run',
  'retry-later': 'later opnieuw',
  failed: 'mislukt',
  'in-flight': 'nog onderweg',
  deferred: 'voor de volgende run',
};

function deliverySummary(delivered: Readonly<Record<string, number>>): string {
  const parts = Object.entries(delivered)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${deliveryWords[outcome] ?? outcome}`);
  return parts.length > 0 ? parts.join(', ') : 'niets te versturen';
}

async function runScheduleCommand({ deps, baseUrl, print }: CommandContext): Promise<void> {
  const result = await runSchedule(deps, { baseUrl, retention: parseRetention(process.env.RETENTION) });
  print(
    `${result.summaries} overzicht(en), ${result.reminders} herinnering(en); uit de wachtrij: ${deliverySummary(result.delivered)}; ${retentionSummary(result.retention)}`,
  );
}

export const roundCommands: Record<string, Command> = {
  rounds: roundsCommand,
  'open-round': openRoundCommand,
  'change-deadline': changeRoundCommand,
  'reopen-round': changeRoundCommand,
  'close-round': changeRoundCommand,
  status: statusCommand,
  summary: summaryCommand,
  audit: auditCommand,
  'run-schedule': runScheduleCommand,
};
