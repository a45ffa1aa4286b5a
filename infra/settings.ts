import * as z from 'zod';
import { defaultRetention, parseRetention, type RetentionPolicy } from '../functions/core/retention.js';

/**
 * Deploy-time settings of the CDK app, read once from CDK context or the environment.
 *
 * Lookup order per setting (first non-empty value wins):
 *   1. CDK context: `-c key=value` on the command line, cdk.context.json or the `context` block of cdk.json;
 *   2. the environment variable(s) listed in {@link settingSources}, in that order;
 *   3. the example defaults in cdk.json under {@link exampleDefaultsContextKey} (sesIdentity, mailFrom and
 *      alarmEmail).
 *      They exist so that `npm run synth` works on a fresh clone without an AWS account. They name
 *      `regietafel.example.nl`, a domain nobody can verify in SES: a real deploy must override them
 *      (`-c sesIdentity=… -c mailFrom=…` or the environment variables). infra/app.ts prints a warning
 *      whenever an example default is used.
 *
 * The region is not an example: cdk.json sets `"region": "eu-central-1"` for the project (EU data
 * residency). Were it left to the environment, the CDK CLI would fill CDK_DEFAULT_REGION with its
 * `us-east-1` fallback on any machine without an AWS profile and silently move the stacks to the US.
 * Deploying elsewhere is `-c region=…`; the environment variables only count when cdk.json has no region.
 */

/** Where each setting can come from; the error messages name both the context key and the variables. */
export const settingSources = {
  sesIdentity: { contextKey: 'sesIdentity', envVars: ['REGIETAFEL_SES_IDENTITY'] },
  mailFrom: { contextKey: 'mailFrom', envVars: ['REGIETAFEL_MAIL_FROM'] },
  region: { contextKey: 'region', envVars: ['AWS_REGION', 'CDK_DEFAULT_REGION'] },
  account: { contextKey: 'account', envVars: ['CDK_DEFAULT_ACCOUNT'] },
  publicBaseUrl: { contextKey: 'publicBaseUrl', envVars: ['REGIETAFEL_PUBLIC_BASE_URL'] },
  mailFromDomain: { contextKey: 'mailFromDomain', envVars: ['REGIETAFEL_MAIL_FROM_DOMAIN'] },
  alarmEmail: { contextKey: 'alarmEmail', envVars: ['REGIETAFEL_ALARM_EMAIL'] },
  retention: { contextKey: 'retention', envVars: ['REGIETAFEL_RETENTION'] },
} as const;

export type SettingName = keyof typeof settingSources;

/** The cdk.json context key holding the example defaults (an object keyed by setting name). */
export const exampleDefaultsContextKey = 'regietafel:exampleDefaults';

export interface Settings {
  /** Verified SES identity: a domain (`regietafel.nl`) or a single email address. */
  readonly sesIdentity: string;
  readonly sesIdentityKind: 'domain' | 'email';
  /** Sender address; belongs to {@link sesIdentity}. Handlers read it as MAIL_FROM. */
  readonly mailFrom: string;
  /** Region of both stacks and of the SES identity. */
  readonly region: string;
  /** Account id; undefined keeps the stacks account-agnostic (the CLI fills it in on deploy). */
  readonly account?: string;
  /** Base URL for links in emails sent outside a request (PUBLIC_BASE_URL); optional. */
  readonly publicBaseUrl?: string;
  /**
   * Custom MAIL FROM (envelope sender, bounce) domain of a domain identity: a subdomain of it, so SPF aligns
   * for DMARC. @default `bounce.<sesIdentity>`; none for an email-address identity.
   */
  readonly mailFromDomain?: string;
  /** Where the CloudWatch alarms go: an email address subscribed to the alarm topic (SNS). */
  readonly alarmEmail: string;
  /** Retention periods of the daily job (README *Retention*): the documented defaults, overridden per key. */
  readonly retention: RetentionPolicy;
  /** The settings whose value came from the example defaults in cdk.json (not fit for a real deploy). */
  readonly exampleDefaultsUsed: readonly SettingName[];
}

