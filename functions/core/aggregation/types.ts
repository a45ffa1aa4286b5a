import type { ContributionRate } from '../../../forms/data/contribution-schedule.js';
import type { AnswerChange } from '../../../forms/diff.js';
import type { RoundPhase } from '../form-context.js';
import type { Draft, Registry, Round, SubmissionVersion } from '../model.js';
import type { ResponseStatus } from '../round-status.js';
import type { FigureStatus, PublishedTargets } from '../targets/model.js';

/**
 * The result of aggregating a round for a region or a province. Everything in it is plain JSON (no Maps,
 * no Dates): it can be rendered, stored, compared in a test or sent to a browser as is. Percentages are
 * numbers rounded to one decimal (83.7 means 83,7 %), `null` where the whole is 0; money is in euro,
 * rounded to cents. Municipalities are listed by region id, then by name.
 */

export type { ResponseStatus };

/** What to aggregate over: one region, or every region of a province. */
export type AggregationScope =
  | { readonly type: 'region'; readonly id: string }
  | { readonly type: 'province'; readonly id: string };

export interface AggregateRoundInput {
  readonly round: Round;
  readonly registry: Registry;
  readonly scope: AggregationScope;
  /** The current version of each municipality (the store's `listCurrent`). Older versions passed too are ignored. */
  readonly current: readonly SubmissionVersion[];
  /** The round's drafts: they never count as submitted, only as `concept` status. */
  readonly drafts?: readonly Draft[];
  /** The snapshot the previous summary returned, for "what changed since then". */
  readonly previous?: AggregationSnapshot;
  /**
   * The published targets (latest revision of every cycle and half year) of the scope's province: the
   * indicative shares, the provincial task and the statushouders tasks. Without them there is no task.
   */
  readonly targets?: PublishedTargets;
  /**
   * The previous round of the same form and its current versions: what changed since, per municipality
   * (the round is one of a cycle). Without it, `sincePreviousRound` is null.
   */
  readonly previousRound?: { readonly round: Round; readonly current: readonly SubmissionVersion[] };
  readonly now: Date;
  readonly options?: AggregationOptions;
}

export interface AggregationOptions {
  /** Revenue further than this fraction from the expected revenue is flagged (default 0.25). */
  readonly revenueTolerance?: number;
  /** The contribution schedule (default: forms/data/contribution-schedule.ts). */
  readonly contributionSchedule?: readonly ContributionRate[];
}

export interface MunicipalityRef {
  readonly code: string;
  readonly name: string;
  readonly region: string;
}

export interface RoundAggregate {
  readonly round: {
    readonly id: string;
    readonly title: string;
    readonly formId: string;
    readonly formTitle: string;
    readonly referenceDate: string;
    readonly opensAt: string;
    readonly deadline: string;
  };
  readonly scope: {
    readonly type: AggregationScope['type'];
    readonly id: string;
    readonly name: string;
    /** The scope's regions that take part in the round. */
    readonly regions: readonly { readonly id: string; readonly name: string }[];
  };
  /** `now`, as an ISO timestamp. */
  readonly generatedAt: string;
  readonly phase: RoundPhase;
  readonly response: ResponseOverview;
  /** The figures of the round's form; null for a form without an aggregation. */
  readonly form: FormAggregate | null;
  /** Plausibility warnings stored with the current versions, per municipality (only those with warnings). */
  readonly warnings: readonly MunicipalityWarnings[];
  /**
   * Answers of versions stored under an earlier revision of the form that today's form cannot read (a
   * choice no longer offered, a figure past a new limit): left out of the figures, and said so.
   */
  readonly unreadable: readonly UnreadableAnswers[];
  /** Null when there is no previous summary to compare with. */
  readonly changes: ChangesSincePrevious | null;
  /** What changed since the previous round of the form, per municipality; null without one. */
  readonly sincePreviousRound: SincePreviousRoundSummary | null;
  /** Give this back as `previous` next time. */
  readonly snapshot: AggregationSnapshot;
}

// Response status ---------------------------------------------------------------------------------------

export interface MunicipalityResponse extends MunicipalityRef {
  readonly status: ResponseStatus;
  readonly version?: number;
  readonly submittedAt?: string;
  readonly submittedBy?: string;
  /** Submitted after the deadline (as recorded with the version). */
  readonly late?: boolean;
  /** Number of plausibility warnings of the current version. */
  readonly warnings: number;
  /** When the draft was last saved: the only draft (status `concept`) or an amendment in progress. */
  readonly draftSavedAt?: string;
}

