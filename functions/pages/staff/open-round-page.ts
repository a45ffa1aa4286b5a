import type { FieldError } from '../../../forms/definition.js';
import { formatDate, formatDateTime } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import type { Round } from '../../core/model.js';
import {
  actionForm,
  type Choice,
  choiceGroup,
  consequences,
  dateTimeInputs,
  factList,
  lateSubmissionChoice,
  textInput,
} from './components.js';
import { type SignedInStaff, staffPage } from './shell.js';

/**
 * "Nieuwe ronde" (`/staf/nieuwe-ronde`): the form, then a check page that says what opening it will do
 * (GOV.UK's check-answers pattern, as the officials have it), then the round's own page.
 */

export const newRoundPath = '/staf/nieuwe-ronde';

/** The form's fields as typed (strings), kept on every re-render and carried by the check page. */
export interface NewRoundInput {
  readonly formId: string;
  readonly title: string;
  readonly referenceDate: string;
  readonly deadlineDatum: string;
  readonly deadlineTijd: string;
  readonly regions: readonly string[];
  readonly acceptsLate: string;
  readonly prefill: string;
  readonly reminderDaysBefore: string;
  readonly invite: string;
}

export interface NewRoundFormModel {
  readonly staff: SignedInStaff;
  readonly forms: readonly Choice[];
  readonly regions: readonly Choice[];
  readonly input: NewRoundInput;
  readonly errors: readonly FieldError[];
  readonly token: string;
}

/** The fields in the order the page shows them: the error summary lists its problems in that order. */
const fieldOrder = [
  'formId',
  'referenceDate',
  'deadline',
  'title',
  'regions',
  'acceptsLate',
  'prefill',
  'reminderDaysBefore',
  'invite',
];
const place = (error: FieldError) => {
  const index = fieldOrder.indexOf(error.path.split('.')[0]!);
  return index === -1 ? fieldOrder.length : index;
};

export function renderNewRoundForm(model: NewRoundFormModel): Html {
  const { input } = model;
  const errors = [...model.errors].sort((a, b) => place(a) - place(b));
  return staffPage(
    {
      staff: model.staff,
      title: 'Nieuwe ronde',
      back: { href: '/staf/rondes', label: 'Alle rondes' },
      errors,
    },
    html`<h1 class="utrecht-heading-1">Nieuwe ronde</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">Een ronde vraagt de gemeenten één formulier in te vullen, met de stand op de peildatum, vóór de sluitingsdatum. U ziet eerst wat er gebeurt; pas daarna wordt de ronde geopend.</p>
${actionForm({
  path: newRoundPath,
  token: model.token,
  buttons: [{ action: 'controleren', label: 'Controleren' }],
  content: html`${choiceGroup({ type: 'radio', name: 'formId', label: 'Formulier', choices: model.forms, selected: [input.formId], errors })}
${textInput({ name: 'referenceDate', label: 'Peildatum', hint: 'De dag waarop de gemeenten de stand invullen. Bijvoorbeeld 1-12-2026 of 1 december 2026.', value: input.referenceDate, width: 's', errors })}
${dateTimeInputs({ name: 'deadline', label: 'Sluitingsdatum', hint: 'Tot wanneer de gemeenten kunnen inzenden, in Nederlandse tijd. Bijvoorbeeld 18-12-2026 om 17:00.', date: input.deadlineDatum, time: input.deadlineTijd, errors })}
${textInput({ name: 'title', label: 'Titel (niet verplicht)', hint: 'Leeg: de naam van het formulier met de peildatum.', value: input.title, errors })}
${choiceGroup({ type: 'checkbox', name: 'regions', label: 'Regio’s', hint: model.regions.length === 1 ? 'U opent rondes voor uw eigen regio.' : 'De gemeenten van deze regio’s krijgen het formulier.', choices: model.regions, selected: input.regions, errors })}
${lateSubmissionChoice(input.acceptsLate, errors)}
${choiceGroup({
  type: 'radio',
  name: 'prefill',
  label: 'Vooraf ingevuld',
  hint: 'Een gemeente die een vorige ronde van dit formulier heeft ingezonden, begint met die antwoorden, behalve wat bij de ronde zelf hoort (wie invult, het halfjaar). Er wordt niets opgeslagen tot zij verstuurt.',
  choices: [
    { value: 'ja', label: 'Ja: beginnen met de antwoorden van de vorige ronde' },
    { value: 'nee', label: 'Nee: beginnen met een leeg formulier' },
  ],
  selected: [input.prefill],
  errors,
})}
${textInput({ name: 'reminderDaysBefore', label: 'Herinnering, aantal dagen voor de sluitingsdatum', hint: 'Gemeenten die dan nog niet hebben ingezonden krijgen vanzelf een herinnering. 0: op de dag zelf.', value: input.reminderDaysBefore, width: 's', inputMode: 'numeric', errors })}
${choiceGroup({
  type: 'radio',
  name: 'invite',
  label: 'Uitnodigingen',
  choices: [
    { value: 'nu', label: 'Meteen versturen naar alle gemeenten' },
    { value: 'later', label: 'Later, vanaf de pagina Uitnodigingen van de ronde' },
  ],
  selected: [input.invite],
  errors,
})}`,
})}`,
  );
}

