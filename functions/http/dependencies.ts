import { randomUUID } from 'node:crypto';
import { dynamoStore } from '../adapters/dynamo-store.js';
import { SesMailer, sesClient } from '../adapters/ses-mailer.js';
import { setting } from '../config.js';
import type { Clock, ExportFiles, Ids, Mailer, Store } from '../core/ports.js';

export interface Dependencies {
  readonly store: Store;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly ids: Ids;
  /** Where exports too big to answer directly go: S3 on AWS, a folder of the local run locally. */
  readonly exportFiles: ExportFiles;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: Ids = { newId: () => randomUUID() };

/*
 * What the route table declares for the function this code is bundled into (`access.table`,
 * `access.sendsMail`, `access.exportFiles`): infra/route-function.ts replaces these names with `true` or
 * `false` through esbuild's `define`, so the branches below that use an adapter a route does not declare
 * are dead code and esbuild leaves the adapter (DynamoDB; SES and nodemailer; S3, lib-storage and the
 * presigner) out of that bundle. Run from source (the local server, the tests, the CLI) they are
 * undefined: every adapter exists.
 */
declare const REGIETAFEL_BUNDLE_TABLE: boolean | undefined;
declare const REGIETAFEL_BUNDLE_SENDS_MAIL: boolean | undefined;
declare const REGIETAFEL_BUNDLE_EXPORT_FILES: boolean | undefined;

/** A route that uses an adapter its access does not declare: a bug in the route table, not in a request. */
function notDeclared(what: string, access: string): Error {
  return new Error(
    `Deze functie heeft geen ${what}: de route declareert ${access} niet in functions/http/routes.ts.`,
  );
}

let store: Store | undefined;
let mailer: Mailer | undefined;
let exportFiles: Promise<ExportFiles> | undefined;

/**
 * SES through nodemailer's MIME builder, built on the first email (or by {@link loadMailerSoon}). A
 * bounded request time (`sesRequestHandler`): an unanswered SES call must fail (and be retried from the
 * outbox), not hang.
 */
function sesMailer(): Mailer {
  // The condition names the replaced constant itself: esbuild folds `typeof false === 'undefined' || false`
  // while parsing, so where a route sends no mail SesMailer and sesClient are unused and ses-mailer.ts
  // (package.json: `sideEffects: false`), SES and nodemailer stay out of the bundle. Imported statically:
  // an import() here put SES, nodemailer and the SDK they share with DynamoDB behind lazy initialisers,
  // parsed twice at every cold start, and kept all of ses-mailer.ts (48 KB more; issue 14).
  if (typeof REGIETAFEL_BUNDLE_SENDS_MAIL === 'undefined' || REGIETAFEL_BUNDLE_SENDS_MAIL) {
    mailer ??= new SesMailer(setting('MAIL_FROM'), sesClient(), {
      configurationSet: setting('MAIL_CONFIGURATION_SET'),
    });
    return mailer;
  }
  throw notDeclared('e-mail', 'sendsMail');
}

/**
 * Builds the mailer (the SES client and its configuration) now, for a request that will send: on the
 * next turn of the event loop, when the request's first DynamoDB read has gone out, so it is built while
 * that read is on the wire instead of after it (issue 14).
 */
export function loadMailerSoon(): void {
  if (typeof REGIETAFEL_BUNDLE_SENDS_MAIL === 'undefined' || REGIETAFEL_BUNDLE_SENDS_MAIL) {
    setImmediate(() => {
      try {
        sesMailer();
      } catch {
        // Not kept when it fails: the first send builds it again, and fails (or not) with its own error.
      }
    });
  }
}

/** EXPORT_BUCKET on AWS; EXPORT_DIR (+ EXPORT_LINK_SECRET, PUBLIC_BASE_URL) on the local run. */
function exportFilesFromSettings(): Promise<ExportFiles> {
  if (typeof REGIETAFEL_BUNDLE_EXPORT_FILES === 'undefined' || REGIETAFEL_BUNDLE_EXPORT_FILES) {
    exportFiles ??= (async () => {
      const bucket = setting('EXPORT_BUCKET');
      if (bucket) return new (await import('../adapters/s3-export-files.js')).S3ExportFiles(bucket);
      const directory = setting('EXPORT_DIR');
      const secret = setting('EXPORT_LINK_SECRET');
      const base = setting('PUBLIC_BASE_URL');
      if (directory && secret && base) {
        const { LocalExportFiles } = await import('../adapters/local-export-files.js');
        return new LocalExportFiles(directory, base, secret, systemClock);
      }
      throw new Error(
        'Ongeldige configuratie:\nEXPORT_BUCKET ontbreekt (of lokaal: EXPORT_DIR, EXPORT_LINK_SECRET en PUBLIC_BASE_URL)',
      );
    })();
    return exportFiles;
  }
  return Promise.reject(notDeclared('exportbestanden', 'exportFiles'));
}

/** The mailer port, whose adapter is built on the first send. */
const lazyMailer: Mailer = {
  // The options carry the caller's abort signal (its mail budget): drop them and a send the budget gave up
  // on would still go out, next to the outbox's retry.
  send: async (message, options) => sesMailer().send(message, options),
};

/** The export files port, whose adapter (S3 or the local folder) is loaded on the first big export. */
const lazyExportFiles: ExportFiles = {
  save: async (key, body, contentType) => (await exportFilesFromSettings()).save(key, body, contentType),
  link: async (key, filename, contentType) =>
    (await exportFilesFromSettings()).link(key, filename, contentType),
};

/**
 * The adapters of this function. The store is built once per cold start on first use, from TABLE_NAME;
 * the mailer and the export files are loaded only when a request needs them, and exist only in the
 * bundles of routes that declare them (see above): a route without a mail grant never loads SES (nor
 * needs MAIL_FROM). SDK clients find the emulators through AWS_ENDPOINT_URL_DYNAMODB /
 * AWS_ENDPOINT_URL_SES locally; on AWS they use the real endpoints.
 */
export function dependencies(): Dependencies {
  return {
    get store() {
      if (typeof REGIETAFEL_BUNDLE_TABLE === 'undefined' || REGIETAFEL_BUNDLE_TABLE) {
        store ??= dynamoStore(setting('TABLE_NAME'));
        return store;
      }
      throw notDeclared('tabel', 'table');
    },
    mailer: lazyMailer,
    exportFiles: lazyExportFiles,
    clock: systemClock,
    ids: randomIds,
  };
}
