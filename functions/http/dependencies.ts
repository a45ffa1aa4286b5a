import { randomUUID } from 'node:crypto';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoStore } from '../adapters/dynamo-store.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { config } from '../config.js';
import type { Clock, Ids, Mailer, Store } from '../core/ports.js';

export interface Dependencies {
  readonly store: Store;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly ids: Ids;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: Ids = { newId: () => randomUUID() };

let created: Dependencies | undefined;

/**
 * The adapters, built once per cold start from the parsed config. SDK clients find the emulators through
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SES locally; on AWS they use the real endpoints.
 */
export function dependencies(): Dependencies {
  if (!created) {
    const settings = config();
    created = {
      store: new DynamoStore(settings.TABLE_NAME),
      // A bounded request time: an unanswered SES call must fail (and be retried from the outbox), not hang.
      mailer: new SesMailer(
        settings.MAIL_FROM,
        new SESClient({ requestHandler: { requestTimeout: 10_000 } }),
      ),
      clock: systemClock,
      ids: randomIds,
    };
  }
  return created;
}
