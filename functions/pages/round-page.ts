import { formatDate, formatDateTime } from '../../forms/format.js';
import { dutchOrder } from '../../forms/order.js';
import { type Html, html } from '../../forms/render/html.js';
import { layout } from '../../forms/render/layout.js';
import type { RoundTrends } from '../core/aggregation/trends.js';
import type { MunicipalityResponse, RoundAggregate } from '../core/aggregation/types.js';
import type { MailProblem } from '../core/mail-problems.js';
import { scopeLabel } from '../emails/summary-format.js';
import { responseChart } from './charts.js';
import {
  cell,
  dashboardLayout,
  exportUrl,
  headerCell,
  numberCell,
  phaseLabels,
  scrollable,
} from './dashboard.js';
import { mailProblemNote, mailProblemsSection } from './mail-problems.js';
import { shareProgressSection } from './share-progress.js';
import { type SignedInStaff, staffBar } from './staff/shell.js';
import { trendsSection } from './trends-section.js';

/** Which of a round's tasks this person may do (a round of several regions is changed by the province). */
export interface RoundActions {
  readonly change: boolean;
  readonly invitations: boolean;
  readonly reminders: boolean;
}

export interface ExportTableLink {
  readonly key: string;
  readonly title: string;
}

export interface RoundPageModel {
  readonly staff: SignedInStaff;
  readonly aggregate: RoundAggregate;
  readonly tables: readonly ExportTableLink[];
  /** The summaries this staff member may preview and send: `region:ijsselland` with its label. */
  readonly scopes: readonly { readonly value: string; readonly label: string }[];
  /** Idempotency key of the send buttons on this page: a double click sends once. */
  readonly requestId: string;
  /** Shown at the top after an action, e.g. "Het overzicht is verstuurd". */
  readonly notice?: string;
  readonly actions: RoundActions;
  /** `zonder-inzending`: only the municipalities that have not submitted. */
  readonly filter: 'alle' | 'zonder-inzending';
  /** Per municipality code, its addresses our mail cannot reach (bounced, complained). */
  readonly mailProblems?: ReadonlyMap<string, readonly MailProblem[]>;
  /** This round and the earlier ones of the form (voortgang only): "Verloop over de rondes". */
  readonly trends?: RoundTrends | null;
}

const statusLabels: Record<MunicipalityResponse['status'], string> = {
  ingezonden: 'Ingezonden',
  concept: 'Alleen concept',
  niets: 'Nog niets',
};

function exportSection(model: RoundPageModel): Html {
  const { round } = model.aggregate;
  const link = (label: string, params: Record<string, string | undefined>) =>
    html`<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action rt-export" href="${exportUrl(round.formId, { ronde: round.id, ...params })}" download>${label}</a>`;
  return html`<section aria-labelledby="exports" class="rt-section">
<h2 class="utrecht-heading-2" id="exports">Exports</h2>
<p class="utrecht-paragraph"><strong>Voor Excel</strong>: opent met dubbelklikken in Excel (puntkomma’s, decimale komma’s). <strong>Voor andere programma’s</strong>: de internationale vorm (komma’s, decimale punten), voor bijvoorbeeld LibreOffice, Google Spreadsheets of een script. <strong>Werkmap</strong>: alle tabellen als tabbladen in één Excel-bestand. Lijsten (zoals locaties) staan in een eigen bestand, één regel per item.</p>
${scrollable(
  'bestanden-titel',
  html`<table class="utrecht-table utrecht-table--html-table rt-table">
<caption class="utrecht-table__caption" id="bestanden-titel">Bestanden van deze ronde</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${headerCell('Tabel')}${headerCell('Huidige versie per gemeente')}${headerCell('Alle versies (controle)')}</tr></thead>
<tbody class="utrecht-table__body">
${model.tables.map(
  (table) =>
    html`<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="row">${table.title}</th>${cell(html`${link('Voor Excel', { tabel: table.key })} ${link('Voor andere programma’s', { tabel: table.key, dialect: 'rfc4180' })}`)}${cell(html`${link('Voor Excel', { tabel: table.key, versies: 'alle' })} ${link('Voor andere programma’s', { tabel: table.key, versies: 'alle', dialect: 'rfc4180' })}`)}</tr>`,
)}
<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="row">Alles in één werkmap</th>${cell(link('Werkmap (.xlsx)', { formaat: 'xlsx' }))}${cell(link('Werkmap (.xlsx)', { formaat: 'xlsx', versies: 'alle' }))}</tr>
</tbody>
</table>`,
)}
</section>`;
}

