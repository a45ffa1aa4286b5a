import type {
  AggregationScope,
  AggregationSnapshot,
  ChangesSincePrevious,
  MunicipalityResponse,
  SnapshotEntry,
} from './types.js';

/** Where every municipality stands now, small enough to keep with the summary that was sent. */
export function takeSnapshot(
  roundId: string,
  scope: AggregationScope,
  now: Date,
  municipalities: readonly MunicipalityResponse[],
): AggregationSnapshot {
  return {
    roundId,
    scope: { type: scope.type, id: scope.id },
    takenAt: now.toISOString(),
    municipalities: Object.fromEntries(
      municipalities.map((m): [string, SnapshotEntry] => [
        m.code,
        m.version === undefined ? { status: m.status } : { status: m.status, version: m.version },
      ]),
    ),
  };
}

/**
 * What changed since the previous summary: new submissions, amendments (from which version to which), and
 * every municipality whose status moved. A municipality that was not in the previous snapshot (new to the
 * registry or the round) counts as having had nothing. A snapshot of another round or scope is a mistake of
 * the caller and is refused rather than compared.
 */
export function changesSince(
  previous: AggregationSnapshot,
  roundId: string,
  scope: AggregationScope,
  municipalities: readonly MunicipalityResponse[],
): ChangesSincePrevious {
  if (previous.roundId !== roundId || previous.scope.type !== scope.type || previous.scope.id !== scope.id) {
    throw new Error(
      `Het vorige overzicht gaat over ronde ${previous.roundId} (${previous.scope.type} ${previous.scope.id}), niet over ronde ${roundId} (${scope.type} ${scope.id}).`,
    );
  }
  const newSubmissions: ChangesSincePrevious['newSubmissions'][number][] = [];
  const amendments: ChangesSincePrevious['amendments'][number][] = [];
  const statusChanges: ChangesSincePrevious['statusChanges'][number][] = [];
  for (const m of municipalities) {
    const before: SnapshotEntry = previous.municipalities[m.code] ?? { status: 'niets' };
    const ref = { code: m.code, name: m.name, region: m.region };
    if (before.status !== m.status) statusChanges.push({ ...ref, from: before.status, to: m.status });
    if (m.status !== 'ingezonden' || m.version === undefined || m.submittedAt === undefined) continue;
    if (before.status !== 'ingezonden' || before.version === undefined) {
      newSubmissions.push({ ...ref, version: m.version, submittedAt: m.submittedAt, late: m.late === true });
    } else if (m.version > before.version) {
      amendments.push({
        ...ref,
        fromVersion: before.version,
        toVersion: m.version,
        submittedAt: m.submittedAt,
      });
    }
  }
  return {
    since: previous.takenAt,
    newSubmissions,
    amendments,
    statusChanges,
    any: newSubmissions.length + amendments.length + statusChanges.length > 0,
  };
}