export interface ResponseOverview {
  readonly municipalities: readonly MunicipalityResponse[];
  readonly totals: {
    readonly municipalities: number;
    readonly ingezonden: number;
    readonly concept: number;
    readonly niets: number;
    readonly late: number;
  };
}

// Warnings ----------------------------------------------------------------------------------------------

export interface MunicipalityWarnings extends MunicipalityRef {
  readonly version: number;
  readonly warnings: readonly { readonly path: string; readonly message: string }[];
}

export interface SincePreviousRoundSummary {
  readonly round: { readonly id: string; readonly title: string; readonly referenceDate: string };
  /** Submitted in both rounds: what changed (an empty list: nothing did). By region, then name. */
  readonly municipalities: readonly (MunicipalityRef & {
    readonly version: number;
    readonly previousVersion: number;
    readonly changes: readonly AnswerChange[];
  })[];
  /** Submitted in this round, not in the previous one. */
  readonly newSince: readonly MunicipalityRef[];
}

export interface UnreadableAnswers extends MunicipalityRef {
  readonly version: number;
  readonly answers: readonly { readonly label: string; readonly value: string; readonly reason: string }[];
}

// Changes -----------------------------------------------------------------------------------------------

/** A small serialisable record of where every municipality stood when a summary was made. */
export interface AggregationSnapshot {
  readonly roundId: string;
  readonly scope: AggregationScope;
  readonly takenAt: string;
  readonly municipalities: Readonly<Record<string, SnapshotEntry>>;
}

export interface SnapshotEntry {
  readonly status: ResponseStatus;
  readonly version?: number;
}

export interface ChangesSincePrevious {
  /** When the previous summary was made. */
  readonly since: string;
  /** Submitted now, not submitted then (the version may be above 1 if amended in between). */
  readonly newSubmissions: readonly (MunicipalityRef & {
    readonly version: number;
    readonly submittedAt: string;
    readonly late: boolean;
  })[];
  /** Submitted then and amended since. */
  readonly amendments: readonly (MunicipalityRef & {
    readonly fromVersion: number;
    readonly toVersion: number;
    readonly submittedAt: string;
  })[];
  /** Every municipality whose status moved (a municipality new to the scope counts as from `niets`). */
  readonly statusChanges: readonly (MunicipalityRef & {
    readonly from: ResponseStatus;
    readonly to: ResponseStatus;
  })[];
  readonly any: boolean;
}

// Forms -------------------------------------------------------------------------------------------------

export type FormAggregate = VoortgangAggregate | EigenBijdrageAggregate | SociaalDomeinAggregate;

/**
 * Places of one kind (regular, AMV or both) of one municipality: its published indicative share and what it
 * reported. `null` means not known: no share published, or nothing submitted.
 */
export interface PlacesFigures {
  readonly share: number | null;
  readonly committed: number | null;
  readonly realised: number | null;
  /** Nog te realiseren: share − realised, never below 0. */
  readonly remaining: number | null;
  /** committed / share. */
  readonly committedPercent: number | null;
  /** realised / share. */
  readonly realisedPercent: number | null;
}

/**
 * Places of one kind for a group of municipalities (a region, the province), honest about who reported: the
 * task is that of every municipality in the group; committed and realised are sums over those that
 * submitted, and the percentages are given both against the whole task and over the reporting
 * municipalities only (labelled so wherever they are shown).
 */
export interface PlacesTotals {
  /** Municipalities in the group… */
  readonly municipalities: number;
  /** …of which submitted. */
  readonly reported: number;
  /** The sum of the published shares of every municipality in the group, reported or not. */
  readonly task: number;
  /** Municipalities of the group without a published share (counted as 0 in the task). */
  readonly withoutShare: number;
  /** Sums over the reporting municipalities. */
  readonly committed: number;
  readonly realised: number;
  /** committed / task and realised / task: against the whole task. */
  readonly committedPercent: number | null;
  readonly realisedPercent: number | null;
  /** The shares of the reporting municipalities, and committed / realised as part of that. */
  readonly reportedTask: number;
  readonly reportedCommittedPercent: number | null;
  readonly reportedRealisedPercent: number | null;
  /** Nog te realiseren bij de ingezonden gemeenten: the sum of their share − realised (each at least 0). */
  readonly remaining: number;
  /** The shares of the municipalities that did not report: how far they are is not known yet. */
  readonly unreportedTask: number;
}

