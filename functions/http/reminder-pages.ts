import type { Html } from '../../forms/render/html.js';
import { roundPhase } from '../core/form-context.js';
import {
  automaticReminderFrom,
  automaticReminderPeriod,
  defaultReminderDaysBefore,
} from '../core/reminders.js';
import { roundStatus } from '../core/round-status.js';
import { renderRemindersPage } from '../pages/staff/reminders-page.js';
import { formToken, type StaffContext } from './staff-actions.js';

/**
 * The reminders page of a round in this person's scope (403 when none of its regions is theirs): who has
 * not submitted, and when the automatic reminder for the current deadline goes (or went).
 */
export async function remindersPage(ctx: StaffContext, notice?: string): Promise<Html> {
  const status = await roundStatus(ctx.deps, {
    principal: ctx.principal,
    roundId: ctx.event.pathParameters?.roundId ?? '',
    registry: ctx.registry,
  });
  const { round } = status;
  // The automatic reminder of this deadline went when one of its emails is in the outbox (their envelopes
  // in one read); every reminder a municipality got, automatic or from this page, is in the audit trail.
  const period = automaticReminderPeriod(round);
  const [sent, reminders] = await Promise.all([
    ctx.deps.store.mailEnvelopes(
      status.municipalities.map((row) => `reminder#${round.id}#${row.code}#${period}`),
    ),
    ctx.deps.store.remindersSent(round.id),
  ]);
  // Oldest first (the audit trail's order): the last line of a municipality is its latest reminder.
  const reminded = new Map<string, { count: number; lastAt: string }>();
  for (const { municipality, at } of reminders) {
    reminded.set(municipality, { count: (reminded.get(municipality)?.count ?? 0) + 1, lastAt: at });
  }
  const missing = status.municipalities
    .filter((row) => row.status !== 'ingezonden')
    .map((row) => ({
      municipality: ctx.registry.municipalities.find((candidate) => candidate.code === row.code)!,
      status: row.status,
      reminded: reminded.get(row.code),
    }));
  const automaticSentAt = [...sent.values()]
    .map((mail) => mail.createdAt)
    .filter((at): at is string => at !== undefined)
    .sort()[0];
  return renderRemindersPage({
    staff: ctx.staff,
    round,
    open: roundPhase(round, ctx.deps.clock.now()) === 'open',
    missing,
    submitted: status.totals.ingezonden,
    automaticFrom: automaticReminderFrom(round),
    reminderDays: round.reminderDaysBefore ?? defaultReminderDaysBefore,
    automaticSentAt,
    token: formToken(ctx.pageToken, 'herinneren'),
    notice,
  });
}
