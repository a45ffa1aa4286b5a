import type { FieldError } from '../../../forms/definition.js';
import { type Html, html } from '../../../forms/render/html.js';
import { periodLabel } from '../../core/targets/check-targets.js';
import { type Choice, choiceGroup, hiddenFields, selectInput, textInput, tokenField } from './components.js';
import { fileInput, lineErrorsPanel, listErrors, textArea } from './registry-fields.js';
import { type SignedInStaff, staffPage } from './shell.js';
import { kindLabels, type TargetsInput, targetsInputNames, targetsPath } from './targets-input.js';

/** `/staf/taakstellingen?inlezen=…`: the import form (figures as CSV, uploaded or pasted). */

/** `2026-H1` … for the half years around today: the previous, this one and the next two. */
export function halfYearChoices(today: Date): Choice[] {
  const year = today.getUTCFullYear();
  const half = today.getUTCMonth() < 6 ? 1 : 2;
  const index = year * 2 + (half - 1);
  return [-1, 0, 1, 2].map((offset) => {
    const n = index + offset;
    const period = `${Math.floor(n / 2)}-H${(n % 2) + 1}`;
    return { value: period, label: periodLabel(period) };
  });
}

export interface TargetsFormModel {
  readonly staff: SignedInStaff;
  readonly input: TargetsInput;
  readonly provinces: readonly Choice[];
  readonly periods: readonly Choice[];
  /** Field errors; those of the file (`lijst`) are listed by line under it. */
  readonly errors: readonly FieldError[];
  readonly token: string;
}

export function renderTargetsForm(model: TargetsFormModel): Html {
  const { input } = model;
  const names = targetsInputNames;
  const list = listErrors(
    names.content,
    model.errors,
    (count) => `Het bestand heeft ${count === 1 ? 'een fout' : `${count} fouten`}; ze staan onder het veld.`,
  );
  const spreiding = input.kind !== 'huisvesting';
  return staffPage(
    {
      staff: model.staff,
      title: 'Taakstellingen inlezen',
      back: { href: targetsPath, label: 'Taakstellingen' },
      errors: list.page,
    },
    html`<h1 class="utrecht-heading-1">Taakstellingen inlezen</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">Lees de gepubliceerde cijfers in als CSV, zoals een spreadsheet die opslaat (‘CSV (puntkomma gescheiden)’). U ziet eerst wat er verandert; pas met Publiceren worden ze een nieuwe versie.</p>
<p class="utrecht-paragraph">Aandelen: <code class="rt-code-wrap">Gemeentecode;Gemeente;Regulier;AMV</code> (of <code class="rt-code-wrap">Totaal</code> in plaats van <code class="rt-code-wrap">Regulier</code>). Taakstelling statushouders: <code class="rt-code-wrap">Gemeentecode;Gemeente;Taakstelling</code>. Een kolom <code class="rt-code-wrap">Status</code> (vastgesteld, te bevestigen of demo) mag erbij; duizendtallen met een punt (1.056) mogen.</p>
<form method="post" action="${targetsPath}" class="rt-form" enctype="multipart/form-data" novalidate>
${hiddenFields({ [tokenField]: model.token, [names.filename]: input.filename || undefined })}
${choiceGroup({
  type: 'radio',
  name: names.kind,
  label: 'Soort cijfers',
  choices: [
    {
      value: 'spreiding',
      label: kindLabels.spreiding,
      hint: 'Per cyclus: de provinciale taak en het aandeel van iedere gemeente.',
    },
    {
      value: 'huisvesting',
      label: kindLabels.huisvesting,
      hint: 'Per halfjaar: hoeveel vergunninghouders iedere gemeente huisvest.',
    },
  ],
  selected: [spreiding ? 'spreiding' : 'huisvesting'],
  errors: model.errors,
})}
${
  model.provinces.length === 1
    ? hiddenFields({ [names.province]: model.provinces[0]!.value })
    : selectInput({
        name: names.province,
        label: 'Provincie',
        choices: model.provinces,
        value: input.province,
        errors: model.errors,
      })
}
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset rt-subform">
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend rt-legend">Alleen bij aandelen (Spreidingswet)</legend>
${textInput({ name: names.cycle, label: 'Cyclus', hint: 'Twee jaartallen, bijvoorbeeld 2024-2026.', value: input.cycle, width: 's', errors: model.errors })}
${textInput({ name: names.effectiveFrom, label: 'Geldt vanaf', hint: 'De dag waarop de aandelen zijn gepubliceerd, bijvoorbeeld 1-2-2024. Rondes met een peildatum vanaf die dag rekenen ermee.', value: input.effectiveFrom, width: 's', inputMode: 'numeric', errors: model.errors })}
${textInput({ name: names.taskPlaces, label: 'Provinciale taak (plaatsen, regulier en AMV samen)', hint: 'Bijvoorbeeld 6325.', value: input.taskPlaces, width: 's', inputMode: 'numeric', errors: model.errors })}
${textInput({ name: names.taskAmvPlaces, label: 'Waarvan AMV-plaatsen', value: input.taskAmvPlaces, width: 's', inputMode: 'numeric', errors: model.errors })}
${choiceGroup({
  type: 'radio',
  name: names.taskStatus,
  label: 'Status van de provinciale taak',
  choices: [
    { value: 'vastgesteld', label: 'Vastgesteld' },
    { value: 'te-bevestigen', label: 'Nog te bevestigen' },
  ],
  selected: [input.taskStatus || 'vastgesteld'],
  inline: true,
  errors: model.errors,
})}
</fieldset>
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset rt-subform">
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend rt-legend">Alleen bij taakstelling statushouders</legend>
${selectInput({ name: names.period, label: 'Halfjaar', choices: model.periods, value: input.period, errors: model.errors })}
</fieldset>
${textInput({ name: names.source, label: 'Bron', hint: 'Waar de cijfers vandaan komen, bijvoorbeeld: Staatscourant 31 januari 2024, nr. 20260.', value: input.source, errors: model.errors })}
${fileInput({ name: 'bestand', label: 'Bestand (CSV)', hint: input.filename ? `Gelezen: ${input.filename}. Kies een ander bestand om het te vervangen.` : 'Een regel per gemeente, met een kopregel.', accept: '.csv,text/csv,text/plain' })}
${textArea({ name: names.content, label: 'Of plak de regels hier', hint: html`Bijvoorbeeld: <code class="rt-code-wrap">GM0193;Zwolle;656;61</code>. Een gekozen bestand gaat voor.`, value: input.content, rows: 8, errors: list.field })}
${lineErrorsPanel(names.content, 'Wat er niet klopt in het bestand', list.lines)}
<div class="utrecht-button-group rt-actions">
<button type="submit" class="utrecht-button utrecht-button--primary-action" name="_action" value="controleren">Controleren</button>
</div>
</form>`,
  );
}
