import type { Answers } from '../../forms/definition.js';

/**
 * The registry: provinces → regions → municipalities (CBS codes). Data, not code: it lives in the table,
 * is seeded once from `registry/overijssel.ts` and is edited by staff on the contacts page (audited) or
 * changed by a CBS-style import (a new province, a municipal merger).
 */

/** Who officials and board members can turn to: a regietafel's (or the province's) secretariat. */
export interface SecretariatContact {
  /** A person or a desk, e.g. `Secretariaat RRVIJ` or `Anne Jansen`. */
  readonly name: string;
  readonly email: string;
  /** As people write it, e.g. `038 425 00 00`; optional. */
  readonly phone?: string;
}

/** Fields every registry item carries once stored. */
interface Stored {
  /**
   * Increases with every change; a change is written only if the item still has the revision the person
   * saw (a double post or a concurrent edit never overwrites silently). Absent before the first store.
   */
  readonly revision?: number;
}

export interface Province extends Stored {
  readonly id: string;
  readonly name: string;
  /** Provincial staff who receive the province's summaries. */
  readonly addresses: readonly string[];
  /** Shown in the footer of the province's pages and emails; the Reply-To of its summaries. */
  readonly secretariat?: SecretariatContact;
}

export interface Region extends Stored {
  readonly id: string;
  readonly name: string;
  readonly province: string;
  /** Name of the regional board, shown on pages and in emails. */
  readonly boardName: string;
  /** The regietafel's addresses (chair, secretary): recipients of the region's summaries. */
  readonly addresses: readonly string[];
  /**
   * The secretariat officials turn to: in the footer of every page and email of the region's
   * municipalities, and the Reply-To of every email to them.
   */
  readonly secretariat?: SecretariatContact;
}

export interface Municipality extends Stored {
  /** CBS code, e.g. GM0193. */
  readonly code: string;
  readonly name: string;
  readonly region: string;
  /** The municipal coordinator's addresses (invitations, reminders). */
  readonly contacts: readonly string[];
  /**
   * First day (ISO date) the municipality exists, for one formed by a merger; absent: always. A round
   * includes a municipality that existed at some moment between its opening and its deadline.
   */
  readonly activeFrom?: string;
  /**
   * Last day (ISO date) the municipality existed, for one merged into another: it stays in the registry
   * so that its rounds, submissions and links stay visible and working.
   */
  readonly activeUntil?: string;
}

export interface Registry {
  readonly provinces: readonly Province[];
  readonly regions: readonly Region[];
  readonly municipalities: readonly Municipality[];
}

/** One item of the registry, as it is stored and changed. */
export type RegistryItem =
  | { readonly kind: 'province'; readonly value: Province }
  | { readonly kind: 'region'; readonly value: Region }
  | { readonly kind: 'municipality'; readonly value: Municipality };

/** A round: one form, a reference date, an opening and a deadline, for some regions. */
export interface Round {
  readonly id: string;
  readonly formId: string;
  readonly title: string;
  /** Peildatum, ISO date. */
  readonly referenceDate: string;
  /** ISO timestamps. */
  readonly opensAt: string;
  readonly deadline: string;
  readonly regions: readonly string[];
  readonly acceptsLate: boolean;
  /** A figure changing by more than this factor between versions gets a plausibility warning. */
  readonly changeFactor?: number;
  /** Days before the deadline that municipalities without a submission get a reminder (default 3). */
  readonly reminderDaysBefore?: number;
  /**
   * Whether a municipality's form starts from its answers of the previous round of the same form (only
   * what does not belong to the round itself; nothing is stored until it submits). Absent: yes.
   */
  readonly prefill?: boolean;
}

export interface SubmittedBy {
  readonly name: string;
  readonly email: string;
}

/**
 * The highest version number a municipality's form can reach in a round. Versions are contiguous (an
 * amendment is accepted only from the latest), so this is a million submissions: never reached, but
 * bounded, so the stored sort keys (six digits) keep their order.
 */
export const maxVersion = 999_999;

