import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticAssets } from '../../forms/assets.js';
import { tableKeys } from '../../functions/adapters/table-definition.js';
import { awsConfigurationSetName, configKeys } from '../../functions/config.js';
import { pathsWithMethods, routeKeyOf, routes } from '../../functions/http/routes.js';
import type { BuiltApp } from '../../infra/build-app.js';
import {
  configurationSetArn,
  sesIdentityArn,
  tableReadActions,
  tableWriteActions,
} from '../../infra/route-function.js';
import { defaultApiThrottle } from '../../infra/stateless-stack.js';
import { buildTestApp, removeTestOutdirs, testSettings } from './helpers.js';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type PolicyStatementJson = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
};

let built: BuiltApp;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  // cdk-nag runs in nag.test.ts; here only the shape of the templates matters. One synth for both stacks.
  built = buildTestApp({ nag: false });
  const assembly = built.app.synth();
  stateful = Template.fromJSON(assembly.getStackByName(built.stateful.stackName).template);
  stateless = Template.fromJSON(assembly.getStackByName(built.stateless.stackName).template);
}, 120_000);
afterAll(removeTestOutdirs);

function logicalId(construct: IConstruct): string {
  const stack = Stack.of(construct);
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return stack.resolve(element.logicalId) as string;
}

function resourcesOfType(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** All Allow statements of the IAM policies attached to a role. */
function statementsOfRole(roleLogicalId: string): PolicyStatementJson[] {
  return Object.values(resourcesOfType(stateless, 'AWS::IAM::Policy'))
    .filter((policy) =>
      (policy.Properties['Roles'] as unknown[]).some(
        (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }),
      ),
    )
    .flatMap(
      (policy) => (policy.Properties['PolicyDocument'] as { Statement: PolicyStatementJson[] }).Statement,
    )
    .filter((statement) => statement.Effect === 'Allow');
}

