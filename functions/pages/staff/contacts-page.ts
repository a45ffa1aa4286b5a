import type { FieldError } from '../../../forms/definition.js';
import { formatDate, formatDateTime } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import { telephoneHref } from '../../../forms/render/layout.js';
import type { Municipality, Province, Region, SecretariatContact } from '../../core/model.js';
import {
  type ContactField,
  type ContactTarget,
  contactFieldLabels,
  type FieldChange,
  kindFields,
} from '../../core/registry/contact-changes.js';
import {
  actionField,
  actionForm,
  cell,
  consequences,
  dataTable,
  factList,
  headerCell,
  hiddenFields,
  rowHeader,
  textInput,
  tokenField,
} from './components.js';
import { messageList, textArea } from './registry-fields.js';
import { type SignedInStaff, staffPage } from './shell.js';

/**
 * The contacts pages (`/staf/contacten`): the registry as staff see and change it — per region the
 * secretariat (named in every footer and the Reply-To of every email), the recipients of the summary, and
 * per municipality the coordinators' addresses for invitations and reminders; the province's own above.
 * A change goes through a check page that shows what it was and what it becomes, then a confirmation.
 */

export const contactsPath = '/staf/contacten';
export const contactPath = (kind: string, id: string) =>
  `${contactsPath}/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`;
export const importPath = `${contactsPath}/gemeentelijst`;

export interface RecentChange {
  readonly at: string;
  readonly actor: string;
  readonly what: string;
  readonly description: string;
}

export interface ContactsOverviewModel {
  readonly staff: SignedInStaff;
  readonly notice?: string;
  /** The province's own item, when the person is provincial staff. */
  readonly province?: Province;
  readonly regions: readonly {
    readonly region: Region;
    readonly municipalities: readonly Municipality[];
  }[];
  readonly mayImport: boolean;
  readonly changes: readonly RecentChange[];
  /** Today (Dutch date), for whether a municipality exists yet or still. */
  readonly today: string;
}

function secretariatText(secretariat: SecretariatContact | undefined): Html {
  if (!secretariat)
    return html`<span class="rt-warning-text">Nog niet ingevuld: pagina’s en e-mails noemen dan geen contactpersoon.</span>`;
  return html`${secretariat.name}, <a class="utrecht-link utrecht-link--html-a" href="mailto:${secretariat.email}">${secretariat.email}</a>${secretariat.phone ? html`, <a class="utrecht-link utrecht-link--html-a" href="${telephoneHref(secretariat.phone)}">${secretariat.phone}</a>` : ''}`;
}

const addressText = (addresses: readonly string[], none: string) =>
  addresses.length > 0 ? addresses.join(', ') : html`<span class="rt-warning-text">${none}</span>`;

function editLink(kind: string, id: string, what: string): Html {
  return html`<a class="utrecht-link utrecht-link--html-a" href="${contactPath(kind, id)}">Wijzigen<span class="rt-visually-hidden"> (${what})</span></a>`;
}

function existence(municipality: Municipality, today: string): string {
  if (municipality.activeFrom && municipality.activeFrom > today)
    return `Nieuw vanaf ${formatDate(municipality.activeFrom)}`;
  if (municipality.activeUntil && municipality.activeUntil < today)
    return `Opgeheven (laatste dag ${formatDate(municipality.activeUntil)})`;
  if (municipality.activeUntil) return `Houdt op na ${formatDate(municipality.activeUntil)}`;
  if (municipality.activeFrom) return `Sinds ${formatDate(municipality.activeFrom)}`;
  return '—';
}

