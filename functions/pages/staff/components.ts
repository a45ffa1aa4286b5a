import type { FieldError } from '../../../forms/definition.js';
import { inputId } from '../../../forms/render/form-page.js';
import { type Html, html } from '../../../forms/render/html.js';

/**
 * The pieces staff pages are built from, in NL Design System (Utrecht) markup: tables that scroll
 * sideways on a narrow screen instead of widening the page, form fields with label, hint and error
 * (ids `f-<name>`, which the error summary links to), and forms with one action button each. Every
 * form that changes something carries the page's idempotency token (`_verzoek`) and its action (`_action`);
 * functions/http/staff-actions.ts reads both.
 */

/** The hidden field names every staff form shares. */
export const actionField = '_action';
export const tokenField = '_verzoek';

export const headerCell = (content: Html | string, numeric = false) =>
  html`<th class="utrecht-table__header-cell${numeric ? ' utrecht-table__header-cell--numeric' : ''}" scope="col">${content}</th>`;
export const rowHeader = (content: Html | string) =>
  html`<th class="utrecht-table__header-cell" scope="row">${content}</th>`;
export const cell = (content: Html | string | number) =>
  html`<td class="utrecht-table__cell">${content}</td>`;
export const numberCell = (content: Html | string) =>
  html`<td class="utrecht-table__cell utrecht-table__cell--numeric">${content}</td>`;

/**
 * A table with a caption, its header row and body rows, inside a region that scrolls sideways at 320 px
 * (WCAG 1.4.10 allows that for data tables) and can be reached with the keyboard to scroll.
 */
export function dataTable(options: {
  readonly id: string;
  readonly caption: string;
  readonly head: readonly Html[];
  readonly rows: readonly Html[];
  /** A layout of its own besides `rt-table` (`rt-versions`: a version history that stacks on a phone). */
  readonly layout?: 'rt-versions';
}): Html {
  return html`<div class="rt-table-scroll" role="region" aria-labelledby="${options.id}-titel" tabindex="0">
<table class="utrecht-table utrecht-table--html-table rt-table${options.layout ? ` ${options.layout}` : ''}" id="${options.id}">
<caption class="utrecht-table__caption" id="${options.id}-titel">${options.caption}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${options.head}</tr></thead>
<tbody class="utrecht-table__body">
${options.rows.map((row) => html`<tr class="utrecht-table__row">${row}</tr>`)}
</tbody>
</table>
</div>`;
}

/** A list of label → value facts (the round's settings, what a change does). */
export function factList(facts: readonly (readonly [string, Html | string])[]): Html {
  return html`<dl class="utrecht-data-list rt-facts">
${facts.map(
  ([label, value]) =>
    html`<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">${label}</dt><dd class="utrecht-data-list__item-value">${value}</dd></div>`,
)}
</dl>`;
}

export function hiddenFields(fields: Readonly<Record<string, string | undefined>>): Html {
  return html`${Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
}

export interface ActionButton {
  /** The `_action` it posts. */
  readonly action: string;
  readonly label: string;
  readonly secondary?: boolean;
}

/**
 * A form that posts one or more actions with hidden fields: the token of the page it is on (a double
 * click acts once) and whatever the action needs (`fields`).
 */
export function actionForm(options: {
  readonly path: string;
  readonly token: string;
  readonly buttons: readonly ActionButton[];
  readonly fields?: Readonly<Record<string, string | undefined>>;
  readonly className?: string;
  /** Visible form content before the buttons (inputs). */
  readonly content?: Html;
}): Html {
  return html`<form method="post" action="${options.path}" class="rt-form${options.className ? ` ${options.className}` : ''}" novalidate>
${hiddenFields({ [tokenField]: options.token, ...options.fields })}
${options.content ?? html``}
<div class="utrecht-button-group rt-actions">
${options.buttons.map(
  (button) =>
    html`<button type="submit" class="utrecht-button utrecht-button--${button.secondary ? 'secondary' : 'primary'}-action" name="${actionField}" value="${button.action}">${button.label}</button>`,
)}
</div>
</form>`;
}

interface FieldOptions {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly errors?: readonly FieldError[];
}

function errorOf(options: FieldOptions): string | undefined {
  return options.errors?.find((error) => error.path === options.name)?.message;
}

/** `aria-describedby` for a field's hint and error (shared with registry-fields.ts). */
export function describedBy(id: string, hint: Html | string | undefined, error: string | undefined): Html {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : html``;
}

export function hintAndError(id: string, hint: Html | string | undefined, error: string | undefined): Html {
  return html`${hint ? html`<div class="utrecht-form-field__description utrecht-form-field-description" id="${id}-hint">${hint}</div>` : ''}${
    error
      ? html`<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="${id}-error"><span class="rt-visually-hidden">Fout: </span>${error}</div>`
      : ''
  }`;
}

/** A text input with label, hint and error. `width`: s (dates, numbers), m, or the full width. */
export function textInput(
  options: FieldOptions & {
    readonly value: string;
    readonly width?: 's' | 'm';
    readonly inputMode?: 'numeric' | 'email';
    readonly autocomplete?: string;
  },
): Html {
  const id = inputId(options.name);
  const error = errorOf(options);
  return html`<div class="utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${options.label}</label></div>
${hintAndError(id, options.hint, error)}
<div class="utrecht-form-field__input"><input type="text" class="utrecht-textbox utrecht-textbox--html-input${options.width ? ` rt-width-${options.width}` : ''}${error ? ' utrecht-textbox--invalid' : ''}" id="${id}" name="${options.name}" value="${options.value}"${options.inputMode ? html` inputmode="${options.inputMode}"` : ''} autocomplete="${options.autocomplete ?? 'off'}"${describedBy(id, options.hint, error)}${error ? html` aria-invalid="true"` : ''}></div>
</div>`;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
}

