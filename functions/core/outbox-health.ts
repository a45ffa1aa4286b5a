import type { Clock, OutboxStore } from './ports.js';

/**
 * How long the oldest email still waiting in the outbox has waited, in whole seconds (0 when none waits).
 * The outbox sender publishes it as a metric; an alarm fires when mail piles up (infra/alarms.ts).
 */
export async function oldestPendingMailAgeSeconds(deps: {
  store: Pick<OutboxStore, 'listMail'>;
  clock: Clock;
}): Promise<number> {
  const now = deps.clock.now().getTime();
  let oldest = 0;
  for (const mail of await deps.store.listMail('pending')) {
    oldest = Math.max(oldest, Math.floor((now - Date.parse(mail.createdAt)) / 1000));
  }
  return oldest;
}
