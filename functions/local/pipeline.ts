import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoStore } from '../adapters/dynamo-store.js';
import { ensureTable } from '../adapters/table-definition.js';
import { configKeys } from '../config.js';
import { listen, type RunningServer, startDynamoDb, startSes } from './emulators.js';
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
  readonly store: DynamoStore;
  readonly dynamoClient: DynamoDBClient;
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

    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.url });
    await ensureTable(dynamoClient, tableName);
    const staffIssuer = await loadStaffIssuer(options.staffIssuerFile);
    const http = await listen(
      createLocalServer({ staffIssuer }),
      options.port,
      options.host ?? '127.0.0.1',
      'formulieren',
      'PORT',
    );
    started.push(http);
    const baseUrl = http.url;
    process.env[configKeys.publicBaseUrl] = baseUrl;
    return {
      baseUrl,
      dynamo,
      ses,
      http,
      tableName,
      dynamoClient,
      staffIssuer,
      store: new DynamoStore(tableName, dynamoClient),
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
