import type { FieldError } from '../../../forms/definition.js';
import { formatDate, formatInteger } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import type {
  AreaPlaces,
  AvailabilityWindow,
  MunicipalityPlaces,
  PlacesAvailable,
} from '../../core/aggregation/places-available.js';
import type { Round } from '../../core/model.js';
import { standingLabels } from '../../core/places-csv.js';
import { formatPercent } from '../../emails/summary-format.js';
import { barChart, chartColours, percentPair } from '../charts.js';
import { cell, dataTable, factList, headerCell, numberCell, rowHeader, textInput } from './components.js';
import { type SignedInStaff, staffPage } from './shell.js';

/**
 * "Plaatsen beschikbaar in een periode" (`/staf/rondes/{roundId}/plaatsen`): from the asylum locations the
 * municipalities reported, the places available in a window — by default the Spreidingswet's 1 July 2025
 * – 1 February 2026 — guaranteed (from the decision on) and with intentions, as a share of the task, per
 * region and for the province (a chart and its table), then per municipality and per location, so the
 * figures can be checked by hand; and the export of both tables. A GET form: works without JavaScript, the
 * address can be bookmarked and shared.
 */

export const placesPath = (roundId: string) => `/staf/rondes/${encodeURIComponent(roundId)}/plaatsen`;

/** The window as typed (`1-7-2025`). */
export interface WindowInput {
  readonly van: string;
  readonly tot: string;
}

export interface PlacesPageModel {
  readonly staff: SignedInStaff;
  readonly round: Round;
  readonly input: WindowInput;
  readonly errors: readonly FieldError[];
  /** The Spreidingswet window of the round's cycle (null: none on its reference date). */
  readonly cycleWindow: AvailabilityWindow | null;
  /** Absent while the window has errors or is not given. */
  readonly places?: PlacesAvailable;
}

const windowText = (window: AvailabilityWindow) => `${formatDate(window.from)} – ${formatDate(window.until)}`;
const known = (value: number | null) => (value === null ? '—' : formatInteger(value));

function windowForm(model: PlacesPageModel): Html {
  const cycle = model.cycleWindow;
  const isCycle =
    cycle !== null && model.places?.window.from === cycle.from && model.places.window.until === cycle.until;
  return html`<form method="get" action="${placesPath(model.round.id)}" class="rt-form" novalidate>
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset rt-period">
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend rt-legend">Periode</legend>
<div class="rt-input-row">
${textInput({ name: 'van', label: 'Van', hint: 'Bijvoorbeeld 1-7-2025 of 1 juli 2025.', value: model.input.van, width: 's', errors: model.errors })}
${textInput({ name: 'tot', label: 'Tot en met', hint: 'Bijvoorbeeld 1-2-2026 of 1 februari 2026.', value: model.input.tot, width: 's', errors: model.errors })}
</div>
</fieldset>
<div class="utrecht-button-group rt-actions"><button type="submit" class="utrecht-button utrecht-button--primary-action">Berekenen</button></div>
</form>
${
  cycle && !isCycle
    ? html`<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="${placesPath(model.round.id)}">Terug naar de periode van de Spreidingswet (${windowText(cycle)})</a></p>`
    : html``
}`;
}

interface AreaRow {
  readonly label: string;
  readonly area: AreaPlaces;
  readonly total: boolean;
}

function areaRows(places: PlacesAvailable): AreaRow[] {
  return [
    ...places.regions.map((area) => ({ label: `Regio ${area.name}`, area, total: false })),
    ...(places.province
      ? [{ label: `Provincie ${places.province.name}`, area: places.province, total: true }]
      : []),
  ];
}

function areasChart(places: PlacesAvailable, rows: readonly AreaRow[]): Html {
  const last = rows.at(-1);
  return barChart({
    id: 'plaatsen',
    title: `Plaatsen beschikbaar ${windowText(places.window)}, als deel van de taak`,
    description: `Per gebied een balk: gegarandeerd (dik, donkerblauw) en inclusief voornemens (dun, lichtblauw) in procenten van de taak; de lijn staat op 100 %.${last ? ` ${last.label}: ${formatPercent(last.area.guaranteedPercent)} gegarandeerd, ${formatPercent(last.area.withIntentionsPercent)} inclusief voornemens.` : ''}`,
    legend: { thick: 'gegarandeerd', thin: 'inclusief voornemens', hundred: '100 % = de taak' },
    colours: { thick: chartColours.guaranteed, thin: chartColours.intentions },
    rows: rows.map(({ label, area, total }) => ({
      label,
      total,
      thick: area.guaranteedPercent,
      thin: area.withIntentionsPercent,
      figure:
        area.task === null
          ? 'geen taak bekend'
          : percentPair(area.guaranteedPercent, area.withIntentionsPercent),
    })),
  });
}

