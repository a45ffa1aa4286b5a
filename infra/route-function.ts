import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { awsConfigurationSetName, configKeys } from '../functions/config.js';
import type { RouteAccess } from '../functions/http/routes.js';
import { tableIndexNames } from './stateful-stack.js';

/** Repository root: handler entries in the route table are relative to it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Lambda runtime of every function. cdk-nag's AwsSolutions-L1 demands the newest Node.js runtime that
 * aws-cdk-lib knows; the bundles target the same version.
 */
export const functionRuntime = Runtime.NODEJS_24_X;
const esbuildTarget = 'node24';

/** `POWERTOOLS_SERVICE_NAME` of every function; the function name tells them apart in the logs. */
export const serviceName = 'regietafel';

/**
 * ESM bundles have no `require`; CommonJS dependencies that esbuild inlines (parts of the AWS SDK,
 * nodemailer) still call it for Node built-ins. esbuild renames any user-level `require` binding, so the
 * shim cannot collide with application code.
 */
const esmRequireShim =
  "import { createRequire as __regietafelCreateRequire } from 'node:module';" +
  'const require = __regietafelCreateRequire(import.meta.url);';

export interface RouteFunctionProps {
  /** Handler module relative to the repository root (as in the route table); it exports `handler`. */
  readonly entry: string;
  /** Shown in the Lambda console; truncated to Lambda's 256-character limit. */
  readonly description?: string;
  /** @default 512 (arm64: CPU scales with memory, which shortens cold starts of the bundled SDK) */
  readonly memorySize?: number;
  /** @default 10 seconds (API Gateway HTTP APIs give up after 30) */
  readonly timeout?: Duration;
  /** X-Ray active tracing. @default false (needs `xray:Put*` on `*`, which cdk-nag asks to justify) */
  readonly tracing?: boolean;
  /** @default three months */
  readonly logRetention?: RetentionDays;
  /** Extra environment variables; the table and mail variables are set by {@link bindTable}/{@link bindMailer}. */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * What the function may touch, as the route table declares it: adapters it does not declare are left out
   * of its bundle (see {@link bundleDefines}). @default every adapter bundled
   */
  readonly access?: RouteAccess;
}

/**
 * The constants functions/http/dependencies.ts branches on: esbuild replaces them with the route's access,
 * so a route without table access bundles no DynamoDB client, one that sends no mail no SES client or
 * nodemailer, and only the export route bundles S3. Without an access nothing is replaced and every adapter is bundled (as when run from source).
 */
export function bundleDefines(access: RouteAccess | undefined): Record<string, string> {
  if (!access) return {};
  return {
    REGIETAFEL_BUNDLE_TABLE: String(access.table !== 'none'),
    REGIETAFEL_BUNDLE_SENDS_MAIL: String(access.sendsMail),
    REGIETAFEL_BUNDLE_EXPORT_FILES: String(access.exportFiles ?? false),
  };
}

/**
 * The one place that holds the defaults of every Lambda: runtime, arm64, local esbuild bundling to a
 * minified ESM file with a source map, an explicit log group with retention, and the common environment.
 * Grants go through {@link bindTable} and {@link bindMailer}, which set the matching variable in the same call.
 */
export class RouteFunction extends NodejsFunction {
  readonly logGroupRetention: RetentionDays;

