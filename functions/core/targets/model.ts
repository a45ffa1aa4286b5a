import type { FigureStatus, FormTargets } from '../../../forms/definition.js';
import { codePointOrder } from '../../../forms/order.js';

export type { FigureStatus, FormTargets };

/**
 * Published targets: what the municipalities must do, as data the provincial staff publish (never typed by
 * the municipalities themselves, never constants in code). Two kinds, each versioned:
 *
 * - `spreiding`: per Spreidingswet cycle and province, the provincial asylum task (places, of which AMV)
 *   and each municipality's indicative share (regular and AMV places);
 * - `huisvesting`: per half year and province, each municipality's statushouders task (taakstelling
 *   huisvesting vergunninghouders, Huisvestingswet 2014).
 *
 * Every import is a new revision of its cycle or half year; earlier revisions are kept (who published what,
 * when, from which file). The aggregation uses the latest revision.
 */

export const figureStatusLabels: Record<FigureStatus, string> = {
  vastgesteld: 'vastgesteld',
  'te-bevestigen': 'nog te bevestigen',
  demo: 'demogegevens',
};

export interface AsylumShare {
  /** CBS code, e.g. GM0193. */
  readonly municipality: string;
  /** Regular places (the share without AMV). */
  readonly regular: number;
  /** Places for unaccompanied minors. */
  readonly amv: number;
  readonly status: FigureStatus;
}

export interface HousingTask {
  readonly municipality: string;
  /** Persons to house in the half year. */
  readonly task: number;
  readonly status: FigureStatus;
}

interface Publication {
  readonly province: string;
  /** 1, 2, …: every import of the same cycle or half year is the next revision. */
  readonly revision: number;
  /** Where the figures come from, in words (shown with them). */
  readonly source: string;
  readonly publishedAt: string;
  /** Who imported it (e-mail of the staff member, `admin:<user>`, `seed`). */
  readonly publishedBy: string;
  /** Idempotency key of the import: the same import stored twice is one revision. */
  readonly importId: string;
  /** The file it came from, if any. */
  readonly filename?: string;
}

export interface AsylumTargets extends Publication {
  readonly kind: 'spreiding';
  /** e.g. `2024-2026`. */
  readonly cycle: string;
  /** ISO date from which the cycle applies; it holds until the province's next cycle starts. */
  readonly effectiveFrom: string;
  /** The provincial task: all places (regular and AMV) and of which AMV. */
  readonly task: {
    readonly places: number;
    readonly amvPlaces: number;
    readonly status: FigureStatus;
  };
  /** By CBS code. */
  readonly shares: readonly AsylumShare[];
}

export interface HousingTargets extends Publication {
  readonly kind: 'huisvesting';
  /** `2026-H1`. */
  readonly period: string;
  readonly tasks: readonly HousingTask[];
}

export type Targets = AsylumTargets | HousingTargets;

type Unpublished<T> = Omit<T, 'revision' | 'publishedAt' | 'publishedBy' | 'importId'>;
/** Targets as checked, before they are published as a revision. */
export type TargetsCandidate = Unpublished<AsylumTargets> | Unpublished<HousingTargets>;

/** The cycle of a spreiding publication or the half year of a huisvesting one. */
export function targetsKey(targets: Targets): string {
  return targets.kind === 'spreiding' ? targets.cycle : targets.period;
}

/** The latest revision of every cycle and half year (what the store's `currentTargets` returns). */
export interface PublishedTargets {
  readonly asylum: readonly AsylumTargets[];
  readonly housing: readonly HousingTargets[];
}

export const noTargets: PublishedTargets = { asylum: [], housing: [] };

/**
 * The asylum targets of a province in force on a date (a round's reference date): the latest cycle that
 * started on or before it, or undefined when none has been published yet.
 */
export function asylumTargetsOn(
  published: PublishedTargets,
  province: string,
  isoDate: string,
): AsylumTargets | undefined {
  return published.asylum
    .filter((targets) => targets.province === province && targets.effectiveFrom <= isoDate)
    .sort((a, b) => codePointOrder(a.effectiveFrom, b.effectiveFrom) || a.revision - b.revision)
    .at(-1);
}

/** The statushouders tasks of a province for a half year, or undefined when none were published. */
export function housingTargetsFor(
  published: PublishedTargets,
  province: string,
  period: string,
): HousingTargets | undefined {
  return published.housing
    .filter((targets) => targets.province === province && targets.period === period)
    .sort((a, b) => a.revision - b.revision)
    .at(-1);
}

/** Keeps the latest revision of each (kind, province, cycle or half year). */
export function latestRevisions(all: readonly Targets[]): PublishedTargets {
  const latest = new Map<string, Targets>();
  for (const targets of all) {
    const key = `${targets.kind}#${targets.province}#${targetsKey(targets)}`;
    const known = latest.get(key);
    if (!known || known.revision < targets.revision) latest.set(key, targets);
  }
  const values = [...latest.values()];
  return {
    asylum: values.filter((t): t is AsylumTargets => t.kind === 'spreiding'),
    housing: values.filter((t): t is HousingTargets => t.kind === 'huisvesting'),
  };
}

/** A municipality's own targets on a reference date, as its form shows them and its warnings use them. */
export function municipalityTargets(
  published: PublishedTargets,
  province: string,
  municipality: string,
  referenceDate: string,
): FormTargets {
  const asylum = asylumTargetsOn(published, province, referenceDate);
  const share = asylum?.shares.find((candidate) => candidate.municipality === municipality);
  const housing: Record<string, { task: number; status: FigureStatus }> = {};
  for (const targets of latestRevisions(published.housing).housing) {
    if (targets.province !== province) continue;
    const task = targets.tasks.find((candidate) => candidate.municipality === municipality);
    if (task) housing[targets.period] = { task: task.task, status: task.status };
  }
  return {
    asylum:
      asylum && share
        ? {
            cycle: asylum.cycle,
            revision: asylum.revision,
            regular: share.regular,
            amv: share.amv,
            status: share.status,
            source: asylum.source,
          }
        : undefined,
    housing,
  };
}
