import { type FieldError, type RawState, rawToCandidate } from '../../forms/definition.js';
import { renderCheckPage } from '../../forms/render/check-page.js';
import { checkAnswers } from '../core/check-answers.js';
import { ValidationFailed } from '../core/errors.js';
import { type FormContextKey, formPath } from '../core/form-context.js';
import type { OpenedForm } from '../core/open-form.js';
import type { Principal } from '../core/policy.js';
import type { Clock, Store } from '../core/ports.js';
import { regionContact } from '../core/registry/secretariat.js';
import { submissionIdPattern } from '../core/submission-id.js';
import { draftRaw } from './form-pages.js';
import { type HttpResponse, htmlResponse, seeOther } from './responses.js';

/**
 * The check page as a GET (post/redirect/get): "Controleren" stores the input as the draft and redirects
 * here; this page is built from that draft, so Reload, Back and Forward show it again without asking to
 * resubmit. The filling-in's idempotency key travels in the address (`?inzending=…`), so "Versturen" after
 * a reload still stores one version.
 */

/** The query that asks the form page to show the draft's errors (after "Controleren" or "Versturen"). */
export const checkQuery = 'controleer=1';

export function checkPagePath(key: FormContextKey, submissionId: string): string {
  return `${formPath(key)}/controleren?inzending=${encodeURIComponent(submissionId)}`;
}

/** The submission id from the address, or undefined when absent or not one our pages write. */
export function submissionIdFrom(query: Record<string, string | undefined> | undefined): string | undefined {
  const id = query?.inzending;
  return id !== undefined && submissionIdPattern.test(id) ? id : undefined;
}

type Deps = { store: Store; clock: Clock };

/** The errors of the draft's answers as the form validates them ([] when they are complete and valid). */
export async function draftErrors(
  deps: Deps,
  opened: OpenedForm,
  key: FormContextKey,
  principal: Principal,
  raw: RawState,
  baseVersion: number,
): Promise<FieldError[]> {
  try {
    await checkAnswers(deps, { ...key, principal, answers: candidate(opened, raw), baseVersion });
    return [];
  } catch (error) {
    if (error instanceof ValidationFailed) return [...error.fieldErrors];
    throw error;
  }
}

/**
 * The check page for an opened form's draft; without a draft (sent already, or never saved) the form, and
 * with errors the form showing them.
 */
export async function checkPageResponse(
  deps: Deps,
  opened: OpenedForm,
  key: FormContextKey,
  principal: Principal,
  submissionId: string,
): Promise<HttpResponse> {
  const draft = opened.draft;
  if (!draft || (opened.phase !== 'open' && opened.phase !== 'late')) return seeOther(formPath(key));
  const raw = draftRaw(opened.definition, draft);
  let checked: Awaited<ReturnType<typeof checkAnswers>>;
  try {
    checked = await checkAnswers(deps, {
      ...key,
      principal,
      answers: candidate(opened, raw),
      baseVersion: draft.baseVersion,
    });
  } catch (error) {
    if (error instanceof ValidationFailed) return seeOther(`${formPath(key)}?${checkQuery}`);
    throw error;
  }
  return htmlResponse(
    200,
    renderCheckPage({
      definition: opened.definition,
      municipalityName: opened.municipality.name,
      organisation: opened.region.boardName,
      contact: regionContact(opened.region),
      roundTitle: opened.round.title,
      action: formPath(key),
      raw,
      answers: checked.answers,
      warnings: checked.warnings,
      changes: checked.changes,
      sincePreviousRound: checked.sincePreviousRound,
      control: { submissionId, baseVersion: draft.baseVersion, draftRevision: draft.revision },
    }),
  );
}

const candidate = (opened: OpenedForm, raw: RawState) => rawToCandidate(opened.definition, raw);
