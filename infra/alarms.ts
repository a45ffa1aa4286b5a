import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { outboxMetrics } from '../functions/jobs/outbox-metrics.js';

/** The thresholds of the alarms; the README's runbook explains each one. */
export const alarmThresholds = {
  /** Percentage of API requests answered 5xx in five minutes (with at least {@link minimumRequests}). */
  apiServerErrorPercent: 5,
  minimumRequests: 10,
  /** Seconds the oldest pending outbox email may wait: a drain every minute and 4 retries take ~15 minutes. */
  oldestPendingMailSeconds: 30 * 60,
  /** SES puts an account under review at a 5 % bounce rate and 0.1 % complaint rate: warn before that. */
  sesBounceRate: 0.04,
  sesComplaintRate: 0.0008,
} as const;

export interface DeadLetterQueueAlarm {
  /** Construct id part, e.g. `Schedule`. */
  readonly id: string;
  readonly queue: IQueue;
  /** What landed there, for the alarm description. */
  readonly what: string;
}

export interface OperationsAlarmsProps {
  /** Address subscribed to the alarm topic (deploy setting `alarmEmail`). */
  readonly alarmEmail: string;
  /** The HTTP API stage whose 5xx rate is watched. */
  readonly stage: HttpStage;
  /** Every function of ours: each gets an errors and a throttles alarm. */
  readonly functions: readonly LambdaFunction[];
  readonly deadLetterQueues: readonly DeadLetterQueueAlarm[];
}

/**
 * The CloudWatch alarms, all to one SNS topic (KMS-encrypted, TLS only) with the operator's address
 * subscribed: API 5xx rate, Lambda errors and throttles per function, the oldest pending outbox email (a
 * metric the outbox sender emits), SES bounce and complaint rates, and every dead-letter queue. The README
 * (*Runbook*) says what each means and what to do.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'regietafel: encrypts the alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch publishes into the encrypted topic, so it must be able to use the key.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Regietafel alarmen',
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const fiveMinutes = Duration.minutes(5);
    const errors = props.stage.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    const requests = props.stage.metricCount({ period: fiveMinutes, statistic: 'SampleCount' });
    this.add('ApiServerErrorRate', {
      description: `More than ${alarmThresholds.apiServerErrorPercent} % of the API requests failed with a 5xx in five minutes (at least ${alarmThresholds.minimumRequests} requests).`,
      metric: new MathExpression({
        expression: `IF(requests >= ${alarmThresholds.minimumRequests}, 100 * errors / requests, 0)`,
        usingMetrics: { errors, requests },
        period: fiveMinutes,
        label: 'API 5xx (%)',
      }),
      threshold: alarmThresholds.apiServerErrorPercent,
    });

    for (const fn of props.functions) {
      const name = fn.node.id;
      this.add(`${name}Errors`, {
        description: `${name}: the function failed (an uncaught error or a timeout) in the last five minutes.`,
        metric: fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: 0,
      });
      this.add(`${name}Throttles`, {
        description: `${name}: Lambda refused invocations (concurrency limit) in the last five minutes.`,
        metric: fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: 0,
      });
    }

    this.add('OldestPendingMail', {
      description: `An email has been waiting in the outbox for more than ${alarmThresholds.oldestPendingMailSeconds / 60} minutes.`,
      metric: new Metric({
        namespace: outboxMetrics.namespace,
        metricName: outboxMetrics.oldestPendingMailAge,
        dimensionsMap: { service: outboxMetrics.service },
        statistic: 'Maximum',
        period: fiveMinutes,
      }),
      threshold: alarmThresholds.oldestPendingMailSeconds,
    });

    const region = Stack.of(this).region;
    const reputation = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        region,
        statistic: 'Maximum',
        period: Duration.hours(1),
      });
    this.add('SesBounceRate', {
      description: `The account's SES bounce rate is above ${alarmThresholds.sesBounceRate * 100} % (SES reviews the account at 5 %, may pause sending at 10 %).`,
      metric: reputation('Reputation.BounceRate'),
      threshold: alarmThresholds.sesBounceRate,
    });
    this.add('SesComplaintRate', {
      description: `The account's SES complaint rate is above ${alarmThresholds.sesComplaintRate * 100} % (SES reviews the account at 0.1 %, may pause sending at 0.5 %).`,
      metric: reputation('Reputation.ComplaintRate'),
      threshold: alarmThresholds.sesComplaintRate,
    });

    for (const { id: queueId, queue, what } of props.deadLetterQueues) {
      this.add(`${queueId}DeadLetters`, {
        description: `${what} failed after all retries and waits in the dead-letter queue.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
        threshold: 0,
      });
    }
  }

  private add(
    id: string,
    options: { description: string; metric: Metric | MathExpression; threshold: number },
  ): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: `${options.description} See the runbook in the README.`,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No data is no trouble: no requests, no mail waiting, no dead letters.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
