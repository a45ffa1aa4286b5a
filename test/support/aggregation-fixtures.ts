import type { Draft, Round, SubmissionVersion } from '../../functions/core/model.js';

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
