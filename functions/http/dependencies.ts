import { randomUUID } from 'node:crypto';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoStore } from '../adapters/dynamo-store.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { setting } from '../config.js';
import type { Clock, Ids, Mailer, Store } from '../core/ports.js';

export interface Dependencies {
  readonly store: Store;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly ids: Ids;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: Ids = { newId: () => randomUUID() };

let store: Store | undefined;
let mailer: Mailer | undefined;

/**
 * The adapters, each built once per cold start on first use, from its own setting: a route without a
 * mail grant never builds the mailer (nor needs MAIL_FROM). SDK clients find the emulators through
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SES locally; on AWS they use the real endpoints.
 */
export function dependencies(): Dependencies {
  return {
    get store() {
      store ??= new DynamoStore(setting('TABLE_NAME'));
      return store;
    },
    get mailer() {
      // A bounded request time: an unanswered SES call must fail (and be retried from the outbox), not hang.
      mailer ??= new SesMailer(
        setting('MAIL_FROM'),
        new SESClient({ requestHandler: { requestTimeout: 10_000 } }),
      );
      return mailer;
    },
    clock: systemClock,
    ids: randomIds,
  };
}
