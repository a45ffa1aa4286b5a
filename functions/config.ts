import * as z from 'zod/mini';
import { zodDefaults } from '../forms/zod-defaults.js';

/**
 * Runtime configuration, read once per variable and validated where it is first needed: a handler that
 * never sends mail does not need (and on AWS does not get) MAIL_FROM. The CDK app sets each variable in
 * the same call that grants the matching permission (infra/route-function.ts); the local runtime sets
 * them for the emulators. A missing variable fails with a message naming it. Each variable's schema is
 * built on its first read: building all fifteen was part of every cold start's import (issue 14).
 */
const settings = {
  TABLE_NAME: () =>
    z.string({ error: 'TABLE_NAME ontbreekt: de naam van de DynamoDB-tabel' }).check(z.minLength(1)),
  MAIL_FROM: () =>
    z
      .string({ error: 'MAIL_FROM ontbreekt: het afzenderadres (geverifieerde SES-identiteit)' })
      .check(z.minLength(3)),
  /**
   * The SES configuration set every send names (bounce/complaint/delivery events, suppression). Set by
   * the CDK app next to MAIL_FROM; locally the pipeline sets one (the emulator accepts and ignores it).
   */
  MAIL_CONFIGURATION_SET: () =>
    z
      .string({ error: 'MAIL_CONFIGURATION_SET ontbreekt: de SES-configuratieset voor elke verzending' })
      .check(z.minLength(1)),
  /** Base URL for links in emails sent outside a request (jobs); requests use their own origin. */
  PUBLIC_BASE_URL: () =>
    z.optional(z.url('PUBLIC_BASE_URL moet een volledige URL zijn, zoals https://formulieren.example.nl')),
  /** Staff sign-in: the issuer of staff ID tokens (Cognito user pool URL; locally the local issuer). */
  STAFF_ISSUER: () =>
    z.string({ error: 'STAFF_ISSUER ontbreekt: de uitgever van de staf-tokens' }).check(z.minLength(1)),
  /** The app client the staff tokens are for (their `aud`). */
  STAFF_CLIENT_ID: () =>
    z.string({ error: 'STAFF_CLIENT_ID ontbreekt: de app-client van de staf' }).check(z.minLength(1)),
  /** A second app client whose ID tokens are accepted too (scripts signing in with SRP on AWS). */
  STAFF_API_CLIENT_ID: () => z.optional(z.string().check(z.minLength(1))),
  /** The issuer's public keys (default: `<STAFF_ISSUER>/.well-known/jwks.json`, as Cognito publishes them). */
  STAFF_JWKS_URL: () => z.optional(z.url('STAFF_JWKS_URL moet een volledige URL zijn')),
  /** Base of the sign-in pages (`/oauth2/authorize`, `/oauth2/token`, `/logout`): Cognito's hosted UI. */
  STAFF_SIGN_IN_URL: () =>
    z.url({
      error: 'STAFF_SIGN_IN_URL ontbreekt: de aanmeldpagina van de staf (Cognito-domein)',
    }),
  /**
   * The retention periods of the daily job as JSON (`{"draftDays":30,…}`, see core/retention.ts); the CDK
   * app sets it from the deploy setting `retention`. Absent: the documented defaults.
   */
  RETENTION: () => z.optional(z.string().check(z.minLength(2))),
  /** S3 bucket for exports too big to answer directly (AWS). */
  EXPORT_BUCKET: () => z.optional(z.string().check(z.minLength(3))),
  /** Folder for those exports on the local run (instead of EXPORT_BUCKET). */
  EXPORT_DIR: () => z.optional(z.string().check(z.minLength(1))),
  /** Signs the local run's download links (the local stand-in for S3's pre-signed URLs). */
  EXPORT_LINK_SECRET: () => z.optional(z.string().check(z.minLength(16))),
  /** Exports up to this many bytes are answered directly; bigger ones become a signed link. */
  EXPORT_INLINE_BYTES: () =>
    z.optional(
      z.coerce.number('EXPORT_INLINE_BYTES moet een aantal bytes zijn').check(z.int(), z.positive()),
    ),
} as const;

export type SettingName = keyof typeof settings;
export type Config = { [K in SettingName]: z.infer<ReturnType<(typeof settings)[K]>> };

const built = new Map<SettingName, z.ZodMiniType>();

/** Reads and validates one setting from the environment. */
export function setting<K extends SettingName>(name: K, env: NodeJS.ProcessEnv = process.env): Config[K] {
  let schema = built.get(name);
  if (!schema) {
    zodDefaults();
    schema = settings[name]();
    built.set(name, schema);
  }
  const parsed = schema.safeParse(env[name] === '' ? undefined : env[name]);
  if (!parsed.success) {
    throw new Error(
      `Ongeldige configuratie:\n${name}: ${parsed.error.issues.map((issue) => issue.message).join(', ')}`,
    );
  }
  return parsed.data as Config[K];
}

/** Reads and validates every setting at once (the local runtime, and tests). */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const values: Partial<Record<SettingName, unknown>> = {};
  for (const name of Object.keys(settings) as SettingName[]) {
    try {
      values[name] = setting(name, env);
    } catch (error) {
      problems.push((error as Error).message.replace('Ongeldige configuratie:\n', ''));
    }
  }
  if (problems.length > 0) throw new Error(`Ongeldige configuratie:\n${problems.join('\n')}`);
  return values as Config;
}

/** The SES configuration set the CDK app creates; the admin CLI names it with `--aws`. */
export const awsConfigurationSetName = 'regietafel';
/** The configuration set the local run names on every send (aws-ses-v2-local accepts and ignores it). */
export const localConfigurationSet = 'regietafel-lokaal';

/** Names of the variables, so the CDK app and the local runtime cannot misspell them. */
export const configKeys = {
  tableName: 'TABLE_NAME',
  mailFrom: 'MAIL_FROM',
  mailConfigurationSet: 'MAIL_CONFIGURATION_SET',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  staffIssuer: 'STAFF_ISSUER',
  staffClientId: 'STAFF_CLIENT_ID',
  staffApiClientId: 'STAFF_API_CLIENT_ID',
  staffJwksUrl: 'STAFF_JWKS_URL',
  staffSignInUrl: 'STAFF_SIGN_IN_URL',
  retention: 'RETENTION',
  exportBucket: 'EXPORT_BUCKET',
  exportDir: 'EXPORT_DIR',
  exportLinkSecret: 'EXPORT_LINK_SECRET',
  exportInlineBytes: 'EXPORT_INLINE_BYTES',
} as const satisfies Record<string, SettingName>;
