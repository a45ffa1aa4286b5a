import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IUserPoolClient, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type StaticAsset, staticAssets } from '../forms/assets.js';
import { configKeys } from '../functions/config.js';
import { type RouteDefinition, routes as routeTable } from '../functions/http/routes.js';
import { OperationsAlarms } from './alarms.js';
import { addApiRoutes } from './api-routes.js';
import { type ApiThrottle, createHttpApi, defaultApiThrottle } from './http-api.js';
import { MailEvents } from './mail-events.js';
import type { OutboxSender } from './outbox-sender.js';
import { RouteFunction } from './route-function.js';
import { addScheduledJob } from './scheduled-job.js';
import type { Settings } from './settings.js';
import { createSiteDistribution } from './site-distribution.js';
import { addStaffSignIn } from './staff-sign-in.js';
import { deployStaticAssets } from './static-assets.js';

// Still importable from here, where the bench and the tests have always found them.
export { type ApiThrottle, defaultApiThrottle } from './http-api.js';
export { scheduleAccess, scheduleEntry } from './scheduled-job.js';

export interface StatelessStackProps extends StackProps {
  readonly table: ITableV2;
  readonly formsBucket: IBucket;
  /** Destination of the CloudFront access logs (prefix `cloudfront/`). */
  readonly logBucket: IBucket;
  readonly settings: Pick<
    Settings,
    'sesIdentity' | 'mailFrom' | 'region' | 'publicBaseUrl' | 'alarmEmail' | 'retention'
  >;
  /** Staff identities: the staff handlers verify this pool's ID tokens (browser client and script client). */
  readonly userPool: UserPool;
  /** The script client (SRP, Bearer tokens); its tokens are accepted too. */
  readonly userPoolClient: IUserPoolClient;
  /** Base URL of the Cognito hosted sign-in (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly signInUrl: string;
  /** Where exports too big for a Lambda answer are written. */
  readonly exportsBucket: IBucket;
  /** The SES configuration set every send names; its events come back through {@link MailEvents}. */
  readonly configurationSet: IConfigurationSet;
  /** @default the route table of functions/http/routes.ts */
  readonly routes?: readonly RouteDefinition[];
  /** @default the static assets of forms/assets.ts */
  readonly assets?: readonly StaticAsset[];
  /** @default {@link defaultApiThrottle} */
  readonly throttle?: ApiThrottle;
}

/**
 * Everything that can be redeployed without touching data: one Lambda per route, the HTTP API, the
 * CloudFront distribution and the upload of the static assets. Each part lives in its own file and creates
 * its constructs directly in this stack, in the order below, so logical ids and the template stay stable.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly distribution: Distribution;
  /** The function of each route, by route id. */
  readonly routeFunctions: ReadonlyMap<string, RouteFunction>;
  readonly methodNotAllowedFunction: RouteFunction;
  /** The scheduled job's function and the queue where its failed invocations land. */
  readonly scheduleFunction: RouteFunction;
  readonly deadLetterQueue: Queue;
  /** The outbox sender: every minute, retries and repairs of mail. */
  readonly outboxSender: OutboxSender;
  /** The Cognito app client of the dashboard's sign-in (hosted UI, code + PKCE). */
  readonly webClient: UserPoolClient;
  /** The CloudWatch alarms and their topic (infra/alarms.ts). */
  readonly alarms: OperationsAlarms;
  /** SES events → SNS → SQS → the handler that marks the outbox (infra/mail-events.ts). */
  readonly mailEvents: MailEvents;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const routes = props.routes ?? routeTable;
    const commonEnvironment: Record<string, string> = settings.publicBaseUrl
      ? { [configKeys.publicBaseUrl]: settings.publicBaseUrl }
      : {};

    // --- HTTP API (infra/http-api.ts) ---------------------------------------------------------------------
    const http = createHttpApi(this, props.throttle ?? defaultApiThrottle);
    this.api = http.api;
    this.stage = http.stage;

    // --- Staff sign-in (infra/staff-sign-in.ts); the distribution's address is known only later ------------
    const staffSignIn = addStaffSignIn(this, {
      userPool: props.userPool,
      userPoolClient: props.userPoolClient,
      signInUrl: props.signInUrl,
      siteUrl:
        settings.publicBaseUrl ??
        `https://${Lazy.string({ produce: () => this.distribution.distributionDomainName })}`,
    });
    this.webClient = staffSignIn.webClient;

    // --- One function per route (infra/api-routes.ts) -----------------------------------------------------
    const apiRoutes = addApiRoutes(this, {
      api: this.api,
      routes,
      table: props.table,
      exportsBucket: props.exportsBucket,
      mail: settings,
      commonEnvironment,
      staffEnvironment: staffSignIn.environment,
    });
    this.routeFunctions = apiRoutes.routeFunctions;
    this.methodNotAllowedFunction = apiRoutes.methodNotAllowedFunction;

    // --- CloudFront (infra/site-distribution.ts) and the static assets (infra/static-assets.ts) -------------
    const assets = props.assets ?? staticAssets;
    this.distribution = createSiteDistribution(this, {
      api: this.api,
      formsBucket: props.formsBucket,
      logBucket: props.logBucket,
      assetPaths: assets.map((asset) => asset.urlPath),
    });
    deployStaticAssets(this, {
      assets,
      bucket: props.formsBucket,
      distribution: this.distribution,
    });

    // --- The scheduled job: summaries, reminders and the outbox sender (infra/scheduled-job.ts) -------------
    const scheduledJob = addScheduledJob(this, {
      table: props.table,
      mail: settings,
      publicBaseUrl: settings.publicBaseUrl ?? `https://${this.distribution.distributionDomainName}`,
      retention: settings.retention,
    });
    this.scheduleFunction = scheduledJob.scheduleFunction;
    this.deadLetterQueue = scheduledJob.deadLetterQueue;
    this.outboxSender = scheduledJob.outboxSender;

    this.mailEvents = new MailEvents(this, 'MailEvents', {
      configurationSet: props.configurationSet,
      table: props.table,
    });

    // Last, so that every function of the stack (whoever added it above) gets its alarms.
    this.alarms = new OperationsAlarms(this, 'Alarms', {
      alarmEmail: settings.alarmEmail,
      stage: this.stage,
      functions: this.node
        .findAll()
        .filter((child): child is RouteFunction => child instanceof RouteFunction),
      deadLetterQueues: [
        {
          id: 'Schedule',
          queue: this.deadLetterQueue,
          what: 'A run of the scheduled job (summaries, reminders, outbox)',
        },
        {
          id: 'MailEvents',
          queue: this.mailEvents.deadLetterQueue,
          what: 'An SES event (bounce, complaint, delivery) that the event handler could not record',
        },
      ],
    });

    new CfnOutput(this, 'DistributionUrl', {
      description: 'Public URL of the hosted forms (CloudFront)',
      value: `https://${this.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'ApiUrl', {
      description: 'Direct URL of the HTTP API (use the distribution URL for people)',
      value: this.stage.url,
    });
  }
}
