import { userInfo } from 'node:os';
import { dynamoDbClient, dynamoStore } from '../adapters/dynamo-store.js';
import { SesMailer, sesClient } from '../adapters/ses-mailer.js';
import { awsConfigurationSetName, localConfigurationSet } from '../config.js';
import { parseAmsterdamTime } from '../core/dutch-time.js';
import { ValidationFailed } from '../core/errors.js';
import { type Principal, systemPrincipal } from '../core/policy.js';
import type { Clock, Ids, Mailer, Store } from '../core/ports.js';
import { randomIds, systemClock } from '../http/dependencies.js';

/**
 * What every `npm run admin` command gets: its options, where to print, and the store and mailer of the
 * target (the local run by default, with `--aws` a deployed stack).
 */

export type Values = Record<string, string | boolean | undefined>;

export interface CommandContext {
  /** The command as typed (one function may serve several, such as close-round and reopen-round). */
  readonly command: string;
  readonly values: Values;
  readonly print: (line: string) => void;
  readonly deps: { store: Store; mailer: Mailer; clock: Clock; ids: Ids };
  readonly store: Store;
  readonly baseUrl: string;
  readonly aws: boolean;
  readonly tableName: string;
  /** The option's value, or a UsageError naming it (with the usage text). */
  readonly required: (name: string) => string;
  /** Who the audit trail names: `admin:<user>`. */
  readonly actor: () => string;
  /** The CLI acts for every province of the registry (whoever has the credentials to run it). */
  readonly admin: (registry: Parameters<typeof systemPrincipal>[0]) => Principal;
}

export type Command = (ctx: CommandContext) => Promise<void>;

/** A mistake in the command line: printed as is (Dutch), without a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `2026-12-18T17:00` (Dutch time) or a full ISO timestamp → ISO in UTC. */
export function amsterdamTime(value: string): string {
  const parsed = parseAmsterdamTime(value);
  if (!parsed)
    throw new UsageError(`‘${value}’ is geen datum of tijd; gebruik bijvoorbeeld 2026-12-18T17:00.`);
  return parsed;
}

/** A use case's field errors, printed as the Dutch sentences they are. */
export async function fieldErrorsAsUsage<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ValidationFailed)
      throw new UsageError(error.fieldErrors.map((fieldError) => fieldError.message).join('\n'));
    throw error;
  }
}

/** The context of one command: the target's clients from the options and environment. */
export function commandContext(
  command: string,
  values: Values,
  print: (line: string) => void,
  usage: string,
): CommandContext {
  const { aws, baseUrl, tableName, deps } = target(values);
  const actor = () => `admin:${process.env.USER ?? userInfo().username}`;
  return {
    command,
    values,
    print,
    deps,
    store: deps.store,
    baseUrl,
    aws,
    tableName,
    required: (name) => {
      const value = values[name];
      if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} ontbreekt.\n\n${usage}`);
      return value;
    },
    actor,
    admin: (registry) => systemPrincipal(registry, actor()),
  };
}

function target(values: Values) {
  const aws = values.aws === true;
  if (!aws) {
    process.env.AWS_REGION ??= 'eu-central-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  }
  const tableName = String(values.table ?? process.env.TABLE_NAME ?? (aws ? '' : 'regietafel'));
  const mailFrom = String(
    values['mail-from'] ??
      process.env.MAIL_FROM ??
      (aws ? '' : 'Regietafel Vluchtelingen <noreply@regietafel.example>'),
  );
  const baseUrl = String(
    values['base-url'] ??
      process.env.PUBLIC_BASE_URL ??
      (aws ? '' : `http://localhost:${process.env.PORT ?? 3000}`),
  );
  if (aws && (!tableName || !mailFrom || !baseUrl)) {
    throw new UsageError(
      'Met --aws zijn TABLE_NAME, MAIL_FROM en PUBLIC_BASE_URL nodig (of --table, --mail-from, --base-url).',
    );
  }
  const dynamo = dynamoDbClient(
    aws ? {} : { endpoint: `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}` },
  );
  const ses = sesClient(aws ? {} : { endpoint: `http://localhost:${process.env.SES_PORT ?? 8005}` });
  return {
    aws,
    baseUrl,
    tableName,
    deps: {
      store: dynamoStore(tableName, dynamo),
      mailer: new SesMailer(mailFrom, ses, {
        configurationSet:
          process.env.MAIL_CONFIGURATION_SET ?? (aws ? awsConfigurationSetName : localConfigurationSet),
      }),
      clock: systemClock,
      ids: randomIds,
    },
  };
}