function regionSection(entry: ContactsOverviewModel['regions'][number], today: string): Html {
  const { region } = entry;
  const id = `regio-${region.id}`;
  return html`<section aria-labelledby="${id}" class="rt-section">
<h2 class="utrecht-heading-2" id="${id}">Regio ${region.name}</h2>
${factList([
  ['Regietafel', region.boardName],
  ['Secretariaat', secretariatText(region.secretariat)],
  [
    'Overzicht gaat naar',
    addressText(region.addresses, 'Geen adres: het overzicht van de regio gaat nergens heen.'),
  ],
])}
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="${contactPath('regio', region.id)}">Secretariaat en overzicht wijzigen<span class="rt-visually-hidden"> (regio ${region.name})</span></a></p>
${dataTable({
  id: `gemeenten-${region.id}`,
  caption: `Gemeenten van regio ${region.name}: waar uitnodigingen en herinneringen naartoe gaan`,
  head: [
    headerCell('Gemeente'),
    headerCell('Adressen voor uitnodigingen en herinneringen'),
    headerCell('Herindeling'),
    headerCell('Actie'),
  ],
  rows: entry.municipalities.map(
    (municipality) =>
      html`${rowHeader(html`${municipality.name} <span class="rt-code">${municipality.code}</span>`)}${cell(addressText(municipality.contacts, 'Geen adres'))}${cell(existence(municipality, today))}${cell(editLink('gemeente', municipality.code, `adressen van ${municipality.name}`))}`,
  ),
})}
</section>`;
}

export function renderContactsOverview(model: ContactsOverviewModel): Html {
  const { province } = model;
  return staffPage(
    {
      staff: model.staff,
      title: 'Contacten en adressen',
      back: { href: '/staf/rondes', label: 'Rondes' },
      notice: model.notice,
    },
    html`<h1 class="utrecht-heading-1">Contacten en adressen</h1>
<p class="utrecht-paragraph">Hier staan de adressen waar uitnodigingen, herinneringen en overzichten naartoe gaan, en het secretariaat dat onderaan elke pagina en in elke e-mail staat (antwoorden op e-mails gaan daarheen). Een wijziging geldt meteen, ook voor de volgende herinnering.</p>
${
  province
    ? html`<section aria-labelledby="provincie" class="rt-section">
<h2 class="utrecht-heading-2" id="provincie">Provincie ${province.name}</h2>
${factList([
  ['Secretariaat', secretariatText(province.secretariat)],
  [
    'Overzicht gaat naar',
    addressText(province.addresses, 'Geen adres: het overzicht van de provincie gaat nergens heen.'),
  ],
])}
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="${contactPath('provincie', province.id)}">Secretariaat en overzicht wijzigen<span class="rt-visually-hidden"> (provincie ${province.name})</span></a></p>
</section>`
    : ''
}
${model.regions.map((entry) => regionSection(entry, model.today))}
${
  model.mayImport
    ? html`<section aria-labelledby="gemeentelijst" class="rt-section">
<h2 class="utrecht-heading-2" id="gemeentelijst">Gemeenten erbij, herindeling of nieuwe regio</h2>
<p class="utrecht-paragraph">Lees een gemeentelijst in zoals het CBS die publiceert, met een kolom voor de regio. U ziet eerst wat er verandert.</p>
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="${importPath}">Gemeentelijst inlezen</a></p>
</section>`
    : ''
}
<section aria-labelledby="wijzigingen" class="rt-section">
<h2 class="utrecht-heading-2" id="wijzigingen">Laatste wijzigingen</h2>
${
  model.changes.length === 0
    ? html`<p class="utrecht-paragraph">Er is nog niets gewijzigd.</p>`
    : dataTable({
        id: 'wijzigingen-tabel',
        caption: 'Wie wat wijzigde, met wat het was en wat het werd (nieuwste eerst)',
        head: [headerCell('Wanneer'), headerCell('Door'), headerCell('Wat'), headerCell('Was → werd')],
        rows: model.changes.map(
          (change) =>
            html`${cell(formatDateTime(change.at))}${cell(change.actor)}${cell(change.what)}${cell(change.description)}`,
        ),
      })
}
</section>`,
  );
}

