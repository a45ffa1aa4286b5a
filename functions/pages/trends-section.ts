import { formatDate, formatInteger } from '../../forms/format.js';
import { type Html, html } from '../../forms/render/html.js';
import type { AreaTrend, MunicipalityTrend, RoundTrends, TrendPoint } from '../core/aggregation/trends.js';
import { formatChange, formatPercent, trendComparison } from '../emails/summary-format.js';
import { cell, dataTable, headerCell, numberCell, rowHeader } from './staff/components.js';
import { trendChart } from './trend-chart.js';

/**
 * The round page's "Verloop over de rondes" (voortgang form): per region and for the province a small chart
 * of committed and realised against the task over the rounds of the form up to this one, the same figures
 * as a table, and per municipality what changed since its previous round (core/aggregation/trends.ts), those
 * that have not submitted in this round last.
 */

const areaLabel = (area: AreaTrend) => (area.type === 'province' ? `Provincie ${area.name}` : area.name);

/** `IJsselland: toegezegd 650 → 910, gerealiseerd 375 → 539, taak 2.887 → 3.140.` */
function areaSentence(area: AreaTrend, trends: RoundTrends): string {
  const known = area.points
    .map((point, index) => ({ point, round: trends.rounds[index]! }))
    .filter(
      (entry): entry is { point: TrendPoint; round: RoundTrends['rounds'][number] } => entry.point !== null,
    );
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last) return `${areaLabel(area)}: geen cijfers.`;
  const span = (pick: (point: TrendPoint) => number) =>
    first === last
      ? formatInteger(pick(last.point))
      : `${formatInteger(pick(first.point))} → ${formatInteger(pick(last.point))}`;
  return `${areaLabel(area)}, van ${first.round.title} tot ${last.round.title}: toegezegd ${span((p) => p.committed)}, gerealiseerd ${span((p) => p.realised)}, taak ${span((p) => p.task)}.`;
}

function charts(trends: RoundTrends): Html {
  const dates = trends.rounds.map((round) => round.referenceDate);
  return html`<div class="rt-trend-charts">${trends.areas.map((area, index) => {
    const id = `verloop-${index + 1}`;
    return html`<div class="rt-trend-chart">
<h3 class="utrecht-heading-3" id="${id}-kop">${areaLabel(area)}</h3>
${trendChart({
  id,
  title: `${areaLabel(area)}: toegezegd en gerealiseerd per ronde, tegen de taak`,
  description: areaSentence(area, trends),
  dates,
  task: area.points.map((point) => point?.task ?? null),
  committed: area.points.map((point) => point?.committed ?? null),
  realised: area.points.map((point) => point?.realised ?? null),
})}
</div>`;
  })}</div>`;
}

/** One row group per area (its name heads the group), one row per round (the round heads the row). */
function figuresTable(trends: RoundTrends): Html {
  const columns = 8;
  const groups = trends.areas.map(
    (area) => html`<tbody class="utrecht-table__body">
<tr class="utrecht-table__row rt-group-row"><th class="utrecht-table__header-cell" scope="rowgroup" colspan="${columns}">${areaLabel(area)}</th></tr>
${area.points.map((point, index) => {
  const round = trends.rounds[index]!;
  const date = formatDate(round.referenceDate);
  const lead = rowHeader(
    round.title.includes(date) ? round.title : html`${round.title}<br><span class="rt-hint">${date}</span>`,
  );
  const figures = point
    ? html`${numberCell(`${formatInteger(point.reported)} van ${formatInteger(point.municipalities)}`)}${numberCell(formatInteger(point.task))}${numberCell(formatInteger(point.committed))}${numberCell(formatPercent(point.committedPercent))}${numberCell(formatInteger(point.realised))}${numberCell(formatPercent(point.realisedPercent))}${numberCell(formatInteger(point.remaining))}`
    : html`<td class="utrecht-table__cell" colspan="${columns - 1}">deed niet mee aan deze ronde</td>`;
  return html`<tr class="utrecht-table__row">${lead}${figures}</tr>`;
})}
</tbody>`,
  );
  return html`<div class="rt-table-scroll" role="region" aria-labelledby="verloop-tabel-titel" tabindex="0">
<table class="utrecht-table utrecht-table--html-table rt-table" id="verloop-tabel">
<caption class="utrecht-table__caption" id="verloop-tabel-titel">Verloop per gebied en ronde: taak, toegezegd en gerealiseerd (regulier en AMV samen), in procenten van de taak van die ronde</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${headerCell('Ronde')}${headerCell('Ingezonden', true)}${headerCell('Taak', true)}${headerCell('Toegezegd', true)}${headerCell('% toegezegd', true)}${headerCell('Gerealiseerd', true)}${headerCell('% gerealiseerd', true)}${headerCell('Nog te realiseren', true)}</tr></thead>
${groups}
</table>
</div>`;
}