/** Thrown when a setting is missing or invalid; the message lists every problem at once. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid regietafel deploy settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Anything that can answer CDK context lookups: an App, a construct's `node`, or a plain test stub. */
export interface ContextSource {
  tryGetContext(key: string): unknown;
}

type Source = 'context' | 'env' | 'example';

interface RawValue {
  readonly value: string;
  readonly source: Source;
  /** Human-readable origin for error messages, e.g. `env REGIETAFEL_MAIL_FROM`. */
  readonly origin: string;
}

const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const regionPattern = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

const fieldSchemas = {
  sesIdentity: z.union(
    [z.email(), z.string().regex(domainPattern)],
    'must be a domain (regietafel.nl) or an email address',
  ),
  mailFrom: z.email('must be a plain email address such as noreply@regietafel.nl'),
  region: z.string().regex(regionPattern, 'must be an AWS region such as eu-central-1'),
  account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
  publicBaseUrl: z
    .url({ protocol: /^https$/, error: 'must be an https:// URL' })
    .refine((url) => !url.endsWith('/'), 'must not end with a slash'),
  mailFromDomain: z.string().regex(domainPattern, 'must be a domain such as bounce.regietafel.nl'),
  alarmEmail: z.email('must be a plain email address such as beheer@regietafel.nl'),
  retention: z.string().refine(
    (json) => {
      try {
        parseRetention(json);
        return true;
      } catch {
        return false;
      }
    },
    `must be JSON with whole numbers of days for ${Object.keys(defaultRetention).join(', ')}, e.g. {"draftDays":14}`,
  ),
} satisfies Record<SettingName, z.ZodType<string>>;

const hints: Record<SettingName, string> = {
  sesIdentity: '<verified SES domain or email address>',
  mailFrom: '<sender address of that identity>',
  region: '<aws region>',
  account: '<12-digit account id>',
  publicBaseUrl: 'https://<host>',
  mailFromDomain: '<subdomain of the identity, e.g. bounce.regietafel.nl>',
  alarmEmail: '<address that receives the alarms>',
  retention: '{"draftDays":30,…}',
};

/** How to set a setting, for error messages: names the context key and every environment variable. */
export function howToSet(name: SettingName): string {
  const { contextKey, envVars } = settingSources[name];
  const vars = envVars.join(' or ');
  return `set it with \`-c ${contextKey}=${hints[name]}\` (CDK context key "${contextKey}") or the environment variable ${vars}`;
}