  constructor(scope: Construct, id: string, props: RouteFunctionProps) {
    const logRetention = props.logRetention ?? RetentionDays.THREE_MONTHS;
    // Log group and role are siblings: `this` does not exist before super(), and both are needed up front.
    const logGroup = new LogGroup(scope, `${id}LogGroup`, { retention: logRetention });
    // An own role instead of AWSLambdaBasicExecutionRole (logs:* on every log group, cdk-nag IAM4): this
    // one may only write to the function's own log group. Table and mail grants are added by bindTable/bindMailer.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: path.join(repoRoot, props.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      description: props.description?.slice(0, 256),
      runtime: functionRuntime,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      role,
      ...(props.tracing && { tracing: Tracing.ACTIVE }),
      environment: {
        // No NODE_OPTIONS=--enable-source-maps: Node would read and parse the bundle's map (0.7 MB) at every
        // cold start, 7–17 ms (issue 14). A logged error's stack is mapped when it is logged instead
        // (functions/http/original-stack.ts), through the map the asset still carries.
        POWERTOOLS_SERVICE_NAME: serviceName,
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: esbuildTarget,
        mainFields: ['module', 'main'],
        banner: esmRequireShim,
        define: bundleDefines(props.access),
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // Stack traces map to file:line without shipping the sources: keeps the bundles small.
        sourcesContent: false,
        // Dutch text stays readable and smaller in the bundle. (aws-cdk-lib 2.276 declares a `charset` option
        // but never passes it to esbuild, hence the raw argument.)
        esbuildArgs: {
          '--charset': 'utf8',
          // On Lambda the credentials are in the environment: the rest of the SDK's default chain stays out.
          '--alias:@aws-sdk/credential-provider-node': './functions/adapters/lambda-credentials.ts',
          // DynamoDB and SES stream no events; a dynamic import of the event-stream code would otherwise put
          // some 150 SDK modules behind lazy initialisers (parsed twice at every cold start). S3 needs them.
          ...(props.access &&
            !props.access.exportFiles && {
              '--alias:@smithy/core/event-streams': './functions/adapters/no-event-streams.ts',
            }),
        },
        // Bundle the pinned SDK (package.json) instead of the runtime's: same version as the tests and the
        // local run, tree-shaken to the few clients we use, and no surprise when AWS updates the runtime.
        bundleAwsSDK: true,
        externalModules: [],
        logLevel: LogLevel.WARNING,
      },
    });
    this.logGroupRetention = logRetention;
  }
}

export type TableAccess = 'read' | 'readWrite';

/** DynamoDB actions of a read grant: no Scan (every access pattern is a key lookup or a Query). */
export const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
/** Extra actions of a readWrite grant (conditional writes; no transactions, see STACK.md). */
export const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/**
 * Grants the function access to the table and sets TABLE_NAME, in one call. Resources are the table and
 * each index by name (no `index/*` wildcard).
 */
export function bindTable(fn: LambdaFunction, table: ITableV2, access: TableAccess): void {
  const actions = access === 'read' ? [...tableReadActions] : [...tableReadActions, ...tableWriteActions];
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: access === 'read' ? 'TableRead' : 'TableReadWrite',
      actions,
      resources: [table.tableArn, ...tableIndexNames.map((index) => `${table.tableArn}/index/${index}`)],
    }),
  );
  fn.addEnvironment(configKeys.tableName, table.tableName);
}

export interface MailSettings {
  readonly sesIdentity: string;
  readonly mailFrom: string;
  readonly region: string;
}

/** `arn:<partition>:ses:<region>:<account>:identity/<identity>` of the configured SES identity. */
export function sesIdentityArn(scope: Construct, mail: MailSettings): string {
  return Stack.of(scope).formatArn({
    service: 'ses',
    region: mail.region,
    resource: 'identity',
    resourceName: mail.sesIdentity,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/** `arn:<partition>:ses:<region>:<account>:configuration-set/<name>` of the configuration set every send names. */
export function configurationSetArn(scope: Construct, mail: MailSettings): string {
  return Stack.of(scope).formatArn({
    service: 'ses',
    region: mail.region,
    resource: 'configuration-set',
    resourceName: awsConfigurationSetName,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/** SES actions a mail-sending function gets: v1 SendEmail for plain mails, SendRawEmail for attachments. */
export const sesSendActions = ['ses:SendEmail', 'ses:SendRawEmail'] as const;

/**
 * Allows the function to send mail through the configured SES identity and configuration set only (SES
 * authorizes a send against both), and sets MAIL_FROM and MAIL_CONFIGURATION_SET, in one call.
 */
export function bindMailer(fn: LambdaFunction, mail: MailSettings): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'SendMailFromIdentity',
      actions: [...sesSendActions],
      resources: [sesIdentityArn(fn, mail), configurationSetArn(fn, mail)],
    }),
  );
  fn.addEnvironment(configKeys.mailFrom, mail.mailFrom);
  fn.addEnvironment(configKeys.mailConfigurationSet, awsConfigurationSetName);
}

/**
 * Lets the export function write big exports under `exports/` of the bucket and sign GET links to them
 * (a pre-signed URL acts with the signer's permissions, so it needs s3:GetObject too), and sets
 * EXPORT_BUCKET, in one call.
 */
export function bindExports(fn: LambdaFunction, bucket: IBucket): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'ExportFiles',
      actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
      resources: [bucket.arnForObjects('exports/*')],
    }),
  );
  fn.addEnvironment(configKeys.exportBucket, bucket.bucketName);
}