function areasTable(rows: readonly AreaRow[]): Html {
  return dataTable({
    id: 'gebieden',
    caption: 'Plaatsen per regio en voor de provincie, ten opzichte van de taak',
    head: [
      headerCell('Gebied'),
      headerCell('Ingezonden'),
      headerCell('Taak', true),
      headerCell('Gegarandeerd', true),
      headerCell('% van de taak', true),
      headerCell('Inclusief voornemens', true),
      headerCell('% van de taak', true),
      headerCell('Al bij het begin', true),
    ],
    rows: rows.map(
      ({ label, area }) =>
        html`${rowHeader(label)}${cell(`${area.reported} van ${area.municipalities} gemeenten`)}${numberCell(known(area.task))}${numberCell(formatInteger(area.guaranteed))}${numberCell(formatPercent(area.guaranteedPercent))}${numberCell(formatInteger(area.withIntentions))}${numberCell(formatPercent(area.withIntentionsPercent))}${numberCell(formatInteger(area.fromStart))}`,
    ),
  });
}

function municipalityTable(places: PlacesAvailable): Html {
  const regionName = (id: string) => places.regions.find((region) => region.id === id)?.name ?? id;
  const row = (m: MunicipalityPlaces) => {
    const counted = m.locations.filter((location) => location.counts).length;
    return html`${rowHeader(html`${m.name} <span class="rt-code">${m.code}</span>`)}${cell(regionName(m.region))}${numberCell(known(m.task))}${numberCell(formatInteger(m.guaranteed))}${numberCell(formatPercent(m.guaranteedPercent))}${numberCell(formatInteger(m.withIntentions))}${numberCell(formatPercent(m.withIntentionsPercent))}${cell(`${counted} van ${m.locations.length}`)}`;
  };
  return dataTable({
    id: 'per-gemeente',
    caption: 'Plaatsen per gemeente die heeft ingezonden, ten opzichte van haar indicatieve aandeel',
    head: [
      headerCell('Gemeente'),
      headerCell('Regio'),
      headerCell('Aandeel', true),
      headerCell('Gegarandeerd', true),
      headerCell('% van het aandeel', true),
      headerCell('Inclusief voornemens', true),
      headerCell('% van het aandeel', true),
      headerCell('Locaties die meetellen'),
    ],
    rows:
      places.municipalities.length === 0
        ? [html`<td class="utrecht-table__cell" colspan="8">Nog geen gemeente heeft ingezonden.</td>`]
        : places.municipalities.map(row),
  });
}

function locationsTable(places: PlacesAvailable): Html {
  const rows = places.municipalities.flatMap((m) =>
    m.locations.map(
      (location) =>
        html`${cell(m.name)}${rowHeader(location.name || '(zonder naam)')}${numberCell(formatInteger(location.capacity))}${cell(location.phaseLabel || '—')}${cell(location.availableFrom ? formatDate(location.availableFrom) : '—')}${cell(location.availableUntil ? formatDate(location.availableUntil) : 'voor onbepaalde tijd')}${cell(location.counts ? (location.guaranteed ? 'ja, gegarandeerd' : 'ja, als voornemen') : 'nee')}${cell(standingLabels[location.standing])}`,
    ),
  );
  return html`<details class="rt-details">
<summary class="rt-details__summary">Alle ${formatInteger(rows.length)} locaties, met hun stand in de periode</summary>
${dataTable({
  id: 'locaties',
  caption: 'Asiellocaties van de gemeenten die hebben ingezonden',
  head: [
    headerCell('Gemeente'),
    headerCell('Locatie'),
    headerCell('Capaciteit', true),
    headerCell('Fase'),
    headerCell('Beschikbaar vanaf'),
    headerCell('Tot en met'),
    headerCell('Telt mee'),
    headerCell('Stand in de periode'),
  ],
  rows: rows.length === 0 ? [html`<td class="utrecht-table__cell" colspan="8">Geen locaties.</td>`] : rows,
})}
</details>`;
}