export interface ContactFormModel {
  readonly staff: SignedInStaff;
  readonly target: ContactTarget;
  readonly values: Record<ContactField, string>;
  /** The revision the page shows: the change is stored over it, or refused. */
  readonly revision: number;
  readonly errors: readonly FieldError[];
  readonly token: string;
}

/** The hints, with an example of the region or province being changed (not always IJsselland's). */
function hintsFor(target: ContactTarget): Partial<Record<ContactField, string>> {
  const owner =
    target.kind === 'regio' ? `Regietafel ${target.region?.name}` : `provincie ${target.province.name}`;
  return {
    contacts:
      'Eén adres per regel. Uitnodigingen en herinneringen gaan naar al deze adressen. Adressen uit uw e-mailprogramma plakken kan ook.',
    addresses: 'Eén adres per regel: de voorzitter, de secretaris, wie het overzicht moet lezen.',
    secretariatName: `Een persoon of een afdeling, zoals ‘Secretariaat ${owner}’.`,
    secretariatEmail: 'Antwoorden op de e-mails gaan naar dit adres.',
    secretariatPhone: 'Bijvoorbeeld 038 425 00 00.',
  };
}

function fields(model: ContactFormModel): Html {
  const hints = hintsFor(model.target);
  return html`${kindFields[model.target.kind].map((field) =>
    field === 'contacts' || field === 'addresses'
      ? textArea({
          name: field,
          label: contactFieldLabels[field],
          hint: hints[field],
          value: model.values[field],
          errors: model.errors,
        })
      : textInput({
          name: field,
          // As on every form of the product: what may stay empty says so in its label.
          label:
            field === 'secretariatPhone'
              ? `${contactFieldLabels[field]} (niet verplicht)`
              : contactFieldLabels[field],
          hint: hints[field],
          value: model.values[field],
          width: field === 'secretariatPhone' ? 'm' : undefined,
          inputMode: field === 'secretariatEmail' ? 'email' : undefined,
          autocomplete: field === 'secretariatEmail' ? 'email' : field === 'secretariatPhone' ? 'tel' : 'off',
          errors: model.errors,
        }),
  )}`;
}

/** What the form changes, in short words that wrap at 320 px: `Adressen van gemeente Zwolle wijzigen`. */
export function contactFormHeading(target: ContactTarget): string {
  if (target.kind === 'gemeente')
    return `Adressen van gemeente ${(target.item.value as Municipality).name} wijzigen`;
  const owner =
    target.kind === 'regio' ? `regio ${target.region?.name}` : `provincie ${target.province.name}`;
  return `Secretariaat en overzicht van ${owner} wijzigen`;
}

export function renderContactForm(model: ContactFormModel): Html {
  const { target } = model;
  const heading = contactFormHeading(target);
  return staffPage(
    {
      staff: model.staff,
      title: heading,
      back: { href: contactsPath, label: 'Contacten en adressen' },
      errors: model.errors,
    },
    html`<h1 class="utrecht-heading-1">${heading}</h1>
${actionForm({
  path: contactPath(
    target.kind,
    target.kind === 'gemeente' ? (target.item.value as Municipality).code : (target.item.value as Region).id,
  ),
  token: model.token,
  buttons: [{ action: 'controleren', label: 'Controleren' }],
  fields: { revisie: String(model.revision) },
  content: fields(model),
})}`,
  );
}

export interface ContactCheckModel extends ContactFormModel {
  readonly changes: readonly FieldChange[];
  readonly warnings: readonly string[];
}

/** Addresses one per line (a comma-separated list breaks anywhere at 320 px); `—` for nothing. */
function shownValue(change: FieldChange, value: string): Html | string {
  if (!value) return '—';
  if (change.field !== 'contacts' && change.field !== 'addresses') return value;
  return messageList(value.split(', '), 'rt-address-list');
}

/** One changed field: what it was and what it becomes, stacked, so it reads the same at 320 px. */
function changedField(change: FieldChange): Html {
  return html`<div class="rt-change">
<h3 class="utrecht-heading-3">${change.label}</h3>
${factList([
  ['Was', shownValue(change, change.before)],
  ['Wordt', shownValue(change, change.after)],
])}
</div>`;
}

