import { aggregateRound } from './aggregate-round.js';
import type {
  AggregateRoundInput,
  MunicipalityRef,
  PlacesTotals,
  RoundAggregate,
  VoortgangAggregate,
  VoortgangMunicipality,
} from './types.js';

/**
 * Trends across rounds: for a round of a form whose places are measured against the published shares (the
 * voortgang form), the successive rounds of that form up to and including it — per region and for the
 * province the task, committed and realised in each round, and per municipality what changed since its
 * previous round. Pure: it reads the rounds' aggregates (aggregate-round.ts), so every figure is the one the
 * dashboard and the summary showed for that round, with the targets in force on that round's reference date
 * (a new Spreidingswet cycle moves the task).
 */

/** How many rounds a trend shows at most: the round itself and the seven before it. */
export const trendRoundsLimit = 8;

/** An earlier round of the form with the current version of each municipality (the store's `listCurrent`). */
export interface SeriesRound {
  readonly round: AggregateRoundInput['round'];
  readonly current: AggregateRoundInput['current'];
}

export interface TrendRound {
  readonly id: string;
  readonly title: string;
  readonly referenceDate: string;
  readonly deadline: string;
  /** The Spreidingswet cycle whose shares are the task of this round (null: none published). */
  readonly cycle: string | null;
}

/** Where an area stood in one round: the honest totals of aggregation/voortgang.ts. */
export interface TrendPoint {
  readonly municipalities: number;
  readonly reported: number;
  readonly task: number;
  readonly committed: number;
  readonly realised: number;
  readonly remaining: number;
  readonly committedPercent: number | null;
  readonly realisedPercent: number | null;
}

export interface AreaTrend {
  readonly type: 'region' | 'province';
  readonly id: string;
  readonly name: string;
  /** One per round of the series, in its order; null where the area did not take part in that round. */
  readonly points: readonly (TrendPoint | null)[];
}

/**
 * How a municipality's figures compare with its previous round (the latest earlier round of the series it
 * took part in):
 * - `vergeleken`: it submitted in both;
 * - `eerste-ronde`: this is the first round of the series it takes part in;
 * - `niet-ingezonden-vorige`: it did not submit in its previous round (compared with an earlier one it
 *   did submit in, if any);
 * - `niet-ingezonden`: it has not submitted in this round (yet); its last submitted figures are shown.
 */
export type ChangeKind = 'vergeleken' | 'eerste-ronde' | 'niet-ingezonden-vorige' | 'niet-ingezonden';

/** A figure then and now; `change` is now − before, null when either is not known. */
export interface FigureChange {
  readonly before: number | null;
  readonly now: number | null;
  readonly change: number | null;
}

export interface MunicipalityTrend extends MunicipalityRef {
  readonly kind: ChangeKind;
  /** The round the figures are compared with (null: none of its earlier rounds has a submission). */
  readonly comparedWith: {
    readonly id: string;
    readonly title: string;
    readonly referenceDate: string;
  } | null;
  /** Regular and AMV together: the indicative share, committed and realised. */
  readonly share: FigureChange;
  readonly committed: FigureChange;
  readonly realised: FigureChange;
}

export interface RoundTrends {
  /** The rounds of the series, the oldest first; the last is the round itself. */
  readonly rounds: readonly TrendRound[];
  /** Per region of the round's scope, then (for a province) the province. */
  readonly areas: readonly AreaTrend[];
  /** Every municipality of the round's scope, by region then name. */
  readonly municipalities: readonly MunicipalityTrend[];
}

/**
 * The aggregates of a series: each earlier round (the oldest first) aggregated for the same scope with the
 * same registry and published targets, then the round itself (`current`, when the caller has it already).
 * Earlier rounds are aggregated without drafts and without a previous summary: only submitted figures count.
 */
export function aggregateSeries(
  input: AggregateRoundInput,
  earlier: readonly SeriesRound[],
  current: RoundAggregate = aggregateRound(input),
): RoundAggregate[] {
  return [
    ...earlier.map((entry) =>
      aggregateRound({
        round: entry.round,
        registry: input.registry,
        scope: input.scope,
        current: entry.current,
        targets: input.targets,
        now: input.now,
        options: input.options,
      }),
    ),
    current,
  ];
}