describe('stateful stack', () => {
  it('has one DynamoDB table with the key schema, GSI1 and TTL of the store', () => {
    stateful.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'GSI1PK', AttributeType: 'S' },
        { AttributeName: 'GSI1SK', AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'GSI1PK', KeyType: 'HASH' },
            { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
          ],
          // As the local table (dynalite, and the write units the benchmarks and round-trips test count).
          Projection: { ProjectionType: tableKeys.gsi1.projection },
        }),
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('bills on demand, keeps point-in-time recovery, is retained and deletion-protected', () => {
    stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        Replicas: [
          Match.objectLike({
            Region: testSettings.region,
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('keeps every bucket private, encrypted and retained; the data buckets versioned', () => {
    const buckets = resourcesOfType(stateful, 'AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      });
      // Exports are copies made on request and gone after a day: no versions to keep.
      if (id === logicalId(built.stateful.exportsBucket)) {
        expect(bucket.Properties['VersioningConfiguration']).toBeUndefined();
        expect(bucket.Properties['LifecycleConfiguration']).toMatchObject({
          Rules: [{ ExpirationInDays: 1, Status: 'Enabled' }],
        });
      } else {
        expect(bucket.Properties).toMatchObject({ VersioningConfiguration: { Status: 'Enabled' } });
      }
    }
  });

  it('logs the forms bucket to the log bucket', () => {
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: {
        DestinationBucketName: { Ref: logicalId(built.stateful.logBucket) },
        LogFilePrefix: Match.anyValue(),
      },
    });
  });

  it('allows nobody but CloudFront (OAC) to read the forms bucket, and only assets/*, only over TLS', () => {
    const policies = Object.values(resourcesOfType(stateful, 'AWS::S3::BucketPolicy')).filter(
      (policy) =>
        JSON.stringify(policy.Properties['Bucket']) ===
        JSON.stringify({ Ref: logicalId(built.stateful.formsBucket) }),
    );
    expect(policies).toHaveLength(1);
    const statements = (policies[0]!.Properties['PolicyDocument'] as { Statement: PolicyStatementJson[] })
      .Statement;
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Condition: { StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(JSON.stringify(allows[0]!.Resource)).toContain('/assets/*');
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });
});

describe('stateful stack: staff identities', () => {
  it('has a Cognito user pool without self sign-up, with MFA, and a group per regional table and province', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE',
    });
    const groups = Object.values(resourcesOfType(stateful, 'AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties['GroupName'],
    );
    expect(groups.sort()).toEqual(['provincie:overijssel', 'regietafel:ijsselland', 'regietafel:twente']);
  });
});

describe('stateless stack: functions', () => {
  const routeFunctionEntries = () => [...built.stateless.routeFunctions.entries()];

  it('builds one function per route-table entry plus the method-not-allowed, scheduled-job, outbox-sender and SES-event functions', () => {
    expect(built.stateless.routeFunctions.size).toBe(routes.length);
    expect(new Set(routes.map((route) => route.id))).toEqual(new Set(built.stateless.routeFunctions.keys()));
    // Every Node.js function in the stack is one of ours (BucketDeployment's helper is Python).
    const nodeFunctions = stateless.findResources('AWS::Lambda::Function', {
      Properties: { Runtime: Match.stringLikeRegexp('^nodejs') },
    });
    expect(Object.keys(nodeFunctions)).toHaveLength(routes.length + 4);
  });

  it('runs the scheduled job every morning, with retries, a dead-letter queue and an alarm', () => {
    stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Amsterdam',
    });
    stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    const queue = logicalId(built.stateless.deadLetterQueue);
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Threshold: 0,
    });
  });

  it('drains the outbox every minute with its own function (retries 1, 2, 4, 8 minutes; repairs), failures to the dead-letter queue', () => {
    stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: {
        Arn: { 'Fn::GetAtt': [logicalId(built.stateless.outboxSender.function), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0 },
      },
    });
    const resource = stateless.toJSON()['Resources'][
      logicalId(built.stateless.outboxSender.function)
    ] as Resource;
    expect(resource.Properties).toMatchObject({
      Timeout: 60,
      Environment: {
        Variables: {
          [configKeys.tableName]: expect.anything(),
          [configKeys.mailFrom]: testSettings.mailFrom,
          [configKeys.publicBaseUrl]: expect.anything(),
        },
      },
    });
    stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(built.stateless.outboxSender.function) },
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [
        { Name: 'FunctionName', Value: { Ref: logicalId(built.stateless.outboxSender.function) } },
      ],
    });
  });

  it('runs every function on Node.js 24, arm64, without runtime source maps and with an explicit log group', () => {
    const functions = [
      ...built.stateless.routeFunctions.values(),
      built.stateless.methodNotAllowedFunction,
      built.stateless.outboxSender.function,
    ];
    for (const fn of functions) {
      const resource = stateless.toJSON()['Resources'][logicalId(fn)] as Resource;
      expect(resource.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Environment: {
          Variables: { POWERTOOLS_SERVICE_NAME: 'regietafel' },
        },
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/LogGroup/) } },
      });
      // Node would parse the bundle's source map at every cold start (issue 14); stacks are mapped when logged.
      const variables = (resource.Properties['Environment'] as { Variables: Record<string, unknown> })
        .Variables;
      expect(variables['NODE_OPTIONS'], 'NODE_OPTIONS').toBeUndefined();
    }
    stateless.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('sets TABLE_NAME, MAIL_FROM and MAIL_CONFIGURATION_SET exactly where the route table grants table access and mail', () => {
    for (const [id, fn] of routeFunctionEntries()) {
      const route = routes.find((candidate) => candidate.id === id)!;
      const resource = stateless.toJSON()['Resources'][logicalId(fn)] as Resource;
      const variables = (resource.Properties['Environment'] as { Variables: Record<string, unknown> })
        .Variables;
      expect(configKeys.tableName in variables, `${id}: TABLE_NAME`).toBe(route.access.table !== 'none');
      expect(configKeys.mailFrom in variables, `${id}: MAIL_FROM`).toBe(route.access.sendsMail);
      if (route.access.sendsMail) expect(variables[configKeys.mailFrom]).toBe(testSettings.mailFrom);
      expect(variables[configKeys.mailConfigurationSet], `${id}: MAIL_CONFIGURATION_SET`).toBe(
        route.access.sendsMail ? awsConfigurationSetName : undefined,
      );
    }
  });
});

