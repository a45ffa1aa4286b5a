import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQSEvent } from 'aws-lambda';
import { formatDateTime } from '../../forms/format.js';
import { referenceTagValue } from '../adapters/ses-events.js';
import { liftSuppression } from '../core/mail-events.js';
import { resendMail } from '../core/mail-queue.js';
import type { DeliveryStatus, OutboxMail } from '../core/model.js';
import type { Store } from '../core/ports.js';
import { amsterdamTime, type Command, type CommandContext, UsageError } from './command-context.js';

/**
 * The admin commands about mail: the outbox (waiting, failed, sent with what SES said), re-send, feed an
 * SES event to the event handler (the emulator sends none), and the suppression list.
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

async function outboxCommand({ values, store, print }: CommandContext): Promise<void> {
  if (values.sent) {
    const sent = await store.listSentMail({ limit: 20 });
    if (sent.length === 0) print('Er is nog geen e-mail verstuurd.');
    for (const mail of sent) {
      print(
        `${mail.id}\n    ${mail.subject} → ${mail.to.join(', ')}; verstuurd ${formatDateTime(mail.sentAt!)}: ${deliveryStatusLabels[mail.deliveryStatus ?? 'sent']}`,
      );
      for (const line of deliveryLines(mail)) print(`      ${line}`);
    }
    return;
  }
  const mails = await store.listMail(values.failed ? 'failed' : 'pending');
  if (mails.length === 0) print(values.failed ? 'Geen mislukte e-mail.' : 'Er wacht geen e-mail.');
  for (const mail of mails) {
    print(
      `${mail.id}\n    ${mail.subject} → ${mail.to.join(', ')}; pogingen ${mail.attempts}${mail.lastError ? `; laatste fout: ${mail.lastError}` : ''}`,
    );
  }
}

async function resendCommand({ deps, store, print, required, actor, admin }: CommandContext): Promise<void> {
  const id = required('mail');
  const { outcome } = await resendMail(deps, {
    principal: admin(await store.getRegistry()),
    mailId: id,
    actor: actor(),
  });
  print(`Opnieuw verstuurd: ${id} → ${outcome}`);
}

async function mailEventCommand({
  values,
  deps,
  store,
  aws,
  tableName,
  print,
  required,
}: CommandContext): Promise<void> {
  if (!aws) {
    // The handler builds its own store from these, exactly as on AWS.
    process.env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}`;
  }
  process.env.TABLE_NAME = tableName;
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  let payload: unknown;
  let mailId: string | undefined;
  if (typeof values.file === 'string') {
    payload = JSON.parse(readFileSync(values.file, 'utf8'));
  } else {
    const type = required('type');
    if (!(type in recordedEventFiles))
      throw new UsageError(`--type moet een van ${Object.keys(recordedEventFiles).join(', ')} zijn.`);
    const to = typeof values.to === 'string' ? values.to : undefined;
    const mail =
      typeof values.mail === 'string'
        ? await store.getMail(values.mail)
        : to
          ? await latestSentTo(store, to)
          : undefined;
    if (!mail)
      throw new UsageError(
        typeof values.mail === 'string' || to
          ? `Geen verstuurde e-mail gevonden${to ? ` aan ${to}` : ''}: zie npm run admin -- outbox --sent.`
          : '--mail <id> of --to <adres> ontbreekt.',
      );
    if (mail.status !== 'sent' || !mail.messageId)
      throw new UsageError(
        `E-mail ‘${mail.id}’ is (nog) niet verstuurd: SES meldt alleen iets over verstuurde e-mail.`,
      );
    if (to && !mail.to.some((address) => address.toLowerCase() === to.toLowerCase()))
      throw new UsageError(`E-mail ‘${mail.id}’ ging niet naar ${to} maar naar ${mail.to.join(', ')}.`);
    const at = typeof values.at === 'string' ? amsterdamTime(values.at) : deps.clock.now().toISOString();
    payload = recordedEventFor(type as RecordedEventType, mail, { ...(to && { to }), at });
    mailId = mail.id;
  }
  const { handler } = await import('../jobs/handlers/record-mail-events.js');
  const result = await handler(sqsEventOf([payload]));
  if (result.batchItemFailures.length > 0)
    throw new UsageError('De verwerker kon deze SES-melding niet verwerken (zie de foutmelding hierboven).');
  const mail = mailId ? await store.getMail(mailId) : undefined;
  print(
    mail
      ? `Verwerkt: ${mail.id} is nu ‘${deliveryStatusLabels[mail.deliveryStatus ?? 'sent']}’.`
      : 'Verwerkt (de melding noemt geen e-mail van de outbox; onbestelbare adressen zijn wel geblokkeerd).',
  );
  for (const line of mail ? deliveryLines(mail) : []) print(`    ${line}`);
}

async function suppressionsCommand({ store, print }: CommandContext): Promise<void> {
  await printSuppressions(store, print);
}

async function unsuppressCommand({ deps, aws, print, required, actor }: CommandContext): Promise<void> {
  const address = required('address');
  if (!(await liftSuppression(deps, { address, actor: actor() })))
    throw new UsageError(`${address} staat niet op de blokkeerlijst.`);
  print(
    aws
      ? `${address} is van de blokkeerlijst gehaald. Haal het ook van de SES-lijst van het account: aws sesv2 delete-suppressed-destination --email-address ${address}`
      : `${address} is van de blokkeerlijst gehaald.`,
  );
}

export const mailCommands: Record<string, Command> = {
  outbox: outboxCommand,
  resend: resendCommand,
  'mail-event': mailEventCommand,
  suppressions: suppressionsCommand,
  unsuppress: unsuppressCommand,
};