/** Which version of whose form: the key of a stored version. */
export interface VersionKey {
  readonly roundId: string;
  readonly formId: string;
  readonly municipality: string;
  readonly version: number;
}

/**
 * A submission id taken by a (round, form, municipality): it names the one version that id may produce.
 * Recorded before that version is written, so a retry with the same id finds it whatever happened since.
 */
export interface SubmissionClaim {
  readonly roundId: string;
  readonly formId: string;
  readonly municipality: string;
  readonly submissionId: string;
  readonly version: number;
  readonly claimedAt: string;
  /** Who submitted (for the audit line, should a crash leave it to the repair). */
  readonly actor?: string;
}

/** One stored version of a municipality's answers. Every version is kept. */
export interface SubmissionVersion {
  readonly roundId: string;
  readonly formId: string;
  readonly municipality: string;
  readonly version: number;
  /** Idempotency key of the filling-in that produced this version. */
  readonly submissionId: string;
  readonly submittedAt: string;
  readonly submittedBy: SubmittedBy;
  readonly late: boolean;
  readonly answers: Answers;
  /** Plausibility warnings shown to the official before submitting; stored, never blocking. */
  readonly warnings?: readonly { readonly path: string; readonly message: string }[];
  /**
   * The revision of the form definition the answers were validated against (absent: 1, stored before
   * definitions had revisions). forms/revisions.ts reads older ones with the current definition.
   */
  readonly definitionRevision?: number;
  /**
   * The municipality's version of the previous round of the same form, as it stood when this one was
   * submitted: what "changed since the previous round" compares with (and what the round prefilled).
   */
  readonly previousRound?: { readonly roundId: string; readonly version: number };
  /**
   * The invitation link the version was submitted with (its id, never the token): the confirmation
   * email's "wijzigen" link is a fresh token for it, so revoking that invitation revokes the email's
   * link too. Absent for versions stored before it was recorded.
   */
  readonly invitationId?: string;
}

/**
 * A draft (concept): the page as the official left it, not validated, never counted as submitted. One per
 * (round, form, municipality); anyone with the link may continue it. Ignored once the round closes.
 */
export interface Draft {
  readonly roundId: string;
  readonly formId: string;
  readonly municipality: string;
  /** The page state as typed (strings and rows). */
  readonly raw: Record<string, unknown>;
  /** The submitted version this draft amends (0: none yet); a draft older than the current version is stale. */
  readonly baseVersion: number;
  /** Increases with every save; a save from a stale page is refused. */
  readonly revision: number;
  readonly savedAt: string;
  /** Epoch seconds after which DynamoDB TTL may delete it (read-time expiry does not wait for it). */
  readonly expiresAt: number;
  /** The revision of the form definition the page was rendered from (absent: 1). */
  readonly definitionRevision?: number;
}

export type { Principal } from './policy.js';

/** An invitation link for one municipality and round; revocable. The token itself is never stored. */
export interface Invitation {
  readonly id: string;
  readonly roundId: string;
  readonly municipality: string;
  readonly createdAt: string;
  /** ISO timestamp after which the link no longer works. */
  readonly expiresAt: string;
  readonly revokedAt?: string;
  /** Where the invitation email went (the last time it was sent). */
  readonly sentTo?: readonly string[];
  /** When the invitation email was last sent. */
  readonly sentAt?: string;
  /** When the link was first opened (the official clicked it); recorded once. */
  readonly firstOpenedAt?: string;
}

/** One line of the audit trail: who did what, when. */
export interface AuditEvent {
  readonly at: string;
  readonly id: string;
  /** e.g. `submission`, `amendment`, `invitation`, `revocation`, `download`. */
  readonly action: string;
  /** `GM0193`, `regietafel:ijsselland`, `admin`, … */
  readonly actor: string;
  readonly roundId?: string;
  readonly municipality?: string;
  readonly details?: Record<string, unknown>;
  /** Set when the retention job took out who did it (addresses, personal actor); what happened stays. */
  readonly anonymisedAt?: string;
  /** What a change changed: the values before it and after it (only the fields it touched). */
  readonly before?: Record<string, unknown>;
  readonly after?: Record<string, unknown>;
}

