import { scopeFields, whenToFillIn } from '../conditions.js';
import {
  allItems,
  type FieldError,
  type FormDefinition,
  type FormTargets,
  type PublishedFacts,
  type RawState,
} from '../definition.js';
import type { Field, RawValue, RepeatGroup, SectionItem } from '../field-types.js';
import { formatDate, formatDateTime, formatInteger } from '../format.js';
import {
  blockControls,
  blockIds,
  type ConditionalBlock,
  type NestingScope,
  nestConditional,
  type PageNode,
} from './conditional-blocks.js';
import { compoundHeading, type Html, html } from './html.js';
import { layout, type PageContact } from './layout.js';

/**
 * The form page, rendered from the definition alone: one section per heading, every field with label,
 * hint, unit and error, repeated groups with add/remove buttons that work without JavaScript, and an
 * error summary at the top that links to each field.
 */

export interface FormPageModel {
  readonly definition: FormDefinition;
  readonly municipalityName: string;
  readonly organisation: string;
  /** The region's secretariat, named in the footer (from the registry). */
  readonly contact?: PageContact;
  readonly round: { readonly title: string; readonly referenceDate: string; readonly deadline: string };
  /** The municipality's published targets, shown read-only where the form says (never typed). */
  readonly targets?: FormTargets;
  /** Where the form posts to (the page's own URL). */
  readonly action: string;
  readonly raw: RawState;
  readonly errors: readonly FieldError[];
  /** Idempotency key of this filling-in: a double-click or retry stores one version. */
  readonly submissionId: string;
  /** The version this page was opened on (0 = nothing submitted yet). */
  readonly baseVersion: number;
  /** The draft revision this page was opened on (0 = no draft). */
  readonly draftRevision: number;
  /** A short status line at the top, e.g. after saving a draft. */
  readonly notice?: string;
  /** A status line in a repeated group after adding or removing a row (where the page lands). */
  readonly groupNotice?: GroupNotice;
  /** Who submitted the version being amended, and when. */
  readonly amending?: {
    readonly version: number;
    readonly submittedAt: string;
    readonly submittedBy: string;
  };
}

/**
 * What a row button did, said in its group where it happened: before the row now at `row` (0-based; the
 * added row, or the one that moved up into a removed row's place), or after the last row. The address
 * after the button ends in `#<groupNoticeId>`, so the browser scrolls there and focuses it (`tabindex=-1`):
 * a screen reader reads it, and the next Tab goes on from there.
 */
export interface GroupNotice {
  readonly group: string;
  readonly text: string;
  readonly row: number;
}

/** The id of a group's notice, the fragment of the address a row button leads to. */
export function groupNoticeId(groupKey: string): string {
  return `${inputId(groupKey)}-melding`;
}

/** `locations.1.capacity` → `f-locations-1-capacity`, the id the error summary links to. */
export function inputId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

function inputName(path: string): string {
  const [group, index, field] = path.split('.');
  return field === undefined ? path : `${group}[${index}][${field}]`;
}

