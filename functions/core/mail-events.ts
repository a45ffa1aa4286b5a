import { createHash } from 'node:crypto';
import type { DeliveryStatus, MailEvent, OutboxMail, RecipientDelivery, Suppression } from './model.js';
import type { AuditStore, Clock, Ids, MailEventStore, OutboxStore } from './ports.js';

/**
 * What SES reports about one sent email (the adapter translates SES's notification into this): the SES
 * message id, the outbox id the send carried (as a message tag), and per recipient what happened.
 */
export interface ReportedMailEvent {
  readonly messageId: string;
  /** Undefined for mail that carried no outbox reference (sent by something else, or long ago). */
  readonly mailId?: string;
  readonly events: readonly MailEvent[];
}

/** Worst first: the status a mail shows when its recipients fared differently. */
const severity: readonly DeliveryStatus[] = [
  'complained',
  'bounced',
  'suppressed',
  'rejected',
  'delayed',
  'sent',
  'delivered',
];

const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);

/**
 * The outcome for one recipient from all its events, whatever order they came in: a complaint or a
 * permanent bounce always wins (a delivery reported after a bounce never hides it); between a delivery, a
 * transient bounce and a delay, the latest by its own timestamp tells how it ended.
 */
export function recipientDelivery(events: readonly MailEvent[]): RecipientDelivery {
  let deliveredAt: string | undefined;
  let delayedAt: string | undefined;
  let bounce: RecipientDelivery['bounce'];
  let complaint: RecipientDelivery['complaint'];
  let reject: RecipientDelivery['reject'];
  let suppressed: RecipientDelivery['suppressed'];
  const weight = (detail: { permanent?: boolean }) => (detail.permanent ? 1 : 0);
  const keep = <T extends { at: string; permanent?: boolean }>(current: T | undefined, next: T): T =>
    // A permanent bounce is never replaced by a transient one, whatever their times.
    !current || weight(next) > weight(current) || (weight(next) === weight(current) && next.at > current.at)
      ? next
      : current;
  for (const event of events) {
    const detail = { at: event.at, ...(event.reason !== undefined && { reason: event.reason }) };
    if (event.type === 'delivery') deliveredAt = later(deliveredAt, event.at);
    else if (event.type === 'delay') delayedAt = later(delayedAt, event.at);
    else if (event.type === 'bounce')
      bounce = keep(bounce, { ...detail, permanent: event.permanent ?? false });
    else if (event.type === 'complaint') complaint = keep(complaint, detail);
    else if (event.type === 'reject') reject = keep(reject, detail);
    else if (event.type === 'suppressed') suppressed = keep(suppressed, detail);
  }
  const status: DeliveryStatus = complaint
    ? 'complained'
    : bounce?.permanent
      ? 'bounced'
      : suppressed
        ? 'suppressed'
        : reject
          ? 'rejected'
          : deliveredAt && (!bounce || deliveredAt >= bounce.at) && (!delayedAt || deliveredAt >= delayedAt)
            ? 'delivered'
            : bounce
              ? 'bounced'
              : delayedAt
                ? 'delayed'
                : 'sent';
  return {
    status,
    ...(deliveredAt && { deliveredAt }),
    ...(delayedAt && { delayedAt }),
    ...(bounce && { bounce }),
    ...(complaint && { complaint }),
    ...(reject && { reject }),
    ...(suppressed && { suppressed }),
  };
}

/** Every recipient's outcome and the mail's (the worst of them). */
export function mailDelivery(events: readonly MailEvent[]): {
  delivery: Record<string, RecipientDelivery>;
  status: DeliveryStatus;
} {
  const byRecipient = new Map<string, MailEvent[]>();
  for (const event of events) {
    const recipient = event.recipient.toLowerCase();
    byRecipient.set(recipient, [...(byRecipient.get(recipient) ?? []), event]);
  }
  const delivery = Object.fromEntries(
    [...byRecipient].map(([recipient, own]) => [recipient, recipientDelivery(own)]),
  );
  const statuses = new Set(Object.values(delivery).map((outcome) => outcome.status));
  return { delivery, status: severity.find((status) => statuses.has(status)) ?? 'sent' };
}

/** The round an outbox email belongs to, from its deterministic id (`summary#<round>#…`); none for invitations. */
export function roundOfMail(mailId: string): string | undefined {
  const [kind, roundId] = mailId.split('#');
  return kind === 'invitation' ? undefined : roundId;
}

/** Whether an event means the address must never be tried again. */
const suppresses = (event: MailEvent): event is MailEvent & { type: 'bounce' | 'complaint' } =>
  event.type === 'complaint' || (event.type === 'bounce' && event.permanent === true);

export interface RecordedMailEvent {
  /** The outbox email the message id belongs to; undefined for a message we do not know. */
  readonly mailId?: string;
  readonly status?: DeliveryStatus;
  /** The addresses put on the suppression list by this report. */
  readonly suppressed: readonly string[];
}

