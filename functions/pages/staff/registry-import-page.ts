import type { FieldError } from '../../../forms/definition.js';
import { formatDate } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import { changeSentence, roundEffectSentence } from '../../core/registry/describe-changes.js';
import type { ImportPlan } from '../../core/registry/import-plan.js';
import { actionField, consequences, hiddenFields, textInput, tokenField } from './components.js';
import { contactsPath, importPath } from './contacts-page.js';
import { fileInput, lineErrorsPanel, listErrors, messageList, textArea } from './registry-fields.js';
import { type SignedInStaff, staffPage } from './shell.js';

/**
 * "Gemeentelijst inlezen" (`/staf/contacten/gemeentelijst`): a municipality list in the shape of CBS's
 * (code;naam;provincie;regio, optionally e-mailadressen) for a merger, a new municipality or region —
 * uploaded as a file or pasted — with the date it applies from; then a check page with every change and
 * what it means for the rounds, before anything is applied.
 */

export interface ImportInput {
  readonly list: string;
  readonly effectiveDate: string;
}

export interface ImportFormModel {
  readonly staff: SignedInStaff;
  readonly input: ImportInput;
  readonly errors: readonly FieldError[];
  readonly token: string;
}

function buttons(items: readonly { action: string; label: string; secondary?: boolean }[]): Html {
  return html`<div class="utrecht-button-group rt-actions">
${items.map(
  (button) =>
    html`<button type="submit" class="utrecht-button utrecht-button--${button.secondary ? 'secondary' : 'primary'}-action" name="${actionField}" value="${button.action}">${button.label}</button>`,
)}
</div>`;
}

export function renderImportForm(model: ImportFormModel): Html {
  const list = listErrors(
    'lijst',
    model.errors,
    (count) => `Gemeentelijst: ${count === 1 ? '1 fout' : `${count} fouten`}, hieronder per regel genoemd.`,
  );
  return staffPage(
    {
      staff: model.staff,
      title: 'Gemeentelijst inlezen',
      back: { href: contactsPath, label: 'Contacten en adressen' },
      errors: list.page,
    },
    html`<h1 class="utrecht-heading-1">Gemeentelijst inlezen</h1>
<p class="utrecht-paragraph">Voor een gemeentelijke herindeling, een nieuwe gemeente of een nieuwe regio. De lijst is de volledige lijst van de provincie zoals die geldt vanaf de ingangsdatum:</p>
<ul class="utrecht-unordered-list">
<li class="utrecht-unordered-list__item">een gemeente die er nieuw in staat, komt erbij;</li>
<li class="utrecht-unordered-list__item">een gemeente die er niet meer in staat, houdt op te bestaan op de dag vóór de ingangsdatum — met haar inzendingen blijft ze staan in de rondes die liepen toen ze nog bestond;</li>
<li class="utrecht-unordered-list__item">van de andere gemeenten worden naam, regio en (als de kolom er is) e-mailadressen bijgewerkt.</li>
</ul>
<p class="utrecht-paragraph">Kolommen: <code>code;naam;provincie;regio</code>, eventueel <code>e-mailadressen</code>. De lijst van het CBS (<em>Gemeenten alfabetisch</em>) werkt ook, met een kolom <code>regio</code> erbij. U ziet eerst wat er verandert.</p>
<form method="post" action="${importPath}" class="rt-form rt-import-form" enctype="multipart/form-data" novalidate>
${hiddenFields({ [tokenField]: model.token })}
${fileInput({ name: 'bestand', label: 'Bestand (CSV)', hint: 'Opgeslagen als CSV met puntkomma’s, zoals Excel dat doet.', accept: '.csv,text/csv,text/plain', errors: [] })}
${textArea({ name: 'lijst', label: 'Of plak de lijst hier', hint: 'Een regel per gemeente, bijvoorbeeld: GM0193;Zwolle;Overijssel;IJsselland', value: model.input.list, rows: 8, errors: list.field })}
${lineErrorsPanel('lijst', 'Wat er niet klopt in de lijst', list.lines)}
${textInput({ name: 'ingangsdatum', label: 'Ingangsdatum', hint: 'De dag waarop de lijst geldt, meestal de dag van de herindeling, bijvoorbeeld 1-1-2027.', value: model.input.effectiveDate, width: 's', errors: model.errors })}
${buttons([{ action: 'controleren', label: 'Controleren' }])}
</form>`,
  );
}

export interface ImportCheckModel {
  readonly staff: SignedInStaff;
  readonly input: ImportInput;
  readonly plan: ImportPlan;
  readonly now: Date;
  readonly token: string;
}

export function renderImportCheck(model: ImportCheckModel): Html {
  const { plan } = model;
  const nothing = plan.writes.length === 0;
  return staffPage(
    {
      staff: model.staff,
      title: 'Controleer de gemeentelijst',
      back: { href: contactsPath, label: 'Contacten en adressen' },
    },
    html`<h1 class="utrecht-heading-1">Controleer de gemeentelijst</h1>
<p class="utrecht-paragraph">Ingangsdatum ${formatDate(plan.effectiveDate)}. Er is nog niets gewijzigd.</p>
${
  nothing
    ? html`<p class="utrecht-paragraph">Het register klopt al met deze lijst: er verandert niets.</p>`
    : consequences(
        `Wat er verandert (${plan.changes.length})`,
        plan.changes.map((change) => changeSentence(change, plan.after)),
      )
}
${
  plan.rounds.length > 0
    ? consequences(
        'Wat dat betekent voor de rondes',
        plan.rounds.map((effect) => roundEffectSentence(effect, model.now)),
      )
    : ''
}
${plan.warnings.length > 0 ? html`<div class="utrecht-alert utrecht-alert--warning rt-panel" role="status"><h2 class="utrecht-heading-3">Let op</h2>${messageList(plan.warnings)}</div>` : ''}
<form method="post" action="${importPath}" class="rt-form" novalidate>
${hiddenFields({ [tokenField]: model.token, lijst: model.input.list, ingangsdatum: model.input.effectiveDate })}
${buttons([
  ...(nothing ? [] : [{ action: 'doorvoeren', label: 'Wijzigingen doorvoeren' }]),
  { action: 'wijzigen', label: 'Terug naar de lijst', secondary: true },
])}
</form>`,
  );
}
