import type { FieldError } from '../../../forms/definition.js';
import { inputId } from '../../../forms/render/form-page.js';
import { type Html, html } from '../../../forms/render/html.js';
import { describedBy, hintAndError } from './components.js';

/**
 * More form fields for the staff pages that take lists (contacts, the municipality list, targets), in the
 * markup of components.ts: a text area (addresses, one per line; a pasted list), a file input, and the
 * errors of a list line by line. Same ids (`f-<name>`) and error markup, so the error summary links to them.
 */

interface FieldOptions {
  readonly name: string;
  readonly label: string;
  readonly hint?: Html | string;
  readonly errors?: readonly FieldError[];
}

function errorOf(options: FieldOptions): string | undefined {
  const messages = (options.errors ?? []).filter((error) => error.path === options.name);
  return messages.length > 0 ? messages.map((error) => error.message).join(' ') : undefined;
}

export function textArea(options: FieldOptions & { readonly value: string; readonly rows?: number }): Html {
  const id = inputId(options.name);
  const error = errorOf(options);
  return html`<div class="utrecht-form-field utrecht-form-field--textarea${error ? ' utrecht-form-field--invalid' : ''}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${options.label}</label></div>
${hintAndError(id, options.hint, error)}
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea rt-textarea${error ? ' utrecht-textarea--invalid' : ''}" id="${id}" name="${options.name}" rows="${options.rows ?? 4}" spellcheck="false"${describedBy(id, options.hint, error)}${error ? html` aria-invalid="true"` : ''}>${options.value}</textarea></div>
</div>`;
}

export function fileInput(options: FieldOptions & { readonly accept: string }): Html {
  const id = inputId(options.name);
  const error = errorOf(options);
  return html`<div class="utrecht-form-field utrecht-form-field--file${error ? ' utrecht-form-field--invalid' : ''}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${options.label}</label></div>
${hintAndError(id, options.hint, error)}
<div class="utrecht-form-field__input"><input type="file" class="rt-file" id="${id}" name="${options.name}" accept="${options.accept}"${describedBy(id, options.hint, error)}${error ? html` aria-invalid="true"` : ''}></div>
</div>`;
}

/** Line by line, for the messages of a list (an import's errors per line). */
export function messageList(messages: readonly string[], className = ''): Html {
  return html`<ul class="utrecht-unordered-list${className ? ` ${className}` : ''}">${messages.map((message) => html`<li class="utrecht-unordered-list__item">${message}</li>`)}</ul>`;
}

/**
 * The errors of a pasted or uploaded list, one per wrong line: the page's error summary gets one error
 * for the list field (`summary` says how many), the field is marked with it, and `lineErrorsPanel` names
 * every line right below the field.
 */
export function listErrors(
  name: string,
  errors: readonly FieldError[],
  summary: (count: number) => string,
): { readonly lines: readonly FieldError[]; readonly field: FieldError[]; readonly page: FieldError[] } {
  const lines = errors.filter((error) => error.path === name);
  const field = lines.length > 0 ? [{ path: name, message: summary(lines.length) }] : [];
  return { lines, field, page: errors.filter((error) => error.path !== name).concat(field) };
}

export function lineErrorsPanel(name: string, title: string, lines: readonly FieldError[]): Html {
  if (lines.length === 0) return html``;
  return html`<div class="utrecht-alert utrecht-alert--error rt-panel" id="${inputId(name)}-fouten" role="alert"><h2 class="utrecht-heading-3">${title}</h2>${messageList(lines.map((error) => error.message))}</div>`;
}

/** A select for a filter: its empty choice means "all" (`Alle gemeenten`), not "choose one". */
export function filterSelect(options: {
  readonly name: string;
  readonly label: string;
  readonly all: string;
  readonly value: string;
  readonly choices: readonly { readonly value: string; readonly label: string }[];
}): Html {
  const id = inputId(options.name);
  return html`<div class="utrecht-form-field utrecht-form-field--select">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${options.label}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select rt-filter-select" id="${id}" name="${options.name}">
<option value="">${options.all}</option>
${options.choices.map((choice) => html`<option value="${choice.value}"${choice.value === options.value ? html` selected` : ''}>${choice.label}</option>`)}
</select></div>
</div>`;
}
