import { type Answers, allItems, type FormDefinition } from '../../forms/definition.js';
import { type AnswerChange, diffStored, type StoredAnswers } from '../../forms/diff.js';
import { codePointOrder } from '../../forms/order.js';
import type { InvalidAnswer, RetiredAnswer } from '../../forms/revisions.js';
import { readStored, revisionOf, usableAnswers } from '../../forms/revisions.js';
import type { Round, SubmissionVersion } from './model.js';
import type { Store } from './ports.js';

/**
 * A round as one of a cycle: the previous rounds of the same form, the municipality's answers there, the
 * answers a new round starts from, and what changed since. Rounds follow each other by reference date
 * (then by opening), so a round opened late for an earlier date still sorts where it belongs.
 */

/** How far back a municipality's previous answers are looked for. */
export const previousRoundsLimit = 12;

const order = (round: Round) => `${round.referenceDate}#${round.opensAt}#${round.id}`;

/** The rounds of the same form before this one, the latest first. */
export function earlierRounds(rounds: readonly Round[], round: Round): Round[] {
  return rounds
    .filter((candidate) => candidate.formId === round.formId && candidate.id !== round.id)
    .filter((candidate) => order(candidate) < order(round))
    .sort((a, b) => codePointOrder(order(b), order(a)));
}

export interface PreviousAnswers {
  readonly round: Round;
  readonly version: SubmissionVersion;
}

/**
 * The municipality's current version of the latest earlier round of the same form in which it submitted
 * (a round it skipped is passed over), or undefined.
 */
export async function previousRoundVersion(
  store: Pick<Store, 'listRounds' | 'latestVersion'>,
  round: Round,
  municipality: string,
): Promise<PreviousAnswers | undefined> {
  // The rounds from this process's copy (see ReadOptions): they change rarely, and only ever by the console.
  const rounds = earlierRounds(await store.listRounds({ cached: true }), round);
  for (const candidate of rounds.slice(0, previousRoundsLimit)) {
    const version = await store.latestVersion(candidate.id, candidate.formId, municipality);
    if (version) return { round: candidate, version };
  }
  return undefined;
}

/** The version a stored `previousRound` reference names, with its round. */
export async function referencedPrevious(
  store: Pick<Store, 'getRound' | 'getVersion'>,
  version: Pick<SubmissionVersion, 'previousRound' | 'formId' | 'municipality'>,
): Promise<PreviousAnswers | undefined> {
  const reference = version.previousRound;
  if (!reference) return undefined;
  const [round, previous] = await Promise.all([
    store.getRound(reference.roundId, { cached: true }),
    store.getVersion(reference.roundId, version.formId, version.municipality, reference.version),
  ]);
  return round && previous ? { round, version: previous } : undefined;
}

export interface Prefill {
  /** The answers the new round's form starts from. */
  readonly answers: Answers;
  /** Labels of the answers left out because they belong to the round itself (and had a value). */
  readonly perRound: readonly string[];
  /** What the previous answers hold that the form no longer asks, or no longer accepts. */
  readonly retired: readonly RetiredAnswer[];
  readonly invalid: readonly InvalidAnswer[];
}

const filled = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * The answers a new round starts from: the previous round's, read with today's form (renamed fields in
 * their place, what no longer fits left out), without the fields that belong to the round itself.
 */
export function prefillAnswers(definition: FormDefinition, previous: StoredAnswers): Prefill {
  const reading = readStored(definition, previous.answers, revisionOf(previous));
  const answers = usableAnswers(reading);
  const perRound = new Set<string>();
  for (const item of allItems(definition)) {
    if (item.type === 'field') {
      if (item.perRound && filled(answers[item.key])) perRound.add(item.label);
      if (item.perRound) delete answers[item.key];
      continue;
    }
    const rows = Array.isArray(answers[item.key]) ? (answers[item.key] as Answers[]) : [];
    for (const field of item.fields.filter((candidate) => candidate.perRound)) {
      for (const row of rows) {
        if (filled(row[field.key])) perRound.add(`${field.label} (${item.label.toLowerCase()})`);
        delete row[field.key];
      }
    }
  }
  return { answers, perRound: [...perRound], retired: reading.retired, invalid: reading.invalid };
}

/** What changed since the previous round, in the words of today's form (empty when nothing did). */
export function changesSincePrevious(
  definition: FormDefinition,
  previous: StoredAnswers,
  now: StoredAnswers,
): AnswerChange[] {
  // Who filled it in and for which half year are expected to differ: not a change worth naming.
  const perRound = new Set(
    allItems(definition).flatMap((item) =>
      item.type === 'field'
        ? item.perRound
          ? [item.label]
          : []
        : item.fields.filter((field) => field.perRound).map((field) => field.label),
    ),
  );
  return diffStored(definition, previous, now).filter(
    (change) => !perRound.has(change.label) && !perRound.has(change.label.split(' – ').at(-1) ?? ''),
  );
}