function nonEmptyString(value: unknown): string | undefined {
  // An object in cdk.json (the retention periods) is read as its JSON.
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function lookup(
  name: SettingName,
  context: ContextSource,
  env: NodeJS.ProcessEnv,
  examples: Record<string, unknown>,
): RawValue | undefined {
  const { contextKey, envVars } = settingSources[name];
  const fromContext = nonEmptyString(context.tryGetContext(contextKey));
  if (fromContext !== undefined)
    return { value: fromContext, source: 'context', origin: `context ${contextKey}` };
  for (const envVar of envVars) {
    const fromEnv = nonEmptyString(env[envVar]);
    if (fromEnv !== undefined) return { value: fromEnv, source: 'env', origin: `env ${envVar}` };
  }
  const fromExample = nonEmptyString(examples[name]);
  if (fromExample !== undefined) {
    return {
      value: fromExample,
      source: 'example',
      origin: `example default in cdk.json "${exampleDefaultsContextKey}"`,
    };
  }
  return undefined;
}

/**
 * Reads and validates the settings. Throws a {@link SettingsError} naming the context key and the
 * environment variable(s) of every missing or invalid setting.
 */
export function readSettings(context: ContextSource, env: NodeJS.ProcessEnv = process.env): Settings {
  const rawExamples = context.tryGetContext(exampleDefaultsContextKey);
  const examples =
    rawExamples !== null && typeof rawExamples === 'object' ? (rawExamples as Record<string, unknown>) : {};

  const problems: string[] = [];
  const raw = {} as Record<SettingName, RawValue | undefined>;
  const valid = {} as Record<SettingName, string | undefined>;
  const required: readonly SettingName[] = ['sesIdentity', 'mailFrom', 'region', 'alarmEmail'];

  for (const name of Object.keys(settingSources) as SettingName[]) {
    const found = lookup(name, context, env, examples);
    raw[name] = found;
    if (found === undefined) {
      if (required.includes(name)) problems.push(`${name} is missing: ${howToSet(name)}.`);
      continue;
    }
    const parsed = fieldSchemas[name].safeParse(found.value);
    if (parsed.success) {
      valid[name] = parsed.data;
    } else {
      const reason = parsed.error.issues.map((issue) => issue.message).join('; ');
      problems.push(`${name} "${found.value}" (from ${found.origin}) ${reason}: ${howToSet(name)}.`);
    }
  }

  const sesIdentity = valid.sesIdentity;
  const mailFrom = valid.mailFrom;
  const sesIdentityKind = sesIdentity?.includes('@') ? 'email' : 'domain';
  if (sesIdentity !== undefined && mailFrom !== undefined && !belongsTo(mailFrom, sesIdentity)) {
    const expected =
      sesIdentityKind === 'email'
        ? `the identity is the single address ${sesIdentity}, so mailFrom must be exactly that address`
        : `mailFrom must be an address @${sesIdentity}`;
    problems.push(
      `mailFrom "${mailFrom}" (from ${raw.mailFrom?.origin}) does not belong to sesIdentity "${sesIdentity}" ` +
        `(from ${raw.sesIdentity?.origin}): ${expected}. SES only sends from a verified identity; ${howToSet('mailFrom')}.`,
    );
  }

  const mailFromDomain =
    valid.mailFromDomain ??
    (sesIdentity && sesIdentityKind === 'domain' ? `bounce.${sesIdentity}` : undefined);
  if (valid.mailFromDomain !== undefined && sesIdentity !== undefined) {
    const domain = sesIdentityKind === 'domain' ? sesIdentity : undefined;
    if (!domain || !valid.mailFromDomain.toLowerCase().endsWith(`.${domain.toLowerCase()}`)) {
      problems.push(
        `mailFromDomain "${valid.mailFromDomain}" (from ${raw.mailFromDomain?.origin}) must be a subdomain of the domain identity ` +
          `"${sesIdentity}" (from ${raw.sesIdentity?.origin}), so that SPF aligns for DMARC: ${howToSet('mailFromDomain')}.`,
      );
    }
  }

  if (
    problems.length > 0 ||
    sesIdentity === undefined ||
    mailFrom === undefined ||
    valid.region === undefined ||
    valid.alarmEmail === undefined
  ) {
    throw new SettingsError(problems);
  }

  const exampleDefaultsUsed = (Object.keys(raw) as SettingName[]).filter(
    (name) => raw[name]?.source === 'example',
  );
  return {
    sesIdentity,
    sesIdentityKind,
    mailFrom,
    region: valid.region,
    ...(valid.account !== undefined && { account: valid.account }),
    ...(valid.publicBaseUrl !== undefined && { publicBaseUrl: valid.publicBaseUrl }),
    ...(mailFromDomain !== undefined && { mailFromDomain }),
    alarmEmail: valid.alarmEmail,
    retention: parseRetention(valid.retention),
    exampleDefaultsUsed,
  };
}

/** Whether the sender address may be used with the identity (same address, or an address of the domain). */
function belongsTo(mailFrom: string, identity: string): boolean {
  const from = mailFrom.toLowerCase();
  const id = identity.toLowerCase();
  if (id.includes('@')) return from === id;
  return from.slice(from.lastIndexOf('@') + 1) === id;
}
