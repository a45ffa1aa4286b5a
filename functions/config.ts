import * as z from 'zod';

/**
 * Runtime configuration of every handler, parsed once at cold start. The CDK app sets these variables
 * (grant and variable in one call, see infra/route-function.ts); the local runtime sets them for the
 * emulators. A missing variable fails loudly at start, not halfway through a request.
 */
const configSchema = z.object({
  TABLE_NAME: z.string().min(1, 'TABLE_NAME ontbreekt: de naam van de DynamoDB-tabel'),
  MAIL_FROM: z.string().min(3, 'MAIL_FROM ontbreekt: het afzenderadres (geverifieerde SES-identiteit)'),
  /** Base URL for links in emails sent outside a request (jobs); requests use their own origin. */
  PUBLIC_BASE_URL: z.url().optional(),
});

export type Config = z.infer<typeof configSchema>;

let cached: Config | undefined;

/** Reads and validates the environment once; later calls return the same object. */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Ongeldige configuratie:\n${problems.join('\n')}`);
  }
  if (env === process.env) cached = parsed.data;
  return parsed.data;
}

/** Names of the variables, so the CDK app and the local runtime cannot misspell them. */
export const configKeys = {
  tableName: 'TABLE_NAME',
  mailFrom: 'MAIL_FROM',
  publicBaseUrl: 'PUBLIC_BASE_URL',
} as const;
