import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { configKeys } from '../functions/config.js';
import type { RouteAccess } from '../functions/http/routes.js';
import { OutboxSender } from './outbox-sender.js';
import { bindMailer, bindTable, type MailSettings, RouteFunction } from './route-function.js';
import type { Settings } from './settings.js';

/** The scheduled job's handler (not an HTTP route: EventBridge Scheduler invokes it). */
export const scheduleEntry = 'functions/jobs/handlers/run-schedule.ts';
/** What the scheduled job touches: the table and SES (summaries, reminders, the outbox). */
export const scheduleAccess = { table: 'readWrite', sendsMail: true } as const satisfies RouteAccess;

export interface ScheduledJobProps {
  readonly table: ITableV2;
  readonly mail: MailSettings;
  /** The site's public address, for the links in summaries, reminders and confirmations. */
  readonly publicBaseUrl: string;
  readonly retention: Settings['retention'];
}

export interface ScheduledJob {
  /** The daily job's function (summaries, reminders, the outbox sender once more). */
  readonly scheduleFunction: RouteFunction;
  /** Where its failed invocations (and the outbox sender's) land. */
  readonly deadLetterQueue: Queue;
  /** The outbox sender: every minute, retries and repairs of mail. */
  readonly outboxSender: OutboxSender;
}

/**
 * The scheduled work: the daily job at 07:00 Dutch time, its dead-letter queue, and the outbox sender every
 * minute. Created in `scope` (the stack) so the logical ids stay what they always were.
 */
export function addScheduledJob(scope: Construct, props: ScheduledJobProps): ScheduledJob {
  const stack = Stack.of(scope);
  const scheduleFunction = new RouteFunction(scope, 'RunScheduleFunction', {
    entry: scheduleEntry,
    description: 'Daily: weekly and deadline summaries, reminders, then the outbox sender once more.',
    timeout: Duration.minutes(5),
    access: scheduleAccess,
    environment: {
      [configKeys.publicBaseUrl]: props.publicBaseUrl,
      [configKeys.retention]: JSON.stringify(props.retention),
    },
  });
  bindTable(scheduleFunction, props.table, scheduleAccess.table);
  bindMailer(scheduleFunction, props.mail);
  // Failed asynchronous invocations (after Lambda's own two retries) land here, and an alarm goes off.
  const deadLetterQueue = new Queue(scope, 'ScheduleDeadLetterQueue', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself the dead-letter queue of the scheduled job: nothing consumes it automatically, an ' +
      'alarm tells a person to look, and a queue for failures of the failure queue would add nothing.',
  });
  scheduleFunction.configureAsyncInvoke({
    retryAttempts: 2,
    onFailure: new SqsDestination(deadLetterQueue),
  });
  // The outbox sender, every minute (its own function and schedule): retries and repairs of mail.
  const outboxSender = new OutboxSender(scope, 'OutboxSender', {
    table: props.table,
    mail: props.mail,
    publicBaseUrl: props.publicBaseUrl,
    deadLetterQueue,
  });
  const scheduleTarget = new LambdaInvoke(scheduleFunction, { retryAttempts: 2 });
  new Schedule(scope, 'DailySchedule', {
    description: 'Every morning at 07:00 Dutch time: the regietafel job.',
    schedule: ScheduleExpression.cron({
      minute: '0',
      hour: '7',
      timeZone: TimeZone.of('Europe/Amsterdam'),
    }),
    target: scheduleTarget,
  });
  // The scheduler's role (made by LambdaInvoke) may invoke exactly this function, and its versions.
  for (const child of stack.node.findAll()) {
    if (
      child.node.path.includes('SchedulerRoleForTarget') &&
      child.node.id === 'DefaultPolicy' &&
      !outboxSender.schedulerPolicies.has(child)
    ) {
      Validations.of(child).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(scheduleFunction.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason:
          'The scheduler role may invoke only the scheduled-job function; the `:*` suffix that LambdaInvoke adds ' +
          'covers that one function’s versions and aliases, nothing else.',
      });
    }
  }
  return { scheduleFunction, deadLetterQueue, outboxSender };
}
