import type { Municipality, Round, SubmissionVersion } from '../../functions/core/model.js';
import type { Store } from '../../functions/core/ports.js';

/** How one benchmark round's submissions look: per municipality (by its index) and version. */
export interface BenchVersions {
  /** How many versions the municipality at this index submitted (2: it amended). */
  readonly versions: (index: number) => number;
  readonly submittedAt: (version: number) => string;
  readonly answers: (index: number, version: number) => Record<string, unknown>;
  /** As submitForm stores it; left out, the version carries none. */
  readonly definitionRevision?: number;
}

/**
 * Stores a round's submissions as submitForm leaves them (each version stored, then made current), 50
 * writes at a time so that seeding 342 municipalities neither crawls nor floods the emulator. Returns how
 * many versions it wrote.
 */
export async function writeBenchVersions(
  store: Store,
  round: Round,
  municipalities: readonly Municipality[],
  shape: BenchVersions,
): Promise<number> {
  const writes: Promise<unknown>[] = [];
  let written = 0;
  for (const [i, municipality] of municipalities.entries()) {
    for (let v = 1; v <= shape.versions(i); v++) {
      const version: SubmissionVersion = {
        roundId: round.id,
        formId: round.formId,
        municipality: municipality.code,
        version: v,
        submissionId: `${round.id}-${municipality.code}-${v}`,
        submittedAt: shape.submittedAt(v),
        submittedBy: { name: 'Bench', email: 'bench@bench.example' },
        late: false,
        answers: shape.answers(i, v),
        warnings: [],
        ...(shape.definitionRevision === undefined ? {} : { definitionRevision: shape.definitionRevision }),
      };
      writes.push(store.putVersion(version).then(() => store.advanceCurrent(version)));
      written++;
    }
    if (writes.length >= 50) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return written;
}
