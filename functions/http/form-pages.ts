import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  answersToRaw,
  type FieldError,
  type FormDefinition,
  type FormTargets,
  type RawState,
} from '../../forms/definition.js';
import { formatDate, formatDateTime } from '../../forms/format.js';
import { answersSummary } from '../../forms/render/confirmation-page.js';
import { type GroupNotice, renderFormPage } from '../../forms/render/form-page.js';
import { html } from '../../forms/render/html.js';
import { layout } from '../../forms/render/layout.js';
import { retiredAnswersList, retiredNotice } from '../../forms/render/retired-answers.js';
import { applyRenames, readStored, revisionOf, usableAnswers } from '../../forms/revisions.js';
import { type FormContextKey, formPath, type ResolvedForm } from '../core/form-context.js';
import type { Draft, SubmissionVersion } from '../core/model.js';
import type { OpenedForm } from '../core/open-form.js';
import { prefillAnswers } from '../core/previous-round.js';
import { regionContact } from '../core/registry/secretariat.js';
import { type HttpResponse, htmlResponse } from './responses.js';

/** The path parameters every form route carries. */
export function formKey(event: APIGatewayProxyEventV2): FormContextKey {
  const params = event.pathParameters ?? {};
  return {
    formId: params.formId ?? '',
    roundId: params.roundId ?? '',
    municipality: params.municipality ?? '',
  };
}

export { formPath };

export interface FormPageState {
  readonly raw: RawState;
  readonly errors?: readonly FieldError[];
  readonly submissionId: string;
  readonly baseVersion: number;
  readonly draftRevision: number;
  readonly notice?: string;
  readonly groupNotice?: GroupNotice;
  readonly amending?: SubmissionVersion;
  /** The municipality's published targets, shown read-only on the page. */
  readonly targets?: FormTargets;
}

/** The form page for a resolved form, with the given input state (empty, prefilled or as posted). */
export function formPageResponse(
  statusCode: number,
  resolved: ResolvedForm,
  key: FormContextKey,
  state: FormPageState,
): HttpResponse {
  return htmlResponse(
    statusCode,
    renderFormPage({
      definition: resolved.definition,
      municipalityName: resolved.municipality.name,
      organisation: resolved.region.boardName,
      contact: regionContact(resolved.region),
      round: resolved.round,
      targets: state.targets,
      action: formPath(key),
      raw: state.raw,
      errors: state.errors ?? [],
      submissionId: state.submissionId,
      baseVersion: state.baseVersion,
      draftRevision: state.draftRevision,
      notice: state.notice,
      groupNotice: state.groupNotice,
      amending: state.amending
        ? {
            version: state.amending.version,
            submittedAt: state.amending.submittedAt,
            submittedBy: state.amending.submittedBy.name,
          }
        : undefined,
    }),
  );
}

/** After the deadline: the answers as submitted, read-only, with a clear notice. */
export function closedFormResponse(opened: OpenedForm): HttpResponse {
  const { definition, municipality, region, round, current } = opened;
  const reading = current ? readStored(definition, current.answers, revisionOf(current)) : undefined;
  const content = html`<p class="utrecht-pre-heading rt-pre-heading">Gemeente ${municipality.name} · ${round.title}</p>
<h1 class="utrecht-heading-1">${definition.title}</h1>
<div class="utrecht-alert utrecht-alert--info rt-notice"><p class="utrecht-paragraph">De sluitingsdatum (${formatDateTime(round.deadline)}) is verstreken. U kunt dit formulier niet meer wijzigen.${current ? '' : ' Uw gemeente heeft voor deze ronde niets ingezonden.'}</p></div>
${current ? html`<h2 class="utrecht-heading-2">Ingezonden antwoorden</h2><p class="utrecht-paragraph">Versie ${current.version}, ingezonden op ${formatDateTime(current.submittedAt)} door ${current.submittedBy.name}.</p>${answersSummary(definition, reading!.answers)}${retiredAnswersList(reading!.retired, reading!.invalid)}` : ''}`;
  const contact = regionContact(region);
  return htmlResponse(
    200,
    layout(
      { title: definition.title, organisation: region.boardName, contacts: contact ? [contact] : undefined },
      content,
    ),
  );
}

const draftNotice = {
  opened: (at: string) =>
    `U gaat verder met het concept dat op ${at} is opgeslagen. Het is nog niet ingezonden.`,
  saved: (at: string) =>
    `Uw concept is opgeslagen op ${at}. U of een collega kan later verder via dezelfde link. Het concept telt pas mee als u het verstuurt.`,
  checked: () =>
    'Uw antwoorden zijn bewaard als concept, maar nog niet ingezonden. Verbeter de punten hierboven en klik dan opnieuw op ‘Controleren’.',
};

/** A draft's input as today's form names it (fields renamed since it was saved in their new place). */
export function draftRaw(definition: FormDefinition, draft: Draft): RawState {
  return applyRenames(definition, draft.raw as RawState, draft.definitionRevision ?? 1);
}

/**
 * Prefill for a form page: a draft to continue, else the current version's answers when amending,
 * else empty.
 */
export function initialState(
  opened: OpenedForm,
  submissionId: string,
  shown: 'opened' | 'saved' | 'checked' = 'opened',
): FormPageState {
  const { draft, current, definition, prefill } = opened;
  const base = { submissionId, amending: current, targets: opened.targets };
  if (draft) {
    return {
      ...base,
      raw: draftRaw(definition, draft),
      baseVersion: draft.baseVersion,
      draftRevision: draft.revision,
      notice: draftNotice[shown](formatDateTime(draft.savedAt)),
    };
  }
  if (current) {
    // An amendment starts from the current version read with today's form: renamed fields in their new
    // place, values the form no longer accepts left empty, and the official told about both.
    const reading = readStored(definition, current.answers, revisionOf(current));
    return {
      ...base,
      raw: answersToRaw(definition, usableAnswers(reading)),
      baseVersion: current.version,
      draftRevision: 0,
      notice: retiredNotice(reading.retired, reading.invalid),
    };
  }
  if (prefill) {
    // A new round starts from the previous round's answers: nothing is stored until the official submits.
    const start = prefillAnswers(definition, prefill.version);
    const from = `ronde ‘${prefill.round.title}’`;
    const notice = [
      `Overgenomen uit ${from} van ${formatDate(prefill.version.submittedAt.slice(0, 10))} (versie ${prefill.version.version}): controleer en werk bij.`,
      start.perRound.length > 0
        ? `Niet overgenomen, want dat hoort bij deze ronde: ${start.perRound.join(', ')}.`
        : '',
      'Er is nog niets ingezonden: dat gebeurt pas als u verstuurt.',
      retiredNotice(start.retired, start.invalid, from) ?? '',
    ];
    return {
      ...base,
      raw: answersToRaw(definition, start.answers),
      baseVersion: 0,
      draftRevision: 0,
      notice: notice.filter(Boolean).join(' '),
    };
  }
  return { ...base, raw: answersToRaw(definition), baseVersion: 0, draftRevision: 0 };
}
