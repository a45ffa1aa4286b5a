import { findForm } from '../../../forms/catalogue.js';
import type { FormDefinition } from '../../../forms/definition.js';
import { plausibilityWarnings } from '../../../forms/plausibility.js';
import { readStored, revisionOf, type StoredReading, usableAnswers } from '../../../forms/revisions.js';
import { NotFound } from '../errors.js';
import { roundPhase } from '../form-context.js';
import type { SubmissionVersion } from '../model.js';
import { changesSincePrevious } from '../previous-round.js';
import { noTargets } from '../targets/model.js';
import { changesSince, takeSnapshot } from './changes.js';
import { aggregateEigenBijdrage } from './eigen-bijdrage.js';
import { currentSubmissions, responseOverview } from './response-status.js';
import { type ResolvedScope, resolveScope } from './scope.js';
import { aggregateSociaalDomein } from './sociaal-domein.js';
import type {
  AggregateRoundInput,
  AggregationOptions,
  FormAggregate,
  MunicipalityRef,
  MunicipalityWarnings,
  RoundAggregate,
  SincePreviousRoundSummary,
  Submitted,
  UnreadableAnswers,
} from './types.js';
import { aggregateVoortgang } from './voortgang.js';

export type * from './types.js';

/**
 * Aggregates a round for a region or a province: a pure function of the round, the registry, the current
 * versions and drafts, the published targets, the previous summary's snapshot and `now` (no store, no
 * clock, no I/O), so the same
 * figures come out of the scheduled job, the preview, the CSV export and the tests.
 *
 * Only the current version of a municipality counts (of several versions passed, the highest), only
 * versions of this round's form, only municipalities in scope that take part in the round; drafts never
 * count as submitted.
 */
export function aggregateRound(input: AggregateRoundInput): RoundAggregate {
  const { round, registry, scope, now } = input;
  const definition = findForm(round.formId);
  if (!definition) throw new NotFound(`Het formulier ‘${round.formId}’ van ronde ${round.id} bestaat niet.`);
  const resolved = resolveScope(registry, round, scope);
  const stored = currentSubmissions(round, resolved.municipalities, input.current, (version) =>
    storedWarnings(definition, version, round.referenceDate),
  );
  // Versions of an earlier revision of the form are read with today's definition; what it cannot read is
  // left out of the figures and listed (`unreadable`), never counted wrongly or silently dropped.
  const unreadable: UnreadableAnswers[] = [];
  const submitted = stored.map((entry): Submitted => {
    const reading = readOnce(definition, entry.version);
    if (reading.invalid.length > 0) {
      unreadable.push({
        ...entry.municipality,
        version: entry.version.version,
        answers: reading.invalid.map(({ label, value, reason }) => ({ label, value, reason })),
      });
    }
    return { ...entry, version: { ...entry.version, answers: usableAnswers(reading) } };
  });
  const response = responseOverview(round, resolved.municipalities, submitted, input.drafts ?? [], now);
  const warnings: MunicipalityWarnings[] = submitted
    .filter((entry) => entry.warnings.length > 0)
    .map((entry) => ({ ...entry.municipality, version: entry.version.version, warnings: entry.warnings }));
  return {
    round: {
      id: round.id,
      title: round.title,
      formId: round.formId,
      formTitle: definition.title,
      referenceDate: round.referenceDate,
      opensAt: round.opensAt,
      deadline: round.deadline,
    },
    scope: { type: resolved.type, id: resolved.id, name: resolved.name, regions: resolved.regions },
    generatedAt: now.toISOString(),
    phase: roundPhase(round, now),
    response,
    form: aggregateForm(definition, resolved, submitted, input, input.options ?? {}),
    warnings,
    unreadable,
    sincePreviousRound: input.previousRound
      ? sincePreviousRound(definition, stored, input.previousRound)
      : null,
    changes: input.previous ? changesSince(input.previous, round.id, scope, response.municipalities) : null,
    snapshot: takeSnapshot(round.id, scope, now, response.municipalities),
  };
}

const readings = new WeakMap<object, { definition: FormDefinition; reading: StoredReading }>();

/**
 * A version's answers read with today's definition, once per version read from the store: a province's
 * summary aggregates each version for the province and again for its region, and an older revision's
 * answers are re-checked field by field (forms/revisions.ts), the larger part of aggregating them.
 */
function readOnce(definition: FormDefinition, version: SubmissionVersion): StoredReading {
  const known = readings.get(version.answers);
  if (known?.definition === definition) return known.reading;
  const reading = readStored(definition, version.answers, revisionOf(version));
  readings.set(version.answers, { definition, reading });
  return reading;
}

/** Per municipality that submitted now and in the previous round, what changed since (see previous-round.ts). */
function sincePreviousRound(
  definition: FormDefinition,
  submitted: readonly Submitted[],
  previous: NonNullable<AggregateRoundInput['previousRound']>,
): SincePreviousRoundSummary {
  const before = new Map<string, SubmissionVersion>();
  for (const version of previous.current) {
    if (version.roundId !== previous.round.id || version.formId !== previous.round.formId) continue;
    const known = before.get(version.municipality);
    if (!known || known.version < version.version) before.set(version.municipality, version);
  }
  const municipalities: SincePreviousRoundSummary['municipalities'][number][] = [];
  const newSince: MunicipalityRef[] = [];
  for (const { municipality, version } of submitted) {
    const earlier = before.get(municipality.code);
    if (!earlier) {
      newSince.push(municipality);
      continue;
    }
    municipalities.push({
      ...municipality,
      version: version.version,
      previousVersion: earlier.version,
      changes: changesSincePrevious(definition, earlier, version),
    });
  }
  const { id, title, referenceDate } = previous.round;
  return { round: { id, title, referenceDate }, municipalities, newSince };
}

/**
 * The warnings stored with a version are what the official saw and confirmed; they are carried as they are.
 * A version stored without any (before warnings were kept) gets the form's own checks, recomputed on the
 * round's reference date (the change-since-previous-version checks need the earlier version and are left out).
 */
function storedWarnings(
  definition: FormDefinition,
  version: SubmissionVersion,
  referenceDate: string,
): Submitted['warnings'] {
  return version.warnings ?? plausibilityWarnings(definition, version.answers, { referenceDate });
}

function aggregateForm(
  definition: FormDefinition,
  scope: ResolvedScope,
  submitted: readonly Submitted[],
  input: AggregateRoundInput,
  options: AggregationOptions,
): FormAggregate | null {
  switch (definition.id) {
    case 'voortgang-opgaven':
      return aggregateVoortgang(
        definition,
        scope,
        submitted,
        input.round.referenceDate,
        input.targets ?? noTargets,
      );
    case 'eigen-bijdrage':
      return aggregateEigenBijdrage(definition, submitted, input.round.referenceDate, {
        revenueTolerance: options.revenueTolerance,
        schedule: options.contributionSchedule,
      });
    case 'sociaal-domein':
      return aggregateSociaalDomein(definition, submitted);
    default:
      return null;
  }
}