/** A group of radio buttons (one choice) or checkboxes (several) in a fieldset with legend, hint and error. */
export function choiceGroup(
  options: FieldOptions & {
    readonly type: 'radio' | 'checkbox';
    readonly choices: readonly Choice[];
    readonly selected: readonly string[];
    readonly inline?: boolean;
  },
): Html {
  const id = inputId(options.name);
  const error = errorOf(options);
  // Whole class names, never a bare prefix joined with a value: the stylesheet build keeps the rules of the classes it
  // finds in the source, and a bare `utrecht-` prefix would keep all of them.
  const inputClass =
    options.type === 'radio'
      ? `utrecht-radio-button utrecht-radio-button--html-input${error ? ' utrecht-radio-button--invalid' : ''}`
      : `utrecht-checkbox utrecht-checkbox--html-input${error ? ' utrecht-checkbox--invalid' : ''}`;
  return html`<div class="utrecht-form-field utrecht-form-field--${options.type === 'radio' ? 'radio-group' : 'checkbox-group'}">
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}"${describedBy(id, options.hint, error)}>
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend rt-legend">${options.label}</legend>
${hintAndError(id, options.hint, error)}
<div class="rt-options${options.inline ? ' rt-options--inline' : ''}">
${options.choices.map((choice, index) => {
  const choiceId = index === 0 ? id : `${id}-${choice.value}`;
  return html`<div class="utrecht-form-field utrecht-form-field--${options.type === 'radio' ? 'radio' : 'checkbox'} rt-option">
<input type="${options.type}" class="${inputClass}" id="${choiceId}" name="${options.name}" value="${choice.value}"${options.selected.includes(choice.value) ? html` checked` : ''}${choice.hint ? html` aria-describedby="${choiceId}-hint"` : ''}>
<label class="utrecht-form-label utrecht-form-label--${options.type === 'radio' ? 'radio' : 'checkbox'}" for="${choiceId}">${choice.label}</label>
${choice.hint ? html`<div class="utrecht-form-field-description rt-choice-hint" id="${choiceId}-hint">${choice.hint}</div>` : ''}
</div>`;
})}
</div>
</fieldset>
</div>`;
}

/** A select with label, hint and error. */
export function selectInput(
  options: FieldOptions & { readonly choices: readonly Choice[]; readonly value: string },
): Html {
  const id = inputId(options.name);
  const error = errorOf(options);
  return html`<div class="utrecht-form-field utrecht-form-field--select${error ? ' utrecht-form-field--invalid' : ''}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${options.label}</label></div>
${hintAndError(id, options.hint, error)}
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}" id="${id}" name="${options.name}"${describedBy(id, options.hint, error)}${error ? html` aria-invalid="true"` : ''}>
<option value="">Maak een keuze</option>
${options.choices.map((choice) => html`<option value="${choice.value}"${choice.value === options.value ? html` selected` : ''}>${choice.label}</option>`)}
</select></div>
</div>`;
}

/** A date (`18-12-2026`) and a time (`17:00`) side by side, in a fieldset; errors under the name given. */
export function dateTimeInputs(
  options: FieldOptions & { readonly date: string; readonly time: string },
): Html {
  const id = inputId(options.name);
  const error = errorOf(options);
  return html`<div class="utrecht-form-field">
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}"${describedBy(id, options.hint, error)}>
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend rt-legend">${options.label}</legend>
${hintAndError(id, options.hint, error)}
<div class="rt-input-row">
<div class="rt-date-part"><label class="utrecht-form-label" for="${id}">Datum</label>
<input type="text" class="utrecht-textbox utrecht-textbox--html-input rt-width-s${error ? ' utrecht-textbox--invalid' : ''}" id="${id}" name="${options.name}Datum" value="${options.date}" autocomplete="off"${error ? html` aria-invalid="true"` : ''}></div>
<div class="rt-date-part"><label class="utrecht-form-label" for="${id}-tijd">Tijd</label>
<input type="text" class="utrecht-textbox utrecht-textbox--html-input rt-width-xs${error ? ' utrecht-textbox--invalid' : ''}" id="${id}-tijd" name="${options.name}Tijd" value="${options.time}" inputmode="numeric" autocomplete="off"${error ? html` aria-invalid="true"` : ''}></div>
</div>
</fieldset>
</div>`;
}

/** A heading and list of what an action will do, to whom (the confirmation step's core). */
export function consequences(title: string, items: readonly (Html | string)[]): Html {
  return html`<h2 class="utrecht-heading-2 rt-heading-spaced">${title}</h2>
<ul class="utrecht-unordered-list rt-consequences">${items.map((item) => html`<li class="utrecht-unordered-list__item">${item}</li>`)}</ul>`;
}

/** The one question both round forms ask: may municipalities still send in after the deadline? */
export function lateSubmissionChoice(selected: string, errors: readonly FieldError[]): Html {
  return choiceGroup({
    type: 'radio',
    name: 'acceptsLate',
    label: 'Te laat inzenden',
    choices: [
      { value: 'nee', label: 'Niet toegestaan: na de sluitingsdatum is het formulier alleen te lezen' },
      { value: 'ja', label: 'Toegestaan: na de sluitingsdatum kan het nog, als ‘te laat’ gemarkeerd' },
    ],
    selected: [selected],
    errors,
  });
}
