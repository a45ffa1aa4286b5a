import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
  type IConfigurationSet,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RouteAccess } from '../functions/http/routes.js';
import { bindTable, RouteFunction } from './route-function.js';

/** The handler of the SES events (not an HTTP route: the event queue invokes it). */
export const mailEventsEntry = 'functions/jobs/handlers/record-mail-events.ts';

/** It marks the outbox and suppresses addresses: the table only (its bundle holds no SES, nodemailer or S3). */
export const mailEventsAccess = { table: 'readWrite', sendsMail: false } as const satisfies RouteAccess;

/** The SES events the outbox records; sends, opens and clicks are not asked for. */
export const recordedSesEvents: readonly EmailSendingEvent[] = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
];

export interface MailEventsProps {
  /** The configuration set every send names (stateful stack). */
  readonly configurationSet: IConfigurationSet;
  readonly table: ITableV2;
}

/**
 * SES events back into the outbox, the way GOV.UK Forms does it: the configuration set publishes bounce,
 * complaint, delivery, reject and delay events to an SNS topic (KMS-encrypted: the events hold email
 * addresses), the topic delivers them raw into an SQS queue, and a Lambda records each one
 * (functions/jobs/handlers/record-mail-events.ts): marks the email, suppresses the address. A message that
 * fails is retried five times and then kept in a dead-letter queue for 14 days, with an alarm
 * (infra/alarms.ts); nothing is lost while the handler is broken.
 */
export class MailEvents extends Construct {
  readonly topic: Topic;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly handler: RouteFunction;

  constructor(scope: Construct, id: string, props: MailEventsProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'regietafel: encrypts the SES event topic (the events hold email addresses)',
      enableKeyRotation: true,
    });
    // SES publishes into the encrypted topic, so it must be able to use the key.
    key.grant(new ServicePrincipal('ses.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Regietafel SES-meldingen',
      masterKey: key,
      enforceSSL: true,
    });
    new ConfigurationSetEventDestination(this, 'Destination', {
      configurationSet: props.configurationSet,
      destination: EventDestination.snsTopic(this.topic),
      events: [...recordedSesEvents],
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the handler's timeout, as Lambda asks of an event source queue.
      visibilityTimeout: Duration.minutes(3),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    this.topic.addSubscription(new SqsSubscription(this.queue, { rawMessageDelivery: true }));

    this.handler = new RouteFunction(this, 'RecordMailEventsFunction', {
      entry: mailEventsEntry,
      description:
        'SES events (bounce, complaint, delivery, reject, delay): mark the outbox email, suppress the address.',
      timeout: Duration.seconds(30),
      memorySize: 256,
      access: mailEventsAccess,
    });
    bindTable(this.handler, props.table, mailEventsAccess.table);
    this.handler.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(5),
        reportBatchItemFailures: true,
      }),
    );
  }
}
