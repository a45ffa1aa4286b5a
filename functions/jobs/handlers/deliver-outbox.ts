import { setting } from '../../config.js';
import { dependencies } from '../../http/dependencies.js';
import { logger } from '../../http/logger.js';
import { mapsThrownStacks } from '../../http/original-stack.js';
import { deliverOutbox } from '../deliver-outbox.js';
import { publishOutboxMetrics } from '../outbox-metrics.js';

/**
 * The Lambda EventBridge Scheduler invokes every minute: one run of the outbox sender (repair of
 * unrecorded confirmations, then every email that is due). A run that fails is simply the next minute's
 * work; every email has a deterministic outbox id and is claimed before it is sent, so nothing goes twice.
 */
export const handler = mapsThrownStacks(async (): Promise<void> => {
  const baseUrl = setting('PUBLIC_BASE_URL');
  if (!baseUrl) throw new Error('PUBLIC_BASE_URL ontbreekt: nodig voor de links in herstelde bevestigingen');
  const deps = dependencies();
  const result = await deliverOutbox(deps, { baseUrl });
  // Every minute, so the age of the oldest waiting email is always current (its alarm: infra/alarms.ts).
  const oldestPendingMailSeconds = await publishOutboxMetrics(deps);
  if (result.repaired + result.repairFailed + result.delivered.sent + result.delivered.failed > 0) {
    logger.info('Wachtrij verwerkt', { ...result, oldestPendingMailSeconds });
  }
});
