import { formatDateTime, formatInteger } from '../../forms/format.js';
import { type Html, html } from '../../forms/render/html.js';
import type {
  PlacesFigures,
  PlacesTotals,
  RoundAggregate,
  VoortgangAggregate,
} from '../core/aggregation/types.js';
import { formatPercent, scopeLabel } from '../emails/summary-format.js';
import { barChart, chartColours, percentPair } from './charts.js';
import { cell, headerCell, numberCell, scrollable } from './dashboard.js';

/**
 * The round page's progress against the indicative shares (voortgang form): a chart and a table per
 * municipality, the totals of the regions, the scope and the provincial task.
 */

/** A municipality's figures, or for a total those of its area (the share is then the task). */
interface ShareRow extends PlacesFigures {
  readonly label: string;
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

/** The section "Voortgang ten opzichte van het indicatieve aandeel" of the round page. */
export function shareProgressSection(form: VoortgangAggregate, aggregate: RoundAggregate): Html {
  const rows = shareRows(form, aggregate);
  return html`<section aria-labelledby="aandeel" class="rt-section">
<h2 class="utrecht-heading-2" id="aandeel">Voortgang ten opzichte van het indicatieve aandeel</h2>
${targetsNote(form)}
${shareChart(rows, 'aandeel')}
${shareTable(rows)}
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/staf/rondes/${encodeURIComponent(aggregate.round.id)}/plaatsen">Plaatsen beschikbaar in een periode</a>: gegarandeerd en inclusief voornemens, als deel van de taak, per regio, gemeente en locatie (standaard de periode van de Spreidingswet).</p>
</section>`;
}
