import { isoWeek, sendSummaries } from '../core/compile-summaries.js';
import { roundPhase } from '../core/form-context.js';
import type { Clock, Ids, Mailer, Store } from '../core/ports.js';
import { automaticReminderFrom, automaticReminderPeriod, sendReminders } from '../core/reminders.js';
import {
  applyRetention,
  defaultRetention,
  type RetentionPolicy,
  type RetentionRun,
} from '../core/retention.js';
import { deliverOutbox } from './deliver-outbox.js';

const day = 24 * 3600 * 1000;
/** An email this run recorded: a second run in the same period counts (and sends) nothing again. */
const isNew = (mail: { readonly recorded: 'new' | 'existing' }) => mail.recorded === 'new';
/** Rounds whose deadline passed longer ago than this are left alone. */
const quietAfterDeadlineMs = 14 * day;

export interface ScheduleRun {
  /** Summaries recorded by this run (not those a run before it already recorded for the period). */
  readonly summaries: number;
  /** Reminders recorded by this run, likewise. */
  readonly reminders: number;
  readonly delivered: Record<string, number>;
  /** Stored versions whose confirmation was not recorded (a crash), now recorded. */
  readonly repaired: number;
  /** What the retention step deleted or anonymised. */
  readonly retention: RetentionRun;
}

/**
 * The scheduled job (`runSchedule`), the same on AWS (EventBridge Scheduler) and locally (npm start's
 * timer), safe to run as often as one likes: every email has a deterministic outbox id per period.
 * - while a round is open: the weekly summary (period: the ISO week) to each regietafel and the province;
 * - from `reminderDaysBefore` days before the deadline: reminders to municipalities without a submission
 *   (once per deadline: a moved deadline gets its own reminder);
 * - after the deadline: the final summary (period `deadline`), which lists who is missing;
 * - then the outbox sender runs (`deliverOutbox`: repair, then everything due, retries included). On AWS
 *   the outbox sender also runs on its own every minute; this job is daily;
 * - last, the retention step deletes or anonymises what is past its period (retention.ts), never anything
 *   of a round that still takes answers.
 */
export async function runSchedule(
  deps: { store: Store; mailer: Mailer; clock: Clock; ids: Ids },
  options: { baseUrl: string; retention?: RetentionPolicy },
): Promise<ScheduleRun> {
  const now = deps.clock.now();
  let summaries = 0;
  let reminders = 0;
  for (const round of await deps.store.listRounds()) {
    const phase = roundPhase(round, now);
    const deadline = Date.parse(round.deadline);
    if (phase === 'not-open' || now.getTime() - deadline > quietAfterDeadlineMs) continue;
    const actor = 'planning';
    if (phase === 'open') {
      summaries += (
        await sendSummaries(deps, {
          roundId: round.id,
          period: isoWeek(now),
          actor,
          dashboardUrl: options.baseUrl,
        })
      ).sent.filter(isNew).length;
      if (now.toISOString() >= automaticReminderFrom(round)) {
        reminders += (
          await sendReminders(deps, {
            roundId: round.id,
            period: automaticReminderPeriod(round),
            baseUrl: options.baseUrl,
            actor,
          })
        ).filter(isNew).length;
      }
    } else {
      summaries += (
        await sendSummaries(deps, {
          roundId: round.id,
          period: 'deadline',
          actor,
          dashboardUrl: options.baseUrl,
        })
      ).sent.filter(isNew).length;
    }
  }
  const outbox = await deliverOutbox(deps, { baseUrl: options.baseUrl });
  const retention = await applyRetention(deps, options.retention ?? defaultRetention);
  return { summaries, reminders, delivered: outbox.delivered, repaired: outbox.repaired, retention };
}