/** Regular, AMV and both together. */
export interface GroupPlaces {
  readonly regular: PlacesTotals;
  readonly amv: PlacesTotals;
  readonly total: PlacesTotals;
}

export interface PhaseCount {
  /** The phase's option value in the form, e.g. `ruimtelijke-procedure`. */
  readonly phase: string;
  readonly label: string;
  readonly locations: number;
  readonly capacity: number;
}

export interface HousingRow {
  readonly period: string;
  readonly periodLabel: string;
  /** The task as the municipality reported it… */
  readonly task: number;
  /** …and as the province published it for that half year (null: none published). */
  readonly publishedTask: number | null;
  readonly backlog: number;
  readonly housed: number;
  /** Derived by the form: backlog + task − housed. */
  readonly balance: number;
  readonly ibtColour: string | null;
}

export interface HousingPeriod {
  readonly period: string;
  readonly label: string;
  /** Municipalities that reported this half year… */
  readonly municipalities: number;
  /** …of the municipalities in scope. */
  readonly of: number;
  /** The reported tasks, summed. */
  readonly task: number;
  /** The published tasks of every municipality in scope for this half year (null: none published). */
  readonly publishedTask: number | null;
  readonly backlog: number;
  readonly housed: number;
  readonly balance: number;
  /** IBT colour counts in the form's order (groen, oranje, rood). */
  readonly ibt: readonly { readonly colour: string; readonly label: string; readonly count: number }[];
  readonly withoutColour: number;
}

export interface VoortgangMunicipality extends MunicipalityRef {
  /** Whether it submitted; the reported figures are null and the lists empty when not. */
  readonly reported: boolean;
  readonly version: number | null;
  readonly regular: PlacesFigures;
  readonly amv: PlacesFigures;
  /** Regular and AMV together. */
  readonly total: PlacesFigures;
  /** Where its share comes from (null: no share published). */
  readonly shareStatus: FigureStatus | null;
  readonly locationsByPhase: readonly PhaseCount[];
  readonly ukraine: { readonly capacity: number; readonly occupied: number } | null;
  readonly housing: readonly HousingRow[];
}

/** The published targets an aggregate used, so every page and email can say where the task comes from. */
export interface TargetsUsed {
  readonly province: string;
  readonly cycle: string;
  readonly effectiveFrom: string;
  readonly revision: number;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly source: string;
  /** Municipalities in scope whose share is demo data, or still to confirm. */
  readonly demoShares: number;
  readonly sharesToConfirm: number;
}

export interface ProvincialTaskComparison {
  readonly province: string;
  readonly cycle: string;
  readonly effectiveFrom: string;
  readonly source: string;
  readonly status: FigureStatus;
  /** The published task (all places; AMV; regular = the difference) against what was committed and realised. */
  readonly total: PlacesTotals;
  readonly regular: PlacesTotals;
  readonly amv: PlacesTotals;
  /** What the published shares of the province add up to, and in words how that differs from the task. */
  readonly shares: { readonly places: number; readonly amv: number };
  /** Null when the shares add up to the task exactly. */
  readonly difference: string | null;
}

export interface VoortgangRegion {
  readonly id: string;
  readonly name: string;
  /** The region's task is the sum of its municipalities' shares. */
  readonly places: GroupPlaces;
}

export interface VoortgangAggregate {
  readonly kind: 'voortgang-opgaven';
  /** Every municipality in scope, reported or not, by region then name. */
  readonly municipalities: readonly VoortgangMunicipality[];
  /** Per region of the scope. */
  readonly regions: readonly VoortgangRegion[];
  readonly totals: GroupPlaces & {
    /** Over the reporting municipalities. */
    readonly locations: number;
    readonly capacity: number;
    readonly ukraine: { readonly capacity: number; readonly occupied: number };
  };
  /** The published targets used (null: none published for the round's reference date). */
  readonly targets: TargetsUsed | null;
  /** Only for a province scope, when targets are published for the round's reference date. */
  readonly provincialTask: ProvincialTaskComparison | null;
  /** Every phase of the form, in order (voornemen → operationeel), also when empty. */
  readonly locationsByPhase: readonly PhaseCount[];
  /** Half years reported, in the form's order. */
  readonly housing: readonly HousingPeriod[];
}

export type DeviationKind = 'operating-costs' | 'catering' | 'schedule' | 'revenue';

export interface Deviation {
  readonly kind: DeviationKind;
  /** The answer it is about. */
  readonly field: string;
  readonly reported: number | string;
  readonly expected: number | string;
  /** Dutch, for the summary. */
  readonly message: string;
}