export interface MailAttachment {
  readonly filename: string;
  readonly content: string;
  readonly contentType: string;
}

/** An email waiting in (or delivered from) the outbox. */
export interface OutboxMail {
  /** Deterministic key: the same logical email always gets the same id, so it is recorded once. */
  readonly id: string;
  readonly kind: string;
  readonly to: readonly string[];
  /** Where replies go (the secretariat of the regietafel), when not to the sender. */
  readonly replyTo?: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments?: readonly MailAttachment[];
  readonly createdAt: string;
  readonly status: 'pending' | 'sending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly nextAttemptAt?: string;
  readonly sentAt?: string;
  readonly messageId?: string;
  readonly lastError?: string;
  /**
   * What happened after sending, per recipient, from the SES events (mail-events.ts): each kind of event
   * keeps its own time, because events arrive out of order.
   */
  readonly delivery?: Readonly<Record<string, RecipientDelivery>>;
  /** The worst of the recipients' outcomes (a bounce of one of two recipients makes the mail `bounced`). */
  readonly deliveryStatus?: DeliveryStatus;
  /** When the retention job removed the content (HTML, text, attachments); the record stays a while longer. */
  readonly contentRemovedAt?: string;
  /**
   * A confirmation recorded without its content (which is not stored): the version it confirms and the
   * form's address for its links, from which the content is rendered again when it is sent later
   * (confirmation-mail.ts). The request that records it sends the content it rendered itself.
   */
  readonly renderFrom?: VersionKey & { readonly formUrl?: string };
}

/**
 * One thing that happened to a sent email for one recipient: an SES event (delivery, bounce, complaint,
 * reject, delay) or our own refusal to send to a suppressed address.
 */
export type MailEventType = 'delivery' | 'bounce' | 'complaint' | 'reject' | 'delay' | 'suppressed';

export interface MailEvent {
  readonly type: MailEventType;
  readonly recipient: string;
  /** When it happened, by the event's own timestamp (not when it arrived). */
  readonly at: string;
  /** Bounces only: permanent (the address does not exist) or transient (full mailbox, …). */
  readonly permanent?: boolean;
  /** The technical reason as SES reports it: bounce type and diagnostic code, complaint type, … */
  readonly reason?: string;
}

/** Per recipient, the latest event of each kind: a delivery arriving after a bounce never hides it. */
export interface RecipientDelivery {
  readonly deliveredAt?: string;
  readonly delayedAt?: string;
  readonly bounce?: { readonly at: string; readonly permanent: boolean; readonly reason?: string };
  readonly complaint?: { readonly at: string; readonly reason?: string };
  readonly reject?: { readonly at: string; readonly reason?: string };
  readonly suppressed?: { readonly at: string; readonly reason?: string };
  readonly status: DeliveryStatus;
}

export type DeliveryStatus =
  | 'sent'
  | 'delivered'
  | 'delayed'
  | 'rejected'
  | 'suppressed'
  | 'bounced'
  | 'complained';

/**
 * An address we no longer send to: it bounced permanently or its owner marked our mail as spam. On AWS
 * the configuration set puts it on the account's suppression list too; the outbox checks this list before
 * every send, so locally and on AWS the same code refuses it, visibly.
 */
export interface Suppression {
  readonly address: string;
  readonly reason: 'bounce' | 'complaint';
  readonly at: string;
  readonly detail?: string;
  /** The outbox email whose event put it here. */
  readonly mailId?: string;
}

/**
 * One staff request that changes something, by the idempotency token of the page it came from: a double
 * click or a resubmitted page finds it and does nothing again. Kept a day.
 */
export interface StaffRequest {
  readonly token: string;
  /** Who sent it; another person's token is refused. */
  readonly actor: string;
  /** The page action, e.g. `deadline-wijzigen`. */
  readonly action: string;
  readonly startedAt: string;
  readonly status: 'running' | 'done';
  /** Where the browser went afterwards, and the sentence that page shows (set when done). */
  readonly location?: string;
  readonly notice?: string;
}
