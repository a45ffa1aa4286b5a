import { formatDateTime, formatInteger } from '../../forms/format.js';
import { type Html, html } from '../../forms/render/html.js';
import { layout } from '../../forms/render/layout.js';
import type { RoundPhase } from '../core/form-context.js';
import {
  cell,
  dashboardLayout,
  exportUrl,
  headerCell,
  numberCell,
  phaseLabels,
  scrollable,
} from './dashboard.js';
import { type SignedInStaff, staffBar } from './staff/shell.js';

export interface RoundListItem {
  readonly id: string;
  readonly formId: string;
  readonly formTitle: string;
  readonly title: string;
  readonly referenceDate: string;
  readonly deadline: string;
  readonly phase: RoundPhase;
  readonly totals: { readonly ingezonden: number; readonly concept: number; readonly niets: number };
}

export interface RoundsPageModel {
  readonly staff: SignedInStaff;
  readonly rounds: readonly RoundListItem[];
  /** Emails in this person's scope that wait to be sent, and that failed after every retry. */
  readonly mail: { readonly pending: number; readonly failed: number };
  /** Whether this person may open rounds (a regietafel or the province). */
  readonly mayOpen: boolean;
  readonly notice?: string;
}

/** `/staf/rondes`: every round the staff member may see, with deadline and response, and failed emails. */
export function renderRoundsPage(model: RoundsPageModel): Html {
  const forms = [...new Map(model.rounds.map((round) => [round.formId, round.formTitle])).entries()];
  const { pending, failed } = model.mail;
  const mailPanel =
    failed === 0
      ? html``
      : html`<div class="utrecht-alert utrecht-alert--warning rt-panel" role="status">
<h2 class="utrecht-heading-2">${failed === 1 ? '1 e-mail kon' : `${failed} e-mails konden`} niet verstuurd worden</h2>
<p class="utrecht-paragraph">Ook na herhaalde pogingen. <a class="utrecht-link utrecht-link--html-a" href="/staf/mail">Bekijk de reden en verstuur opnieuw</a>.</p>
</div>`;
  return layout(
    dashboardLayout(model.staff, 'Rondes'),
    html`${staffBar(model.staff)}
${model.notice ? html`<div class="utrecht-alert utrecht-alert--ok rt-notice" role="status"><p class="utrecht-paragraph">${model.notice}</p></div>` : html``}
<h1 class="utrecht-heading-1">Rondes</h1>
<p class="utrecht-paragraph">Alle uitvragen aan de gemeenten in uw regio of provincie, met hun sluitingsdatum en hoeveel gemeenten al hebben ingezonden.</p>
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/staf/contacten">Contacten en adressen</a>: wie uitnodigingen, herinneringen en overzichten krijgt, en het secretariaat.</p>
${mailPanel}
<ul class="rt-task-list">
${model.mayOpen ? html`<li><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/staf/nieuwe-ronde">Nieuwe ronde</a></li>` : html``}
<li><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/staf/mail">E-mail${pending + failed > 0 ? ` (${pending} wachtend, ${failed} mislukt)` : ''}</a></li>
<li><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/staf/taakstellingen">Taakstellingen</a></li>
</ul>
${
  model.rounds.length === 0
    ? html`<p class="utrecht-paragraph">Er zijn nog geen rondes voor uw regio of provincie.</p>`
    : html`${scrollable(
        'rondes-titel',
        html`<table class="utrecht-table utrecht-table--html-table rt-table">
<caption class="utrecht-table__caption" id="rondes-titel">Rondes, op sluitingsdatum</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${headerCell('Ronde')}${headerCell('Formulier')}${headerCell('Sluit op')}${headerCell('Stand')}${headerCell('Ingezonden', true)}${headerCell('Concept', true)}${headerCell('Nog niets', true)}</tr></thead>
<tbody class="utrecht-table__body">
${model.rounds.map(
  (round) =>
    html`<tr class="utrecht-table__row">${cell(html`<a class="utrecht-link utrecht-link--html-a" href="/staf/rondes/${encodeURIComponent(round.id)}">${round.title}</a>`)}${cell(round.formTitle)}${cell(formatDateTime(round.deadline))}${cell(phaseLabels[round.phase])}${numberCell(formatInteger(round.totals.ingezonden))}${numberCell(formatInteger(round.totals.concept))}${numberCell(formatInteger(round.totals.niets))}</tr>`,
)}
</tbody>
</table>`,
      )}
<h2 class="utrecht-heading-2">Exports over alle rondes</h2>
<p class="utrecht-paragraph">Eén bestand per formulier met de huidige versie van elke gemeente in elke ronde, voor Excel. Per ronde zijn er meer exports op de pagina van de ronde.</p>
<ul class="utrecht-unordered-list">${forms.map(
        ([formId, title]) =>
          html`<li class="utrecht-unordered-list__item"><a class="utrecht-link utrecht-link--html-a" href="${exportUrl(formId, {})}" download>${title}: alle rondes</a> · <a class="utrecht-link utrecht-link--html-a" href="${exportUrl(formId, { versies: 'alle' })}" download>alle versies, voor de controle</a></li>`,
      )}</ul>`
}`,
  );
}