function describedBy(id: string, field: Field, error: string | undefined): string | undefined {
  const counted = field.widget === 'textarea' && field.maxLength !== undefined;
  const ids = [
    field.hint ? `${id}-hint` : '',
    error ? `${id}-error` : '',
    counted ? `${id}-count` : '',
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function fieldLabel(field: Field): Html {
  // A required question that is asked only after an answer is required when asked: no marker.
  const marker = field.required ? '' : '(niet verplicht)';
  return html`${field.label}${marker ? html` <span class="rt-optional">${marker}</span>` : ''}`;
}

function hintAndError(id: string, field: Field, error: string | undefined): Html {
  return html`${field.hint ? html`<div class="utrecht-form-field__description utrecht-form-field-description" id="${id}-hint">${field.hint}</div>` : ''}${
    error
      ? html`<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="${id}-error"><span class="rt-visually-hidden">Fout: </span>${error}</div>`
      : ''
  }`;
}

/**
 * The conditional blocks a question's answers open, by answer (`ja` → the block ids): the input of that
 * answer names them in `aria-controls`, as GOV.UK's conditional reveal does. (No `aria-expanded`: ARIA
 * does not allow it on a radio button, and axe refuses it.)
 */
type Controls = ReadonlyMap<string, readonly string[]>;

const controlsOf = (controls: Controls | undefined, values: readonly string[]): Html => {
  const ids = [...new Set(values.flatMap((value) => controls?.get(value) ?? []))];
  return ids.length > 0 ? html` aria-controls="${ids.join(' ')}"` : html``;
};

function renderChoice(
  field: Field,
  path: string,
  value: RawValue,
  error: string | undefined,
  controls?: Controls,
): Html {
  const id = inputId(path);
  const options = field.options ?? [];
  if (field.widget === 'select') {
    return html`<div class="utrecht-form-field utrecht-form-field--select${error ? ' utrecht-form-field--invalid' : ''}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${fieldLabel(field)}</label></div>
${hintAndError(id, field, error)}
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}" id="${id}"${controlsOf(controls, [...(controls?.keys() ?? [])])} name="${inputName(path)}"${raw(describedBy(id, field, error), 'aria-describedby')}${error ? html` aria-invalid="true"` : ''}>
<option value="">Maak een keuze</option>
${options.map((option) => html`<option value="${option.value}"${option.value === value ? html` selected` : ''}>${option.label}</option>`)}
</select></div>
</div>`;
  }
  return html`<div class="utrecht-form-field utrecht-form-field--radio-group">
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}"${raw(describedBy(id, field, error), 'aria-describedby')}>
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend rt-legend">${fieldLabel(field)}</legend>
${hintAndError(id, field, error)}
<div class="rt-options${field.widget === 'yes-no' ? ' rt-options--inline' : ''}">
${options.map(
  (option, index) => html`<div class="utrecht-form-field utrecht-form-field--radio rt-option">
<input type="radio" class="utrecht-radio-button utrecht-radio-button--html-input${error ? ' utrecht-radio-button--invalid' : ''}" id="${index === 0 ? id : `${id}-${option.value}`}"${controlsOf(controls, [option.value])} name="${inputName(path)}" value="${option.value}"${option.value === value ? html` checked` : ''}>
<label class="utrecht-form-label utrecht-form-label--radio" for="${index === 0 ? id : `${id}-${option.value}`}">${option.label}</label>
</div>`,
)}
</div>
</fieldset>
</div>`;
}

/** An attribute only when there is a value. */
function raw(value: string | undefined, attribute: string): Html {
  return value ? html` ${attribute}="${value}"` : html``;
}

function inputAttributes(field: Field): Html {
  switch (field.widget) {
    case 'integer':
      return html` type="text" inputmode="numeric" class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric rt-width-s"`;
    case 'money':
      return html` type="text" inputmode="decimal" class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric rt-width-s"`;
    case 'date':
      return html` type="text" inputmode="numeric" autocomplete="off" class="utrecht-textbox utrecht-textbox--html-input rt-width-m"`;
    case 'email':
      return html` type="email" autocomplete="email" spellcheck="false" class="utrecht-textbox utrecht-textbox--html-input"`;
    default:
      return html` type="text" class="utrecht-textbox utrecht-textbox--html-input"`;
  }
}

function autocomplete(field: Field): Html {
  if (field.key === 'contactName') return html` autocomplete="name"`;
  if (field.key === 'contactRole') return html` autocomplete="organization-title"`;
  return html``;
}

const characters = (count: number) => `${formatInteger(count)} ${count === 1 ? 'teken' : 'tekens'}`;

/**
 * The line under a text area (GOV.UK's character count): how many characters are left, or how many too
 * many. The script (forms/static/regietafel.js) writes the same words as one types; without it, the page
 * shows the count of the text as posted. Nothing cuts a longer text off: the server refuses it, by name.
 */
export function characterCountText(length: number, max: number): string {
  return length > max
    ? `U heeft ${characters(length - max)} te veel`
    : `U heeft nog ${characters(max - length)}`;
}

function characterCount(id: string, max: number, value: RawValue): Html {
  const length = typeof value === 'string' ? value.length : 0;
  return html`<div class="utrecht-form-field__description utrecht-form-field-description rt-character-count${length > max ? ' rt-character-count--over' : ''}" id="${id}-count" data-for="${id}" data-max="${String(max)}">${characterCountText(length, max)}</div>`;
}

export function renderField(
  field: Field,
  path: string,
  value: RawValue,
  error: string | undefined,
  controls?: Controls,
): Html {
  if (field.widget === 'derived') {
    return html`<div class="utrecht-form-field rt-derived">
<p class="utrecht-paragraph"><strong>${field.label}</strong><br>${field.hint}</p>
</div>`;
  }
  if (field.widget === 'yes-no' || field.widget === 'radio' || field.widget === 'select') {
    return renderChoice(field, path, value, error, controls);
  }
  const id = inputId(path);
  const invalid = error ? ' utrecht-form-field--invalid' : '';
  if (field.widget === 'textarea') {
    return html`<div class="utrecht-form-field utrecht-form-field--textarea${invalid}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${fieldLabel(field)}</label></div>
${hintAndError(id, field, error)}
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}" id="${id}" name="${inputName(path)}" rows="5"${raw(describedBy(id, field, error), 'aria-describedby')}${error ? html` aria-invalid="true"` : ''}>${value}</textarea></div>
${field.maxLength !== undefined ? characterCount(id, field.maxLength, value) : ''}
</div>`;
  }
  return html`<div class="utrecht-form-field utrecht-form-field--text${invalid}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${fieldLabel(field)}</label></div>
${hintAndError(id, field, error)}
<div class="utrecht-form-field__input rt-input-row">${field.widget === 'money' ? html`<span class="rt-prefix" aria-hidden="true">€</span>` : ''}<input${inputAttributes(field)}${error ? html` utrecht-textbox--invalid` : ''} id="${id}" name="${inputName(path)}" value="${value}"${raw(field.maxLength ? String(field.maxLength) : undefined, 'maxlength')}${autocomplete(field)}${raw(describedBy(id, field, error), 'aria-describedby')}${error ? html` aria-invalid="true"` : ''}>${field.unit ? html`<span class="rt-unit">${field.unit}</span>` : ''}</div>
</div>`;
}

/** The fields of one row of a repeated group, with the row's own conditional blocks. */
function renderRowFields(
  group: RepeatGroup,
  index: number,
  row: Record<string, RawValue>,
  errorFor: (path: string) => string | undefined,
): Html {
  const pathOf = (key: string) => `${group.key}.${index}.${key}`;
  const nodes = nestConditional(group.fields, {
    fields: scopeFields(group.fields),
    pathOf,
    blockId: blockIds(inputId),
  });
  const controls = blockControls(nodes);
  const renderItem = (item: SectionItem): Html =>
    item.type === 'field'
      ? renderField(
          item,
          pathOf(item.key),
          row[item.key] ?? '',
          errorFor(pathOf(item.key)),
          controls.get(pathOf(item.key)),
        )
      : html``;
  return renderNodes(nodes, renderItem);
}

/** The attributes that make an element a conditional block the page script shows and hides. */
function blockAttributes(block: ConditionalBlock): Html {
  return html` id="${block.id}" data-rt-question="${inputName(block.questionPath)}" data-rt-answers="${block.when.answers.join(' ')}"`;
}

const blockHint = (block: ConditionalBlock) =>
  html`<p class="utrecht-paragraph rt-hint rt-conditional__hint">${whenToFillIn(block.when, block.question)}</p>`;

/** Items, and blocks of items asked only after an answer: without JavaScript all shown, each block saying when. */
function renderNodes(nodes: readonly PageNode[], renderItem: (item: SectionItem) => Html): Html {
  return html`${nodes.map((node) =>
    node.type === 'conditional'
      ? html`<div class="rt-conditional"${blockAttributes(node)}>
${blockHint(node)}
${renderNodes(node.nodes, renderItem)}
</div>`
      : renderItem(node),
  )}`;
}

function renderGroup(
  group: RepeatGroup,
  rows: Record<string, RawValue>[],
  errorFor: (path: string) => string | undefined,
  showLabel: boolean,
  notice: GroupNotice | undefined,
): Html {
  const groupError = errorFor(group.key);
  const noticeHere = (index: number) =>
    notice && Math.min(notice.row, rows.length) === index
      ? html`<div class="utrecht-alert utrecht-alert--info rt-notice rt-group-notice" id="${groupNoticeId(group.key)}" role="status" tabindex="-1"><p class="utrecht-paragraph">${notice.text}</p></div>`
      : '';
  return html`<div class="rt-group" id="${inputId(group.key)}">
${showLabel ? html`<h3 class="utrecht-heading-3">${compoundHeading(group.label)}</h3>` : ''}
${group.hint ? html`<p class="utrecht-paragraph rt-hint">${group.hint}</p>` : ''}
${groupError ? html`<p class="utrecht-form-field-error-message" id="${inputId(group.key)}-error"><span class="rt-visually-hidden">Fout: </span>${groupError}</p>` : ''}
${rows.length === 0 ? html`<p class="utrecht-paragraph">Er zijn nog geen ${group.label.toLowerCase()} ingevuld.</p>` : ''}
${rows.map(
  (
    row,
    index,
  ) => html`${noticeHere(index)}<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset rt-row" id="${inputId(`${group.key}.${index}`)}">
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend rt-row-legend">${group.itemLabel} ${index + 1}</legend>
${renderRowFields(group, index, row, errorFor)}
<button type="submit" class="utrecht-button utrecht-button--secondary-action rt-remove" name="_action" value="remove:${group.key}:${index}">${group.itemLabel} ${index + 1} verwijderen</button>
</fieldset>`,
)}
${noticeHere(rows.length)}
${
  rows.length < group.max
    ? html`<button type="submit" class="utrecht-button utrecht-button--secondary-action" name="_action" value="add:${group.key}">${group.itemLabel} toevoegen</button>`
    : html`<p class="utrecht-paragraph">U heeft het maximum van ${group.max} ${group.label.toLowerCase()} bereikt.</p>`
}
</div>`;
}

/**
 * The error summary: a heading and a link to each field (general problems have no path), focused on load.
 * `about` ends the heading: an official's form says "met uw antwoorden", a staff page "in het formulier".
 */
export function errorSummary(errors: readonly FieldError[], about = 'met uw antwoorden'): Html {
  if (errors.length === 0) return html``;
  return html`<div class="utrecht-alert utrecht-alert--error rt-error-summary" id="foutmeldingen" role="region" tabindex="-1" autofocus aria-labelledby="foutmeldingen-titel">
<h2 class="utrecht-heading-2" id="foutmeldingen-titel">Er ${errors.length === 1 ? 'is 1 probleem' : `zijn ${errors.length} problemen`} ${about}</h2>
<ul class="utrecht-unordered-list">
${errors.map((error) =>
  error.path
    ? html`<li class="utrecht-unordered-list__item"><a class="utrecht-link utrecht-link--html-a" href="#${inputId(error.path)}">${error.message}</a></li>`
    : html`<li class="utrecht-unordered-list__item">${error.message}</li>`,
)}
</ul>
</div>`;
}

/** Published figures at the top of a section: read-only, with where they come from. */
function publishedFacts(facts: PublishedFacts | undefined, sectionKey: string): Html {
  if (!facts) return html``;
  const id = `gepubliceerd-${sectionKey}`;
  return html`<div class="rt-published" role="group" aria-labelledby="${id}">
<p class="utrecht-paragraph rt-published__title" id="${id}"><strong>${facts.title}</strong></p>
${facts.rows.length > 0 ? html`<dl class="utrecht-data-list rt-answer-list">${facts.rows.map((row) => html`<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">${row.label}</dt><dd class="utrecht-data-list__item-value">${row.value}</dd></div>`)}</dl>` : ''}
<p class="utrecht-paragraph rt-hint">${facts.note}</p>
</div>`;
}

export function renderFormPage(model: FormPageModel): Html {
  const { definition } = model;
  const errorsByPath = new Map(model.errors.map((error) => [error.path, error.message]));
  const errorFor = (path: string) => errorsByPath.get(path);
  const context = { referenceDate: model.round.referenceDate, targets: model.targets };
  const notice = definition.roundNotice?.(context);
  const scope: NestingScope = {
    fields: scopeFields(allItems(definition)),
    pathOf: (key) => key,
    blockId: blockIds(inputId),
  };
  const sections = definition.sections.map((section) => ({
    section,
    nodes: nestConditional(section.items, scope),
  }));
  const controls = blockControls(sections.flatMap(({ nodes }) => nodes));
  const sectionTitle = (key: string) =>
    definition.sections.find((section) => section.items.some((item) => item.key === key))?.title;
  const renderItem = (item: SectionItem): Html =>
    item.type === 'field'
      ? renderField(
          item,
          item.key,
          typeof model.raw[item.key] === 'string' ? (model.raw[item.key] as string) : '',
          errorFor(item.key),
          controls.get(item.key),
        )
      : renderGroup(
          item,
          Array.isArray(model.raw[item.key]) ? (model.raw[item.key] as Record<string, RawValue>[]) : [],
          errorFor,
          item.label !== sectionTitle(item.key),
          model.groupNotice?.group === item.key ? model.groupNotice : undefined,
        );
  const content = html`<p class="utrecht-pre-heading rt-pre-heading">Gemeente ${model.municipalityName} · ${model.round.title}</p>
<h1 class="utrecht-heading-1">${definition.title}</h1>
${errorSummary(model.errors)}
${model.notice ? html`<div class="utrecht-alert utrecht-alert--info rt-notice" role="status"><p class="utrecht-paragraph">${model.notice}</p></div>` : ''}
${
  model.amending
    ? html`<div class="utrecht-alert utrecht-alert--info rt-notice"><p class="utrecht-paragraph">U wijzigt versie ${model.amending.version}, ingezonden op ${formatDateTime(model.amending.submittedAt)} door ${model.amending.submittedBy}. Als u opnieuw verstuurt, bewaren we een nieuwe versie; de eerdere versies blijven bewaard.</p></div>`
    : ''
}
<p class="utrecht-paragraph utrecht-paragraph--lead">${definition.intro}</p>
<dl class="utrecht-data-list rt-round-facts">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">Peildatum</dt><dd class="utrecht-data-list__item-value">${formatDate(model.round.referenceDate)}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">Invullen uiterlijk</dt><dd class="utrecht-data-list__item-value">${formatDateTime(model.round.deadline)}</dd></div>
</dl>
${notice ? html`<p class="utrecht-paragraph rt-round-notice">${notice}</p>` : ''}
<p class="utrecht-paragraph">Velden met ‘(niet verplicht)’ mag u leeg laten.</p>
<form class="utrecht-form rt-form" method="post" action="${model.action}" novalidate>
<button type="submit" class="rt-default-action" name="_action" value="review" tabindex="-1" aria-hidden="true">Controleren</button>
<input type="hidden" name="_submissionId" value="${model.submissionId}">
<input type="hidden" name="_baseVersion" value="${String(model.baseVersion)}">
<input type="hidden" name="_draftRevision" value="${String(model.draftRevision)}">
${sections.map(({ section, nodes }) => {
  const facts = publishedFacts(definition.publishedFacts?.(section.key, context), section.key);
  const intro = section.intro ? html`<p class="utrecht-paragraph">${section.intro}</p>` : '';
  const heading = html`<h2 class="utrecht-heading-2" id="sectie-${section.key}">${compoundHeading(section.title)}</h2>`;
  // A section whose every question waits for the same answer is itself the block.
  const [only] = nodes;
  if (nodes.length === 1 && only?.type === 'conditional' && only.nodes.length === section.items.length)
    return html`<section class="rt-section rt-conditional" aria-labelledby="sectie-${section.key}"${blockAttributes(only)}>
${heading}
${blockHint(only)}
${intro}
${facts}
${renderNodes(only.nodes, renderItem)}
</section>`;
  return html`<section class="rt-section" aria-labelledby="sectie-${section.key}">
${heading}
${intro}
${facts}
${renderNodes(nodes, renderItem)}
</section>`;
})}
<div class="utrecht-button-group rt-actions">
<button type="submit" class="utrecht-button utrecht-button--primary-action" name="_action" value="review">Controleren</button>
<button type="submit" class="utrecht-button utrecht-button--secondary-action" name="_action" value="save-draft">Opslaan en later verder</button>
</div>
<p class="utrecht-paragraph rt-hint">Met ‘Opslaan en later verder’ bewaren we uw antwoorden als concept, ook als ze nog niet compleet zijn. U of een collega kan later verder via dezelfde link. Een concept telt niet als ingezonden.</p>
</form>`;
  return layout(
    {
      title: definition.title,
      organisation: model.organisation,
      hasErrors: model.errors.length > 0,
      contacts: model.contact ? [model.contact] : undefined,
    },
    content,
  );
}