/**
 * Records what SES reports about a sent email (`recordMailEvent`): each event is stored once under the
 * email (a redelivered report changes nothing), the email's per-recipient outcome is recomputed from all
 * its events (so the order they arrive in does not matter), an address that bounced permanently or
 * complained is suppressed for every future send, and such a bounce or complaint is written to the audit
 * trail of the email's round. A report about a message we do not know still suppresses the address.
 */
export async function recordMailEvent(
  deps: { store: MailEventStore & Pick<OutboxStore, 'getMail'> & AuditStore; clock: Clock },
  report: ReportedMailEvent,
): Promise<RecordedMailEvent> {
  // The reference must name an email of ours that SES sent under this message id: a report cannot mark
  // someone else's mail.
  const mail = report.mailId ? await deps.store.getMail(report.mailId) : undefined;
  const known = mail?.messageId === report.messageId ? mail : undefined;
  let status: DeliveryStatus | undefined;
  if (known) {
    for (const event of report.events) await deps.store.putMailEvent(known.id, event);
    status = await refreshDelivery(deps, known.id);
  }
  const suppressed: string[] = [];
  for (const event of report.events.filter(suppresses)) {
    const suppression: Suppression = {
      address: event.recipient.toLowerCase(),
      reason: event.type,
      at: event.at,
      ...(event.reason !== undefined && { detail: event.reason }),
      ...(known && { mailId: known.id }),
    };
    await deps.store.suppress(suppression);
    suppressed.push(suppression.address);
    const roundId = known ? roundOfMail(known.id) : undefined;
    await deps.store.audit({
      at: event.at,
      // The same report delivered twice writes the same line (the audit trail keys on time and id).
      id: `mail-${event.type}-${createHash('sha256').update(`${report.messageId}#${suppression.address}`).digest('hex').slice(0, 16)}`,
      action: event.type === 'bounce' ? 'mail-bounced' : 'mail-complained',
      actor: 'ses',
      ...(roundId && { roundId }),
      details: {
        address: suppression.address,
        ...(known && { mailId: known.id, kind: known.kind }),
        ...(event.reason !== undefined && { reason: event.reason }),
      },
    });
  }
  return { ...(known && { mailId: known.id }), ...(status && { status }), suppressed };
}

async function refreshDelivery(deps: { store: MailEventStore }, mailId: string): Promise<DeliveryStatus> {
  const events = await deps.store.listMailEvents(mailId);
  const { delivery, status } = mailDelivery(events);
  await deps.store.setMailDelivery(mailId, delivery, status, events.length);
  return status;
}

/**
 * Before a send: the recipients of an email that are on the suppression list are taken out and recorded
 * on the email (status `suppressed`), so the staff see why they got nothing. Returns who may still get it.
 * `known`: the recipients' suppressions as the caller read them a moment ago.
 */
export async function withoutSuppressed(
  deps: { store: MailEventStore; clock: Clock },
  mail: Pick<OutboxMail, 'id' | 'to'>,
  known?: readonly Suppression[],
): Promise<{ allowed: string[]; suppressed: Suppression[] }> {
  const suppressed = known ? [...known] : await deps.store.suppressionsOf(mail.to);
  if (suppressed.length === 0) return { allowed: [...mail.to], suppressed };
  const blocked = new Set(suppressed.map((suppression) => suppression.address));
  const at = deps.clock.now().toISOString();
  for (const suppression of suppressed) {
    await deps.store.putMailEvent(mail.id, {
      type: 'suppressed',
      recipient: suppression.address,
      at,
      reason: `${suppression.reason === 'bounce' ? 'onbestelbaar' : 'als spam gemeld'} sinds ${suppression.at}`,
    });
  }
  await refreshDelivery(deps, mail.id);
  return { allowed: mail.to.filter((address) => !blocked.has(address.toLowerCase())), suppressed };
}

/** The Dutch error a failed email shows when every recipient is suppressed (dashboard, `outbox --failed`). */
export function suppressedMessage(suppressed: readonly Suppression[]): string {
  const addresses = suppressed
    .map(
      (suppression) =>
        `${suppression.address} (${suppression.reason === 'bounce' ? 'onbestelbaar' : 'als spam gemeld'})`,
    )
    .join(', ');
  return `Niet verstuurd: ${addresses} staat op de blokkeerlijst. Pas het adres aan, of haal het van de lijst met npm run admin -- unsuppress --address <adres>.`;
}

/**
 * Takes an address off the suppression list (`liftSuppression`), once the staff know it works again (a
 * full mailbox emptied, a typo fixed at the receiving end), with an audit line. On AWS the address stays on
 * the account's suppression list until it is removed there too (README, *Runbook*).
 */
export async function liftSuppression(
  deps: { store: MailEventStore & AuditStore; clock: Clock; ids: Ids },
  input: { address: string; actor: string },
): Promise<boolean> {
  if (!(await deps.store.liftSuppression(input.address))) return false;
  await deps.store.audit({
    at: deps.clock.now().toISOString(),
    id: deps.ids.newId(),
    action: 'unsuppress',
    actor: input.actor,
    details: { address: input.address.toLowerCase() },
  });
  return true;
}
