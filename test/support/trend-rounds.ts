import type { Round, SubmissionVersion } from '../../functions/core/model.js';
import { type TestPipeline, validVoortgangOpgaven } from './pipeline.js';

/**
 * Two earlier rounds of the voortgang form before the demo round, for the trend across rounds: June and
 * September 2026, both closed. Zwolle submitted in both (regular places committed 500, then 560), Deventer
 * in June only (200), Enschede in September only (400); every version also has 40 AMV places committed.
 */

const day = 24 * 3600 * 1000;

function earlier(current: Round, id: string, title: string, referenceDate: string): Round {
  return {
    ...current,
    id,
    title,
    referenceDate,
    opensAt: `${referenceDate}T06:00:00.000Z`,
    deadline: new Date(Date.parse(`${referenceDate}T16:00:00.000Z`) + 20 * day).toISOString(),
  };
}

/** A version stored as the submit route stores it (the route only takes submissions while a round is open). */
async function stored(
  pipeline: TestPipeline,
  round: Round,
  municipality: string,
  answers: Record<string, unknown>,
) {
  const version: SubmissionVersion = {
    roundId: round.id,
    formId: round.formId,
    municipality,
    version: 1,
    submissionId: `${round.id}-${municipality}`,
    submittedAt: round.opensAt,
    submittedBy: { name: 'Henk Bos', email: 'h.bos@gemeente.example' },
    late: false,
    answers,
    warnings: [],
  };
  await pipeline.store.putVersion(version);
  await pipeline.store.advanceCurrent(version);
}

export async function addEarlierRounds(pipeline: TestPipeline): Promise<{ june: Round; september: Round }> {
  const current = pipeline.rounds['voortgang-opgaven']!;
  const june = earlier(current, 'voortgang-juni', 'Stand juni 2026', '2026-06-01');
  const september = earlier(current, 'voortgang-september', 'Stand september 2026', '2026-09-01');
  for (const round of [june, september]) {
    if (!(await pipeline.store.createRound(round))) throw new Error(`Ronde ${round.id} bestond al.`);
  }
  const submitted: [Round, string, number, number][] = [
    [june, 'GM0193', 500, 300],
    [june, 'GM0150', 200, 100],
    [september, 'GM0193', 560, 330],
    [september, 'GM0153', 400, 200],
  ];
  for (const [round, code, regularCommitted, regularRealised] of submitted) {
    await stored(pipeline, round, code, validVoortgangOpgaven({ regularCommitted, regularRealised }));
  }
  return { june, september };
}