function summarySection(model: RoundPageModel): Html {
  const { round } = model.aggregate;
  const base = `/staf/rondes/${encodeURIComponent(round.id)}/overzicht`;
  return html`<section aria-labelledby="overzicht" class="rt-section">
<h2 class="utrecht-heading-2" id="overzicht">Overzicht per e-mail</h2>
<p class="utrecht-paragraph">Het overzicht gaat elke week en na de deadline vanzelf naar de regietafel en de provincie. Hier kunt u het eerst bekijken, of nu versturen.</p>
${model.scopes.map(
  (scope) => html`<form method="post" action="${base}" class="rt-actions rt-summary-action">
<input type="hidden" name="scope" value="${scope.value}">
<input type="hidden" name="requestId" value="${model.requestId}-${scope.value.replace(':', '-')}">
<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${base}?scope=${encodeURIComponent(scope.value)}">Bekijk overzicht ${scope.label}</a>
<button type="submit" class="utrecht-button utrecht-button--primary-action">Verstuur overzicht ${scope.label} nu</button>
</form>`,
)}
</section>`;
}

const statusOrder: Record<MunicipalityResponse['status'], number> = { niets: 0, concept: 1, ingezonden: 2 };

/** The municipalities of the round, those without a submission first (or only those, with the filter). */
function municipalityTable(model: RoundPageModel): Html {
  const { aggregate } = model;
  const base = `/staf/rondes/${encodeURIComponent(aggregate.round.id)}`;
  const rows = [...aggregate.response.municipalities]
    .filter((municipality) => model.filter === 'alle' || municipality.status !== 'ingezonden')
    .sort(
      (a, b) =>
        statusOrder[a.status] - statusOrder[b.status] ||
        dutchOrder(a.region, b.region) ||
        dutchOrder(a.name, b.name),
    );
  const submissionLink = (code: string, content: Html | string, label?: string) =>
    html`<a class="utrecht-link utrecht-link--html-a" href="${base}/gemeenten/${encodeURIComponent(code)}"${label ? html` aria-label="${label}"` : ''}>${content}</a>`;
  return scrollable(
    'stand-titel',
    html`<table class="utrecht-table utrecht-table--html-table rt-table">
<caption class="utrecht-table__caption" id="stand-titel">Stand per gemeente (${scopeLabel(aggregate)})${model.filter === 'zonder-inzending' ? ', alleen zonder inzending' : ', zonder inzending eerst'}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${headerCell('Gemeente')}${headerCell('Regio')}${headerCell('Status')}${headerCell('Ingezonden op')}${headerCell('Versie', true)}${headerCell('Waarschuwingen', true)}${headerCell('Concept bewaard')}</tr></thead>
<tbody class="utrecht-table__body">
${
  rows.length === 0
    ? html`<tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="7">Alle gemeenten hebben ingezonden.</td></tr>`
    : rows.map((municipality) => {
        const region =
          aggregate.scope.regions.find((r) => r.id === municipality.region)?.name ?? municipality.region;
        return html`<tr class="utrecht-table__row">${cell(html`${submissionLink(municipality.code, municipality.name)} <span class="rt-code">${municipality.code}</span>${mailProblemNote(model.mailProblems?.get(municipality.code))}`)}${cell(region)}${cell(html`<span class="rt-status rt-status--${municipality.status}">${statusLabels[municipality.status]}</span>`)}${cell(municipality.submittedAt ? `${formatDateTime(municipality.submittedAt)}${municipality.late ? ' (te laat)' : ''}` : '—')}${numberCell(municipality.version ? String(municipality.version) : '—')}${municipality.status === 'ingezonden' ? html`<td class="utrecht-table__cell utrecht-table__cell--numeric">${municipality.warnings > 0 ? submissionLink(municipality.code, String(municipality.warnings), `${municipality.warnings} waarschuwing${municipality.warnings === 1 ? '' : 'en'} van ${municipality.name} bekijken`) : '0'}</td>` : numberCell('—')}${cell(municipality.draftSavedAt ? formatDateTime(municipality.draftSavedAt) : '—')}</tr>`;
      })
}
</tbody>
</table>`,
  );
}

