import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsConfigurationSetName } from '../../functions/config.js';
import { defaultRetention } from '../../functions/core/retention.js';
import type { BuiltApp } from '../../infra/build-app.js';
import { buildTestApp, removeTestOutdirs, testSettings } from './helpers.js';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

let built: BuiltApp;
let stateful: Template;
let stateless: Template;
let statefulJson: { Resources: Record<string, Resource>; Outputs: Record<string, { Value: unknown }> };

beforeAll(() => {
  built = buildTestApp({ nag: false });
  const assembly = built.app.synth();
  const template = assembly.getStackByName(built.stateful.stackName).template;
  stateful = Template.fromJSON(template);
  statefulJson = template;
  stateless = Template.fromJSON(assembly.getStackByName(built.stateless.stackName).template);
}, 120_000);

function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).resolve(element.logicalId) as string;
}

/** The alarms of the stateless stack. */
function alarms(): Resource[] {
  return Object.values(stateless.findResources('AWS::CloudWatch::Alarm')) as Resource[];
}

function topicRef(): string {
  const [id] = Object.keys(
    stateless.findResources('AWS::SNS::Topic', { Properties: { DisplayName: 'Regietafel alarmen' } }),
  );
  return id!;
}
afterAll(removeTestOutdirs);

describe('stateful stack: the SES identity and configuration set', () => {
  it('verifies the domain identity with Easy DKIM (2048-bit) and a custom MAIL FROM domain', () => {
    stateful.resourceCountIs('AWS::SES::EmailIdentity', 1);
    stateful.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: testSettings.sesIdentity,
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      MailFromAttributes: {
        MailFromDomain: `bounce.${testSettings.sesIdentity}`,
        BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
      },
      ConfigurationSetAttributes: {
        ConfigurationSetName: { Ref: Match.stringLikeRegexp('ConfigurationSet') },
      },
    });
  });

  it('has the configuration set every send names: TLS required, reputation metrics, suppression of bounces and complaints', () => {
    stateful.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    stateful.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: awsConfigurationSetName,
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('outputs the three DKIM CNAMEs and the MAIL FROM MX and SPF records to publish', () => {
    const outputs = statefulJson.Outputs;
    const text = (name: string) => JSON.stringify(outputs[name]?.Value);
    for (const n of [1, 2, 3]) {
      expect(text(`DkimRecord${n}`)).toContain('CNAME');
      expect(text(`DkimRecord${n}`)).toContain(`DkimDNSTokenName${n}`);
      expect(text(`DkimRecord${n}`)).toContain(`DkimDNSTokenValue${n}`);
    }
    expect(text('MailFromMXRecord')).toContain(
      `bounce.${testSettings.sesIdentity} MX 10 feedback-smtp.${testSettings.region}.amazonses.com`,
    );
    expect(text('MailFromTXTRecord')).toContain('v=spf1 include:amazonses.com ~all');
    expect(text('MailConfigurationSet')).toContain('ConfigurationSet');
  });

  it('makes an email-address identity without DKIM or MAIL FROM records of its own', () => {
    const single = buildTestApp({
      nag: false,
      context: { sesIdentity: 'team@regietafel.test.nl', mailFrom: 'team@regietafel.test.nl' },
    });
    const template = Template.fromStack(single.stateful);
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'team@regietafel.test.nl' });
    expect(JSON.stringify(template.toJSON())).not.toContain('MailFromAttributes');
    expect(single.stateful.mail.dnsRecords).toEqual([]);
  });
});

describe('stateless stack: alarms', () => {
  it('sends every alarm, and its recovery, to the encrypted alarm topic the operator is subscribed to', () => {
    stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: testSettings.alarmEmail,
      TopicArn: { Ref: topicRef() },
    });
    stateless.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Regietafel alarmen',
      KmsMasterKeyId: Match.anyValue(),
    });
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(alarm.Properties['AlarmActions'], String(alarm.Properties['AlarmDescription'])).toEqual([
        { Ref: topicRef() },
      ]);
      expect(alarm.Properties['OKActions']).toEqual([{ Ref: topicRef() }]);
      expect(alarm.Properties['AlarmDescription']).toMatch(/runbook/);
    }
  });

  it('lets CloudWatch use the topic key (it publishes into the encrypted topic)', () => {
    const keys = Object.values(stateless.findResources('AWS::KMS::Key')) as Resource[];
    const policy = JSON.stringify(keys.map((key) => key.Properties['KeyPolicy']));
    expect(policy).toContain('cloudwatch.amazonaws.com');
    for (const key of keys) expect(key.Properties['EnableKeyRotation']).toBe(true);
  });

  it('watches the API 5xx rate, with a minimum number of requests', () => {
    const api = alarms().find((alarm) => JSON.stringify(alarm.Properties['Metrics'] ?? '').includes('5xx'));
    expect(api).toBeDefined();
    expect(JSON.stringify(api!.Properties['Metrics'])).toContain(
      'IF(requests >= 10, 100 * errors / requests, 0)',
    );
    expect(api!.Properties['Threshold']).toBe(5);
  });

  it('has an errors and a throttles alarm for every function of ours', () => {
    const functions = Object.keys(
      stateless.findResources('AWS::Lambda::Function', {
        Properties: { Runtime: Match.stringLikeRegexp('^nodejs') },
      }),
    );
    expect(functions.length).toBeGreaterThan(10);
    for (const fn of functions) {
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarms().filter(
          (alarm) =>
            alarm.Properties['MetricName'] === metric &&
            JSON.stringify(alarm.Properties['Dimensions']).includes(`"Ref":"${fn}"`),
        );
        expect(found, `${metric} of ${fn}`).toHaveLength(1);
        expect(found[0]!.Properties['Threshold']).toBe(0);
      }
    }
  });

  it('watches the oldest pending outbox email, the SES bounce and complaint rates and the dead-letter queues', () => {
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Regietafel',
      MetricName: 'OldestPendingMailAge',
      Dimensions: [{ Name: 'service', Value: 'regietafel' }],
      Statistic: 'Maximum',
      Threshold: 1800,
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.04,
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.0008,
    });
    const deadLetterQueues = [built.stateless.deadLetterQueue, built.stateless.mailEvents.deadLetterQueue];
    for (const queue of deadLetterQueues.map(logicalIdOf)) {
      const found = alarms().filter(
        (alarm) =>
          alarm.Properties['MetricName'] === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(alarm.Properties['Dimensions']).includes(queue),
      );
      expect(found, queue).toHaveLength(1);
    }
  });
});

