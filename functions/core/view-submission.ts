import type { SincePreviousRound } from '../../forms/diff.js';
import { NotFound } from './errors.js';
import {
  type FormContextKey,
  type ResolvedForm,
  type RoundPhase,
  resolveFormFor,
  roundPhase,
} from './form-context.js';
import type { OutboxMail, Principal, SubmissionVersion } from './model.js';
import type { Clock, Store } from './ports.js';
import { changesSincePrevious, referencedPrevious } from './previous-round.js';
import { confirmationMailId } from './submit-form.js';

export interface ViewedSubmission extends ResolvedForm {
  readonly version: SubmissionVersion;
  readonly phase: RoundPhase;
  readonly confirmation?: OutboxMail;
  /** Every version, oldest first: who, when, and what changed. */
  readonly history: readonly SubmissionVersion[];
  /** The previous round's version this one was compared with, and what changed since. */
  readonly sincePreviousRound?: SincePreviousRound;
}

/** View a submitted version (`viewSubmission`): the one asked for, or the current one. */
export async function viewSubmission(
  deps: { store: Store; clock: Clock },
  input: FormContextKey & { principal: Principal; version?: number },
): Promise<ViewedSubmission> {
  const resolved = await resolveFormFor(deps.store, input, input.principal, 'form:view-submission');
  // One read for the version and the history it belongs to: the history holds every version.
  const history = await deps.store.listVersions(input.roundId, input.formId, input.municipality);
  const version =
    input.version === undefined ? history.at(-1) : history.find((one) => one.version === input.version);
  if (!version) throw new NotFound('Er is (nog) geen inzending van uw gemeente voor deze ronde.');
  const [confirmation, previousRound] = await Promise.all([
    deps.store.getMail(confirmationMailId(version)),
    referencedPrevious(deps.store, version),
  ]);
  return {
    ...resolved,
    version,
    confirmation,
    history,
    phase: roundPhase(resolved.round, deps.clock.now()),
    sincePreviousRound: previousRound
      ? {
          roundTitle: previousRound.round.title,
          changes: changesSincePrevious(resolved.definition, previousRound.version, version),
        }
      : undefined,
  };
}
