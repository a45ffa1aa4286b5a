import { formatDateTime } from '../../../forms/format.js';
import { breakable, type Html, html } from '../../../forms/render/html.js';
import type { InvitationRow } from '../../core/invitations.js';
import type { Municipality, Round } from '../../core/model.js';
import type { ResponseStatus } from '../../core/round-status.js';
import { actionForm, cell, consequences, dataTable, factList, headerCell, rowHeader } from './components.js';
import { type SignedInStaff, staffPage } from './shell.js';

/**
 * "Uitnodigingen" (`/staf/rondes/{roundId}/uitnodigingen`): per municipality where the invitation goes,
 * when it went, when the link was first opened and whether it has submitted; invite everyone not yet
 * invited, send one again, or replace a link (the old one stops at once) — each after a check page.
 */

export const invitationsPath = (roundId: string) =>
  `/staf/rondes/${encodeURIComponent(roundId)}/uitnodigingen`;

const statusLabels: Record<ResponseStatus, string> = {
  ingezonden: 'Ingezonden',
  concept: 'Alleen concept',
  niets: 'Nog niets',
};

export interface InvitationsPageModel {
  readonly staff: SignedInStaff;
  readonly round: Round;
  readonly rows: readonly InvitationRow[];
  readonly notInvited: readonly InvitationRow[];
  /** Of those, the ones that did not submit either: whom the button for all of them mails. */
  readonly toInvite: readonly InvitationRow[];
  readonly token: string;
  readonly notice?: string;
}

/** One address per line, each breakable after its dots and `@`: the column stays narrow enough for the actions. */
const addresses = (list: readonly string[] | undefined) =>
  list && list.length > 0
    ? html`<span class="rt-addresses">${list.map((address) => html`<span>${breakable(address)}</span>`)}</span>`
    : html`<span class="rt-hint">geen adres bekend</span>`;

const submittedUninvited = (n: number) =>
  n === 1
    ? '1 gemeente zonder uitnodiging heeft al ingezonden, met een link die niet per e-mail ging: die wordt niet mee uitgenodigd.'
    : `${n} gemeenten zonder uitnodiging hebben al ingezonden, met een link die niet per e-mail ging: die worden niet mee uitgenodigd.`;

export function renderInvitationsPage(model: InvitationsPageModel): Html {
  const { round } = model;
  const path = invitationsPath(round.id);
  const opened = model.rows.filter((row) => row.firstOpenedAt).length;
  const invited = model.rows.length - model.notInvited.length;
  return staffPage(
    {
      staff: model.staff,
      title: `Uitnodigingen – ${round.title}`,
      back: { href: `/staf/rondes/${encodeURIComponent(round.id)}`, label: round.title },
      notice: model.notice,
    },
    html`<h1 class="utrecht-heading-1">Uitnodigingen</h1>
${factList([
  ['Ronde', round.title],
  ['Sluitingsdatum', formatDateTime(round.deadline)],
  ['Uitgenodigd', `${invited} van ${model.rows.length} gemeenten`],
  ['Link geopend', `${opened} van ${model.rows.length} gemeenten`],
])}
<p class="utrecht-paragraph">Iedere gemeente krijgt een persoonlijke link naar haar eigen formulier. Opnieuw versturen stuurt dezelfde link nog eens; een link vervangen maakt de oude meteen ongeldig (bijvoorbeeld als hij bij de verkeerde persoon kwam). U ziet steeds eerst wie wat krijgt.</p>
${
  model.toInvite.length > 0
    ? actionForm({
        path,
        token: model.token,
        buttons: [
          {
            action: 'alle-controleren',
            label: `Uitnodigen: ${model.toInvite.length} ${model.toInvite.length === 1 ? 'gemeente' : 'gemeenten'} zonder uitnodiging…`,
          },
        ],
      })
    : model.notInvited.length > 0
      ? ''
      : html`<p class="utrecht-paragraph">Alle gemeenten zijn uitgenodigd.</p>`
}${
  model.notInvited.length > model.toInvite.length
    ? html`<p class="utrecht-paragraph rt-hint">${submittedUninvited(model.notInvited.length - model.toInvite.length)}</p>`
    : ''
}
${dataTable({
  id: 'uitnodigingen',
  caption: 'Uitnodigingen per gemeente',
  head: [
    headerCell('Gemeente'),
    headerCell('Gaat naar'),
    headerCell('Verstuurd'),
    headerCell('Link eerst geopend'),
    headerCell('Inzending'),
    headerCell('Acties'),
  ],
  rows: model.rows.map(
    (row) =>
      html`${rowHeader(html`${row.municipality.name} <span class="rt-code">${row.municipality.code}</span>`)}${cell(addresses(row.municipality.contacts))}${cell(row.sentAt ? formatDateTime(row.sentAt) : 'Nog niet')}${cell(row.firstOpenedAt ? formatDateTime(row.firstOpenedAt) : 'Nog niet')}${cell(html`<span class="rt-status rt-status--${row.status}">${statusLabels[row.status]}</span>`)}${cell(
        actionForm({
          path,
          token: model.token,
          className: 'rt-row-actions',
          fields: { gemeente: row.municipality.code },
          buttons: [
            ...(row.sentAt
              ? [{ action: 'opnieuw-controleren', label: 'Opnieuw versturen…', secondary: true }]
              : [{ action: 'een-controleren', label: 'Uitnodigen…', secondary: true }]),
            ...(row.invitation
              ? [{ action: 'vervangen-controleren', label: 'Link vervangen…', secondary: true }]
              : []),
          ],
          content: html`<span class="rt-visually-hidden">${row.municipality.name}: </span>`,
        }),
      )}`,
  ),
})}`,
  );
}

