import type {
  AuditEvent,
  DeliveryStatus,
  Draft,
  Invitation,
  MailAttachment,
  MailEvent,
  Municipality,
  OutboxMail,
  RecipientDelivery,
  Region,
  Registry,
  RegistryItem,
  Round,
  StaffRequest,
  SubmissionClaim,
  SubmissionVersion,
  SubmittedBy,
  Suppression,
  VersionKey,
} from './model.js';
import type { Targets } from './targets/model.js';

/**
 * How fresh a read must be. `cached`: this process may answer from its copy of the item, read at most
 * 30 s ago (and forgotten at once when this process changes it): for rounds, registry items and targets
 * on the officials' form pages, where a change made by the console in another process may take that long
 * to show. Without it the read goes to the table.
 */
export interface ReadOptions {
  readonly cached?: boolean;
}

/**
 * The small ports use cases talk to. Only adapters (functions/adapters) import the AWS SDK; tests and the
 * local run pass the same adapters pointed at the emulators. The store is one table, described here by
 * the kind of item; a use case may ask for only the parts it uses.
 */
export interface RegistryStore {
  /** Writes every item as given, overwriting (benchmarks and tests; people's edits use putRegistryItem). */
  putRegistry(registry: Registry): Promise<void>;
  /**
   * Writes the seed registry on the very first start only: true when it wrote, false when the registry was
   * seeded before (then nothing is touched, so edits and imports survive every restart).
   */
  seedRegistry(registry: Registry, at: string): Promise<boolean>;
  /**
   * Writes one item if it still has `expectedRevision` (0: it must not exist yet), with the revision one
   * higher; false when someone changed it in between (nothing is written then).
   */
  putRegistryItem(item: RegistryItem, expectedRevision: number): Promise<boolean>;
  /** The whole registry (provinces, regions, municipalities). */
  getRegistry(): Promise<Registry>;
  getMunicipality(code: string, options?: ReadOptions): Promise<Municipality | undefined>;
  getRegion(id: string, options?: ReadOptions): Promise<Region | undefined>;
}

export interface RoundStore {
  /** Creates a round; false when one with that id exists (never overwrites). */
  createRound(round: Round): Promise<boolean>;
  getRound(id: string, options?: ReadOptions): Promise<Round | undefined>;
  /** These rounds as stored now (as `getRound` reads each), in one read per 100; an id not stored is absent. */
  getRounds(ids: readonly string[]): Promise<Round[]>;
  /** Every round, by deadline. */
  listRounds(options?: ReadOptions): Promise<Round[]>;
  /**
   * Replaces a round's settings (opening, deadline, late submissions); the id and form never change. With
   * `expectedDeadline` only while the stored deadline is still that one; false when it is not (someone
   * changed the round in between).
   */
  updateRound(round: Round, expectedDeadline?: string): Promise<boolean>;
}

export interface SubmissionStore {
  /** The current version of every municipality that submitted, page by page to the end. */
  listCurrent(roundId: string): Promise<SubmissionVersion[]>;
  /**
   * The current versions of a round's form, one DynamoDB page at a time (exports stream these instead of
   * holding a whole round set in memory).
   */
  currentPages(roundId: string, formId: string): AsyncIterable<SubmissionVersion[]>;
  /** Every stored version of a round's form, a page at a time, by municipality code and then version. */
  versionPages(roundId: string, formId: string): AsyncIterable<SubmissionVersion[]>;
  /**
   * Stores version n (never changed afterwards) only when version n − 1 is stored (or n = 1) and n is not:
   * `taken` when someone else stored n first, `gap` when n − 1 does not exist. So versions are contiguous
   * and an amendment is accepted only from the latest version. Every version is listed for the repair
   * (`listStoredVersions`), in the same write. With `predecessorSeen` the caller read version n − 1 during this request
   * (versions never change or go away), so it is not read again.
   */
  putVersion(
    version: SubmissionVersion,
    options?: { predecessorSeen?: boolean },
  ): Promise<'stored' | 'taken' | 'gap'>;
  getVersion(
    roundId: string,
    formId: string,
    municipality: string,
    version: number,
  ): Promise<SubmissionVersion | undefined>;
  /** The highest stored version: the truth, read from the version items themselves. */
  latestVersion(
    roundId: string,
    formId: string,
    municipality: string,
  ): Promise<SubmissionVersion | undefined>;
  /** Moves the current-version copy forward; never backwards (a late or repeated call changes nothing). */
  advanceCurrent(version: SubmissionVersion): Promise<void>;
  /** Every stored version, oldest first. */
  listVersions(roundId: string, formId: string, municipality: string): Promise<SubmissionVersion[]>;
  /**
   * The versions submitted from `from` (inclusive; undefined: the very first) to before `before` (ISO
   * times), as the repair walks them: every stored version is listed, confirmed or not.
   */
  listStoredVersions(
    from: string | undefined,
    before: string,
  ): Promise<(VersionKey & { readonly submittedAt: string })[]>;
  /** How far the repair has looked: every version submitted before it has its confirmation recorded. */
  repairMark(): Promise<string | undefined>;
  /** Moves the repair's mark forward to `at`; never back (a later mark stays). */
  advanceRepairMark(at: string): Promise<void>;
}

