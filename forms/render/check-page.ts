import {
  type Answers,
  allItems,
  type FieldError,
  type FormDefinition,
  type RawState,
} from '../definition.js';
import type { AnswerChange, SincePreviousRound } from '../diff.js';
import { isInput } from '../field-types.js';
import { labelled } from '../format.js';
import { answersSummary, type ChangeControl } from './confirmation-page.js';
import { inputId } from './form-page.js';
import { type Html, html } from './html.js';
import { layout, type PageContact } from './layout.js';
import { sincePreviousRoundSection } from './since-previous-round.js';

/**
 * "Controleer uw antwoorden" before the final submit (GOV.UK's check-answers pattern): the answers as they
 * will be stored, the plausibility warnings (never blocking), and what changes against the current
 * version. The page is a GET (`<form>/controleren`, built from the stored draft), so Reload, Back and
 * Forward never ask to resubmit. It carries the input in hidden fields, so "Versturen" posts exactly what
 * is shown; "Wijzigen" and "Terug naar het formulier" are plain links to the form, which opens from the
 * same draft.
 */
export interface CheckPageModel {
  readonly definition: FormDefinition;
  readonly municipalityName: string;
  readonly organisation: string;
  /** The region's secretariat, named in the footer (from the registry). */
  readonly contact?: PageContact;
  readonly roundTitle: string;
  /** The form page: "Versturen" posts there, "Wijzigen" links there (with the field's anchor). */
  readonly action: string;
  readonly raw: RawState;
  readonly answers: Answers;
  readonly warnings: readonly FieldError[];
  /** Against the version being amended (undefined for a first submission). */
  readonly changes?: readonly AnswerChange[];
  /** Against the municipality's answers of the previous round of the form. */
  readonly sincePreviousRound?: SincePreviousRound;
  readonly control: {
    readonly submissionId: string;
    readonly baseVersion: number;
    readonly draftRevision: number;
  };
}

/** Every input of the page state as a hidden field, named as the form names it. */
export function hiddenFields(definition: FormDefinition, raw: RawState): Html {
  const fields: [string, string][] = [];
  for (const item of allItems(definition)) {
    if (item.type === 'field') {
      if (isInput(item) && typeof raw[item.key] === 'string')
        fields.push([item.key, raw[item.key] as string]);
      continue;
    }
    const rows = Array.isArray(raw[item.key]) ? (raw[item.key] as Record<string, string>[]) : [];
    rows.forEach((row, index) => {
      for (const field of item.fields.filter(isInput))
        fields.push([`${item.key}[${index}][${field.key}]`, row[field.key] ?? '']);
    });
  }
  return html`${fields.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
}

/**
 * "Wijzigen" at an answer: a link to the form, which opens from the draft (the input as shown here) at
 * that field (`#f-…`). The visually hidden part names the answer, for a screen reader's list of links.
 */
const changeLink =
  (action: string): ChangeControl =>
  (path, name) =>
    html`<a class="utrecht-link utrecht-link--html-a" href="${action}#${inputId(path)}">Wijzigen<span class="rt-visually-hidden"> ${name}</span></a>`;

export function renderCheckPage(model: CheckPageModel): Html {
  const content = html`<p class="utrecht-pre-heading rt-pre-heading">Gemeente ${model.municipalityName} · ${model.roundTitle}</p>
<h1 class="utrecht-heading-1">Controleer uw antwoorden</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">${model.definition.title}. Klopt alles? Verstuur uw antwoorden dan. Wilt u iets aanpassen, ga dan terug naar het formulier: uw antwoorden blijven staan.</p>
${
  model.warnings.length > 0
    ? html`<div class="utrecht-alert utrecht-alert--warning rt-notice" role="region" aria-labelledby="waarschuwingen-titel">
<h2 class="utrecht-heading-2" id="waarschuwingen-titel">Kijkt u deze antwoorden nog even na?</h2>
<p class="utrecht-paragraph">Ze zijn opvallend, maar u kunt ze gewoon versturen als ze kloppen.</p>
<ul class="utrecht-unordered-list">${model.warnings.map((warning) => html`<li class="utrecht-unordered-list__item">${warning.message}</li>`)}</ul>
</div>`
    : ''
}
${
  model.changes
    ? html`<h2 class="utrecht-heading-2">Wat verandert er ten opzichte van de huidige versie</h2>
${
  model.changes.length === 0
    ? html`<p class="utrecht-paragraph">Niets: uw antwoorden zijn gelijk aan de huidige versie.</p>`
    : html`<ul class="utrecht-unordered-list">${model.changes.map((change) => html`<li class="utrecht-unordered-list__item">${labelled(change.label, `${change.before} → ${change.after}`)}</li>`)}</ul>`
}`
    : ''
}
${sincePreviousRoundSection(model.sincePreviousRound)}
<h2 class="utrecht-heading-2">Uw antwoorden</h2>
${answersSummary(model.definition, model.answers, changeLink(model.action))}
<form class="rt-form" method="post" action="${model.action}" novalidate>
<input type="hidden" name="_submissionId" value="${model.control.submissionId}">
<input type="hidden" name="_baseVersion" value="${String(model.control.baseVersion)}">
<input type="hidden" name="_draftRevision" value="${String(model.control.draftRevision)}">
${hiddenFields(model.definition, model.raw)}
<div class="utrecht-button-group rt-actions">
<button type="submit" class="utrecht-button utrecht-button--primary-action" name="_action" value="submit">${model.control.baseVersion > 0 ? 'Wijziging versturen' : 'Versturen'}</button>
<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${model.action}">Terug naar het formulier</a>
</div>
</form>`;
  return layout(
    {
      title: 'Controleer uw antwoorden',
      organisation: model.organisation,
      contacts: model.contact ? [model.contact] : undefined,
    },
    content,
  );
}