const point = (totals: PlacesTotals): TrendPoint => ({
  municipalities: totals.municipalities,
  reported: totals.reported,
  task: totals.task,
  committed: totals.committed,
  realised: totals.realised,
  remaining: totals.remaining,
  committedPercent: totals.committedPercent,
  realisedPercent: totals.realisedPercent,
});

const figure = (before: number | null, now: number | null): FigureChange => ({
  before,
  now,
  change: before === null || now === null ? null : now - before,
});

const voortgangOf = (aggregate: RoundAggregate): VoortgangAggregate | null =>
  aggregate.form?.kind === 'voortgang-opgaven' ? aggregate.form : null;

/**
 * The trends of a series of aggregates of one form and one scope, the oldest first and the round itself
 * last (see `aggregateSeries`). Null for a form without places against a task (only the voortgang form has
 * them). A series of one round gives one point per area and every municipality as `eerste-ronde`.
 */
export function roundTrends(series: readonly RoundAggregate[]): RoundTrends | null {
  const latest = series.at(-1);
  if (!latest) return null;
  for (const aggregate of series) {
    if (aggregate.round.formId !== latest.round.formId)
      throw new Error(
        `Ronde ${aggregate.round.id} is van een ander formulier dan ronde ${latest.round.id}: een verloop is er alleen binnen één formulier.`,
      );
  }
  const forms = series.map(voortgangOf);
  if (forms.some((form) => form === null)) return null;
  const voortgang = forms as VoortgangAggregate[];
  const rounds = series.map(
    ({ round }, index): TrendRound => ({
      id: round.id,
      title: round.title,
      referenceDate: round.referenceDate,
      deadline: round.deadline,
      cycle: voortgang[index]!.targets?.cycle ?? null,
    }),
  );
  const areas: AreaTrend[] = latest.scope.regions.map((region) => ({
    type: 'region',
    id: region.id,
    name: region.name,
    points: voortgang.map((form) => {
      const found = form.regions.find((candidate) => candidate.id === region.id);
      return found ? point(found.places.total) : null;
    }),
  }));
  if (latest.scope.type === 'province') {
    areas.push({
      type: 'province',
      id: latest.scope.id,
      name: latest.scope.name,
      // Against the provincial task where one is published (as the headline of the summary), else the shares.
      points: series.map((aggregate, index) =>
        aggregate.scope.regions.length === 0
          ? null
          : point(voortgang[index]!.provincialTask?.total ?? voortgang[index]!.totals.total),
      ),
    });
  }
  const byRound = voortgang.map(
    (form) => new Map(form.municipalities.map((municipality) => [municipality.code, municipality])),
  );
  const municipalities = voortgang.at(-1)!.municipalities.map((municipality) =>
    municipalityTrend(
      municipality,
      series.slice(0, -1).flatMap((aggregate, index) => {
        const then = byRound[index]!.get(municipality.code);
        return then ? [{ round: aggregate.round, figures: then }] : [];
      }),
    ),
  );
  return { rounds, areas, municipalities };
}

/** A municipality now against its earlier rounds (the oldest first, only those it took part in). */
function municipalityTrend(
  now: VoortgangMunicipality,
  earlier: readonly { round: RoundAggregate['round']; figures: VoortgangMunicipality }[],
): MunicipalityTrend {
  const ref = { code: now.code, name: now.name, region: now.region };
  const previous = earlier.at(-1);
  const lastSubmitted = [...earlier].reverse().find((entry) => entry.figures.reported);
  const kind: ChangeKind = !now.reported
    ? 'niet-ingezonden'
    : !previous
      ? 'eerste-ronde'
      : previous.figures.reported
        ? 'vergeleken'
        : 'niet-ingezonden-vorige';
  const before = lastSubmitted?.figures.total;
  return {
    ...ref,
    kind,
    comparedWith: lastSubmitted
      ? {
          id: lastSubmitted.round.id,
          title: lastSubmitted.round.title,
          referenceDate: lastSubmitted.round.referenceDate,
        }
      : null,
    share: figure(previous ? previous.figures.total.share : null, now.total.share),
    committed: figure(before?.committed ?? null, now.total.committed),
    realised: figure(before?.realised ?? null, now.total.realised),
  };
}
