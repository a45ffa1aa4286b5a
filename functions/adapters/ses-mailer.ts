import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Mailer, MailMessage } from '../core/ports.js';

/**
 * Sends mail through SES as raw MIME (HTML + plain text, attachments later), built by nodemailer's
 * MailComposer. The same class talks to aws-ses-v2-local when AWS_ENDPOINT_URL_SES points there.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly from: string,
    private readonly client: SESClient = new SESClient({}),
  ) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const mime = await new MailComposer({
      from: this.from,
      to: [...message.to],
      ...(message.replyTo && message.replyTo.length > 0 && { replyTo: [...message.replyTo] }),
      subject: message.subject,
      text: message.text,
      html: message.html,
      textEncoding: 'quoted-printable',
      attachments: message.attachments?.map((attachment) => ({
        filename: attachment.filename,
        content: attachment.content,
        contentType: attachment.contentType,
      })),
    })
      .compile()
      .build();
    const result = await this.client.send(
      new SendRawEmailCommand({
        Source: this.from,
        Destinations: [...message.to],
        RawMessage: { Data: mime },
      }),
    );
    if (!result.MessageId) throw new Error('SES gaf geen MessageId terug');
    return { messageId: result.MessageId };
  }
}
