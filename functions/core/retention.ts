import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';
import { roundOfMail } from './mail-events.js';
import type { AuditEvent, Round } from './model.js';
import type { Clock, Ids, Store } from './ports.js';

const day = 24 * 3600 * 1000;

/**
 * How long each kind of personal data is kept (AVG: no longer than needed), in days, counted from when it
 * stopped being needed. A deploy setting (`-c retention='{"draftDays":14}'`, README *Retention*); 0 for
 * `versionDays` keeps submissions for ever.
 */
export interface RetentionPolicy {
  /** Drafts (concepts) of a round, after its deadline: nobody can submit them any more. */
  readonly draftDays: number;
  /** Invitation records (who got which link, addresses), after the round's links expired. */
  readonly invitationDays: number;
  /** The content of a sent (or given-up) email — HTML, text, attachments — after it was sent. */
  readonly mailContentDays: number;
  /** The rest of an email record (recipients, outcome, SES events), after it was sent. */
  readonly mailRecordDays: number;
  /** Audit lines: who did it is anonymised after this many days; what happened stays. */
  readonly auditAnonymiseDays: number;
  /**
   * Submitted versions (and the round's audit trail) after the round's deadline, per the Archiefwet
   * selection list the province applies; 0 = keep. Default 10 years.
   */
  readonly versionDays: number;
}

export const defaultRetention: RetentionPolicy = {
  draftDays: 30,
  invitationDays: 90,
  mailContentDays: 30,
  mailRecordDays: 730,
  auditAnonymiseDays: 730,
  versionDays: 3653,
};

/** Built on the first RETENTION read (the daily job's first invoke), not at import; the defaults need none. */
const retentionSchema = lazySchema(() => {
  const days = (fallback: number) => z._default(z.number().check(z.int(), z.gte(0)), fallback);
  return z.strictObject(
    Object.fromEntries(
      Object.entries(defaultRetention).map(([key, fallback]) => [key, days(fallback)]),
    ) as Record<keyof RetentionPolicy, ReturnType<typeof days>>,
  );
});