/**
 * The municipalities that submitted in this round first, then those that have not (yet), each group in the
 * order of the trend (by region, then name): the changes to read are at the top.
 */
function submittedFirst(municipalities: readonly MunicipalityTrend[]): MunicipalityTrend[] {
  const notSubmitted = (m: MunicipalityTrend) => m.kind === 'niet-ingezonden';
  return [...municipalities.filter((m) => !notSubmitted(m)), ...municipalities.filter(notSubmitted)];
}

function changesTable(trends: RoundTrends, regionNames: ReadonlyMap<string, string>): Html {
  const withRegion = regionNames.size > 1;
  const known = (value: number | null) => (value === null ? '—' : formatInteger(value));
  const rows = submittedFirst(trends.municipalities).map((m) => {
    const shareChange = m.share.change ? ` (${formatChange(m.share.change)})` : '';
    return html`${rowHeader(m.name)}${withRegion ? cell(regionNames.get(m.region) ?? m.region) : html``}${cell(trendComparison(m))}${numberCell(known(m.committed.now))}${numberCell(formatChange(m.committed.change))}${numberCell(known(m.realised.now))}${numberCell(formatChange(m.realised.change))}${numberCell(`${known(m.share.now)}${shareChange}`)}`;
  });
  return dataTable({
    id: 'veranderingen-tabel',
    caption:
      'Per gemeente: toegezegd en gerealiseerd nu (regulier en AMV samen) en het verschil met de vorige ronde waarin zij inzond',
    head: [
      headerCell('Gemeente'),
      ...(withRegion ? [headerCell('Regio')] : []),
      headerCell('Vergeleken met'),
      headerCell('Toegezegd', true),
      headerCell('Verschil', true),
      headerCell('Gerealiseerd', true),
      headerCell('Verschil', true),
      headerCell('Aandeel (verschil)', true),
    ],
    rows,
  });
}

/** The section; with a single round a sentence that the trend starts from the next round. */
export function trendsSection(
  trends: RoundTrends,
  regions: readonly { readonly id: string; readonly name: string }[],
): Html {
  const single = trends.rounds.length < 2;
  return html`<section aria-labelledby="verloop" class="rt-section">
<h2 class="utrecht-heading-2" id="verloop">Verloop over de rondes</h2>
${
  single
    ? html`<p class="utrecht-paragraph">Dit is de eerste ronde van dit formulier in dit gebied: het verloop en de verschillen per gemeente staan hier vanaf de volgende ronde.</p>`
    : html`<p class="utrecht-paragraph">Toegezegd en gerealiseerd (regulier en AMV samen) in de rondes van dit formulier tot en met deze${trends.rounds.length > 2 ? ` (de laatste ${trends.rounds.length})` : ''}, tegen de taak van elke ronde: de som van de aandelen van de cyclus op haar peildatum, voor de provincie de provinciale taak. Per ronde telt de laatst ingezonden versie van elke gemeente; wie niet inzond telt in die ronde niet mee.</p>
${charts(trends)}
${figuresTable(trends)}
<h3 class="utrecht-heading-3" id="veranderingen">Per gemeente: verandering sinds de vorige ronde</h3>
<p class="utrecht-paragraph">Een gemeente die de vorige ronde oversloeg wordt vergeleken met de laatste ronde waarin zij wel inzond, en dat staat erbij. Gemeenten die in deze ronde nog niet inzonden staan onderaan.</p>
${changesTable(trends, new Map(regions.map((region) => [region.id, region.name])))}`
}
</section>`;
}
