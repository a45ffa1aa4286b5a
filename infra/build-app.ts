import { App, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { awsConfigurationSetName } from '../functions/config.js';
import type { RouteDefinition } from '../functions/http/routes.js';
import { readSettings, type Settings } from './settings.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

export const statefulStackName = 'Regietafel-Stateful';
export const statelessStackName = 'Regietafel-Stateless';

export interface BuildAppOptions {
  /**
   * Extra CDK context. Tests pass `{ 'aws:cdk:bundling-stacks': [] }` to skip esbuild, plus the settings.
   * Under the CDK CLI the context of cdk.json and `-c` arrives through the environment and is merged in.
   */
  readonly context?: Record<string, unknown>;
  /** Environment the settings are read from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Cloud assembly directory. @default the CLI's, or a temporary directory */
  readonly outdir?: string;
  /** Route table. @default functions/http/routes.ts */
  readonly routes?: readonly RouteDefinition[];
  /** Run the cdk-nag AwsSolutions checks on synth. @default true */
  readonly nag?: boolean;
}

export interface BuiltApp {
  readonly app: App;
  readonly settings: Settings;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/** Builds the whole CDK app; used by infra/app.ts and by the tests. Throws SettingsError on bad settings. */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const app = new App({
    ...(options.context && { context: options.context }),
    ...(options.outdir && { outdir: options.outdir }),
  });
  const settings = readSettings(app.node, options.env ?? process.env);
  const env: Environment = {
    region: settings.region,
    ...(settings.account && { account: settings.account }),
  };
  const tags = { project: 'regietafel' };

  const stateful = new StatefulStack(app, statefulStackName, {
    env,
    tags,
    description:
      'Regietafel: data (DynamoDB table, buckets, staff user pool, SES identity). Never replaced by a code deploy.',
    terminationProtection: true,
    mail: { settings, configurationSetName: awsConfigurationSetName },
  });
  const stateless = new StatelessStack(app, statelessStackName, {
    env,
    tags,
    description:
      'Regietafel: functions, HTTP API, CloudFront and static assets. Safe to redeploy at any time.',
    table: stateful.table,
    formsBucket: stateful.formsBucket,
    logBucket: stateful.logBucket,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    signInUrl: stateful.userPoolDomain.baseUrl(),
    exportsBucket: stateful.exportsBucket,
    configurationSet: stateful.mail.configurationSet,
    settings,
    ...(options.routes && { routes: options.routes }),
  });

  if (options.nag ?? true) {
    // cdk-nag 3 is a policy-validation plugin: unacknowledged findings fail `cdk synth`. Acknowledged ones are
    // copied into each resource's Metadata (cdk_nag.rules_to_suppress) so the reasons travel with the template.
    Validations.of(app).addPlugins(
      new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
    );
  }
  return { app, settings, stateful, stateless };
}
