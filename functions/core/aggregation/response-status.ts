import type { Draft, Round, SubmissionVersion } from '../model.js';
import type { MunicipalityRef, MunicipalityResponse, ResponseOverview, Submitted } from './types.js';

/**
 * The current version per municipality in scope: only versions of this round and form, only municipalities
 * in scope, and of several versions of one municipality only the highest (the store returns only current
 * versions; should an older one slip in, it never counts).
 */
export function currentSubmissions(
  round: Round,
  municipalities: readonly MunicipalityRef[],
  versions: readonly SubmissionVersion[],
  warningsOf: (version: SubmissionVersion) => Submitted['warnings'] = (version) => version.warnings ?? [],
): Submitted[] {
  const highest = new Map<string, SubmissionVersion>();
  for (const version of versions) {
    if (version.roundId !== round.id || version.formId !== round.formId) continue;
    const known = highest.get(version.municipality);
    if (!known || version.version > known.version) highest.set(version.municipality, version);
  }
  return municipalities.flatMap((municipality) => {
    const version = highest.get(municipality.code);
    return version ? [{ municipality, version, warnings: warningsOf(version) }] : [];
  });
}

/** Drafts that still count for status: of this round and form, not past their expiry. */
function liveDrafts(round: Round, drafts: readonly Draft[], now: Date): Map<string, Draft> {
  const live = new Map<string, Draft>();
  for (const draft of drafts) {
    if (draft.roundId !== round.id || draft.formId !== round.formId) continue;
    if (draft.expiresAt * 1000 <= now.getTime()) continue;
    const known = live.get(draft.municipality);
    if (!known || draft.savedAt > known.savedAt) live.set(draft.municipality, draft);
  }
  return live;
}

/**
 * Per municipality: submitted (`ingezonden`, with version, when, by whom, late, warnings), a draft only
 * (`concept`) or nothing (`niets`); drafts never count as submitted. A draft next to a submitted version
 * shows as an amendment in progress (`draftSavedAt`) unless it is older than the current version.
 */
export function responseOverview(
  round: Round,
  municipalities: readonly MunicipalityRef[],
  submitted: readonly Submitted[],
  drafts: readonly Draft[],
  now: Date,
): ResponseOverview {
  const entryOf = new Map(submitted.map((entry) => [entry.municipality.code, entry]));
  const draftOf = liveDrafts(round, drafts, now);
  const rows = municipalities.map((municipality): MunicipalityResponse => {
    const entry = entryOf.get(municipality.code);
    const draft = draftOf.get(municipality.code);
    if (entry) {
      const { version } = entry;
      return {
        ...municipality,
        status: 'ingezonden',
        version: version.version,
        submittedAt: version.submittedAt,
        submittedBy: version.submittedBy.name,
        late: version.late,
        warnings: entry.warnings.length,
        draftSavedAt: draft && draft.baseVersion >= version.version ? draft.savedAt : undefined,
      };
    }
    return {
      ...municipality,
      status: draft ? 'concept' : 'niets',
      warnings: 0,
      draftSavedAt: draft?.savedAt,
    };
  });
  const count = (test: (row: MunicipalityResponse) => boolean) => rows.filter(test).length;
  return {
    municipalities: rows,
    totals: {
      municipalities: rows.length,
      ingezonden: count((row) => row.status === 'ingezonden'),
      concept: count((row) => row.status === 'concept'),
      niets: count((row) => row.status === 'niets'),
      late: count((row) => row.late === true),
    },
  };
}