/** Submission ids: each one taken once per (round, form, municipality), naming the version it produces. */
export interface SubmissionClaimStore {
  /** Takes the id for `claim.version`; false when the id was taken before (read it with getSubmissionClaim). */
  claimSubmissionId(claim: SubmissionClaim): Promise<boolean>;
  getSubmissionClaim(
    key: Omit<SubmissionClaim, 'version' | 'claimedAt' | 'actor'>,
  ): Promise<SubmissionClaim | undefined>;
  /**
   * Points an id at another version number, only if it still names `from` (whose version someone else
   * stored, so the id produced nothing there); false when it moved in between.
   */
  moveSubmissionClaim(
    key: Omit<SubmissionClaim, 'version' | 'claimedAt' | 'actor'>,
    from: number,
    to: number,
  ): Promise<boolean>;
}

export interface DraftStore {
  /** Every draft of a round (status only: drafts never count as submitted). */
  listDrafts(roundId: string): Promise<Draft[]>;
  /** Saves a draft if its stored revision is still `draft.revision - 1`; false when someone saved in between. */
  saveDraft(draft: Draft): Promise<boolean>;
  getDraft(roundId: string, formId: string, municipality: string): Promise<Draft | undefined>;
  /**
   * Deletes the draft a submitted version supersedes: only a draft begun from an older version than
   * `supersededBy` (a colleague's draft on top of it stays).
   */
  deleteDraft(roundId: string, formId: string, municipality: string, supersededBy: number): Promise<void>;
}

/** A municipality's current version as a round's status shows it: who, when, late, warnings; no answers. */
export type CurrentVersionSummary = Pick<
  SubmissionVersion,
  'formId' | 'municipality' | 'version' | 'submittedAt' | 'late' | 'warnings'
> & { readonly submittedBy: Pick<SubmittedBy, 'name'> };

/** A draft as a round's status shows it: when, and from which version; not what was typed. */
export type DraftSummary = Pick<Draft, 'formId' | 'municipality' | 'baseVersion' | 'savedAt'>;

/** What a round's status (`roundStatus`) reads of its responses. */
export interface RoundResponseStore {
  /**
   * The current versions and the drafts of a round (as `listCurrent` and `listDrafts` list them), in one
   * read and without their answers: what the round's status and the dashboard show of them.
   */
  roundResponses(roundId: string): Promise<{ current: CurrentVersionSummary[]; drafts: DraftSummary[] }>;
}

/** What a submission starts from, in one read. */
export interface AmendmentStore {
  /**
   * The version `baseVersion` (none for 0, or when it does not exist) and the municipality's draft (none
   * when there is none), read together; with `mailTo`, also whether that address is on the suppression
   * list (`suppressions`, empty when it is not), for the confirmation email the submission sends; with
   * `invitationId`, also that invitation (`invitation`, undefined when there is none), for the link's check;
   * with `round`, also the round as stored now (never this process's copy), for its deadline.
   */
  amendmentBase(
    roundId: string,
    formId: string,
    municipality: string,
    baseVersion: number,
    options?: { mailTo?: string; invitationId?: string; round?: boolean },
  ): Promise<{
    previous?: SubmissionVersion;
    draft?: Draft;
    suppressions?: Suppression[];
    invitation?: Invitation;
    round?: Round;
  }>;
  /**
   * What a municipality's form page starts from, in one read: the invitation of its link (to check before
   * anything else is used) and its draft; the round and the municipality go in the same read when this
   * process keeps no copy of them, and become that copy (so the `{ cached: true }` reads that follow answer
   * from it). `regionHint` (the region the link's token names): that region goes in the same read too, so
   * a process that keeps no copy of anything reads the registry in this one call; a hint that turns out
   * not to be the municipality's region only costs the region's own read after it.
   */
  formPageBase(
    roundId: string,
    formId: string,
    municipality: string,
    invitationId: string,
    regionHint?: string,
  ): Promise<{ invitation?: Invitation; draft?: Draft }>;
}

