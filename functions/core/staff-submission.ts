import { findForm } from '../../forms/catalogue.js';
import type { FormDefinition } from '../../forms/definition.js';
import { type AnswerChange, diffStored } from '../../forms/diff.js';
import { NotFound } from './errors.js';
import type { Draft, Municipality, Region, Round, SubmissionVersion } from './model.js';
import { actorOf, authorize, type Principal } from './policy.js';
import type { Clock, Ids, Store } from './ports.js';
import { roundNotVisible, visibleRegions } from './round-status.js';

export interface SubmissionRecord {
  readonly round: Round;
  readonly definition: FormDefinition;
  readonly municipality: Municipality;
  readonly region: Region;
  /** The current (newest) version; undefined when nothing was submitted. */
  readonly current?: SubmissionVersion;
  /** Every version, oldest first, with what changed against the one before (undefined for the first). */
  readonly history: readonly { readonly version: SubmissionVersion; readonly changes?: AnswerChange[] }[];
  /** A draft the municipality is working on (newer than the current version), if any. */
  readonly draft?: Pick<Draft, 'savedAt' | 'baseVersion'>;
}

/**
 * Read one municipality's submission as staff (`readSubmission`), read-only: the current answers, every
 * version with what changed and who submitted it, the warnings, whether a draft waits. A regietafel reads
 * its own region's municipalities, the province all of its own. Every view is written to the audit trail
 * (who looked at whose data, when: the *Logboek dataverwerkingen*), also when there is nothing yet.
 */
export async function readSubmission(
  deps: { store: Store; clock: Clock; ids: Ids },
  input: { principal: Principal; roundId: string; municipality: string },
): Promise<SubmissionRecord> {
  const round = await deps.store.getRound(input.roundId);
  // A round of another region answers like one that does not exist (nothing tells which rounds exist).
  if (
    !round ||
    visibleRegions(input.principal, round, (await deps.store.getRegistry()).regions).length === 0
  ) {
    throw roundNotVisible(input.roundId);
  }
  const municipality = await deps.store.getMunicipality(input.municipality);
  if (!municipality || !round.regions.includes(municipality.region)) {
    throw new NotFound(`Gemeente ‘${input.municipality}’ doet niet mee aan deze ronde.`);
  }
  const region = await deps.store.getRegion(municipality.region);
  const definition = findForm(round.formId);
  if (!region || !definition)
    throw new NotFound(`Gemeente ‘${input.municipality}’ doet niet mee aan deze ronde.`);
  // A round wholly of another region is not there for this person (404, as for every round page).
  const registry = await deps.store.getRegistry();
  if (visibleRegions(input.principal, round, registry.regions, 'submission:read').length === 0) {
    throw roundNotVisible(round.id);
  }
  authorize(input.principal, 'submission:read', {
    roundId: round.id,
    municipality: municipality.code,
    region: region.id,
    province: region.province,
  });
  const [versions, draft] = await Promise.all([
    deps.store.listVersions(round.id, round.formId, municipality.code),
    deps.store.getDraft(round.id, round.formId, municipality.code),
  ]);
  const current = versions.at(-1);
  const history = versions.map((version, index) => ({
    version,
    changes: index === 0 ? undefined : diffStored(definition, versions[index - 1]!, version),
  }));
  // A draft counts while the round is open and it amends the newest version (an older one is stale).
  const liveDraft =
    draft && draft.baseVersion >= (current?.version ?? 0) && deps.clock.now().toISOString() <= round.deadline
      ? { savedAt: draft.savedAt, baseVersion: draft.baseVersion }
      : undefined;
  await deps.store.audit({
    at: deps.clock.now().toISOString(),
    id: deps.ids.newId(),
    action: 'submission-viewed',
    actor: actorOf(input.principal),
    roundId: round.id,
    municipality: municipality.code,
    details: { version: current?.version ?? null, versions: versions.length, draft: liveDraft !== undefined },
  });
  return { round, definition, municipality, region, current, history, draft: liveDraft };
}
