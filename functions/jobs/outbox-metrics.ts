import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { oldestPendingMailAgeSeconds } from '../core/outbox-health.js';
import type { Clock, OutboxStore } from '../core/ports.js';

/** Names of the outbox metrics; the alarms (infra/alarms.ts) read the same ones. */
export const outboxMetrics = {
  namespace: 'Regietafel',
  service: 'regietafel',
  oldestPendingMailAge: 'OldestPendingMailAge',
} as const;

const metrics = new Metrics({ namespace: outboxMetrics.namespace, serviceName: outboxMetrics.service });

/**
 * Publishes the age of the oldest pending outbox email (CloudWatch embedded metric format: one log line,
 * no API call). Called by the outbox senders after each run, so a stuck queue shows even when nothing fails.
 */
export async function publishOutboxMetrics(deps: {
  store: Pick<OutboxStore, 'listMail'>;
  clock: Clock;
}): Promise<number> {
  const age = await oldestPendingMailAgeSeconds(deps);
  metrics.addMetric(outboxMetrics.oldestPendingMailAge, MetricUnit.Seconds, age);
  metrics.publishStoredMetrics();
  return age;
}
