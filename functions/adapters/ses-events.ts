import * as z from 'zod/mini';
import { lazySchema } from '../core/lazy-schema.js';
import type { ReportedMailEvent } from '../core/mail-events.js';
import type { MailEvent } from '../core/model.js';

/**
 * SES's event notifications (event publishing through the configuration set: SNS → SQS with raw message
 * delivery on AWS, recorded payloads locally) translated into the outbox's terms. The formats are SES's
 * own: `eventType` Bounce, Complaint, Delivery, Reject, DeliveryDelay with a `mail` object; identity
 * notifications use `notificationType` instead. An SNS envelope (raw delivery off) or an EventBridge event
 * around it is unwrapped too, so any recorded payload can be fed in.
 */

/** Name of the SES message tag that carries the outbox id (SES returns tags with every event). */
export const outboxTag = 'outbox';

/**
 * The tag value for an outbox id: base64url (SES allows only letters, digits, `_` and `-` in tag values,
 * at most 256 of them). Undefined when the id is too long to carry.
 */
export function referenceTagValue(mailId: string): string | undefined {
  const value = Buffer.from(mailId, 'utf8').toString('base64url');
  return value.length <= 256 ? value : undefined;
}

export function referenceFromTag(value: string | undefined): string | undefined {
  if (!value || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  return Buffer.from(value, 'base64url').toString('utf8');
}

/** Built on the first notification: the mailer imports this module for its tag, and sends none. */
const notificationSchema = lazySchema(() => {
  const timestamp = z.iso.datetime({ offset: true });
  const text = z.optional(z.string());
  const mail = z.object({
    messageId: z.string().check(z.minLength(1)),
    timestamp,
    destination: z._default(z.array(z.string()), []),
    tags: z.optional(z.record(z.string(), z.array(z.string()))),
  });
  return z.object({
    eventType: text,
    notificationType: text,
    mail,
    bounce: z.optional(
      z.object({
        bounceType: z.string(),
        bounceSubType: text,
        timestamp,
        bouncedRecipients: z.array(
          z.object({ emailAddress: z.string(), status: text, diagnosticCode: text }),
        ),
      }),
    ),
    complaint: z.optional(
      z.object({
        timestamp,
        complaintFeedbackType: text,
        complaintSubType: z.nullish(z.string()),
        complainedRecipients: z.array(z.object({ emailAddress: z.string() })),
      }),
    ),
    delivery: z.optional(z.object({ timestamp, recipients: z.array(z.string()), smtpResponse: text })),
    reject: z.optional(z.object({ reason: text })),
    deliveryDelay: z.optional(
      z.object({
        timestamp,
        delayType: text,
        delayedRecipients: z.array(z.object({ emailAddress: z.string(), diagnosticCode: text })),
      }),
    ),
  });
});

type Notification = z.infer<ReturnType<typeof notificationSchema>>;

/** Thrown for a payload that is not an SES notification: the queue retries it, then keeps it in its DLQ. */
export class NotAnSesEvent extends Error {
  override readonly name = 'NotAnSesEvent';
}

function unwrap(payload: unknown): unknown {
  if (payload && typeof payload === 'object') {
    const record = payload as Record<string, unknown>;
    if (record.Type === 'Notification' && typeof record.Message === 'string')
      return unwrap(JSON.parse(record.Message));
    if (record.source === 'aws.ses' && record.detail) return record.detail;
  }
  return payload;
}

function events(parsed: Notification): MailEvent[] {
  const type = parsed.eventType ?? parsed.notificationType;
  const at = (value: string) => new Date(value).toISOString();
  switch (type) {
    case 'Bounce': {
      const bounce = parsed.bounce!;
      const permanent = bounce.bounceType === 'Permanent';
      return bounce.bouncedRecipients.map((recipient) => ({
        type: 'bounce',
        recipient: recipient.emailAddress,
        at: at(bounce.timestamp),
        permanent,
        reason: [
          `${bounce.bounceType}${bounce.bounceSubType ? `/${bounce.bounceSubType}` : ''}`,
          recipient.diagnosticCode ?? recipient.status,
        ]
          .filter(Boolean)
          .join(': '),
      }));
    }
    case 'Complaint': {
      const complaint = parsed.complaint!;
      return complaint.complainedRecipients.map((recipient) => ({
        type: 'complaint',
        recipient: recipient.emailAddress,
        at: at(complaint.timestamp),
        reason: complaint.complaintFeedbackType ?? complaint.complaintSubType ?? 'klacht zonder reden',
      }));
    }
    case 'Delivery': {
      const delivery = parsed.delivery!;
      return delivery.recipients.map((recipient) => ({
        type: 'delivery',
        recipient,
        at: at(delivery.timestamp),
        ...(delivery.smtpResponse && { reason: delivery.smtpResponse }),
      }));
    }
    case 'Reject':
      // SES refused the message itself (a virus): it has no timestamp of its own, the send's is the moment.
      return parsed.mail.destination.map((recipient) => ({
        type: 'reject',
        recipient,
        at: at(parsed.mail.timestamp),
        reason: parsed.reject?.reason ?? 'geweigerd door SES',
      }));
    case 'DeliveryDelay': {
      const delay = parsed.deliveryDelay!;
      return delay.delayedRecipients.map((recipient) => ({
        type: 'delay',
        recipient: recipient.emailAddress,
        at: at(delay.timestamp),
        reason: [delay.delayType, recipient.diagnosticCode].filter(Boolean).join(': '),
      }));
    }
    default:
      // Send, Open, Click …: not published by our configuration set, and nothing to record.
      return [];
  }
}

const detailOf: Record<string, keyof Notification> = {
  Bounce: 'bounce',
  Complaint: 'complaint',
  Delivery: 'delivery',
  DeliveryDelay: 'deliveryDelay',
};

/** An SES notification (or an SNS/EventBridge envelope around one) → what it reports, per recipient. */
export function parseSesNotification(payload: unknown): ReportedMailEvent {
  const result = notificationSchema().safeParse(unwrap(payload));
  if (!result.success) {
    throw new NotAnSesEvent(
      `Geen SES-melding: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const parsed = result.data;
  const type = parsed.eventType ?? parsed.notificationType ?? '';
  const detail = detailOf[type];
  if (detail && !parsed[detail]) throw new NotAnSesEvent(`SES-melding ${type} zonder ${detail}`);
  const mailId = referenceFromTag(parsed.mail.tags?.[outboxTag]?.[0]);
  return { messageId: parsed.mail.messageId, ...(mailId && { mailId }), events: events(parsed) };
}