function exportLinks(model: PlacesPageModel, places: PlacesAvailable): Html {
  const link = (table: string, dialect: string, label: string) => {
    const query = new URLSearchParams({
      van: places.window.from,
      tot: places.window.until,
      tabel: table,
      dialect,
    });
    return html`<a class="utrecht-link utrecht-link--html-a" href="${placesPath(model.round.id)}/export?${query.toString()}" download>${label}</a>`;
  };
  return html`<section aria-labelledby="plaatsen-exports" class="rt-section">
<h2 class="utrecht-heading-2" id="plaatsen-exports">Exports</h2>
<p class="utrecht-paragraph"><strong>Voor Excel</strong>: opent met dubbelklikken in Excel (puntkomma’s, decimale komma’s). <strong>Voor andere programma’s</strong>: komma’s en decimale punten, voor bijvoorbeeld LibreOffice, Google Spreadsheets of een script. De periode van deze pagina staat in de bestandsnaam.</p>
<ul class="utrecht-unordered-list">
<li class="utrecht-unordered-list__item">Gebieden en gemeenten: ${link('gebieden', 'excel-nl', 'voor Excel')} · ${link('gebieden', 'rfc4180', 'voor andere programma’s')}</li>
<li class="utrecht-unordered-list__item">Locaties: ${link('locaties', 'excel-nl', 'voor Excel')} · ${link('locaties', 'rfc4180', 'voor andere programma’s')}</li>
</ul>
</section>`;
}

function notReported(places: PlacesAvailable): Html {
  if (places.notReported.length === 0) return html``;
  return html`<p class="utrecht-paragraph">Nog niet ingezonden, dus niet meegeteld (${places.notReported.length}): ${places.notReported.map((m) => m.name).join(', ')}.</p>`;
}

export function renderPlacesPage(model: PlacesPageModel): Html {
  const { round, places } = model;
  const rows = places ? areaRows(places) : [];
  return staffPage(
    {
      staff: model.staff,
      title: `Plaatsen beschikbaar – ${round.title}`,
      back: { href: `/staf/rondes/${encodeURIComponent(round.id)}`, label: round.title },
      errors: model.errors,
    },
    html`<h1 class="utrecht-heading-1">Plaatsen beschikbaar in een periode</h1>
${factList([
  ['Ronde', round.title],
  ['Peildatum', formatDate(round.referenceDate)],
  ...(places
    ? ([
        ['Gebied', `${places.scope.type === 'region' ? 'regio' : 'provincie'} ${places.scope.name}`],
        ['Periode', windowText(places.window)],
      ] as const)
    : []),
])}
<p class="utrecht-paragraph">Uit de asiellocaties die de gemeenten hebben opgegeven. Een locatie telt mee met haar hele capaciteit als zij op de laatste dag van de periode beschikbaar is. <strong>Gegarandeerd</strong>: locaties vanaf het besluit (besluit, ruimtelijke procedure, realisatie, operationeel). <strong>Inclusief voornemens</strong>: ook de locaties die nog een voornemen zijn. De taak van een regio is de som van de aandelen van haar gemeenten; die van de provincie is de provinciale taak.</p>
${windowForm(model)}
${
  places
    ? html`<section aria-labelledby="per-gebied" class="rt-section">
<h2 class="utrecht-heading-2" id="per-gebied">Per regio en provincie</h2>
${areasChart(places, rows)}
${areasTable(rows)}
${notReported(places)}
</section>
<section aria-labelledby="gemeenten" class="rt-section">
<h2 class="utrecht-heading-2" id="gemeenten">Per gemeente en per locatie</h2>
${municipalityTable(places)}
${locationsTable(places)}
</section>
${exportLinks(model, places)}`
    : model.errors.length === 0
      ? html`<p class="utrecht-paragraph">Voor de peildatum van deze ronde is geen periode van de Spreidingswet bekend: vul een periode in.</p>`
      : html``
}`,
  );
}
