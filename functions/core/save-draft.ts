import { decodeFormPost, postProblems, type RawState } from '../../forms/definition.js';
import { formatDateTime } from '../../forms/format.js';
import { Conflict, Forbidden, ValidationFailed } from './errors.js';
import { type FormContextKey, resolveFormFor, roundPhase } from './form-context.js';
import type { Draft, Principal } from './model.js';
import type { Clock, Store } from './ports.js';

/** How long after the deadline DynamoDB may delete a draft (reads ignore it from the deadline on). */
const draftRetentionSeconds = 30 * 24 * 3600;

export interface SaveDraftInput extends FormContextKey {
  readonly principal: Principal;
  /** The browser's post, as sent (not validated: a draft may be incomplete). */
  readonly params: URLSearchParams;
  /** The version the page was opened on. */
  readonly baseVersion: number;
  /** The draft revision the page was opened on (0: no draft yet). */
  readonly draftRevision: number;
  /** What a row button does to the input before it is stored (a row added or removed). */
  readonly change?: (raw: RawState) => RawState;
}

/**
 * Save a draft (`saveDraft`, *Opslaan en later verder*):
 * 1. resolve and authorise as for a submission; refuse when the round is not open for input;
 * 2. refuse names the form does not know (422) — a draft is incomplete, never unknown;
 * 3. refuse (409) when a version was submitted after the page was opened, or a colleague saved the draft
 *    in between (conditional write on the revision): nothing is overwritten;
 * 4. store the page as typed (with a row button's change), with a TTL after the deadline.
 */
export async function saveDraft(deps: { store: Store; clock: Clock }, input: SaveDraftInput): Promise<Draft> {
  const resolved = await resolveFormFor(deps.store, input, input.principal, 'form:draft');
  const now = deps.clock.now();
  const phase = roundPhase(resolved.round, now);
  if (phase === 'not-open' || phase === 'closed') {
    throw new Forbidden('Deze ronde is niet open: een concept opslaan kan nu niet.');
  }
  const decoded = decodeFormPost(resolved.definition, input.params);
  const problems = postProblems(decoded);
  if (problems.length > 0) throw new ValidationFailed(problems);
  const latest = await deps.store.latestVersion(input.roundId, input.formId, input.municipality);
  if (latest && latest.version > input.baseVersion) {
    throw new Conflict(
      `Intussen is versie ${latest.version} ingezonden op ${formatDateTime(latest.submittedAt)} door ${latest.submittedBy.name}. Uw concept is niet opgeslagen.`,
    );
  }
  const draft: Draft = {
    roundId: input.roundId,
    formId: input.formId,
    municipality: input.municipality,
    raw: input.change ? input.change(decoded.raw) : decoded.raw,
    baseVersion: input.baseVersion,
    revision: input.draftRevision + 1,
    savedAt: now.toISOString(),
    expiresAt: Math.floor(Date.parse(resolved.round.deadline) / 1000) + draftRetentionSeconds,
    definitionRevision: resolved.definition.revision,
  };
  if (!(await deps.store.saveDraft(draft))) {
    const current = await deps.store.getDraft(input.roundId, input.formId, input.municipality);
    throw new Conflict(
      current
        ? `Een collega heeft dit concept intussen opgeslagen (op ${formatDateTime(current.savedAt)}). Uw wijzigingen zijn niet opgeslagen.`
        : 'Het concept is intussen ingezonden of verwijderd. Uw wijzigingen zijn niet opgeslagen.',
    );
  }
  return draft;
}