export interface InvitationStore {
  /**
   * The secret that signs invitation links: the one with this id, or (no id) the current one, created on
   * first use with a conditional write so concurrent first calls agree. Throws when an id is unknown.
   */
  invitationKey(id?: string): Promise<{ id: string; secret: string }>;
  putInvitation(invitation: Invitation): Promise<void>;
  getInvitation(id: string): Promise<Invitation | undefined>;
  listInvitations(roundId: string): Promise<Invitation[]>;
  /** Marks an invitation revoked; false when it does not exist. */
  revokeInvitation(id: string, at: string): Promise<boolean>;
  recordInvitationSent(id: string, to: readonly string[], at: string): Promise<void>;
  /** Records the first time a link was opened; true only for that first time. */
  recordInvitationOpened(id: string, at: string): Promise<boolean>;
  /** Moves a link's expiry (it follows the round's deadline); false when it does not exist. */
  setInvitationExpiry(id: string, expiresAt: string): Promise<boolean>;
}

export interface AuditStore {
  /** Appends to the audit trail (never changes earlier lines). */
  audit(event: AuditEvent): Promise<void>;
  /** The audit trail, oldest first; per round, or the global one (staff and admin actions without a round). */
  listAudit(roundId?: string): Promise<AuditEvent[]>;
  /**
   * When each reminder of a round went, automatic or sent from the console (its audit lines of action
   * `reminder`, only their time and municipality), oldest first.
   */
  remindersSent(roundId: string): Promise<{ municipality: string; at: string }[]>;
}

export interface OutboxStore {
  /**
   * Records an email once; false when that id is already recorded. With `claimedUntil` it is recorded as
   * taken for sending by the caller until then (as `claimMail` would), for a caller that sends it at once.
   * An email with `renderFrom` is recorded without its content (`getMail` answers it empty).
   */
  enqueueMail(mail: OutboxMail, options?: { claimedUntil?: string; unlisted?: boolean }): Promise<boolean>;
  /**
   * Lists an email recorded `unlisted` (with `claimedUntil`: its creator sends it at once, and the send's
   * outcome lists it as sent, pending or failed) among the pending ones, so the outbox sender finds it
   * once the lease has run out; false when it was listed already. The creator's version stays on the
   * unconfirmed list until then, so a crash in between is repaired (completeSubmission).
   */
  ensureMailListed(id: string): Promise<boolean>;
  getMail(id: string): Promise<OutboxMail | undefined>;
  /** Envelopes (no content) of the emails waiting to be sent, or given up on. */
  listMail(status: 'pending' | 'failed'): Promise<OutboxMail[]>;
  /** Envelopes of sent emails, newest first (by the time they were recorded), recorded before `before`. */
  listSentMail(options?: { before?: string; limit?: number }): Promise<OutboxMail[]>;
  /** Puts a failed email back in the queue for a new round of attempts; false when it was not failed. */
  requeueMail(id: string, at: string): Promise<boolean>;
  /** Takes the email for sending until `leaseUntil`; false when another sender holds it or it was sent. */
  claimMail(id: string, now: string, leaseUntil: string): Promise<boolean>;
  /** Records the send: listed as sent. */
  markMailSent(id: string, messageId: string, sentAt: string): Promise<void>;
  /** The envelopes (no content) of these emails, by id; an id not recorded is absent. */
  mailEnvelopes(ids: readonly string[]): Promise<Map<string, OutboxMail>>;
  /** Records a failed attempt (pending until `nextAttemptAt`, or failed); ignored once the email is sent. */
  markMailFailed(id: string, error: string, nextAttemptAt: string | undefined): Promise<void>;
}

