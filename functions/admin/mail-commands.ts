import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQSEvent } from 'aws-lambda';
import { formatDateTime } from '../../forms/format.js';
import { referenceTagValue } from '../adapters/ses-events.js';
import type { DeliveryStatus, OutboxMail } from '../core/model.js';
import type { Store } from '../core/ports.js';

/**
 * The admin commands about what happened to sent mail: feed an SES event to the event handler (the
 * emulator sends none), list sent mail with its outcome, and the suppression list.
 */

/** SES event payloads in SES's own format, one per kind, that `mail-event --type` fills in. */
export const recordedEventsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../local/ses-events',
);

export const recordedEventFiles = {
  bounce: 'bounce.json',
  complaint: 'complaint.json',
  delivery: 'delivery.json',
  reject: 'reject.json',
  delay: 'delivery-delay.json',
} as const;

export type RecordedEventType = keyof typeof recordedEventFiles;

export const deliveryStatusLabels: Record<DeliveryStatus, string> = {
  sent: 'verstuurd (nog geen bericht van SES)',
  delivered: 'afgeleverd',
  delayed: 'vertraagd',
  rejected: 'geweigerd door SES',
  suppressed: 'niet verstuurd: adres op de blokkeerlijst',
  bounced: 'onbestelbaar',
  complained: 'als spam gemeld',
};

type Json = Record<string, unknown>;

/**
 * The recorded payload of a kind, made to be about one sent outbox email: its SES message id, its outbox
 * tag, the recipients (all, or the one given) and the moment (now, or the one given).
 */
export function recordedEventFor(
  type: RecordedEventType,
  mail: Pick<OutboxMail, 'id' | 'to' | 'messageId'>,
  options: { to?: string; at: string },
): Json {
  const payload = JSON.parse(
    readFileSync(path.join(recordedEventsDir, recordedEventFiles[type]), 'utf8'),
  ) as Json;
  const recipients = options.to ? [options.to] : [...mail.to];
  const sesMail = payload.mail as Json;
  sesMail.messageId = mail.messageId;
  sesMail.destination = [...mail.to];
  sesMail.timestamp = options.at;
  sesMail.tags = { ...(sesMail.tags as Json), outbox: [referenceTagValue(mail.id)] };
  if (sesMail.commonHeaders) (sesMail.commonHeaders as Json).messageId = mail.messageId;
  const section = (name: string) => payload[name] as Json;
  switch (type) {
    case 'bounce':
      section('bounce').timestamp = options.at;
      section('bounce').bouncedRecipients = recipients.map((emailAddress) => ({
        ...((section('bounce').bouncedRecipients as Json[])[0] ?? {}),
        emailAddress,
        diagnosticCode: `smtp; 550 5.1.1 <${emailAddress}>: Recipient address rejected: User unknown in virtual mailbox table`,
      }));
      break;
    case 'complaint':
      section('complaint').timestamp = options.at;
      section('complaint').complainedRecipients = recipients.map((emailAddress) => ({ emailAddress }));
      break;
    case 'delivery':
      section('delivery').timestamp = options.at;
      section('delivery').recipients = recipients;
      break;
    case 'delay':
      section('deliveryDelay').timestamp = options.at;
      section('deliveryDelay').delayedRecipients = recipients.map((emailAddress) => ({
        ...((section('deliveryDelay').delayedRecipients as Json[])[0] ?? {}),
        emailAddress,
      }));
      break;
    case 'reject':
      sesMail.destination = recipients;
      break;
  }
  return payload;
}

/** One SQS message per payload, as the SES event queue delivers them (raw message delivery). */
export function sqsEventOf(payloads: readonly unknown[]): SQSEvent {
  return {
    Records: payloads.map((payload, index) => ({
      messageId: `lokaal-${Date.now()}-${index}`,
      receiptHandle: 'lokaal',
      body: JSON.stringify(payload),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'lokaal',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-central-1:000000000000:regietafel-mail-events',
      awsRegion: 'eu-central-1',
    })),
  };
}

/** The newest sent email to an address (for `mail-event --to` without `--mail`). */
export async function latestSentTo(store: Store, address: string): Promise<OutboxMail | undefined> {
  const wanted = address.toLowerCase();
  for (const mail of await store.listSentMail({ limit: 1000 })) {
    if (mail.to.some((to) => to.toLowerCase() === wanted)) return mail;
  }
  return undefined;
}

/** One line per recipient outcome of an email: `a@b.nl: onbestelbaar (Permanent/General: …), 1 december 10:15`. */
export function deliveryLines(mail: OutboxMail): string[] {
  return Object.entries(mail.delivery ?? {}).map(([recipient, outcome]) => {
    const detail = outcome.complaint ?? outcome.bounce ?? outcome.suppressed ?? outcome.reject;
    const at = detail?.at ?? outcome.deliveredAt ?? outcome.delayedAt;
    return `${recipient}: ${deliveryStatusLabels[outcome.status]}${detail?.reason ? ` (${detail.reason})` : ''}${at ? `, ${formatDateTime(at)}` : ''}`;
  });
}

export async function printSuppressions(store: Store, print: (line: string) => void): Promise<void> {
  const suppressions = await store.listSuppressions();
  if (suppressions.length === 0) print('Er staan geen adressen op de blokkeerlijst.');
  for (const suppression of suppressions) {
    print(
      `${suppression.address}  ${suppression.reason === 'bounce' ? 'onbestelbaar' : 'als spam gemeld'} sinds ${formatDateTime(suppression.at)}${suppression.detail ? `  (${suppression.detail})` : ''}`,
    );
  }
}