describe('stateless stack: least privilege from the route table', () => {
  const writeActions = new Set<string>(tableWriteActions);
  const readActions = new Set<string>(tableReadActions);

  for (const route of routes) {
    it(`${route.id}: table ${route.access.table}, ${route.access.sendsMail ? 'sends' : 'no'} mail`, () => {
      const fn = built.stateless.routeFunctions.get(route.id)!;
      const statements = statementsOfRole(logicalId(fn.role!));
      const actions = statements.flatMap((statement) => asArray(statement.Action));
      const dynamoActions = actions.filter((action) => action.startsWith('dynamodb:'));
      const sesActions = actions.filter((action) => action.startsWith('ses:'));

      expect(actions.filter((action) => action.includes('*'))).toEqual([]);
      if (route.access.table === 'none') expect(dynamoActions).toEqual([]);
      if (route.access.table === 'read') {
        expect(dynamoActions.length).toBeGreaterThan(0);
        expect(dynamoActions.filter((action) => !readActions.has(action))).toEqual([]);
      }
      if (route.access.table === 'readWrite') {
        expect(new Set(dynamoActions)).toEqual(new Set([...readActions, ...writeActions]));
      }

      if (!route.access.sendsMail) {
        expect(sesActions).toEqual([]);
      } else {
        const sesStatements = statements.filter((statement) =>
          asArray(statement.Action).some((action) => action.startsWith('ses:')),
        );
        expect(sesStatements).toHaveLength(1);
        expect(new Set(asArray(sesStatements[0]!.Action))).toEqual(
          new Set(['ses:SendEmail', 'ses:SendRawEmail']),
        );
        const identityArn = built.stateless.resolve(sesIdentityArn(built.stateless, testSettings));
        const setArn = built.stateless.resolve(configurationSetArn(built.stateless, testSettings));
        // The identity and the configuration set, nothing else: SES authorizes a send against both.
        const byText = (values: unknown[]) => values.map((value) => JSON.stringify(value)).sort();
        expect(byText(asArray(sesStatements[0]!.Resource))).toEqual(byText([identityArn, setArn]));
        expect(JSON.stringify(identityArn)).toContain(`:ses:${testSettings.region}:`);
        expect(JSON.stringify(identityArn)).toContain(`:identity/${testSettings.sesIdentity}`);
        expect(JSON.stringify(setArn)).toContain(`:configuration-set/${awsConfigurationSetName}`);
      }
    });
  }

  it('gives the method-not-allowed function nothing but its own log group', () => {
    const statements = statementsOfRole(logicalId(built.stateless.methodNotAllowedFunction.role!));
    expect(statements.flatMap((statement) => asArray(statement.Action)).sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
  });

  it('attaches no AWS managed policies to the function roles', () => {
    const functions = [
      ...built.stateless.routeFunctions.values(),
      built.stateless.methodNotAllowedFunction,
      built.stateless.outboxSender.function,
    ];
    for (const fn of functions) {
      const role = stateless.toJSON()['Resources'][logicalId(fn.role!)] as Resource;
      expect(role.Properties['ManagedPolicyArns']).toBeUndefined();
    }
  });
});

describe('stateless stack: HTTP API', () => {
  const resources = () => stateless.toJSON()['Resources'] as Record<string, Resource>;

  /** The function logical id a route's integration invokes. */
  function targetFunction(routeKey: string): string {
    const [, route] = Object.entries(resources()).find(
      ([, resource]) =>
        resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties['RouteKey'] === routeKey,
    ) ?? [undefined, undefined];
    expect(route, `route ${routeKey}`).toBeDefined();
    const target = route!.Properties['Target'] as { 'Fn::Join': [string, [string, { Ref: string }]] };
    const integration = resources()[target['Fn::Join'][1][1].Ref]!;
    expect(integration.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
    return (integration.Properties['IntegrationUri'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  }

  it('routes every route-table entry to its own function, the catch-all as API Gateway’s $default route', () => {
    for (const route of routes) {
      const fn = built.stateless.routeFunctions.get(route.id)!;
      expect(targetFunction(routeKeyOf(route))).toBe(logicalId(fn));
    }
    expect(targetFunction('$default')).toBe(logicalId(built.stateless.routeFunctions.get('not-found')!));
  });

  it('answers every other method of each path with the method-not-allowed function', () => {
    const paths = [...pathsWithMethods(routes).keys()];
    for (const path of paths) {
      expect(targetFunction(`ANY ${path}`)).toBe(logicalId(built.stateless.methodNotAllowedFunction));
    }
    stateless.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length + paths.length);
  });

  it('has no API Gateway authorizer: every handler authenticates (links, staff ID tokens) itself', () => {
    expect(Object.keys(resourcesOfType(stateless, 'AWS::ApiGatewayV2::Authorizer'))).toEqual([]);
    for (const route of Object.values(resourcesOfType(stateless, 'AWS::ApiGatewayV2::Route'))) {
      expect(route.Properties['AuthorizationType'] ?? 'NONE').toBe('NONE');
    }
  });

  it('gives every /staf function the staff identity settings, and only those', () => {
    for (const route of routes) {
      const fn = built.stateless.routeFunctions.get(route.id)!;
      const variables = Object.keys(
        (
          resourcesOfType(stateless, 'AWS::Lambda::Function')[logicalId(fn)]!.Properties['Environment'] as {
            Variables: Record<string, unknown>;
          }
        ).Variables,
      );
      const staffArea = route.path.startsWith('/staf');
      for (const name of ['STAFF_ISSUER', 'STAFF_CLIENT_ID', 'STAFF_API_CLIENT_ID', 'STAFF_SIGN_IN_URL']) {
        expect(variables.includes(name), `${route.id} ${name}`).toBe(staffArea);
      }
    }
  });

  it('signs staff in through a Cognito client with the code flow, back to /staf/inloggen/terug', () => {
    const clients = Object.values(resourcesOfType(stateless, 'AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    expect(clients[0]!.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email']),
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect(JSON.stringify(clients[0]!.Properties['CallbackURLs'])).toContain('/staf/inloggen/terug');
    stateful.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  it('lets only the export function write and sign exports, under exports/ of the exports bucket', () => {
    const exportFunction = built.stateless.routeFunctions.get('export')!;
    const policies = Object.entries(resourcesOfType(stateless, 'AWS::IAM::Policy'));
    const withS3 = policies.filter(([, policy]) =>
      JSON.stringify(policy.Properties).includes('s3:PutObject'),
    );
    const exportPolicies = withS3.filter(([id]) => id.startsWith('ExportFunctionRole'));
    expect(exportPolicies).toHaveLength(1);
    expect(JSON.stringify(exportPolicies[0]![1].Properties)).toContain('/exports/*');
    const fn = resourcesOfType(stateless, 'AWS::Lambda::Function')[logicalId(exportFunction)]!;
    expect(fn.Properties).toMatchObject({ Timeout: 29, MemorySize: 1024 });
    expect(
      Object.keys((fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables),
    ).toContain('EXPORT_BUCKET');
  });

  it('throttles the default stage and writes JSON access logs to a log group', () => {
    const stages = Object.values(resourcesOfType(stateless, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    expect(stages[0]!.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: defaultApiThrottle.rateLimit,
        ThrottlingBurstLimit: defaultApiThrottle.burstLimit,
      },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [expect.stringMatching(/^ApiAccessLogs/), 'Arn'] },
      },
    });
    const format = JSON.parse(
      (stages[0]!.Properties['AccessLogSettings'] as { Format: string }).Format,
    ) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(Object.values(format).join(' ')).not.toContain('querystring');
  });
});

describe('stateless stack: CloudFront', () => {
  const distributionConfig = () => {
    const [distribution] = Object.values(resourcesOfType(stateless, 'AWS::CloudFront::Distribution'));
    return distribution!.Properties['DistributionConfig'] as Record<string, unknown>;
  };

  it('reads the assets from the private bucket through Origin Access Control', () => {
    stateless.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    stateless.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      }),
    });
    stateless.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const origins = distributionConfig()['Origins'] as Record<string, unknown>[];
    const s3Origins = origins.filter((origin) => 'S3OriginConfig' in origin);
    expect(s3Origins).toHaveLength(1);
    expect(s3Origins[0]).toMatchObject({
      OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/S3OriginAccessControl/), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
  });

  it('serves /assets/* from S3 and everything else from the API without caching, compressed', () => {
    const config = distributionConfig();
    expect(config['CacheBehaviors']).toEqual([
      expect.objectContaining({ PathPattern: '/assets/*', ViewerProtocolPolicy: 'redirect-to-https' }),
    ]);
    expect(config['DefaultCacheBehavior']).toMatchObject({
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      ViewerProtocolPolicy: 'redirect-to-https',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      FunctionAssociations: [expect.objectContaining({ EventType: 'viewer-request' })],
      Compress: true,
    });
    // The pages' own policy: nothing kept (TTL 0, and every answer says no-store) but gzip and Brotli on,
    // which CloudFront only does under a cache policy that allows them.
    const policies = resourcesOfType(stateless, 'AWS::CloudFront::CachePolicy');
    const [policyId] = Object.keys(policies);
    expect((config['DefaultCacheBehavior'] as Record<string, unknown>)['CachePolicyId']).toEqual({
      Ref: policyId,
    });
    expect(policies[policyId!]!.Properties['CachePolicyConfig']).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: 1,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        CookiesConfig: { CookieBehavior: 'all' },
        QueryStringsConfig: { QueryStringBehavior: 'all' },
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization', 'Accept'] },
      },
    });
    const apiOrigin = (config['Origins'] as Record<string, unknown>[]).find(
      (origin) => 'CustomOriginConfig' in origin,
    );
    expect(apiOrigin).toMatchObject({
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
    expect(JSON.stringify(apiOrigin!['DomainName'])).toContain('.execute-api.');
  });

  it('copies the viewer Host into x-forwarded-host on viewer request', () => {
    stateless.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: Match.stringLikeRegexp(
        "request\\.headers\\['x-forwarded-host'\\] = \\{ value: host\\.value \\}",
      ),
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
  });

  it('answers unknown /assets/* addresses with a Dutch 404 from a viewer-request function on that behavior', () => {
    const functions = resourcesOfType(stateless, 'AWS::CloudFront::Function');
    const [logicalId, assetsFunction] = Object.entries(functions).find(([, fn]) =>
      String(fn.Properties['FunctionCode']).includes('Pagina niet gevonden'),
    )!;
    expect(assetsFunction.Properties['FunctionConfig']).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    const code = String(assetsFunction.Properties['FunctionCode']);
    for (const asset of staticAssets) expect(code).toContain(JSON.stringify(asset.urlPath));
    const [assetsBehavior] = distributionConfig()['CacheBehaviors'] as Record<string, unknown>[];
    expect(assetsBehavior).toMatchObject({
      PathPattern: '/assets/*',
      FunctionAssociations: [
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalId, 'FunctionARN'] } },
      ],
      ResponseHeadersPolicyId: { Ref: expect.stringMatching(/^SecurityHeaders/) },
    });
    // The pages' behavior keeps only its own function (x-forwarded-host), not this one.
    const pages = distributionConfig()['DefaultCacheBehavior'] as { FunctionAssociations: unknown[] };
    expect(JSON.stringify(pages.FunctionAssociations)).not.toContain(logicalId);
  });

  it('adds the security headers to every behavior', () => {
    stateless.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000, Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        }),
      }),
    });
    const config = distributionConfig();
    const behaviors = [config['DefaultCacheBehavior'], ...(config['CacheBehaviors'] as unknown[])] as Record<
      string,
      unknown
    >[];
    for (const behavior of behaviors) {
      expect(behavior['ResponseHeadersPolicyId']).toEqual({ Ref: expect.stringMatching(/^SecurityHeaders/) });
    }
  });

  it('writes access logs to the log bucket', () => {
    expect(distributionConfig()['Logging']).toMatchObject({ Prefix: 'cloudfront/' });
  });

  it('uploads every static asset under assets/ without pruning, hashed ones cached for a year', () => {
    const contentTypes = new Set(staticAssets.map((asset) => asset.contentType));
    const deployments = Object.values(resourcesOfType(stateless, 'Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(contentTypes.size);
    const sources = deployments.flatMap(
      (deployment) => deployment.Properties['SourceObjectKeys'] as unknown[],
    );
    expect(sources).toHaveLength(staticAssets.length);
    for (const deployment of deployments) {
      expect(deployment.Properties).toMatchObject({
        DestinationBucketKeyPrefix: 'assets/',
        Prune: false,
        DistributionPaths: ['/assets/*'],
      });
      expect(contentTypes).toContain(
        (deployment.Properties['SystemMetadata'] as Record<string, string>)['content-type'],
      );
    }
    // The one stylesheet carries its content hash in its name, so it never changes under that name.
    const stylesheet = deployments.find(
      (deployment) =>
        (deployment.Properties['SystemMetadata'] as Record<string, string>)['content-type'] ===
        'text/css; charset=utf-8',
    );
    expect(stylesheet!.Properties['SystemMetadata']).toMatchObject({
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });

  it('outputs the distribution URL and the API URL', () => {
    stateless.hasOutput('DistributionUrl', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }]] },
    });
    stateless.hasOutput('ApiUrl', Match.anyValue());
  });
});