/** "7 van 11 ingezonden" for each region of the round this person sees. */
function regionCounts(aggregate: RoundAggregate): Html {
  return html`<ul class="utrecht-unordered-list rt-region-counts">${aggregate.scope.regions.map((region) => {
    const inRegion = aggregate.response.municipalities.filter((m) => m.region === region.id);
    const submitted = inRegion.filter((m) => m.status === 'ingezonden').length;
    return html`<li class="utrecht-unordered-list__item"><strong>${region.name}</strong>: ${submitted} van ${inRegion.length} ingezonden</li>`;
  })}</ul>`;
}

/** The round's tasks, as links to their pages (only those this person may do). */
function roundTasks(model: RoundPageModel): Html {
  const base = `/staf/rondes/${encodeURIComponent(model.aggregate.round.id)}`;
  const link = (href: string, label: string) =>
    html`<li><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${href}">${label}</a></li>`;
  return html`<nav aria-labelledby="taken" class="rt-section">
<h2 class="utrecht-heading-2" id="taken">Taken</h2>
<ul class="rt-task-list">
${model.actions.invitations ? link(`${base}/uitnodigingen`, 'Uitnodigingen') : html``}
${model.actions.reminders ? link(`${base}/herinneringen`, 'Herinneren') : html``}
${model.actions.change ? link(`${base}/wijzigen`, 'Sluitingsdatum, sluiten of heropenen') : html``}
${link('/staf/mail', 'E-mail die wacht of mislukte')}
${link(`${base}/logboek`, 'Logboek')}
</ul>
${model.actions.change ? html`` : html`<p class="utrecht-paragraph rt-hint">De sluitingsdatum van deze ronde wijzigt de provincie: de ronde loopt ook in een andere regio.</p>`}
</nav>`;
}

/**
 * `/staf/rondes/{roundId}`: one round — response, progress against the shares, the trend over the rounds,
 * exports, summaries.
 */
export function renderRoundPage(model: RoundPageModel): Html {
  const { aggregate } = model;
  const { round, response } = aggregate;
  const form = aggregate.form?.kind === 'voortgang-opgaven' ? aggregate.form : undefined;
  return layout(
    dashboardLayout(model.staff, `${round.title} – ${round.formTitle}`),
    html`${staffBar(model.staff)}
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/staf/rondes">← Alle rondes</a></p>
${model.notice ? html`<div class="utrecht-alert utrecht-alert--ok rt-notice" role="status"><p class="utrecht-paragraph">${model.notice}</p></div>` : html``}
<h1 class="utrecht-heading-1">${round.title}</h1>
<dl class="utrecht-data-list rt-round-facts rt-facts">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">Formulier</dt><dd class="utrecht-data-list__item-value">${round.formTitle}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">Peildatum</dt><dd class="utrecht-data-list__item-value">${formatDate(round.referenceDate)}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">Sluit op</dt><dd class="utrecht-data-list__item-value">${formatDateTime(round.deadline)} — ${phaseLabels[aggregate.phase]}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">Gebied</dt><dd class="utrecht-data-list__item-value">${scopeLabel(aggregate)}</dd></div>
</dl>
${roundTasks(model)}
<section aria-labelledby="voortgang" class="rt-section">
<h2 class="utrecht-heading-2" id="voortgang">Inzendingen</h2>
<p class="utrecht-paragraph">${response.totals.ingezonden} van ${response.totals.municipalities} gemeenten hebben ingezonden${response.totals.late > 0 ? ` (${response.totals.late} te laat)` : ''}; ${response.totals.concept} hebben alleen een concept, ${response.totals.niets} nog niets.</p>
${aggregate.scope.regions.length > 1 ? regionCounts(aggregate) : html``}
${responseChart(response.totals, statusLabels, 'inzendingen')}
${mailProblemsSection(
  model.mailProblems ?? new Map(),
  (code) => response.municipalities.find((municipality) => municipality.code === code)?.name ?? code,
)}
<p class="utrecht-paragraph">${
      model.filter === 'alle'
        ? html`Zonder inzending staan bovenaan. <a class="utrecht-link utrecht-link--html-a" href="?toon=zonder-inzending#voortgang">Toon alleen de gemeenten zonder inzending</a>.`
        : html`Alleen de gemeenten zonder inzending. <a class="utrecht-link utrecht-link--html-a" href="?toon=alle#voortgang">Toon alle gemeenten</a>.`
    }</p>
${municipalityTable(model)}
</section>
${form ? shareProgressSection(form, aggregate) : html``}
${model.trends ? trendsSection(model.trends, aggregate.scope.regions) : html``}
${exportSection(model)}
${summarySection(model)}`,
  );
}
