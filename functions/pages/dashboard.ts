import { formatDate, formatDateTime, formatInteger } from '../../forms/format.js';
import { type Html, html } from '../../forms/render/html.js';
import { layout } from '../../forms/render/layout.js';
import type { RoundTrends } from '../core/aggregation/trends.js';
import type {
  MunicipalityResponse,
  PlacesTotals,
  RoundAggregate,
  VoortgangAggregate,
} from '../core/aggregation/types.js';
import type { RoundPhase } from '../core/form-context.js';
import type { MailProblem } from '../core/mail-problems.js';
import { formatPercent, scopeLabel } from '../emails/summary-format.js';
import { barChart, chartColours, percentPair, responseChart } from './charts.js';
import { mailProblemNote, mailProblemsSection } from './mail-problems.js';
import { type SignedInStaff, staffBar, staffFooter } from './staff/shell.js';
import { trendsSection } from './trends-section.js';

export type { SignedInStaff } from './staff/shell.js';

/**
 * The staff dashboard (regietafel and province): server-rendered pages in the same NL Design System shell
 * as the forms, readable without JavaScript and with a keyboard. Charts are inline SVG with a title and a
 * description for screen readers, and every figure in a chart is also in a table right below it.
 */

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

const phaseLabels: Record<RoundPhase, string> = {
  'not-open': 'Nog niet open',
  open: 'Open',
  late: 'Deadline verstreken, te laat inzenden kan nog',
  closed: 'Gesloten',
};

const statusLabels: Record<MunicipalityResponse['status'], string> = {
  ingezonden: 'Ingezonden',
  concept: 'Alleen concept',
  niets: 'Nog niets',
};

const cell = (content: Html | string | number) => html`<td class="utrecht-table__cell">${content}</td>`;
const numberCell = (content: string) =>
  html`<td class="utrecht-table__cell utrecht-table__cell--numeric">${content}</td>`;
const headerCell = (content: string, numeric = false) =>
  html`<th class="utrecht-table__header-cell${numeric ? ' utrecht-table__header-cell--numeric' : ''}" scope="col">${content}</th>`;

/**
 * A table in its own horizontal scroll container: a wide table scrolls by itself instead of widening the
 * page (reflow at 320 px and at 400 % zoom, WCAG 1.4.10). Focusable, so it scrolls with the keyboard, and
 * named by the table's caption (`captionId`).
 */
function scrollable(captionId: string, table: Html): Html {
  return html`<div class="rt-table-scroll" role="region" aria-labelledby="${captionId}" tabindex="0">${table}</div>`;
}

// Progress against the shares ---------------------------------------------------------------------------

interface ShareRow {
  readonly label: string;
  /** The share, or for a total the task (the sum of the shares of all its municipalities). */
  readonly share: number | null;
  /** Null: not submitted. */
  readonly committed: number | null;
  readonly realised: number | null;
  readonly remaining: number | null;
  readonly committedPercent: number | null;
  readonly realisedPercent: number | null;
  /** For a total: `3 van 11 gemeenten ingezonden`. */
  readonly note?: string;
  readonly total?: boolean;
}

const reportedNote = (t: PlacesTotals) =>
  `${t.reported} van ${t.municipalities} gemeenten ingezonden${t.reported < t.municipalities ? `; over de ingezonden gemeenten ${formatPercent(t.reportedCommittedPercent)} toegezegd van hun aandeel (${formatInteger(t.reportedTask)}), van ${formatInteger(t.unreportedTask)} plaatsen is de stand nog niet bekend` : ''}`;

function totalRow(label: string, t: PlacesTotals): ShareRow {
  return {
    label,
    share: t.task,
    committed: t.committed,
    realised: t.realised,
    remaining: t.remaining,
    committedPercent: t.committedPercent,
    realisedPercent: t.realisedPercent,
    note: reportedNote(t),
    total: true,
  };
}

/**
 * Every municipality in scope (also those that did not submit), then per region and for the scope the
 * total: the task of all municipalities, what the reporting ones committed and realised as part of it.
 */
