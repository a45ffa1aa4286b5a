import { formatDateTime } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import type { Municipality, Round } from '../../core/model.js';
import type { PlannedReminder } from '../../core/reminders.js';
import type { ResponseStatus } from '../../core/round-status.js';
import { actionForm, cell, consequences, dataTable, factList, headerCell, rowHeader } from './components.js';
import { type SignedInStaff, staffPage } from './shell.js';

/**
 * "Herinneren" (`/staf/rondes/{roundId}/herinneringen`): who has not submitted, when the automatic
 * reminder goes, and a reminder now — to one municipality or to all without a submission — after a
 * preview of the email and its recipients.
 */

export const remindersPath = (roundId: string) => `/staf/rondes/${encodeURIComponent(roundId)}/herinneringen`;

const statusLabels: Record<ResponseStatus, string> = {
  ingezonden: 'Ingezonden',
  concept: 'Alleen concept',
  niets: 'Nog niets',
};

export interface ReminderRow {
  readonly municipality: Municipality;
  readonly status: ResponseStatus;
  /** The reminders it got in this round (automatic or from this page): how many, and the last one's time. */
  readonly reminded?: { readonly count: number; readonly lastAt: string };
}

/** `Nog niet`, `3 december 2026 om 17:21`, `2× — laatst 3 december 2026 om 17:21`. */
function remindedText(reminded: ReminderRow['reminded']): string {
  if (!reminded) return 'Nog niet';
  const last = formatDateTime(reminded.lastAt);
  return reminded.count === 1 ? last : `${reminded.count}× — laatst ${last}`;
}

export interface RemindersPageModel {
  readonly staff: SignedInStaff;
  readonly round: Round;
  readonly open: boolean;
  /** Municipalities in scope without a submission. */
  readonly missing: readonly ReminderRow[];
  readonly submitted: number;
  /** From when the automatic reminder goes (for the current deadline). */
  readonly automaticFrom: string;
  readonly reminderDays: number;
  /** When the automatic reminder for this deadline went, if it did. */
  readonly automaticSentAt?: string;
  readonly token: string;
  readonly notice?: string;
}

export function renderRemindersPage(model: RemindersPageModel): Html {
  const { round } = model;
  const path = remindersPath(round.id);
  const automatic = model.automaticSentAt
    ? `Verstuurd op ${formatDateTime(model.automaticSentAt)} aan wie toen nog niet had ingezonden.`
    : model.open
      ? `Vanaf ${formatDateTime(model.automaticFrom)} (${model.reminderDays} ${model.reminderDays === 1 ? 'dag' : 'dagen'} voor de sluitingsdatum) gaat er vanzelf een herinnering naar de gemeenten die dan nog niet hebben ingezonden, met de dagelijkse ronde. Verschuift de sluitingsdatum, dan schuift de herinnering mee.`
      : 'Er gaat geen automatische herinnering meer: de sluitingsdatum is voorbij.';
  return staffPage(
    {
      staff: model.staff,
      title: `Herinneren – ${round.title}`,
      back: { href: `/staf/rondes/${encodeURIComponent(round.id)}`, label: round.title },
      notice: model.notice,
    },
    html`<h1 class="utrecht-heading-1">Herinneren</h1>
${factList([
  ['Ronde', round.title],
  ['Sluitingsdatum', formatDateTime(round.deadline)],
  ['Ingezonden', `${model.submitted} van ${model.submitted + model.missing.length} gemeenten`],
  ['Automatische herinnering', automatic],
])}
${
  model.missing.length === 0
    ? html`<p class="utrecht-paragraph">Alle gemeenten hebben ingezonden: er is niemand te herinneren.</p>`
    : html`<p class="utrecht-paragraph">Wilt u nu al herinneren? U ziet eerst de e-mail en wie hem krijgt; pas daarna gaat hij weg.</p>
${actionForm({
  path,
  token: model.token,
  buttons: [
    {
      action: 'voorbeeld',
      label:
        model.missing.length === 1
          ? 'De gemeente zonder inzending herinneren…'
          : `Alle ${model.missing.length} gemeenten zonder inzending herinneren…`,
    },
  ],
  fields: { alle: 'ja' },
})}
${dataTable({
  id: 'zonder-inzending',
  caption: 'Gemeenten zonder inzending',
  head: [
    headerCell('Gemeente'),
    headerCell('Stand'),
    headerCell('Gaat naar'),
    headerCell('Herinnerd'),
    headerCell('Herinneren'),
  ],
  rows: model.missing.map(
    (row) =>
      html`${rowHeader(html`${row.municipality.name} <span class="rt-code">${row.municipality.code}</span>`)}${cell(html`<span class="rt-status rt-status--${row.status}">${statusLabels[row.status]}</span>`)}${cell(row.municipality.contacts.length > 0 ? row.municipality.contacts.join(', ') : html`<span class="rt-hint">geen adres bekend</span>`)}${cell(remindedText(row.reminded))}${cell(
        actionForm({
          path,
          token: model.token,
          className: 'rt-row-actions',
          fields: { gemeente: row.municipality.code },
          buttons: [{ action: 'voorbeeld', label: 'Herinnering voorbereiden…', secondary: true }],
          content: html`<span class="rt-visually-hidden">${row.municipality.name}: </span>`,
        }),
      )}`,
  ),
})}`
}`,
  );
}

