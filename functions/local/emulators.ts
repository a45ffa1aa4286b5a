import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/**
 * The embedded emulators: dynalite (DynamoDB on LevelDB, on disk when given a path) and
 * aws-ses-v2-local (SES; `GET /store` lists sent mail, `/` is its web mailbox). Real SDK clients reach them
 * through AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_SES.
 */

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
    readonly setting: string,
  ) {
    super(
      `Poort ${port} (${what}) is al in gebruik. Stop het andere programma of kies een andere poort, bijvoorbeeld: ${setting}=${port + 10} npm start`,
    );
  }
}

export function listen(
  server: Server,
  port: number,
  host: string,
  what: string,
  setting: string,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, what, setting) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const actual = (server.address() as AddressInfo).port;
      resolve({ url: `http://${host}:${actual}`, port: actual, close: () => closeServer(server) });
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/** Starts dynalite; with `path` its data stays on disk across restarts, without it lives in memory. */
export function startDynamoDb(options: {
  port: number;
  path?: string;
  host?: string;
}): Promise<RunningServer> {
  if (options.path) mkdirSync(options.path, { recursive: true });
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  return listen(server, options.port, options.host ?? '127.0.0.1', 'DynamoDB-emulator', 'DYNAMODB_PORT');
}

type SesServerFactory = (config: { host: string; port: number }) => Promise<Server>;

/**
 * Starts aws-ses-v2-local in-process. Loaded through require (its CommonJS default export behaves
 * differently under tsx and vitest otherwise). Its mailbox lives in memory: every mail is also in the
 * outbox in DynamoDB, which is kept.
 */
export async function startSes(options: { port: number; host?: string }): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const factory = (createRequire(import.meta.url)('aws-ses-v2-local') as { default: SesServerFactory })
    .default;
  // It listens itself and cannot report a busy port; probe first so a taken port gets a clear message.
  const probe = await listen(
    (await import('node:http')).createServer(),
    options.port,
    host,
    'e-mail-emulator',
    'SES_PORT',
  );
  const port = probe.port;
  await probe.close();
  const server = await factory({ host, port });
  return { url: `http://${host}:${port}`, port, close: () => closeServer(server) };
}