describe('stateless stack: SES events back into the outbox', () => {
  it('publishes bounce, complaint, delivery, reject and delay events of the configuration set to the encrypted event topic', () => {
    stateless.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: Match.anyValue(),
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint', 'delivery', 'reject', 'deliveryDelay'],
        SnsDestination: { TopicARN: { Ref: logicalIdOf(built.stateless.mailEvents.topic) } },
      },
    });
    stateless.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Regietafel SES-meldingen',
      KmsMasterKeyId: Match.anyValue(),
    });
    // SES may publish, for this configuration set only, and may use the topic's key.
    const policies = JSON.stringify(stateless.findResources('AWS::SNS::TopicPolicy'));
    expect(policies).toContain('ses.amazonaws.com');
    expect(policies).toContain(':configuration-set/');
    expect(policies).toContain('PublishOutputRefMailConfigurationSet');
    const keys = JSON.stringify(stateless.findResources('AWS::KMS::Key'));
    expect(keys).toContain('ses.amazonaws.com');
  });

  it('delivers the events raw into a queue with a dead-letter queue after five tries', () => {
    const queue = logicalIdOf(built.stateless.mailEvents.queue);
    stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      RawMessageDelivery: true,
      Endpoint: { 'Fn::GetAtt': [queue, 'Arn'] },
    });
    stateless.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: {
          'Fn::GetAtt': [logicalIdOf(built.stateless.mailEvents.deadLetterQueue), 'Arn'],
        },
        maxReceiveCount: 5,
      },
      SqsManagedSseEnabled: true,
    });
  });

  it('runs the event handler from the queue, reporting failed messages one by one, with table access only', () => {
    const fn = logicalIdOf(built.stateless.mailEvents.handler);
    stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn },
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(built.stateless.mailEvents.queue), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const resource = stateless.toJSON()['Resources'][fn] as Resource;
    const variables = (resource.Properties['Environment'] as { Variables: Record<string, unknown> })
      .Variables;
    expect(Object.keys(variables)).toContain('TABLE_NAME');
    expect(Object.keys(variables)).not.toContain('MAIL_FROM');
    const role = JSON.stringify(resource.Properties['Role']);
    const statements = Object.values(stateless.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy).includes(JSON.parse(role)['Fn::GetAtt'][0]))
      .flatMap(
        (policy) =>
          (policy as Resource).Properties['PolicyDocument'] as { Statement: { Action: string | string[] }[] },
      )
      .flatMap((document) => document.Statement)
      .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]));
    expect(statements.filter((action) => action.startsWith('ses:'))).toEqual([]);
    expect(statements).toContain('sqs:ReceiveMessage');
    expect(statements).toContain('dynamodb:UpdateItem');
  });
});

describe('stateless stack: retention', () => {
  it('gives the daily job the retention periods of the deploy settings', () => {
    const fn = stateless.toJSON()['Resources'][logicalIdOf(built.stateless.scheduleFunction)] as Resource;
    const variables = (fn.Properties['Environment'] as { Variables: Record<string, string> }).Variables;
    expect(JSON.parse(variables['RETENTION']!)).toEqual(defaultRetention);
    const custom = buildTestApp({ nag: false, context: { retention: { draftDays: 7, versionDays: 0 } } });
    const job = Template.fromStack(custom.stateless).toJSON()['Resources'][
      logicalIdOf(custom.stateless.scheduleFunction)
    ] as Resource;
    expect(
      JSON.parse(
        (job.Properties['Environment'] as { Variables: Record<string, string> }).Variables['RETENTION']!,
      ),
    ).toEqual({ ...defaultRetention, draftDays: 7, versionDays: 0 });
  });
});
