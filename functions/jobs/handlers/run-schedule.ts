import { setting } from '../../config.js';
import { parseRetention } from '../../core/retention.js';
import { dependencies } from '../../http/dependencies.js';
import { logger } from '../../http/logger.js';
import { mapsThrownStacks } from '../../http/original-stack.js';
import { publishOutboxMetrics } from '../outbox-metrics.js';
import { runSchedule } from '../run-schedule.js';

/**
 * The Lambda EventBridge Scheduler invokes (asynchronously): one run of the schedule. A thrown error makes
 * Lambda retry, then land the event in the dead-letter queue (with an alarm); every email has a
 * deterministic outbox id, so a retry sends nothing twice.
 */
export const handler = mapsThrownStacks(async (): Promise<void> => {
  const baseUrl = setting('PUBLIC_BASE_URL');
  if (!baseUrl)
    throw new Error('PUBLIC_BASE_URL ontbreekt: nodig voor de links in herinneringen en overzichten');
  const deps = dependencies();
  const result = await runSchedule(deps, { baseUrl, retention: parseRetention(setting('RETENTION')) });
  logger.info('Planning uitgevoerd', {
    ...result,
    oldestPendingMailSeconds: await publishOutboxMetrics(deps),
  });
});