function shareRows(form: VoortgangAggregate, aggregate: RoundAggregate): ShareRow[] {
  const rows: ShareRow[] = form.municipalities.map((municipality) => ({
    label: municipality.name,
    ...municipality.total,
  }));
  if (aggregate.scope.type === 'province') {
    for (const region of form.regions) rows.push(totalRow(`Totaal ${region.name}`, region.places.total));
  }
  rows.push(totalRow(`Totaal ${scopeLabel(aggregate)}`, form.totals.total));
  if (form.provincialTask) {
    rows.push(totalRow(`Provinciale taak ${form.provincialTask.cycle}`, form.provincialTask.total));
  }
  return rows;
}

/**
 * Horizontal bars per municipality: places committed (thick, blue) and realised (thin, green) as a
 * percentage of its indicative share, with a line at 100 %; then the totals of the regions and the scope
 * and, for the province, against the provincial task.
 */
export function shareChart(rows: readonly ShareRow[], id: string): Html {
  const total = rows.find((row) => row.total);
  return barChart({
    id,
    title: 'Opvangplekken: toegezegd en gerealiseerd als deel van het indicatieve aandeel',
    description: `Per gemeente een balk: toegezegd (dik, blauw) en gerealiseerd (dun, groen) in procenten van het indicatieve aandeel; de lijn staat op 100 %. ${total ? `${total.label}: ${formatPercent(total.committedPercent)} toegezegd, ${formatPercent(total.realisedPercent)} gerealiseerd.` : ''}`,
    legend: { thick: 'toegezegd', thin: 'gerealiseerd', hundred: '100 % = het aandeel of de taak' },
    colours: { thick: chartColours.committed, thin: chartColours.realised },
    rows: rows.map((row) => ({
      label: row.label,
      total: row.total,
      thick: row.committed === null ? null : row.committedPercent,
      thin: row.committed === null ? null : row.realisedPercent,
      figure:
        row.committed === null
          ? 'nog niet ingezonden'
          : row.committedPercent === null
            ? 'geen aandeel'
            : percentPair(row.committedPercent, row.realisedPercent),
    })),
  });
}

const known = (value: number | null) => (value === null ? '—' : formatInteger(value));

function shareTable(rows: readonly ShareRow[]): Html {
  return scrollable(
    'aandeel-tabel',
    html`<table class="utrecht-table utrecht-table--html-table rt-table">
<caption class="utrecht-table__caption" id="aandeel-tabel">Opvangplekken (regulier en AMV samen) per gemeente, ten opzichte van het indicatieve aandeel; totalen ten opzichte van de taak van alle gemeenten</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${headerCell('Gemeente')}${headerCell('Aandeel / taak', true)}${headerCell('Toegezegd', true)}${headerCell('Gerealiseerd', true)}${headerCell('Nog te realiseren', true)}${headerCell('% toegezegd', true)}${headerCell('% gerealiseerd', true)}</tr></thead>
<tbody class="utrecht-table__body">
${rows.map((row) => {
  const label = row.note
    ? html`${row.label}<br><span class="rt-hint">${row.note}</span>`
    : html`${row.label}`;
  const figures =
    row.committed === null
      ? html`${numberCell(known(row.share))}<td class="utrecht-table__cell" colspan="5">nog niet ingezonden</td>`
      : html`${numberCell(known(row.share))}${numberCell(known(row.committed))}${numberCell(known(row.realised))}${numberCell(known(row.remaining))}${numberCell(formatPercent(row.committedPercent))}${numberCell(formatPercent(row.realisedPercent))}`;
  return html`<tr class="utrecht-table__row${row.total ? ' rt-total-row' : ''}">${row.total ? html`<th class="utrecht-table__header-cell" scope="row">${label}</th>` : cell(label)}${figures}</tr>`;
})}
</tbody>
</table>`,
  );
}