export interface ReminderPreviewModel {
  readonly staff: SignedInStaff;
  readonly round: Round;
  readonly reminders: readonly PlannedReminder[];
  readonly skipped: readonly { readonly municipality: Municipality; readonly reason: string }[];
  readonly token: string;
}

export function renderReminderPreview(model: ReminderPreviewModel): Html {
  const { round, reminders } = model;
  const first = reminders[0];
  const count = reminders.length;
  return staffPage(
    {
      staff: model.staff,
      title: `Herinnering controleren – ${round.title}`,
      back: { href: remindersPath(round.id), label: 'Herinneren' },
    },
    html`<h1 class="utrecht-heading-1">Herinnering: controleer de e-mail en wie hem krijgt</h1>
${
  count === 0
    ? html`<p class="utrecht-paragraph">Niemand krijgt een herinnering.</p>`
    : dataTable({
        id: 'ontvangers',
        caption: `${count} ${count === 1 ? 'gemeente krijgt' : 'gemeenten krijgen'} een herinnering`,
        head: [headerCell('Gemeente'), headerCell('Stand'), headerCell('Aan')],
        rows: reminders.map(
          (reminder) =>
            html`${rowHeader(reminder.municipality.name)}${cell(statusLabels[reminder.status])}${cell(reminder.to.join(', '))}`,
        ),
      })
}
${
  model.skipped.length > 0
    ? html`<p class="utrecht-paragraph">Geen herinnering voor: ${model.skipped.map((entry) => `${entry.municipality.name} (${entry.reason === 'ingezonden' ? 'heeft al ingezonden' : 'geen adres bekend'})`).join(', ')}.</p>`
    : html``
}
${
  first
    ? html`<h2 class="utrecht-heading-2 rt-heading-spaced">De e-mail</h2>
${count > 1 ? html`<p class="utrecht-paragraph">Zoals gemeente ${first.municipality.name} hem krijgt; de anderen met hun eigen naam en link.</p>` : html``}
${factList([
  ['Onderwerp', first.mail.subject],
  ['Aan', first.to.join(', ')],
  ['Antwoorden naar', first.mail.replyTo?.join(', ') ?? 'het afzenderadres'],
])}
<pre class="rt-mail-preview">${first.mail.text}</pre>
<p class="utrecht-paragraph rt-hint">In de e-mail staat op de plaats van de link de persoonlijke link van de gemeente: die ziet alleen de gemeente zelf.</p>`
    : html``
}
${consequences('Wat er gebeurt', [
  count > 0
    ? `${count === 1 ? `Gemeente ${first!.municipality.name} krijgt` : `${count} gemeenten krijgen`} nu deze herinnering, met de link naar het eigen formulier (de werkende link, of een nieuwe als die er niet is).`
    : 'Er gaat niets weg.',
  'Een gemeente die intussen heeft ingezonden krijgt niets. De automatische herinnering gaat daarna gewoon nog.',
  'Het komt in het logboek van de ronde, met uw naam.',
])}
<form method="post" action="${remindersPath(round.id)}" class="rt-form" novalidate>
<input type="hidden" name="_verzoek" value="${model.token}">
${reminders.map((reminder) => html`<input type="hidden" name="gemeente" value="${reminder.municipality.code}">`)}
<div class="utrecht-button-group rt-actions">
${count > 0 ? html`<button type="submit" class="utrecht-button utrecht-button--primary-action" name="_action" value="versturen">${count === 1 ? 'Herinnering versturen' : `${count} herinneringen versturen`}</button>` : html``}
<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${remindersPath(round.id)}">Terug, niets versturen</a>
</div>
</form>`,
  );
}
