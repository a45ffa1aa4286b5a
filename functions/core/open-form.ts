import type { FormTargets } from '../../forms/definition.js';
import type { FormContextKey, ResolvedForm, RoundPhase } from './form-context.js';
import { resolveFormFor, roundPhase } from './form-context.js';
import type { Draft, Principal, SubmissionVersion } from './model.js';
import type { Clock, Store } from './ports.js';
import { type PreviousAnswers, previousRoundVersion } from './previous-round.js';
import { formTargets } from './targets/form-targets.js';

export interface OpenedForm extends ResolvedForm {
  readonly phase: RoundPhase;
  /** The current version, to prefill an amendment; undefined when nothing was submitted yet. */
  readonly current?: SubmissionVersion;
  /** A draft to continue: only while the round is open and only if no version was submitted after it. */
  readonly draft?: Draft;
  /** The municipality's published targets (its share, its statushouders tasks), shown read-only. */
  readonly targets: FormTargets;
  /**
   * Nothing submitted or drafted in this round yet, and the round prefills: the municipality's answers of
   * the previous round of the same form, to start from (nothing is stored until it submits).
   */
  readonly prefill?: PreviousAnswers;
}

/**
 * Open a form (`openForm`): resolve it, check the principal, find the current version to amend and a
 * draft to continue, or else (when the round prefills, as it does unless staff switched it off) the
 * answers of the previous round to start from. Drafts expire at read time when the round closes (DynamoDB
 * TTL deletes them later).
 */
export async function openForm(
  deps: { store: Store; clock: Clock },
  input: FormContextKey & {
    principal: Principal;
    /** The municipality's draft when the caller read it already (with the link's invitation). */
    read?: { draft?: Draft };
  },
): Promise<OpenedForm> {
  const resolved = await resolveFormFor(deps.store, input, input.principal, 'form:open');
  const phase = roundPhase(resolved.round, deps.clock.now());
  const [current, draft, targets] = await Promise.all([
    deps.store.latestVersion(input.roundId, input.formId, input.municipality),
    input.read ? input.read.draft : deps.store.getDraft(input.roundId, input.formId, input.municipality),
    formTargets(deps.store, resolved),
  ]);
  const open = phase === 'open' || phase === 'late';
  const usable = draft && open && draft.baseVersion >= (current?.version ?? 0);
  const prefill =
    !current && !usable && open && resolved.round.prefill !== false
      ? await previousRoundVersion(deps.store, resolved.round, input.municipality)
      : undefined;
  return { ...resolved, phase, current, draft: usable ? draft : undefined, targets, prefill };
}