export type InvitationCheckKind = 'alle' | 'een' | 'opnieuw' | 'vervangen';

export interface InvitationCheckModel {
  readonly staff: SignedInStaff;
  readonly round: Round;
  readonly kind: InvitationCheckKind;
  /** Who gets the email (with an address). */
  readonly recipients: readonly Municipality[];
  /** Who was asked for but has no address (gets nothing). */
  readonly withoutAddress: readonly Municipality[];
  /** For `vervangen`: how many working links stop. */
  readonly linksRevoked?: number;
  readonly token: string;
}

const confirmations: Record<InvitationCheckKind, { action: string; label: string; title: string }> = {
  alle: { action: 'alle-versturen', label: 'Uitnodigingen versturen', title: 'Uitnodigen' },
  een: { action: 'een-versturen', label: 'Uitnodiging versturen', title: 'Uitnodigen' },
  opnieuw: {
    action: 'opnieuw-versturen',
    label: 'Opnieuw versturen',
    title: 'Uitnodiging opnieuw versturen',
  },
  vervangen: { action: 'vervangen', label: 'Link vervangen en versturen', title: 'Link vervangen' },
};

export function renderInvitationCheck(model: InvitationCheckModel): Html {
  const { round, kind } = model;
  const confirm = confirmations[kind];
  const count = model.recipients.length;
  const who = count === 1 ? `Gemeente ${model.recipients[0]!.name}` : `${count} gemeenten`;
  const lines: (Html | string)[] = [];
  if (kind === 'vervangen') {
    const one = model.recipients[0] ?? model.withoutAddress[0];
    lines.push(
      `De ${model.linksRevoked === 1 ? 'huidige link' : `${model.linksRevoked} huidige links`} van gemeente ${one?.name} ${model.linksRevoked === 1 ? 'werkt' : 'werken'} meteen niet meer. Wat de gemeente al invulde of inzond blijft bewaard.`,
      count > 0
        ? `Een nieuwe link gaat naar ${model.recipients[0]!.contacts.join(', ')}.`
        : 'Er is geen adres bekend: de nieuwe link wordt gemaakt maar niet gemaild. Vul eerst een adres in.',
    );
  } else {
    lines.push(
      count > 0
        ? `${who} ${count === 1 ? 'krijgt' : 'krijgen'} ${kind === 'opnieuw' ? 'de uitnodiging nog eens, met dezelfde link' : 'een uitnodiging met de persoonlijke link'}, met de peildatum, de sluitingsdatum (${formatDateTime(round.deadline)}) en wat zij nodig hebben. Antwoorden gaan naar het secretariaat.`
        : 'Niemand krijgt een e-mail.',
    );
  }
  if (model.withoutAddress.length > 0 && kind !== 'vervangen') {
    lines.push(
      `Zonder adres, en dus zonder e-mail: ${model.withoutAddress.map((municipality) => municipality.name).join(', ')}.`,
    );
  }
  lines.push('Het komt in het logboek van de ronde, met uw naam.');
  return staffPage(
    {
      staff: model.staff,
      title: `${confirm.title} – ${round.title}`,
      back: { href: invitationsPath(round.id), label: 'Uitnodigingen' },
    },
    html`<h1 class="utrecht-heading-1">${confirm.title}: controleer wie wat krijgt</h1>
${
  count > 0
    ? dataTable({
        id: 'ontvangers',
        caption: 'Wie de e-mail krijgt',
        head: [headerCell('Gemeente'), headerCell('Adressen')],
        rows: model.recipients.map(
          (municipality) => html`${rowHeader(municipality.name)}${cell(municipality.contacts.join(', '))}`,
        ),
      })
    : html``
}
${consequences('Wat er gebeurt', lines)}
<form method="post" action="${invitationsPath(round.id)}" class="rt-form" novalidate>
<input type="hidden" name="_verzoek" value="${model.token}">
${[...model.recipients, ...(kind === 'vervangen' ? model.withoutAddress : [])].map((municipality) => html`<input type="hidden" name="gemeente" value="${municipality.code}">`)}
<div class="utrecht-button-group rt-actions">
${count > 0 || kind === 'vervangen' ? html`<button type="submit" class="utrecht-button utrecht-button--primary-action" name="_action" value="${confirm.action}">${confirm.label}</button>` : html``}
<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${invitationsPath(round.id)}">Terug, niets versturen</a>
</div>
</form>`,
  );
}
