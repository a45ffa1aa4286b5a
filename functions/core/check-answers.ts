import { findForm } from '../../forms/catalogue.js';
import type { Answers, FieldError } from '../../forms/definition.js';
import { type AnswerChange, diffStored, type SincePreviousRound } from '../../forms/diff.js';
import { plausibilityWarnings } from '../../forms/plausibility.js';
import { readStored, revisionOf } from '../../forms/revisions.js';
import { validateAnswers } from '../../forms/validate.js';
import { RoundNotOpen, ValidationFailed } from './errors.js';
import {
  type FormContextKey,
  type ResolvedForm,
  type RoundPhase,
  resolveFormFor,
  roundPhase,
} from './form-context.js';
import { checkStoredInvitation, type SignedLink } from './invitation-tokens.js';
import type { Draft, Principal, Round, SubmissionVersion, Suppression } from './model.js';
import type { Clock, Store } from './ports.js';
import { changesSincePrevious, type PreviousAnswers, previousRoundVersion } from './previous-round.js';
import { formTargets } from './targets/form-targets.js';

export interface CheckedAnswers {
  readonly resolved: ResolvedForm;
  readonly phase: RoundPhase;
  readonly answers: Answers;
  readonly warnings: FieldError[];
  /** The version being amended, if any. */
  readonly previous?: SubmissionVersion;
  /** The municipality's draft as read with it (undefined: there is none), so a submission knows whether to delete one. */
  readonly draft: Draft | undefined;
  /** With `mailTo`: the contact address's suppressions, read with them (the confirmation need not look). */
  readonly suppressions?: Suppression[];
  /** What changes against it. */
  readonly changes?: AnswerChange[];
  /** The municipality's answers of the previous round of the same form, if it answered one. */
  readonly previousRound?: PreviousAnswers;
  /** What changed since then (the fields that belong to the round itself left out). */
  readonly sincePreviousRound?: SincePreviousRound;
}

/**
 * Check answers (`checkAnswers`), the shared first half of reviewing and submitting:
 * 1. resolve form, round and municipality (404) and ask the policy (403);
 * 2. refuse when the round is not open, or closed without late submissions (403);
 * 3. validate with the form's own definition (422 with a Dutch message per field; nothing stored);
 * 4. compute the plausibility warnings, the changes against the version being amended and those since
 *    the municipality's answers of the previous round of the form.
 */
export async function checkAnswers(
  deps: { store: Store; clock: Clock },
  input: FormContextKey & {
    principal: Principal;
    answers: unknown;
    baseVersion: number;
    /** Also read whether the contact address is suppressed (a submission mails it a confirmation). */
    mailTo?: boolean;
    /** The link `principal` came from, checked by its signature only: its stored invitation is checked here. */
    link?: SignedLink;
  },
): Promise<CheckedAnswers> {
  // A link checked by its signature only: its stored invitation comes in the first BatchGetItem (with the
  // version amended, the draft and the suppression of the address as posted), and is checked before
  // anything else — a revoked or expired link is refused first, as when it was checked on arrival.
  const early = input.link && firstRead(deps.store, input, input.link);
  const resolving = resolveFormFor(deps.store, input, input.principal, 'form:submit');
  let base: Awaited<ReturnType<Store['amendmentBase']>> | undefined;
  if (early && input.link) {
    resolving.catch(() => undefined); // Its answer is awaited below, once the link is known to be good.
    base = await early;
    checkStoredInvitation(input.link, base.invitation, deps.clock.now());
  }
  // The round as stored now, from that same read: its deadline is not this process's copy, which another
  // container's close (or reopening) reaches only after 30 s.
  const resolved = withStoredRound(await resolving, base?.round);
  const phase = roundPhase(resolved.round, deps.clock.now());
  if (phase === 'not-open') {
    throw new RoundNotOpen(
      'Deze ronde is nog niet geopend. U kunt het formulier invullen vanaf de openingsdatum.',
    );
  }
  if (phase === 'closed') {
    throw new RoundNotOpen(
      'De sluitingsdatum van deze ronde is verstreken. Inzenden of wijzigen kan niet meer.',
    );
  }
  const outcome = validateAnswers(resolved.definition, input.answers);
  if (!outcome.success || !outcome.answers) throw new ValidationFailed(outcome.errors);
  const contactEmail = outcome.answers[resolved.definition.contactEmailKey];
  const mailTo = input.mailTo && typeof contactEmail === 'string' ? contactEmail : undefined;
  const [{ previous, draft, suppressions }, targets, previousRound] = await Promise.all([
    base
      ? withSuppressionsOf(deps.store, base, mailTo, postedAddress(input))
      : deps.store.amendmentBase(input.roundId, input.formId, input.municipality, input.baseVersion, {
          mailTo,
        }),
    formTargets(deps.store, resolved),
    previousRoundVersion(deps.store, resolved.round, input.municipality),
  ]);
  const now = { answers: outcome.answers, definitionRevision: resolved.definition.revision };
  const warnings = plausibilityWarnings(resolved.definition, outcome.answers, {
    referenceDate: resolved.round.referenceDate,
    targets,
    // An earlier version is read with the current form: renamed fields compare with their new key.
    previous: previous
      ? readStored(resolved.definition, previous.answers, revisionOf(previous)).answers
      : undefined,
    changeFactor: resolved.round.changeFactor,
  });
  return {
    resolved,
    phase,
    answers: outcome.answers,
    warnings,
    previous,
    draft,
    suppressions,
    changes: previous ? diffStored(resolved.definition, previous, now) : undefined,
    previousRound,
    sincePreviousRound: previousRound
      ? {
          roundTitle: previousRound.round.title,
          changes: changesSincePrevious(resolved.definition, previousRound.version, now),
        }
      : undefined,
  };
}

type AmendmentBase = Awaited<ReturnType<Store['amendmentBase']>>;
type CheckInput = FormContextKey & { answers: unknown; baseVersion: number; mailTo?: boolean };

/** The contact address as posted (before validation), when it is text. */
function postedAddress(input: CheckInput): string | undefined {
  const key = findForm(input.formId)?.contactEmailKey;
  const answers = input.answers;
  if (!input.mailTo || !key || typeof answers !== 'object' || answers === null) return undefined;
  const value = Object.hasOwn(answers, key) ? (answers as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The first read of a submission that came with a signed link: the invitation with the amendment base. */
function firstRead(store: Store, input: CheckInput, link: SignedLink): Promise<AmendmentBase> {
  return store.amendmentBase(input.roundId, input.formId, input.municipality, input.baseVersion, {
    mailTo: postedAddress(input),
    invitationId: link.principal.invitationId,
    round: true,
  });
}

/** The form resolved from this process's copies, with the round as the first read found it. */
function withStoredRound(resolved: ResolvedForm, stored: Round | undefined): ResolvedForm {
  return stored && stored.formId === resolved.round.formId ? { ...resolved, round: stored } : resolved;
}

/** The early read's suppressions, or — the address validated differs from the one posted — read them now. */
async function withSuppressionsOf(
  store: Store,
  base: AmendmentBase,
  mailTo: string | undefined,
  posted: string | undefined,
): Promise<AmendmentBase> {
  if (mailTo === posted) return base;
  return { ...base, suppressions: mailTo === undefined ? undefined : await store.suppressionsOf([mailTo]) };
}
