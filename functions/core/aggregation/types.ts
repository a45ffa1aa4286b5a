import type { ContributionRate } from '../../../forms/data/contribution-schedule.js';
import type { ProvincialTask } from '../../../forms/data/provincial-tasks.js';
import type { RoundPhase } from '../form-context.js';
import type { Draft, Registry, Round, SubmissionVersion } from '../model.js';
import type { ResponseStatus } from '../round-status.js';

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
  readonly now: Date;
  readonly options?: AggregationOptions;
}

export interface AggregationOptions {
  /** Revenue further than this fraction from the expected revenue is flagged (default 0.25). */
  readonly revenueTolerance?: number;
  /** The provincial tasks to compare with (default: forms/data/provincial-tasks.ts). */
  readonly provincialTasks?: readonly ProvincialTask[];
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
  /** Null when there is no previous summary to compare with. */
  readonly changes: ChangesSincePrevious | null;
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

/** Places of one kind (regular, AMV or both): indicative share, committed and realised. */
export interface PlacesFigures {
  readonly share: number;
  readonly committed: number;
  readonly realised: number;
  /** committed / share. */
  readonly committedPercent: number | null;
  /** realised / share. */
  readonly realisedPercent: number | null;
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
  readonly task: number;
  readonly backlog: number;
  readonly housed: number;
  /** Derived by the form: backlog + task − housed. */
  readonly balance: number;
  readonly ibtColour: string | null;
}

export interface HousingPeriod {
  readonly period: string;
  readonly label: string;
  /** Municipalities that reported this half year. */
  readonly municipalities: number;
  readonly task: number;
  readonly backlog: number;
  readonly housed: number;
  readonly balance: number;
  /** IBT colour counts in the form's order (groen, oranje, rood). */
  readonly ibt: readonly { readonly colour: string; readonly label: string; readonly count: number }[];
  readonly withoutColour: number;
}

export interface VoortgangMunicipality extends MunicipalityRef {
  readonly version: number;
  readonly regular: PlacesFigures;
  readonly amv: PlacesFigures;
  /** Regular and AMV together. */
  readonly total: PlacesFigures;
  readonly locationsByPhase: readonly PhaseCount[];
  readonly ukraine: { readonly capacity: number; readonly occupied: number };
  readonly housing: readonly HousingRow[];
}

export interface TaskComparison {
  readonly task: number;
  readonly committed: number;
  readonly realised: number;
  readonly committedPercent: number | null;
  readonly realisedPercent: number | null;
}

export interface ProvincialTaskComparison {
  readonly province: string;
  readonly cycle: string;
  readonly effectiveFrom: string;
  readonly source: string;
  readonly toConfirm: readonly string[];
  /** All places against `places`, AMV against `amvPlaces`, regular against the difference. */
  readonly total: TaskComparison;
  readonly regular: TaskComparison;
  readonly amv: TaskComparison;
}

export interface VoortgangAggregate {
  readonly kind: 'voortgang-opgaven';
  readonly municipalities: readonly VoortgangMunicipality[];
  readonly totals: {
    readonly regular: PlacesFigures;
    readonly amv: PlacesFigures;
    readonly total: PlacesFigures;
    readonly locations: number;
    readonly capacity: number;
    readonly ukraine: { readonly capacity: number; readonly occupied: number };
  };
  /** Only for a province scope, when a task is known on the round's reference date. */
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