function targetsNote(form: VoortgangAggregate): Html {
  const targets = form.targets;
  if (!targets)
    return html`<p class="utrecht-paragraph">Er zijn (nog) geen indicatieve aandelen gepubliceerd voor de peildatum van deze ronde: zonder aandelen is er geen taak om mee te vergelijken. <a class="utrecht-link utrecht-link--html-a" href="/staf/taakstellingen">Taakstellingen</a></p>`;
  return html`<p class="utrecht-paragraph">De aandelen zijn die van de Spreidingswet, cyclus ${targets.cycle}, versie ${targets.revision} (gepubliceerd ${formatDateTime(targets.publishedAt)}; <a class="utrecht-link utrecht-link--html-a" href="/staf/taakstellingen">taakstellingen</a>). De taak van een regio is de som van de aandelen van al haar gemeenten; toegezegd en gerealiseerd tellen alleen de gemeenten die hebben ingezonden, en nog te realiseren alleen bij hen.</p>
${targets.demoShares > 0 ? html`<div class="utrecht-alert utrecht-alert--warning rt-notice"><p class="utrecht-paragraph"><strong>Demogegevens:</strong> ${targets.demoShares} van de aandelen zijn verzonnen, niet de echte uit de Staatscourant.${targets.sharesToConfirm > 0 ? ` ${targets.sharesToConfirm} zijn nog te bevestigen.` : ''}</p></div>` : targets.sharesToConfirm > 0 ? html`<p class="utrecht-paragraph">${targets.sharesToConfirm} aandelen zijn nog te bevestigen.</p>` : html``}
${form.provincialTask?.difference ? html`<p class="utrecht-paragraph">${form.provincialTask.difference}</p>` : html``}`;
}

// Pages -------------------------------------------------------------------------------------------------

function exportUrl(formId: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return `/staf/formulieren/${encodeURIComponent(formId)}/export?${query}`;
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
    {
      title: 'Rondes',
      organisation: 'Regietafel Vluchtelingen – dashboard',
      wide: true,
      footer: staffFooter,
      contacts: model.staff.contacts,
      question: 'Vragen over het dashboard?',
    },
    html`${staffBar(model.staff)}
${model.notice ? html`<div class="utrecht-alert utrecht-alert--ok rt-notice" role="status"><p class="utrecht-paragraph">${model.notice}</p></div>` : html``}
<h1 class="utrecht-heading-1">Rondes</h1>
<p class="utrecht-paragraph">Alle uitvragen aan de gemeenten in uw regio of provincie, met hun sluitingsdatum en hoeveel gemeenten al hebben ingezonden.</p>
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/staf/contacten">Contacten en adressen</a>: wie uitnodigingen, herinneringen en overzichten krijgt, en het secretariaat.</p>
${failed}
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
        a.region.localeCompare(b.region) ||
        a.name.localeCompare(b.name, 'nl'),
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
  const rows = form ? shareRows(form, aggregate) : [];
  return layout(
    {
      title: `${round.title} – ${round.formTitle}`,
      organisation: 'Regietafel Vluchtelingen – dashboard',
      wide: true,
      footer: staffFooter,
      contacts: model.staff.contacts,
      question: 'Vragen over het dashboard?',
    },
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
${
  form
    ? html`<section aria-labelledby="aandeel" class="rt-section">
<h2 class="utrecht-heading-2" id="aandeel">Voortgang ten opzichte van het indicatieve aandeel</h2>
${targetsNote(form)}
${shareChart(rows, 'aandeel')}
${shareTable(rows)}
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/staf/rondes/${encodeURIComponent(round.id)}/plaatsen">Plaatsen beschikbaar in een periode</a>: gegarandeerd en inclusief voornemens, als deel van de taak, per regio, gemeente en locatie (standaard de periode van de Spreidingswet).</p>
</section>`
    : html``
}
${model.trends ? trendsSection(model.trends, aggregate.scope.regions) : html``}
${exportSection(model)}
${summarySection(model)}`,
  );
}