export interface NewRoundCheckModel {
  readonly staff: SignedInStaff;
  readonly input: NewRoundInput;
  /** The round as it will be created (its id may still get a number). */
  readonly round: Round;
  readonly formTitle: string;
  readonly regionNames: readonly string[];
  readonly municipalities: number;
  readonly withoutAddress: readonly string[];
  readonly reminderFrom: string;
  readonly linksExpireAt: string;
  readonly token: string;
}

/** The fields of the form as hidden fields, so *Ronde openen* and *Wijzigen* post them back unchanged. */
export function newRoundFields(input: NewRoundInput): URLSearchParams {
  const fields = new URLSearchParams();
  for (const [name, value] of Object.entries(input)) {
    for (const item of Array.isArray(value) ? value : [value]) fields.append(name, item as string);
  }
  return fields;
}

export function renderNewRoundCheck(model: NewRoundCheckModel): Html {
  const { round } = model;
  const invite = model.input.invite === 'nu';
  const hidden = html`${[...newRoundFields(model.input)].map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
  return staffPage(
    {
      staff: model.staff,
      title: 'Controleer de nieuwe ronde',
      back: { href: newRoundPath, label: 'Nieuwe ronde' },
    },
    html`<h1 class="utrecht-heading-1">Controleer de nieuwe ronde</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">Klopt alles? Open de ronde dan. Wilt u iets aanpassen, ga dan terug: uw invoer blijft staan.</p>
${factList([
  ['Formulier', model.formTitle],
  ['Titel', round.title],
  ['Peildatum', formatDate(round.referenceDate)],
  ['Sluitingsdatum', formatDateTime(round.deadline)],
  ['Regio’s', model.regionNames.join(', ')],
  ['Te laat inzenden', round.acceptsLate ? 'Toegestaan' : 'Niet toegestaan'],
  [
    'Vooraf ingevuld',
    round.prefill === false ? 'Nee, een leeg formulier' : 'Ja, met de antwoorden van de vorige ronde',
  ],
  ['Herinnering', `${round.reminderDaysBefore ?? 3} dagen voor de sluitingsdatum`],
  ['Uitnodigingen', invite ? 'Meteen versturen' : 'Later'],
])}
${consequences('Wat er gebeurt als u de ronde opent', [
  `De ronde opent nu voor ${model.municipalities} gemeenten (${model.regionNames.join(', ')}).`,
  invite
    ? `Iedere gemeente krijgt meteen een uitnodiging met haar persoonlijke link, aan de coördinator(en) in het adresboek${model.withoutAddress.length > 0 ? `; ${model.withoutAddress.join(', ')} ${model.withoutAddress.length === 1 ? 'heeft' : 'hebben'} geen adres en krijg${model.withoutAddress.length === 1 ? 't' : 'en'} niets` : ''}.`
    : 'Er gaat nog geen e-mail weg: u nodigt de gemeenten uit op de pagina Uitnodigingen van de ronde.',
  `Gemeenten die nog niet hebben ingezonden krijgen vanaf ${formatDateTime(model.reminderFrom)} vanzelf een herinnering.`,
  `De links werken tot ${formatDateTime(model.linksExpireAt)} (30 dagen na de sluitingsdatum, om terug te lezen${round.acceptsLate ? ' of te laat in te zenden' : ''}).`,
  'De opening komt in het logboek van de ronde, met uw naam.',
])}
<form method="post" action="${newRoundPath}" class="rt-form" novalidate>
<input type="hidden" name="_verzoek" value="${model.token}">
${hidden}
<div class="utrecht-button-group rt-actions">
<button type="submit" class="utrecht-button utrecht-button--primary-action" name="_action" value="openen">Ronde openen</button>
<button type="submit" class="utrecht-button utrecht-button--secondary-action" name="_action" value="wijzigen">Terug naar het formulier</button>
</div>
</form>`,
  );
}
