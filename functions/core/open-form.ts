import type { FormContextKey, ResolvedForm, RoundPhase } from './form-context.js';
import { assertActsFor, resolveForm, roundPhase } from './form-context.js';
import type { Principal, SubmissionVersion } from './model.js';
import type { Clock, Store } from './ports.js';

export interface OpenedForm extends ResolvedForm {
  readonly phase: RoundPhase;
  /** The current version, to prefill an amendment; undefined when nothing was submitted yet. */
  readonly current?: SubmissionVersion;
}

/** Open a form (`openForm`): resolve it, check the principal, and find the current version to amend. */
export async function openForm(
  deps: { store: Store; clock: Clock },
  input: FormContextKey & { principal: Principal },
): Promise<OpenedForm> {
  const resolved = await resolveForm(deps.store, input);
  assertActsFor(input.principal, input);
  const current = await deps.store.latestVersion(input.roundId, input.formId, input.municipality);
  return { ...resolved, phase: roundPhase(resolved.round, deps.clock.now()), current };
}
