import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { configKeys } from '../functions/config.js';
import type { RouteAccess } from '../functions/http/routes.js';
import { bindMailer, bindTable, type MailSettings, RouteFunction } from './route-function.js';

/** The outbox sender's handler (EventBridge Scheduler invokes it every minute). */
export const outboxSenderEntry = 'functions/jobs/handlers/deliver-outbox.ts';

/** What the outbox sender touches: the table and SES (its bundle holds no S3, as no route's but the export's). */
export const outboxSenderAccess = { table: 'readWrite', sendsMail: true } as const satisfies RouteAccess;

export interface OutboxSenderProps {
  readonly table: ITableV2;
  readonly mail: MailSettings;
  /** For the links in confirmations the repair records (the site's public address). */
  readonly publicBaseUrl: string;
  /** Where a run that failed lands (the scheduled job's dead-letter queue, with its alarm). */
  readonly deadLetterQueue: IQueue;
}

/**
 * The outbox sender on AWS: its own function, invoked every minute by EventBridge Scheduler, so an email
 * that could not be sent is retried after 1, 2, 4, 8 minutes as documented, and a confirmation a crash
 * left unrecorded is repaired within a couple of minutes. The daily job (summaries, reminders) stays daily.
 *
 * A run is bounded (40 s of sending, one minute of Lambda time) and claims each email before sending it, so
 * two runs that overlap send nothing twice. No retries of a failed run: the next minute is the retry;
 * failures go to the dead-letter queue; the stack's alarms (infra/alarms.ts) watch its errors, that queue
 * and the age of the oldest waiting email.
 */
export class OutboxSender extends Construct {
  readonly function: RouteFunction;
  /** The scheduler role policy that invokes it (acknowledged here for its function only). */
  readonly schedulerPolicies = new Set<IConstruct>();

  constructor(scope: Construct, id: string, props: OutboxSenderProps) {
    super(scope, id);
    this.function = new RouteFunction(this, 'Function', {
      entry: outboxSenderEntry,
      description: 'Every minute: repair unrecorded confirmations, then send what is due in the outbox.',
      timeout: Duration.seconds(60),
      environment: { [configKeys.publicBaseUrl]: props.publicBaseUrl },
      access: outboxSenderAccess,
    });
    bindTable(this.function, props.table, outboxSenderAccess.table);
    bindMailer(this.function, props.mail);
    this.function.configureAsyncInvoke({
      retryAttempts: 0,
      maxEventAge: Duration.minutes(2),
      onFailure: new SqsDestination(props.deadLetterQueue),
    });
    new Schedule(this, 'EveryMinute', {
      description:
        'Every minute: the outbox sender (retries with backoff, repair of unrecorded confirmations).',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      target: new LambdaInvoke(this.function, { retryAttempts: 0 }),
    });
    // The scheduler's role (made by LambdaInvoke, at the stack's level) may invoke exactly this function.
    const stack = Stack.of(this);
    for (const child of stack.node.findAll()) {
      if (child.node.path.includes('SchedulerRoleForTarget') && child.node.id === 'DefaultPolicy') {
        this.schedulerPolicies.add(child);
        Validations.of(child).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.function.node.defaultChild as CfnElement)}.Arn>:*]`,
          reason:
            'The scheduler role may invoke only the outbox-sender function; the `:*` suffix that LambdaInvoke adds ' +
            'covers that one function’s versions and aliases, nothing else.',
        });
      }
    }
  }
}
