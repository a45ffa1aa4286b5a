import type { Draft, Round, SubmissionVersion } from '../../functions/core/model.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import {
  type AsylumTargets,
  type HousingTargets,
  latestRevisions,
  type PublishedTargets,
} from '../../functions/core/targets/model.js';

/**
 * Rounds, versions and drafts for the pure tests of the aggregation, the summary email and its CSV files:
 * a November 2026 round of both Overijssel regions (reference date 1 November: the contribution schedule
 * of 1 October 2025 and the Spreidingswet cycle 2024-2026 apply).
 */

export function roundFor(formId: string, overrides: Partial<Round> = {}): Round {
  return {
    id: `${formId}-2026-11`,
    formId,
    title: 'Stand november 2026',
    referenceDate: '2026-11-01',
    opensAt: '2026-11-02T08:00:00.000Z',
    deadline: '2026-11-30T16:00:00.000Z',
    regions: ['ijsselland', 'twente'],
    acceptsLate: true,
    ...overrides,
  };
}

/** A stored version of a municipality's answers (version 1 unless overridden). */
export function submittedVersion(
  round: Round,
  municipality: string,
  answers: Record<string, unknown>,
  overrides: Partial<SubmissionVersion> = {},
): SubmissionVersion {
  const number = overrides.version ?? 1;
  return {
    roundId: round.id,
    formId: round.formId,
    municipality,
    version: number,
    submissionId: `${municipality}-${number}`,
    submittedAt: '2026-11-10T09:00:00.000Z',
    submittedBy: { name: 'Ambtenaar', email: 'ambtenaar@gemeente.example' },
    late: false,
    answers,
    warnings: [],
    ...overrides,
  };
}

/** A first draft (nothing submitted yet), saved on 20 November. */
export function savedDraft(round: Round, municipality: string): Draft {
  return {
    roundId: round.id,
    formId: round.formId,
    municipality,
    raw: {},
    baseVersion: 0,
    revision: 1,
    savedAt: '2026-11-20T14:30:00.000Z',
    expiresAt: Date.parse('2026-12-30T16:00:00.000Z') / 1000,
  };
}

/**
 * Published asylum targets of Overijssel for the cycle 2024-2026 (6,325 places, 538 AMV): the given shares
 * (`code: [regular, amv]`), every other municipality of the province `rest` (default 200 regular, 17 AMV).
 */
export function asylumTargets(
  shares: Record<string, readonly [number, number]> = {},
  overrides: Partial<AsylumTargets> & { rest?: readonly [number, number] } = {},
): AsylumTargets {
  const { rest = [200, 17], ...targets } = overrides;
  return {
    kind: 'spreiding',
    province: 'overijssel',
    cycle: '2024-2026',
    effectiveFrom: '2024-02-01',
    revision: 1,
    task: { places: 6325, amvPlaces: 538, status: 'te-bevestigen' },
    shares: overijssel.municipalities.map((m) => {
      const [regular, amv] = shares[m.code] ?? rest;
      return { municipality: m.code, regular, amv, status: 'vastgesteld' as const };
    }),
    source: 'test',
    publishedAt: '2026-10-01T08:00:00.000Z',
    publishedBy: 'provincie@test.example',
    importId: 'test-import',
    ...targets,
  };
}

/** Published statushouders tasks of Overijssel for a half year: `code: task`, every other municipality `rest`. */
export function housingTargets(
  period: string,
  tasks: Record<string, number> = {},
  rest = 10,
): HousingTargets {
  return {
    kind: 'huisvesting',
    province: 'overijssel',
    period,
    revision: 1,
    tasks: overijssel.municipalities.map((m) => ({
      municipality: m.code,
      task: tasks[m.code] ?? rest,
      status: 'vastgesteld' as const,
    })),
    source: 'test',
    publishedAt: '2026-10-01T08:00:00.000Z',
    publishedBy: 'provincie@test.example',
    importId: `test-${period}`,
  };
}

export function published(...targets: (AsylumTargets | HousingTargets)[]): PublishedTargets {
  return latestRevisions(targets);
}