/** SES events per outbox email, and the suppression list. */
export interface MailEventStore {
  /** Records one event once (a redelivered SES event changes nothing); false when it was already there. */
  putMailEvent(mailId: string, event: MailEvent): Promise<boolean>;
  listMailEvents(mailId: string): Promise<MailEvent[]>;
  /**
   * Stores what the events of an email add up to, unless a summary of more events is already stored (two
   * events handled at once never leave the smaller picture).
   */
  setMailDelivery(
    mailId: string,
    delivery: Record<string, RecipientDelivery>,
    status: DeliveryStatus,
    eventCount: number,
  ): Promise<void>;
  suppress(suppression: Suppression): Promise<void>;
  /** The suppressions among these addresses (case-insensitive). */
  suppressionsOf(addresses: readonly string[]): Promise<Suppression[]>;
  listSuppressions(): Promise<Suppression[]>;
  /** Takes an address off the list; false when it was not on it. */
  liftSuppression(address: string): Promise<boolean>;
}

/** What the retention job deletes or rewrites, by key (retention.ts decides what is past its period). */
export interface RetentionStore {
  deleteInvitation(id: string): Promise<void>;
  /** Deletes every submitted version, current copy and summary snapshot of a round; returns how many versions. */
  deleteRoundSubmissions(roundId: string): Promise<number>;
  deleteAuditLine(line: AuditEvent): Promise<void>;
  /** Rewrites an audit line in place (anonymisation, the one change an audit line may see). */
  replaceAuditLine(line: AuditEvent): Promise<void>;
  /** Removes a sent email's content (HTML, text, attachments), keeping the record; false when not sent. */
  removeMailContent(id: string, at: string): Promise<boolean>;
  /** Deletes a sent or failed email record with its SES events; false when it is pending again. */
  deleteMail(id: string): Promise<boolean>;
}

export interface SummarySnapshotStore {
  /** The snapshot the previous summary of a round and scope left, for "what changed since then". */
  getSummarySnapshot(roundId: string, scope: string): Promise<unknown>;
  putSummarySnapshot(roundId: string, scope: string, snapshot: unknown): Promise<void>;
}

export interface RequestStore {
  /** Records a request as running; false when that token was seen before (then read it with getRequest). */
  claimRequest(request: StaffRequest, expiresAt: number): Promise<boolean>;
  getRequest(token: string): Promise<StaffRequest | undefined>;
  /** Marks a running request done, with where the browser goes and what it is told. */
  completeRequest(token: string, outcome: { location: string; notice: string }): Promise<void>;
  /** Forgets a request that failed, so the same page can try again. */
  releaseRequest(token: string): Promise<void>;
}

export interface TargetStore {
  /** Stores a revision of published targets; false when that revision exists (someone published first). */
  putTargets(targets: Targets): Promise<boolean>;
  /** Every revision of a province's published targets (shares per cycle, statushouders tasks per half year). */
  listTargets(province: string, options?: ReadOptions): Promise<Targets[]>;
}

/** The whole table. */
export interface Store
  extends RegistryStore,
    RoundStore,
    SubmissionStore,
    SubmissionClaimStore,
    DraftStore,
    RoundResponseStore,
    AmendmentStore,
    InvitationStore,
    AuditStore,
    OutboxStore,
    MailEventStore,
    RetentionStore,
    SummarySnapshotStore,
    TargetStore,
    RequestStore {}

export interface MailMessage {
  readonly to: readonly string[];
  readonly replyTo?: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments?: readonly MailAttachment[];
  /** The outbox id, handed to the provider so that its later events (bounce, delivery) find the email. */
  readonly reference?: string;
}

export interface Mailer {
  /**
   * Sends one message; resolves with the provider's message id, rejects on failure. `signal` aborts the
   * attempt (the caller's time budget ran out).
   */
  send(message: MailMessage, options?: { signal?: AbortSignal }): Promise<{ messageId: string }>;
}

export interface Clock {
  now(): Date;
}

export interface Ids {
  newId(): string;
}

/**
 * Where export files too big to answer directly are put, and the short-lived link that fetches them: S3
 * and a pre-signed URL on AWS; a folder of the local run and a signed link to the local server locally.
 */
export interface ExportFiles {
  /** Writes the file from the stream (which may be long; it is read once, to the end). */
  save(key: string, body: NodeJS.ReadableStream, contentType: string): Promise<void>;
  /** A link that downloads the saved file as `filename`, valid for a few minutes. */
  link(key: string, filename: string, contentType: string): Promise<string>;
}