/** What the change does, for the fields it changes only (emptied addresses send nothing, they do not go elsewhere). */
function whatFollows(changes: readonly FieldChange[], values: Record<ContactField, string>): string[] {
  const changed = (field: ContactField) => changes.find((change) => change.field === field);
  const lines: string[] = [];
  // An address list emptied sends nothing; one changed sends the next email to the new addresses.
  const addressLists: [ContactField, emptied: string, moved: string][] = [
    [
      'contacts',
      'Deze gemeente krijgt geen uitnodigingen en herinneringen meer zolang er geen adres is.',
      'De volgende uitnodiging en herinnering voor deze gemeente gaan naar de nieuwe adressen. Wat al verstuurd is, blijft zoals het was.',
    ],
    [
      'addresses',
      'Het overzicht wordt niet meer verstuurd zolang er geen adres is.',
      'Het volgende overzicht gaat naar de nieuwe adressen. Wat al verstuurd is, blijft zoals het was.',
    ],
  ];
  for (const [field, emptied, moved] of addressLists) {
    const change = changed(field);
    if (change) lines.push(change.after.trim() === '' ? emptied : moved);
  }
  const secretariat = changes.filter((change) => change.field.startsWith('secretariat'));
  if (secretariat.length > 0)
    lines.push(
      // Removed only when nothing of it is left (clearing the phone alone keeps the secretariat).
      (['secretariatName', 'secretariatEmail', 'secretariatPhone'] as const).every(
        (field) => values[field].trim() === '',
      )
        ? 'Pagina’s en e-mails noemen geen secretariaat meer voor dit gebied.'
        : 'Pagina’s en e-mails noemen vanaf nu het secretariaat zoals hierboven, en antwoorden op e-mails gaan naar het adres daarvan.',
    );
  return lines;
}

export function renderContactCheck(model: ContactCheckModel): Html {
  const { target } = model;
  const id =
    target.kind === 'gemeente' ? (target.item.value as Municipality).code : (target.item.value as Region).id;
  const carried = Object.fromEntries(kindFields[target.kind].map((field) => [field, model.values[field]]));
  return staffPage(
    {
      staff: model.staff,
      title: `Controleer de wijziging: ${target.label}`,
      back: { href: contactsPath, label: 'Contacten en adressen' },
    },
    html`<h1 class="utrecht-heading-1">Controleer de wijziging</h1>
<p class="utrecht-paragraph">${target.label}. Er is nog niets opgeslagen.</p>
${
  model.changes.length === 0
    ? html`<p class="utrecht-paragraph">U heeft niets veranderd.</p>`
    : html`<h2 class="utrecht-heading-2">Wat er verandert</h2>
${model.changes.map((change) => changedField(change))}`
}
${
  model.changes.length > 0
    ? consequences('Wat er daarna gebeurt', [
        ...whatFollows(model.changes, model.values),
        'De wijziging komt in het logboek: wie, wanneer, wat het was en wat het werd.',
      ])
    : ''
}
${model.warnings.length > 0 ? html`<div class="utrecht-alert utrecht-alert--warning rt-panel" role="status">${messageList(model.warnings)}</div>` : ''}
<form method="post" action="${contactPath(target.kind, id)}" class="rt-form" novalidate>
${hiddenFields({ [tokenField]: model.token, revisie: String(model.revision), ...carried })}
<div class="utrecht-button-group rt-actions">
${model.changes.length > 0 ? html`<button type="submit" class="utrecht-button utrecht-button--primary-action" name="${actionField}" value="opslaan">Opslaan</button>` : ''}
<button type="submit" class="utrecht-button utrecht-button--secondary-action" name="${actionField}" value="wijzigen">Terug naar het formulier</button>
</div>
</form>`,
  );
}