/** Reads a policy from JSON (the RETENTION setting): unknown keys and bad numbers are errors naming the key. */
export function parseRetention(json: string | undefined): RetentionPolicy {
  if (!json) return defaultRetention;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`RETENTION is geen JSON: ${json}`);
  }
  const parsed = retentionSchema().safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `RETENTION ongeldig: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || issue.message}: ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/** Links of a round that accepts late submissions work until 30 days after the deadline (invitations.ts). */
const lateWindowMs = 30 * day;

/**
 * When a round stopped taking answers: its deadline, or for a round that accepts late submissions the
 * end of the late window. Undefined while it still takes answers (or has not opened): then nothing of the
 * round is touched.
 */
export function roundSettledAt(round: Round, now: Date): number | undefined {
  const end = Date.parse(round.deadline) + (round.acceptsLate ? lateWindowMs : 0);
  return now.getTime() > end ? end : undefined;
}

export interface RetentionRun {
  readonly draftsDeleted: number;
  readonly invitationsDeleted: number;
  readonly mailContentRemoved: number;
  readonly mailDeleted: number;
  readonly auditAnonymised: number;
  readonly versionsDeleted: number;
}

const emailLike = /[^\s@"<>]+@[^\s@"<>]+/g;

/** An audit line without who did it: addresses removed anywhere, a personal actor reduced to its kind. */
export function anonymisedAuditLine(line: AuditEvent, at: string): AuditEvent {
  const scrub = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.replace(emailLike, '[verwijderd]')
      : Array.isArray(value)
        ? value.map(scrub)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, scrub(inner)]))
          : value;
  const actor = line.actor.includes('@') ? 'staf' : line.actor.startsWith('admin:') ? 'admin' : line.actor;
  return {
    ...line,
    actor,
    ...(line.details && { details: scrub(line.details) as Record<string, unknown> }),
    // A change of a contact keeps what kind of change it was, not the addresses before and after.
    ...(line.before && { before: scrub(line.before) as Record<string, unknown> }),
    ...(line.after && { after: scrub(line.after) as Record<string, unknown> }),
    anonymisedAt: at,
  };
}

/**
 * The retention step of the daily job (`applyRetention`): deletes or anonymises what is past its period,
 * and writes each step to the audit trail (counts only). It never touches a round that still takes
 * answers, a pending email, or the versions of the latest finished round of each form (the next round
 * prefills from them and compares with them): whatever the policy says, current data is never lost.
 */
export async function applyRetention(
  deps: { store: Store; clock: Clock; ids: Ids },
  policy: RetentionPolicy,
): Promise<RetentionRun> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const past = (since: number, days: number) => now.getTime() - since > days * day;
  const counts = {
    draftsDeleted: 0,
    invitationsDeleted: 0,
    mailContentRemoved: 0,
    mailDeleted: 0,
    auditAnonymised: 0,
    versionsDeleted: 0,
  };
  const note = async (roundId: string | undefined, details: Record<string, number>) => {
    if (Object.values(details).every((value) => value === 0)) return;
    await deps.store.audit({
      at: nowIso,
      id: deps.ids.newId(),
      action: 'retention',
      actor: 'planning',
      ...(roundId && { roundId }),
      details: { ...details, policy: { ...policy } },
    });
  };

  const rounds = await deps.store.listRounds();
  // The latest finished round of each form is the one a new round prefills from and compares with.
  const latestOfForm = new Map<string, Round>();
  for (const round of rounds) {
    if (roundSettledAt(round, now) === undefined) continue;
    const latest = latestOfForm.get(round.formId);
    if (!latest || round.deadline > latest.deadline) latestOfForm.set(round.formId, round);
  }
  const settledRounds = new Map<string, number>();
  for (const round of rounds) {
    const settled = roundSettledAt(round, now);
    if (settled === undefined) continue;
    settledRounds.set(round.id, settled);
    const step = { drafts: 0, invitations: 0, versions: 0, auditAnonymised: 0 };

    if (past(settled, policy.draftDays)) {
      for (const draft of await deps.store.listDrafts(round.id)) {
        // Past its period every draft of the round goes, whatever version it was begun from.
        await deps.store.deleteDraft(
          draft.roundId,
          draft.formId,
          draft.municipality,
          Number.MAX_SAFE_INTEGER,
        );
        step.drafts++;
      }
    }
    if (past(settled, policy.invitationDays)) {
      for (const invitation of await deps.store.listInvitations(round.id)) {
        if (Date.parse(invitation.expiresAt) > now.getTime()) continue;
        await deps.store.deleteInvitation(invitation.id);
        step.invitations++;
      }
    }
    const keepVersions = latestOfForm.get(round.formId)?.id === round.id;
    const purge = policy.versionDays > 0 && !keepVersions && past(settled, policy.versionDays);
    if (purge) {
      step.versions = await deps.store.deleteRoundSubmissions(round.id);
    }
    for (const line of await deps.store.listAudit(round.id)) {
      if (purge) {
        await deps.store.deleteAuditLine(line);
      } else if (!line.anonymisedAt && past(Date.parse(line.at), policy.auditAnonymiseDays)) {
        await deps.store.replaceAuditLine(anonymisedAuditLine(line, nowIso));
        step.auditAnonymised++;
      }
    }
    counts.draftsDeleted += step.drafts;
    counts.invitationsDeleted += step.invitations;
    counts.versionsDeleted += step.versions;
    counts.auditAnonymised += step.auditAnonymised;
    // After a purge the round keeps one line saying so; otherwise one line per step that did something.
    await note(round.id, {
      draftsDeleted: step.drafts,
      invitationsDeleted: step.invitations,
      versionsDeleted: step.versions,
      auditAnonymised: step.auditAnonymised,
    });
  }

  let globalAnonymised = 0;
  for (const line of await deps.store.listAudit()) {
    if (!line.anonymisedAt && past(Date.parse(line.at), policy.auditAnonymiseDays)) {
      await deps.store.replaceAuditLine(anonymisedAuditLine(line, nowIso));
      globalAnonymised++;
    }
  }
  counts.auditAnonymised += globalAnonymised;

  // Mail: only what was sent (or given up on) long enough ago, and never mail of a round that still runs.
  const mailStep = { mailContentRemoved: 0, mailDeleted: 0 };
  const mailCutoff = new Date(now.getTime() - Math.min(policy.mailContentDays, policy.mailRecordDays) * day);
  const candidates = [
    ...(await deps.store.listSentMail({ before: mailCutoff.toISOString() })),
    ...(await deps.store.listMail('failed')),
  ];
  for (const mail of candidates) {
    const roundId = roundOfMail(mail.id);
    const known = roundId ? rounds.find((round) => round.id === roundId) : undefined;
    if (known && !settledRounds.has(known.id)) continue;
    const since = Date.parse(mail.sentAt ?? mail.createdAt);
    if (past(since, policy.mailRecordDays)) {
      if (await deps.store.deleteMail(mail.id)) mailStep.mailDeleted++;
    } else if (
      !mail.contentRemovedAt &&
      past(since, policy.mailContentDays) &&
      (await deps.store.removeMailContent(mail.id, nowIso))
    ) {
      mailStep.mailContentRemoved++;
    }
  }
  counts.mailContentRemoved += mailStep.mailContentRemoved;
  counts.mailDeleted += mailStep.mailDeleted;
  await note(undefined, {
    mailContentRemoved: mailStep.mailContentRemoved,
    mailDeleted: mailStep.mailDeleted,
    auditAnonymised: globalAnonymised,
  });
  return counts;
}

/** One Dutch line for the job's output: what the retention step did. */
export function retentionSummary(run: RetentionRun): string {
  const parts = [
    [run.draftsDeleted, 'concept(en) verwijderd'],
    [run.invitationsDeleted, 'uitnodiging(en) verwijderd'],
    [run.mailContentRemoved, 'e-mailinhoud(en) verwijderd'],
    [run.mailDeleted, 'e-mail(s) verwijderd'],
    [run.auditAnonymised, 'auditregel(s) geanonimiseerd'],
    [run.versionsDeleted, 'ingezonden versie(s) verwijderd'],
  ].filter(([count]) => (count as number) > 0);
  return parts.length === 0
    ? 'bewaartermijnen: niets verlopen'
    : `bewaartermijnen: ${parts.map(([count, what]) => `${count} ${what}`).join(', ')}`;
}
