import { SESClient, type SESClientConfig, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import { senderMailBudgetMs } from '../core/deliver-mail.js';
import type { Mailer, MailMessage } from '../core/ports.js';
import { outboxTag, referenceTagValue } from './ses-events.js';

/**
 * The raw MIME of a message (HTML + plain text + attachments), built by nodemailer's MailComposer.
 * `newline: 'windows'` makes every line end in CRLF, as RFC 5322 and SES require: without it the text and
 * HTML parts keep the bare LF of the rendered content. Quoted-printable and base64 keep every line within
 * 76 characters, far below the 998-octet limit.
 */
export function composeMime(from: string, message: MailMessage): Promise<Buffer> {
  return new MailComposer({
    from,
    to: [...message.to],
    ...(message.replyTo && message.replyTo.length > 0 && { replyTo: [...message.replyTo] }),
    subject: message.subject,
    text: message.text,
    html: message.html,
    textEncoding: 'quoted-printable',
    newline: 'windows',
    attachments: message.attachments?.map((attachment) => ({
      filename: attachment.filename,
      content: attachment.content,
      contentType: attachment.contentType,
    })),
  })
    .compile()
    .build();
}

/**
 * How long the SDK gives one SES call: 2 s to connect, and the whole request 12 s, 3 s before the
 * sender's budget for the email (`senderMailBudgetMs`, 15 s) would end it — then it fails with the SDK's
 * own TimeoutError (`throwOnRequestTimeout`; without it the SDK only logs a warning and waits on), and the
 * outbox records the attempt and tries again later. The SDK does not try again by itself
 * (`maxAttempts: 1`): a send whose answer did not come may have reached SES, and `SendRawEmail` has no
 * idempotency key, so a second try at once could send the email twice; the outbox's next attempt is
 * claimed, backed off and recorded.
 */
export const sesRequestHandler = {
  connectionTimeout: 2_000,
  requestTimeout: senderMailBudgetMs - 3_000,
  throwOnRequestTimeout: true,
} as const;

/** The SES client every sender uses (the endpoint from AWS_ENDPOINT_URL_SES, or `config`). */
export function sesClient(config: SESClientConfig = {}): SESClient {
  return new SESClient({ requestHandler: sesRequestHandler, maxAttempts: 1, ...config });
}

export interface SesMailerOptions {
  /**
   * The SES configuration set named on every send: it routes bounce, complaint, delivery and reject events
   * back to the outbox and applies the suppression list (infra/mail-identity.ts, infra/mail-events.ts).
   */
  readonly configurationSet?: string;
}

/**
 * Sends mail through SES as raw MIME ({@link composeMime}). The same class talks to aws-ses-v2-local when
 * AWS_ENDPOINT_URL_SES points there.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly from: string,
    private readonly client: SESClient = sesClient(),
    private readonly options: SesMailerOptions = {},
  ) {}

  async send(message: MailMessage, options: { signal?: AbortSignal } = {}): Promise<{ messageId: string }> {
    const tag = message.reference ? referenceTagValue(message.reference) : undefined;
    const result = await this.client.send(
      new SendRawEmailCommand({
        Source: this.from,
        Destinations: [...message.to],
        RawMessage: { Data: await composeMime(this.from, message) },
        ...(this.options.configurationSet && { ConfigurationSetName: this.options.configurationSet }),
        // SES hands the tag back with every event of this message: that is how a bounce finds its email.
        ...(tag && { Tags: [{ Name: outboxTag, Value: tag }] }),
      }),
      // The caller's budget: an attempt still running when it ends is broken off (no late duplicate).
      { abortSignal: options.signal },
    );
    if (!result.MessageId) throw new Error('SES gaf geen MessageId terug');
    return { messageId: result.MessageId };
  }
}
