import { randomUUID } from 'node:crypto';
import { SESClient } from '@aws-sdk/client-ses';
import { dynamoStore } from '../adapters/dynamo-store.js';
import { LocalExportFiles } from '../adapters/local-export-files.js';
import { S3ExportFiles } from '../adapters/s3-export-files.js';
import { SesMailer } from '../adapters/ses-mailer.js';
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

let store: Store | undefined;
let mailer: Mailer | undefined;
let exportFiles: ExportFiles | undefined;

/**
 * The adapters, each built once per cold start on first use, from its own setting: a route without a
 * mail grant never builds the mailer (nor needs MAIL_FROM). SDK clients find the emulators through
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SES locally; on AWS they use the real endpoints.
 */
export function dependencies(): Dependencies {
  return {
    get store() {
      store ??= dynamoStore(setting('TABLE_NAME'));
      return store;
    },
    get mailer() {
      // A bounded request time: an unanswered SES call must fail (and be retried from the outbox), not hang.
      mailer ??= new SesMailer(
        setting('MAIL_FROM'),
        new SESClient({ requestHandler: { requestTimeout: 10_000 } }),
        { configurationSet: setting('MAIL_CONFIGURATION_SET') },
      );
      return mailer;
    },
    get exportFiles() {
      exportFiles ??= exportFilesFromSettings();
      return exportFiles;
    },
    clock: systemClock,
    ids: randomIds,
  };
}

/** EXPORT_BUCKET on AWS; EXPORT_DIR (+ EXPORT_LINK_SECRET, PUBLIC_BASE_URL) on the local run. */
function exportFilesFromSettings(): ExportFiles {
  const bucket = setting('EXPORT_BUCKET');
  if (bucket) return new S3ExportFiles(bucket);
  const directory = setting('EXPORT_DIR');
  const secret = setting('EXPORT_LINK_SECRET');
  const base = setting('PUBLIC_BASE_URL');
  if (directory && secret && base) return new LocalExportFiles(directory, base, secret, systemClock);
  throw new Error(
    'Ongeldige configuratie:\nEXPORT_BUCKET ontbreekt (of lokaal: EXPORT_DIR, EXPORT_LINK_SECRET en PUBLIC_BASE_URL)',
  );
}