export interface AdultCounts {
  readonly full: number;
  readonly partial: number;
  readonly custom: number;
  /** full + partial + custom. */
  readonly charged: number;
}

export interface EigenBijdrageMunicipality extends MunicipalityRef {
  readonly version: number;
  readonly collects: boolean;
  readonly collectingSince: string | null;
  /** The schedule's `effectiveFrom` the municipality applies. */
  readonly scheduleApplied: string | null;
  readonly amountOperatingCosts: number | null;
  readonly amountCatering: number | null;
  readonly incomeVerification: string | null;
  readonly executedBy: string | null;
  readonly executorName: string | null;
  readonly locations: number;
  readonly capacity: number;
  readonly residents: number;
  readonly hasCatering: boolean;
  readonly adults: AdultCounts;
  readonly monthlyRevenue: number | null;
  /** See eigen-bijdrage.ts: full × (operating + catering) + partial × half of that; null when not collecting. */
  readonly expectedRevenue: number | null;
  readonly revenuePercentOfExpected: number | null;
  readonly deviations: readonly Deviation[];
}

export interface EigenBijdrageAggregate {
  readonly kind: 'eigen-bijdrage';
  /** The national amounts in force on the round's reference date. */
  readonly scheduleInForce: ContributionRate | null;
  readonly revenueTolerance: number;
  readonly municipalities: readonly EigenBijdrageMunicipality[];
  /** Municipalities per schedule applied (`effectiveFrom`; `null`: not stated), collecting ones only. */
  readonly bySchedule: readonly {
    readonly scheduleApplied: string | null;
    readonly municipalities: number;
  }[];
  readonly totals: {
    readonly collecting: number;
    readonly notCollecting: number;
    readonly adults: AdultCounts;
    readonly locations: number;
    readonly capacity: number;
    readonly residents: number;
    /** Revenue of the municipalities that reported it… */
    readonly monthlyRevenue: number;
    /** …and what was expected of those same municipalities, so the two compare. */
    readonly expectedRevenue: number;
    readonly revenuePercentOfExpected: number | null;
    readonly revenueReported: number;
    readonly withDeviations: number;
  };
}

export interface Severity {
  readonly severity: string;
  readonly label: string;
  readonly count: number;
}

export interface BottleneckGroup {
  readonly domain: string;
  readonly label: string;
  /** Highest severity first. */
  readonly severities: readonly Severity[];
  readonly highestSeverity: string | null;
  readonly municipalities: readonly MunicipalityRef[];
  /** Highest severity first, then by municipality. */
  readonly items: readonly (MunicipalityRef & {
    readonly description: string;
    readonly severity: string;
    readonly severityLabel: string;
  })[];
}

export interface SupportGroup {
  readonly addressee: string;
  readonly label: string;
  readonly municipalities: readonly MunicipalityRef[];
  readonly requests: readonly (MunicipalityRef & {
    readonly domain: string;
    readonly domainLabel: string;
    readonly request: string;
  })[];
}

export interface FigureTotal {
  readonly key: string;
  /** The field's short name in the form. */
  readonly label: string;
  readonly total: number;
  /** How many municipalities gave this figure (the others left it empty). */
  readonly reported: number;
}

export interface SociaalDomeinMunicipality extends MunicipalityRef {
  readonly version: number;
  /** Every figure of the form by key; null where left empty. */
  readonly figures: Readonly<Record<string, number | null>>;
  readonly bottlenecks: number;
  readonly supportRequests: number;
}

export interface SociaalDomeinAggregate {
  readonly kind: 'sociaal-domein';
  readonly municipalities: readonly SociaalDomeinMunicipality[];
  /** Every domain of the form, in its order, also when empty. */
  readonly bottlenecksByDomain: readonly BottleneckGroup[];
  /** Every addressee of the form (Rijk, Provincie, ketenpartners, maatschappelijke organisaties), in order. */
  readonly supportByAddressee: readonly SupportGroup[];
  /** Every figure of the form, in its order. */
  readonly figures: readonly FigureTotal[];
}

/** A submitted municipality with its current version: the input of the form aggregations. */
export interface Submitted {
  readonly municipality: MunicipalityRef;
  readonly version: SubmissionVersion;
  /** The warnings stored with the version (recomputed from the form only for a version stored without). */
  readonly warnings: readonly { readonly path: string; readonly message: string }[];
}
