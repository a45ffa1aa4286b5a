import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbClient, dynamoStore } from '../adapters/dynamo-store.js';
import { removeOldExports } from '../adapters/local-export-files.js';
import { ensureTable } from '../adapters/table-definition.js';
import { configKeys, localConfigurationSet } from '../config.js';
import type { Registry } from '../core/model.js';
import type { Store } from '../core/ports.js';
import { allContacts } from '../core/registry/secretariat.js';
import { listen, type RunningServer, startDynamoDb, startSes } from './emulators.js';
import { localIdentityBase, type StaffRoleChoice } from './local-identity.js';
import { createLocalServer } from './local-server.js';
import { loadStaffIssuer, type StaffIssuer } from './staff-issuer.js';

export interface PipelineOptions {
  /** HTTP port of the forms and routes (0: any free port). */
  readonly port: number;
  readonly dynamoPort: number;
  readonly sesPort: number;
  /** Where dynalite keeps its data; undefined keeps it in memory (tests). */
  readonly dataDir?: string;
  /** Where the local staff issuer keeps its key pair; undefined: a new one in memory (tests). */
  readonly staffIssuerFile?: string;
  /** Where exports too big to answer directly are written (the local S3); default: a temporary folder. */
  readonly exportDir?: string;
  /** Exports up to this many bytes are answered directly (default 4 MB; tests set it low). */
  readonly exportInlineBytes?: number;
  readonly tableName?: string;
  readonly mailFrom?: string;
  readonly host?: string;
}

export interface RunningPipeline {
  readonly baseUrl: string;
  readonly dynamo: RunningServer;
  readonly ses: RunningServer;
  readonly http: RunningServer;
  readonly tableName: string;
  readonly store: Store;
  readonly dynamoClient: DynamoDBClient;
  /** Where the local run keeps exports that were too big to answer directly. */
  readonly exportDir: string;
  /** Mints and validates staff tokens locally (the Cognito stand-in). */
  readonly staffIssuer: StaffIssuer;
  stop(): Promise<void>;
}

/**
 * Starts the whole pipeline in this process: the emulators, the table, and the HTTP server that mounts
 * the route table. `npm start` and the integration and browser tests all use this one function.
 */
export async function startPipeline(options: PipelineOptions): Promise<RunningPipeline> {
  const tableName = options.tableName ?? 'regietafel';
  const started: RunningServer[] = [];
  try {
    const dynamo = await startDynamoDb({ port: options.dynamoPort, path: options.dataDir });
    started.push(dynamo);
    const ses = await startSes({ port: options.sesPort });
    started.push(ses);

    // The handlers read these, exactly as on AWS (where the CDK app sets them).
    process.env.AWS_REGION ??= 'eu-central-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.url;
    process.env.AWS_ENDPOINT_URL_SES = ses.url;
    process.env[configKeys.tableName] = tableName;
    process.env[configKeys.mailFrom] =
      options.mailFrom ?? 'Regietafel Vluchtelingen <noreply@regietafel.example>';
    process.env[configKeys.mailConfigurationSet] = localConfigurationSet;

    const dynamoClient = dynamoDbClient({ endpoint: dynamo.url });
    await ensureTable(dynamoClient, tableName);
    const staffIssuer = await loadStaffIssuer(options.staffIssuerFile);
    const store = dynamoStore(tableName, dynamoClient);
    const exportDir = options.exportDir ?? (await mkdtemp(path.join(tmpdir(), 'regietafel-exports-')));
    await removeOldExports(exportDir, new Date());
    const exportSecret = randomBytes(32).toString('hex');
    const http = await listen(
      createLocalServer({
        identity: {
          issuer: staffIssuer,
          roles: async () => staffRoleChoices(await store.getRegistry()),
          contacts: async () => allContacts(await store.getRegistry()),
          exports: { directory: exportDir, secret: exportSecret },
        },
        startPage: {
          store,
          clock: { now: () => new Date() },
          ids: { newId: () => randomUUID() },
          mailboxUrl: ses.url.replace('127.0.0.1', 'localhost'),
        },
      }),
      options.port,
      options.host ?? '127.0.0.1',
      'formulieren',
      'PORT',
    );
    started.push(http);
    const baseUrl = http.url;
    process.env[configKeys.publicBaseUrl] = baseUrl;
    // Staff sign-in and exports against the local stand-ins of Cognito and S3 (local-identity.ts).
    process.env[configKeys.staffIssuer] = staffIssuer.issuer;
    process.env[configKeys.staffClientId] = staffIssuer.audience;
    process.env[configKeys.staffJwksUrl] = `${baseUrl}${localIdentityBase}/.well-known/jwks.json`;
    process.env[configKeys.staffSignInUrl] = `${baseUrl}${localIdentityBase}`;
    process.env[configKeys.exportDir] = exportDir;
    process.env[configKeys.exportLinkSecret] = exportSecret;
    if (options.exportInlineBytes)
      process.env[configKeys.exportInlineBytes] = String(options.exportInlineBytes);
    else delete process.env[configKeys.exportInlineBytes];
    return {
      baseUrl,
      dynamo,
      ses,
      http,
      tableName,
      dynamoClient,
      staffIssuer,
      store,
      exportDir,
      stop: async () => {
        dynamoClient.destroy();
        for (const server of started.reverse()) await server.close();
      },
    };
  } catch (error) {
    for (const server of started.reverse()) await server.close();
    throw error;
  }
}

/** The roles the local sign-in page offers: every regietafel and province of the registry. */
export function staffRoleChoices(registry: Registry): StaffRoleChoice[] {
  return [
    ...registry.provinces.map((province) => ({
      role: `provincie:${province.id}`,
      label: `Provincie ${province.name}`,
    })),
    ...registry.regions.map((region) => ({ role: `regietafel:${region.id}`, label: region.boardName })),
  ];
}
