import fs from 'node:fs';
import {
  type CfnElement,
  CfnOutput,
  DefaultStackSynthesizer,
  Duration,
  Lazy,
  Stack,
  type StackProps,
  TimeZone,
  Token,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  type IUserPoolClient,
  OAuthScope,
  type UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { assetCacheControl, type StaticAsset, staticAssets } from '../forms/assets.js';
import { configKeys } from '../functions/config.js';
import {
  methodNotAllowedEntry,
  pathsWithMethods,
  type RouteAccess,
  type RouteDefinition,
  routes as routeTable,
} from '../functions/http/routes.js';
import { OperationsAlarms } from './alarms.js';
import { MailEvents } from './mail-events.js';
import { OutboxSender } from './outbox-sender.js';
import { bindExports, bindMailer, bindTable, RouteFunction } from './route-function.js';

/** The scheduled job's handler (not an HTTP route: EventBridge Scheduler invokes it). */
export const scheduleEntry = 'functions/jobs/handlers/run-schedule.ts';
/** What the scheduled job touches: the table and SES (summaries, reminders, the outbox). */
export const scheduleAccess = { table: 'readWrite', sendsMail: true } as const satisfies RouteAccess;

import type { Settings } from './settings.js';
import { assetsKeyPrefix } from './stateful-stack.js';

export interface ApiThrottle {
  /** Steady-state requests per second over the whole stage. */
  readonly rateLimit: number;
  /** Short bursts above the rate. */
  readonly burstLimit: number;
}

/**
 * A few dozen municipalities and staff fill in forms and download exports: far below these limits. They
 * cap what a misbehaving client (or a loop) can cost; the account default would be 10 000 rps.
 */
export const defaultApiThrottle: ApiThrottle = { rateLimit: 50, burstLimit: 100 };

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

const apiGatewayNoAuthorizerReason =
  'Route of the hosted forms: municipality officials have no accounts; they arrive through signed invitation ' +
  'links (jose HS256, revocable, scoped to municipality and round) that the handler verifies, together with ' +
  'the authorization policy, before it reads or writes anything.';

const staffRouteReason =
  'Staff route: the handler verifies the Cognito ID token (jose against the user pool JWKS: signature, issuer, ' +
  'audience = our app clients, expiry) from the HttpOnly sign-in cookie or a Bearer header, then applies the ' +
  'authorization policy, before it reads anything. An API Gateway JWT authorizer reads only a header, so a ' +
  'browser with its cookie could never pass it, and it cannot send a person to the sign-in page.';

const signInReason =
  'Staff sign-in step (redirect to Cognito, code exchange, sign-out): it is how a person obtains the token an ' +
  'authorizer would ask for; the function has no table or mail grants.';

const publicPageReason =
  'Public page (the start page, the accessibility statement, the not-found page for unknown addresses): its ' +
  'function has no table or mail grants, so there is nothing to protect behind an authorizer.';

/**
 * Copies the viewer's Host into `x-forwarded-host` (overwriting anything the viewer sent) so handlers can
 * build absolute links; the origin request itself carries the API Gateway host.
 */
const forwardHostFunctionCode = `function handler(event) {
  var request = event.request;
  var host = request.headers.host;
  if (host && host.value) {
    request.headers['x-forwarded-host'] = { value: host.value };
  } else {
    delete request.headers['x-forwarded-host'];
  }
  return request;
}`;

/** PascalCase construct id from a kebab-case route id. */
function pascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Everything that can be redeployed without touching data: one Lambda per route, the HTTP API, the
 * CloudFront distribution and the upload of the static assets.
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
    const throttle = props.throttle ?? defaultApiThrottle;
    const commonEnvironment: Record<string, string> = settings.publicBaseUrl
      ? { [configKeys.publicBaseUrl]: settings.publicBaseUrl }
      : {};

    // --- HTTP API -----------------------------------------------------------------------------------------
    this.api = new HttpApi(this, 'Api', {
      apiName: 'regietafel',
      description: 'Regietafel: hosted forms and their submissions (behind CloudFront).',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.THREE_MONTHS });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No query string: invitation tokens must not end up in the logs.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            httpMethod: '$context.httpMethod',
            routeKey: '$context.routeKey',
            path: '$context.path',
            protocol: '$context.protocol',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            errorMessage: '$context.error.message',
          }),
        ),
      },
    });

    // --- Staff sign-in: Cognito hosted UI, authorization code + PKCE, back to /staf/inloggen/terug --------
    const siteUrl =
      settings.publicBaseUrl ??
      `https://${Lazy.string({ produce: () => this.distribution.distributionDomainName })}`;
    this.webClient = new UserPoolClient(this, 'StaffWebClient', {
      userPool: props.userPool,
      userPoolClientName: 'regietafel-staf-web',
      generateSecret: false,
      preventUserExistenceErrors: true,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${siteUrl}/staf/inloggen/terug`],
        logoutUrls: [`${siteUrl}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // A working day; after that, signing in again (with MFA).
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      refreshTokenValidity: Duration.days(1),
    });
    const staffEnvironment: Record<string, string> = {
      [configKeys.staffIssuer]: props.userPool.userPoolProviderUrl,
      [configKeys.staffClientId]: this.webClient.userPoolClientId,
      [configKeys.staffApiClientId]: props.userPoolClient.userPoolClientId,
      [configKeys.staffSignInUrl]: props.signInUrl,
    };

    // --- One function per route ---------------------------------------------------------------------------
    const routeFunctions = new Map<string, RouteFunction>();
    for (const route of routes) {
      const staffArea = route.path === '/staf' || route.path.startsWith('/staf/');
      const fn = new RouteFunction(this, `${pascalCase(route.id)}Function`, {
        entry: route.entry,
        description: `${route.method} ${route.path}: ${route.description}`,
        environment: { ...commonEnvironment, ...(staffArea ? staffEnvironment : {}) },
        access: route.access,
        // Exports stream every round of a form: the most time API Gateway allows (30 s) and more CPU.
        ...(route.access.exportFiles && { timeout: Duration.seconds(29), memorySize: 1024 }),
      });
      if (route.access.table !== 'none') bindTable(fn, props.table, route.access.table);
      if (route.access.sendsMail) bindMailer(fn, settings);
      if (route.access.exportFiles) bindExports(fn, props.exportsBucket);
      routeFunctions.set(route.id, fn);

      const integration = new HttpLambdaIntegration(`${pascalCase(route.id)}Integration`, fn);
      // The catch-all is API Gateway's `$default` route: whatever no other route matches.
      const httpRoute =
        route.method === 'ANY'
          ? new HttpRoute(this, `${pascalCase(route.id)}Route`, {
              httpApi: this.api,
              routeKey: HttpRouteKey.DEFAULT,
              integration,
            })
          : this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration })[0];
      // Every route authenticates in its handler: invitation links for municipalities, the Cognito ID
      // token (cookie or Bearer) for staff; see the reasons above.
      const touchesData = route.access.table !== 'none' || route.access.sendsMail;
      Validations.of(httpRoute!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          route.auth === 'staff'
            ? staffRouteReason
            : staffArea
              ? signInReason
              : touchesData
                ? apiGatewayNoAuthorizerReason
                : publicPageReason,
      });
      if (route.access.exportFiles) {
        Validations.of(fn.role!).acknowledge({
          // The bucket ARN arrives from the stateful stack as a weak cross-stack reference, named after the
          // bucket's logical id, which never changes (see acknowledgeBucketDeploymentFindings).
          id: `AwsSolutions-IAM5[Resource::${JSON.stringify({
            'Fn::GetStackOutput': {
              StackName: Stack.of(props.exportsBucket).stackName,
              Region: this.region,
              OutputName: 'PublishOutputFnGetAttExportsBucket5A12738BArn72A10252',
            },
          })}/exports/*]`,
          reason:
            'The export function writes one object per export under exports/ (a new key each time) and signs a ' +
            'GET link to it; S3 object ARNs need the wildcard, limited to that prefix of the exports bucket.',
        });
      }
    }
    this.routeFunctions = routeFunctions;

    // Every method a path does not define answers 405 (HTTP APIs prefer the exact method over ANY).
    this.methodNotAllowedFunction = new RouteFunction(this, 'MethodNotAllowedFunction', {
      entry: methodNotAllowedEntry,
      description: 'ANY on every route-table path: answers 405 with the allowed methods.',
      memorySize: 256,
      environment: commonEnvironment,
      access: { table: 'none', sendsMail: false },
    });
    const methodNotAllowed = new HttpLambdaIntegration(
      'MethodNotAllowedIntegration',
      this.methodNotAllowedFunction,
    );
    for (const routePath of pathsWithMethods(routes).keys()) {
      const [anyRoute] = this.api.addRoutes({
        path: routePath,
        methods: [HttpMethod.ANY],
        integration: methodNotAllowed,
      });
      Validations.of(anyRoute!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Catch-all for methods a path does not define: the function only answers 405 Method Not Allowed and ' +
          'touches no data (no table or mail grants), so there is nothing to authorize.',
      });
    }

    // --- CloudFront -----------------------------------------------------------------------------------------
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'regietafel: security headers on every response',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365 * 2),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        // A baseline for pages that do not send their own; a handler's Content-Security-Policy wins.
        contentSecurityPolicy: {
          contentSecurityPolicy:
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
            "form-action 'self'; frame-ancestors 'none'",
          override: false,
        },
      },
    });

    const forwardHost = new CloudFrontFunction(this, 'ForwardHostFunction', {
      comment: 'Copies the viewer Host header into x-forwarded-host',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(forwardHostFunctionCode),
    });

    const apiOrigin = new HttpOrigin(`${this.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });

    // The bucket comes from the stateful stack. Handing the origin a reference (not the Bucket itself) keeps
    // it from adding the distribution's ARN to that stack's bucket policy, which would be a cross-stack cycle;
    // the stateful stack grants OAC reads on `assets/*` to this account's distributions instead.
    const formsBucketRef = Bucket.fromBucketAttributes(this, 'FormsBucketRef', {
      bucketArn: props.formsBucket.bucketArn,
      bucketName: props.formsBucket.bucketName,
      bucketRegionalDomainName: props.formsBucket.bucketRegionalDomainName,
    });
    const assetsOrigin = S3BucketOrigin.withOriginAccessControl(formsBucketRef);

    // Pages and API answers are never cached (every one says `Cache-Control: no-store`, and the TTLs are 0
    // when it would not), but CloudFront compresses only under a cache policy that allows gzip and Brotli,
    // which CachingDisabled does not and which CloudFront refuses when every TTL is 0: hence this policy,
    // whose maximum TTL of one second only caps what an origin might ask for. Should anything ever be
    // cached, the key holds everything that tells one person's page from another's.
    const pagesCachePolicy = new CachePolicy(this, 'PagesCachePolicy', {
      comment: 'regietafel: pages and API, not cached (origin no-store, TTL 0), compressed (gzip, Brotli)',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      cookieBehavior: CacheCookieBehavior.all(),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization', 'Accept'),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'regietafel: hosted forms',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableIpv6: true,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: apiOrigin,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: pagesCachePolicy,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        [`/${assetsKeyPrefix}*`]: {
          origin: assetsOrigin,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
      },
    });

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain yet, so the distribution uses the default *.cloudfront.net certificate, for which ' +
          'CloudFront fixes the viewer security policy at TLSv1 whatever MinimumProtocolVersion says. Modern ' +
          'browsers negotiate TLS 1.2/1.3 anyway. A custom domain with an ACM certificate (us-east-1) and ' +
          'TLSv1.2_2021 is the fix and comes with the production domain.',
      },
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: the users are Dutch municipal and provincial officials, who also work abroad or ' +
          'behind VPN exits elsewhere. Access is controlled by signed invitation links (and staff JWTs), not location.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF for now: a handful of routes for a known group of officials, every form link is signed, and the ' +
          'API stage throttle caps load and cost. A web ACL (rate-based rule, managed rules) is the next step if ' +
          'abuse shows up in the access logs.',
      },
      {
        id: 'Annotation::@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
        reason:
          'On purpose: the forms bucket belongs to the stateful stack, whose bucket policy already lets ' +
          "CloudFront (OAC, this account's distributions) read assets/*. Editing it from here would be a cross-stack cycle.",
      },
    );

    // --- Static assets ----------------------------------------------------------------------------------------
    this.deployAssets(props.assets ?? staticAssets, props.formsBucket);

    // --- The scheduled job: summaries, reminders and the outbox sender -----------------------------------------
    this.scheduleFunction = new RouteFunction(this, 'RunScheduleFunction', {
      entry: scheduleEntry,
      description: 'Daily: weekly and deadline summaries, reminders, then the outbox sender once more.',
      timeout: Duration.minutes(5),
      access: scheduleAccess,
      environment: {
        [configKeys.publicBaseUrl]:
          settings.publicBaseUrl ?? `https://${this.distribution.distributionDomainName}`,
        [configKeys.retention]: JSON.stringify(settings.retention),
      },
    });
    bindTable(this.scheduleFunction, props.table, scheduleAccess.table);
    bindMailer(this.scheduleFunction, settings);
    // Failed asynchronous invocations (after Lambda's own two retries) land here, and an alarm goes off.
    this.deadLetterQueue = new Queue(this, 'ScheduleDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the scheduled job: nothing consumes it automatically, an ' +
        'alarm tells a person to look, and a queue for failures of the failure queue would add nothing.',
    });
    this.scheduleFunction.configureAsyncInvoke({
      retryAttempts: 2,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    // The outbox sender, every minute (its own function and schedule): retries and repairs of mail.
    this.outboxSender = new OutboxSender(this, 'OutboxSender', {
      table: props.table,
      mail: settings,
      publicBaseUrl: settings.publicBaseUrl ?? `https://${this.distribution.distributionDomainName}`,
      deadLetterQueue: this.deadLetterQueue,
    });
    const scheduleTarget = new LambdaInvoke(this.scheduleFunction, { retryAttempts: 2 });
    new Schedule(this, 'DailySchedule', {
      description: 'Every morning at 07:00 Dutch time: the regietafel job.',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: '7',
        timeZone: TimeZone.of('Europe/Amsterdam'),
      }),
      target: scheduleTarget,
    });
    // The scheduler's role (made by LambdaInvoke) may invoke exactly this function, and its versions.
    for (const child of this.node.findAll()) {
      if (
        child.node.path.includes('SchedulerRoleForTarget') &&
        child.node.id === 'DefaultPolicy' &&
        !this.outboxSender.schedulerPolicies.has(child)
      ) {
        Validations.of(child).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.scheduleFunction.node.defaultChild as CfnElement)}.Arn>:*]`,
          reason:
            'The scheduler role may invoke only the scheduled-job function; the `:*` suffix that LambdaInvoke adds ' +
            'covers that one function’s versions and aliases, nothing else.',
        });
      }
    }

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

  /**
   * Uploads the static assets: one BucketDeployment per content type and caching (BucketDeployment sets one
   * of each for all its files). Keys are the URL paths without the leading slash. No pruning: several
   * deployments share the prefix, and pages rendered just before a deploy still ask for the previous
   * stylesheet (its hashed name differs, so it stays beside the new one).
   */
  private deployAssets(assets: readonly StaticAsset[], bucket: IBucket): void {
    const byKind = new Map<string, StaticAsset[]>();
    for (const asset of assets) {
      const key = asset.urlPath.replace(/^\//, '');
      if (!key.startsWith(assetsKeyPrefix)) {
        throw new Error(
          `Static asset ${asset.urlPath} is outside /${assetsKeyPrefix}: CloudFront only serves /${assetsKeyPrefix}* from the bucket.`,
        );
      }
      if (!fs.existsSync(asset.file)) {
        throw new Error(`Static asset ${asset.urlPath} points at ${asset.file}, which does not exist.`);
      }
      const kind = `${asset.contentType}\n${assetCacheControl(asset)}`;
      byKind.set(kind, [...(byKind.get(kind) ?? []), asset]);
    }

    const deployments: BucketDeployment[] = [];
    // One log group for the shared helper Lambda of all deployments (CDK's own would never expire).
    const logGroup = new LogGroup(this, 'AssetsDeploymentLogs', { retention: RetentionDays.THREE_MONTHS });
    for (const group of byKind.values()) {
      deployments.push(
        new BucketDeployment(this, `AssetsDeployment${deployments.length + 1}`, {
          sources: group.map((asset) =>
            Source.data(
              asset.urlPath.replace(/^\//, '').slice(assetsKeyPrefix.length),
              fs.readFileSync(asset.file, 'utf8'),
            ),
          ),
          destinationBucket: bucket,
          destinationKeyPrefix: assetsKeyPrefix,
          contentType: group[0]!.contentType,
          // Hashed names (the stylesheet) never change: a year, immutable. Others: an hour, and the deploy
          // invalidates CloudFront.
          cacheControl: [CacheControl.fromString(assetCacheControl(group[0]!))],
          prune: false,
          distribution: this.distribution,
          distributionPaths: [`/${assetsKeyPrefix}*`],
          logGroup,
        }),
      );
    }
    if (deployments[0]) this.acknowledgeBucketDeploymentFindings(deployments[0], bucket);
  }

  /**
   * BucketDeployment runs one CDK-provided singleton Lambda (shared by all deployments of the stack) whose
   * role and runtime we do not control. Each finding is acknowledged on its own.
   */
  private acknowledgeBucketDeploymentFindings(deployment: BucketDeployment, bucket: IBucket): void {
    const role = deployment.handlerRole;
    const ack = (id: string, reason: string) => Validations.of(role).acknowledge({ id, reason });
    const owner =
      'the CDK BucketDeployment custom resource that copies the static assets into the forms bucket';

    ack(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      `Role of ${owner}; CDK attaches the basic execution policy (CloudWatch Logs only) and offers no way to replace it.`,
    );
    const s3Reason = (verb: string) =>
      `CDK's bucket grant for ${owner}: it ${verb}. The resource is limited to the CDK assets bucket and the forms bucket.`;
    ack('AwsSolutions-IAM5[Action::s3:GetBucket*]', s3Reason('reads bucket metadata while syncing'));
    ack(
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      s3Reason('reads the uploaded asset zip and existing objects'),
    );
    ack('AwsSolutions-IAM5[Action::s3:List*]', s3Reason('lists the destination prefix for `aws s3 sync`'));
    ack('AwsSolutions-IAM5[Action::s3:Abort*]', s3Reason('aborts failed multipart uploads'));
    ack(
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      s3Reason('may delete objects it replaces (pruning is off)'),
    );

    const partition = Token.isUnresolved(this.partition) ? '<AWS::Partition>' : this.partition;
    const qualifier =
      (this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    ack(
      `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-${this.region}/*]`,
      `${owner} reads its source zip from the CDK bootstrap assets bucket; the object key is a content hash only known at deploy time.`,
    );
    // The forms bucket's ARN arrives from the stateful stack as a weak cross-stack reference
    // (@aws-cdk/core:defaultCrossStackReferences = weak), rendered as Fn::GetStackOutput of an output CDK names
    // after the bucket's logical id. That id never changes (the bucket is retained data), so neither does this.
    const bucketArnOutput = {
      'Fn::GetStackOutput': {
        StackName: Stack.of(bucket).stackName,
        Region: this.region,
        OutputName: 'PublishOutputFnGetAttFormsBucket9C3F8E46Arn8D9F1970',
      },
    };
    ack(
      `AwsSolutions-IAM5[Resource::${JSON.stringify(bucketArnOutput)}/*]`,
      `${owner} writes objects into the forms bucket (under assets/); S3 object ARNs need the wildcard.`,
    );
    ack(
      'AwsSolutions-IAM5[Resource::*]',
      `${owner} invalidates /assets/* on the distribution after an upload; CloudFront invalidation actions cannot be scoped in CDK's grant.`,
    );

    const handler = this.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler) throw new Error('BucketDeployment handler not found: did aws-cdk-lib rename it?');
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: `The runtime of ${owner} is chosen by aws-cdk-lib (Python, with the AWS CLI layer) and updated with it; it is not ours to pin.`,
    });
  }
}
