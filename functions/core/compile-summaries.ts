import type { PageContact } from '../../forms/render/layout.js';
import { renderSummaryEmail } from '../emails/summary-email.js';
import type { AggregationScope, AggregationSnapshot, RoundAggregate } from './aggregation/types.js';
import { type DeliveryOutcome, deliverMail } from './deliver-mail.js';
import { NotFound } from './errors.js';
import type { MailAttachment, Registry, Round } from './model.js';
import type { Clock, Ids, Mailer, Store } from './ports.js';
import { provinceContact, regionContact } from './registry/secretariat.js';
import { earlierRoundSeries } from './round-series.js';
import { attachmentsSize, maxAttachmentBytes, summaryAttachments } from './summary-csv.js';
import { figureAttachments } from './summary-figures-csv.js';
import { hasContent, summaryModel } from './summary-model.js';
import { provinceOfScope, publishedTargets } from './targets/publish-targets.js';

export interface SummaryDeps {
  readonly store: Store;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** `region:ijsselland` / `province:overijssel`: how a scope is named in ids and snapshots. */
export function scopeKey(scope: AggregationScope): string {
  return `${scope.type}:${scope.id}`;
}

/** Every scope a round's summaries go to: each of its regions (the regietafel) and their province. */
export function roundScopes(round: Round, registry: Registry): AggregationScope[] {
  const regions = registry.regions.filter((region) => round.regions.includes(region.id));
  const provinces = [...new Set(regions.map((region) => region.province))];
  return [
    ...regions.map((region) => ({ type: 'region' as const, id: region.id })),
    ...provinces.map((province) => ({ type: 'province' as const, id: province })),
  ];
}

/** Who a scope's summary goes to, and the secretariat their replies go to. */
function recipients(
  scope: AggregationScope,
  registry: Registry,
): { label: string; addresses: readonly string[]; contact: PageContact | undefined } {
  if (scope.type === 'region') {
    const region = registry.regions.find((candidate) => candidate.id === scope.id);
    if (!region) throw new NotFound(`Onbekende regio ${scope.id}.`);
    return { label: region.boardName, addresses: region.addresses, contact: regionContact(region) };
  }
  const province = registry.provinces.find((candidate) => candidate.id === scope.id);
  if (!province) throw new NotFound(`Onbekende provincie ${scope.id}.`);
  return {
    label: `Provincie ${province.name}`,
    addresses: province.addresses,
    contact: provinceContact(province),
  };
}

export interface CompiledSummary {
  readonly scope: AggregationScope;
  readonly aggregate: RoundAggregate;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments: readonly MailAttachment[];
  readonly recipients: readonly string[];
  /** The Reply-To: the scope's secretariat. */
  readonly replyTo?: readonly string[];
  /** Nothing submitted in the scope yet: such a summary is shown as a preview but never sent. */
  readonly empty: boolean;
}

type SummaryInput = { readonly round: Round; readonly registry: Registry; readonly scope: AggregationScope };
export type SummaryInputs = Awaited<ReturnType<typeof readSummaryInputs>>;

/** What a summary is made of, read at once: the round's versions and drafts, the snapshot, targets, series. */
export async function readSummaryInputs(store: Store, input: SummaryInput) {
  const [current, drafts, previous, targets, earlier] = await Promise.all([
    store.listCurrent(input.round.id),
    store.listDrafts(input.round.id),
    store.getSummarySnapshot(input.round.id, scopeKey(input.scope)),
    publishedTargets(store, [provinceOfScope(input.registry, input.scope)]),
    earlierRoundSeries(store, input),
  ]);
  return { current, drafts, previous, targets, earlier };
}

/** The summary's model (summary-model.ts) from what `readSummaryInputs` read. */
export function summaryModelOf(input: SummaryInput, read: SummaryInputs, now: Date) {
  return summaryModel({
    round: input.round,
    registry: input.registry,
    scope: input.scope,
    current: read.current,
    drafts: read.drafts,
    previous: read.previous as AggregationSnapshot | undefined,
    targets: read.targets,
    // The round just before this one is what "changed since the previous round" compares with.
    previousRound: read.earlier.at(-1),
    earlierRounds: read.earlier,
    now,
  });
}

/**
 * Compile the summary of a round for one scope (`compileSummary`): aggregate the current versions (drafts
 * never count), compare with the previous summary's snapshot and with the earlier rounds of the form (the
 * trend, and what changed since the previous round), render the email and its CSV attachments.
 * Attachments that would make the email too large for SES are left out, with a note pointing to the
 * staff download instead.
 */
export async function compileSummary(
  deps: Pick<SummaryDeps, 'store' | 'clock'>,
  input: {
    round: Round;
    registry: Registry;
    scope: AggregationScope;
    /** The site's base URL; the email links to the round's dashboard page under it. */
    dashboardUrl?: string;
  },
): Promise<CompiledSummary> {
  const roundPage = input.dashboardUrl
    ? `${input.dashboardUrl.replace(/\/+$/, '')}/staf/rondes/${encodeURIComponent(input.round.id)}`
    : undefined;
  const read = await readSummaryInputs(deps.store, input);
  const { current } = read;
  const model = summaryModelOf(input, read, deps.clock.now());
  const { aggregate } = model;
  const inScope = new Set(aggregate.response.municipalities.map((municipality) => municipality.code));
  let attachments: readonly MailAttachment[] = [
    ...summaryAttachments(
      aggregate,
      current.filter((version) => version.formId === input.round.formId && inScope.has(version.municipality)),
    ),
    ...figureAttachments(aggregate, model.trends),
  ];
  const tooLarge = attachmentsSize(attachments) > maxAttachmentBytes;
  if (tooLarge) attachments = [];
  const { label, addresses, contact } = recipients(input.scope, input.registry);
  const email = renderSummaryEmail(model, {
    recipientLabel: label,
    contact,
    dashboardUrl: roundPage,
    attachments,
    // Too large for email: the footer points to the round's dashboard page, which has the export buttons.
    attachmentsUrl: tooLarge ? (roundPage ?? '') : undefined,
  });
  return {
    scope: input.scope,
    aggregate,
    ...email,
    attachments,
    recipients: addresses,
    replyTo: contact ? [contact.email] : undefined,
    empty: !hasContent(aggregate),
  };
}

export interface SentSummary {
  readonly scope: AggregationScope;
  readonly recipient: string;
  readonly mailId: string;
  /** `new`: recorded now; `existing`: this (round, scope, period, recipient) was recorded before. */
  readonly recorded: 'new' | 'existing';
  readonly delivery: DeliveryOutcome;
}

export interface SummaryRun {
  readonly sent: readonly SentSummary[];
  /** Scopes with nothing submitted yet: no summary is sent for them. */
  readonly empty: readonly AggregationScope[];
}

/**
 * Send the summaries of a round (`sendSummaries`) for a period — an ISO week for the weekly summary,
 * `deadline` at the deadline, `handmatig-…` on demand. Each (round, kind, scope, period, recipient) is
 * recorded in the outbox once, under a deterministic id: a job that runs twice, or two at once, sends
 * nothing twice. The snapshot for "what changed" moves on only when something new was recorded. A scope
 * where no municipality has submitted gets no summary at all (nothing to read but a list of everyone).
 */
export async function sendSummaries(
  deps: SummaryDeps,
  input: {
    roundId: string;
    period: string;
    scopes?: readonly AggregationScope[];
    dashboardUrl?: string;
    actor: string;
  },
): Promise<SummaryRun> {
  const round = await deps.store.getRound(input.roundId);
  if (!round) throw new NotFound(`Er is geen ronde ‘${input.roundId}’.`);
  const registry = await deps.store.getRegistry();
  const results: SentSummary[] = [];
  const empty: AggregationScope[] = [];
  for (const scope of input.scopes ?? roundScopes(round, registry)) {
    const summary = await compileSummary(deps, { round, registry, scope, dashboardUrl: input.dashboardUrl });
    if (summary.empty) {
      empty.push(scope);
      continue;
    }
    let recordedSomething = false;
    for (const recipient of summary.recipients) {
      const mailId = `summary#${round.id}#${scopeKey(scope)}#${input.period}#${recipient}`;
      const recorded = await deps.store.enqueueMail({
        id: mailId,
        kind: 'summary',
        to: [recipient],
        replyTo: summary.replyTo,
        subject: summary.subject,
        html: summary.html,
        text: summary.text,
        attachments: summary.attachments,
        createdAt: deps.clock.now().toISOString(),
        status: 'pending',
        attempts: 0,
      });
      recordedSomething ||= recorded;
      results.push({
        scope,
        recipient,
        mailId,
        recorded: recorded ? 'new' : 'existing',
        delivery: await deliverMail(deps, mailId),
      });
    }
    if (recordedSomething) {
      await deps.store.putSummarySnapshot(round.id, scopeKey(scope), summary.aggregate.snapshot);
      await deps.store.audit({
        at: deps.clock.now().toISOString(),
        id: deps.ids.newId(),
        action: 'summary-sent',
        actor: input.actor,
        roundId: round.id,
        details: { scope: scopeKey(scope), period: input.period, recipients: summary.recipients },
      });
    }
  }
  return { sent: results, empty };
}

/** The ISO week of a date (`2026-W48`): the period of the weekly summary. */
export function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** A readable period name for an on-demand summary. */
export function manualPeriod(now: Date): string {
  return `handmatig-${now.toISOString()}`;
}
