import { type Answers, describeAnswers, type FormDefinition } from '../definition.js';
import { formatDateTime } from '../format.js';
import { type Html, html } from './html.js';
import { layout } from './layout.js';

export interface ConfirmationModel {
  readonly definition: FormDefinition;
  readonly municipalityName: string;
  readonly organisation: string;
  readonly roundTitle: string;
  readonly version: number;
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly answers: Answers;
  readonly confirmationSentTo?: string;
  readonly late: boolean;
  /** Link back to the form to amend (absent once the round is closed). */
  readonly amendUrl?: string;
}

/** The answers as definition lists, section by section (also used on the check page). */
export function answersSummary(definition: FormDefinition, answers: Answers): Html {
  return html`${describeAnswers(definition, answers).map(
    (section) => html`<section class="rt-answers">
<h2 class="utrecht-heading-2">${section.title}</h2>
<dl class="utrecht-data-list rt-answer-list">
${section.rows.map((row) => html`<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">${row.label}</dt><dd class="utrecht-data-list__item-value">${row.value}</dd></div>`)}
</dl>
${section.groups.map(
  (group) => html`<h3 class="utrecht-heading-3">${group.title}</h3>
<dl class="utrecht-data-list rt-answer-list">
${group.rows.map((row) => html`<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">${row.label}</dt><dd class="utrecht-data-list__item-value">${row.value}</dd></div>`)}
</dl>`,
)}
</section>`,
  )}`;
}

export function renderConfirmationPage(model: ConfirmationModel): Html {
  const content = html`<p class="utrecht-pre-heading rt-pre-heading">Gemeente ${model.municipalityName} · ${model.roundTitle}</p>
<div class="utrecht-alert utrecht-alert--ok rt-panel">
<h1 class="utrecht-heading-1">Uw antwoorden zijn ontvangen</h1>
<p class="utrecht-paragraph">${model.definition.title} — versie ${model.version}, ingezonden op ${formatDateTime(model.submittedAt)} door ${model.submittedBy}.${model.late ? ' Deze inzending kwam na de sluitingsdatum binnen en is als te laat gemarkeerd.' : ''}</p>
</div>
${
  model.confirmationSentTo
    ? html`<p class="utrecht-paragraph">We sturen een bevestiging met uw antwoorden naar ${model.confirmationSentTo}.</p>`
    : ''
}
${
  model.amendUrl
    ? html`<p class="utrecht-paragraph">Klopt er iets niet? U kunt uw antwoorden tot de sluitingsdatum <a class="utrecht-link utrecht-link--html-a" href="${model.amendUrl}">wijzigen</a>. Eerdere versies blijven bewaard.</p>`
    : ''
}
<h2 class="utrecht-heading-2">Uw antwoorden</h2>
${answersSummary(model.definition, model.answers)}`;
  return layout({ title: 'Uw antwoorden zijn ontvangen', organisation: model.organisation }, content);
}
