import { formatInteger } from '../../forms/format.js';
import { type Html, html } from '../../forms/render/html.js';
import { chartColours, labelWidth } from './charts.js';

/**
 * A small line chart of one area over the rounds of a form: committed (blue, circles) and realised (green,
 * squares) against the task of each round (red, dashed steps: the task holds for a round and changes
 * with a new cycle). Inline SVG like the other charts (charts.ts): role="img" with a title and a
 * description, a visible legend with a marker per line (the colour never stands alone), round labels that
 * never overlap (when they would, every second or third is shown, always the last), and figures in the
 * table next to it. Drawn 300 units wide, so at 320 px it is shown about at its own size and the text stays
 * readable; several sit side by side on a wide screen.
 */

export interface TrendChart {
  readonly id: string;
  readonly title: string;
  /** For screen readers; the chart adds that the figures are in the table. */
  readonly description: string;
  /** The rounds' reference dates (ISO), oldest first: the horizontal axis. */
  readonly dates: readonly string[];
  /** One value per round; null where the area has no figure (it did not take part). */
  readonly task: readonly (number | null)[];
  readonly committed: readonly (number | null)[];
  readonly realised: readonly (number | null)[];
}

const months = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** `2026-03-01` → [`mrt`, `2026`]: a round on the axis, in two short lines. */
export function axisLabel(isoDate: string): [string, string] {
  const month = Number(isoDate.slice(5, 7));
  return [months[month - 1] ?? isoDate.slice(5, 7), isoDate.slice(0, 4)];
}

/** The smallest round step (1, 2, 2,5 or 5 × a power of ten) that covers `highest` in at most four steps. */
export function niceStep(highest: number): number {
  if (highest <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(highest / 4));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    const step = factor * power;
    if (step * 4 >= highest && Number.isInteger(step)) return step;
  }
  return 10 * power;
}

/** Which of `count` labels of `width` fit at `spacing` apart: every k-th, counted back from the last. */
export function shownLabels(count: number, width: number, spacing: number): Set<number> {
  const every = spacing <= 0 ? count : Math.max(1, Math.ceil((width + 6) / spacing));
  const shown = new Set<number>();
  for (let index = count - 1; index >= 0; index -= every) shown.add(index);
  return shown;
}

const width = 300;
const left = 46;
const right = 14;
const plotHeight = 140;
const fontSize = 12;

/** Segments of consecutive known values, as SVG path data through the points. */
function linePath(points: readonly ({ x: number; y: number } | null)[]): string {
  let path = '';
  let open = false;
  for (const point of points) {
    if (!point) {
      open = false;
      continue;
    }
    path += `${open ? 'L' : 'M'}${point.x.toFixed(1)} ${point.y.toFixed(1)}`;
    open = true;
  }
  return path;
}

export function trendChart(chart: TrendChart): Html {
  const count = chart.dates.length;
  const values = [...chart.task, ...chart.committed, ...chart.realised].filter(
    (value): value is number => value !== null,
  );
  const step = niceStep(Math.max(1, ...values));
  const top = Math.ceil(Math.max(1, ...values) / step) * step;
  const legendY = 14;
  const plotTop = 40;
  const plotBottom = plotTop + plotHeight;
  const height = plotBottom + 44;
  const inner = { from: left + 16, to: width - right - 10 };
  const spacing = count > 1 ? (inner.to - inner.from) / (count - 1) : 0;
  const xOf = (index: number) => (count > 1 ? inner.from + index * spacing : (inner.from + inner.to) / 2);
  const yOf = (value: number) => plotBottom - (value / top) * plotHeight;
  const at = (series: readonly (number | null)[]) =>
    series.map((value, index) => (value === null ? null : { x: xOf(index), y: yOf(value) }));

  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, n) => n * step);
  const grid = ticks.map(
    (tick) =>
      html`<line x1="${left}" y1="${yOf(tick).toFixed(1)}" x2="${width - right}" y2="${yOf(tick).toFixed(1)}" stroke="${tick === 0 ? chartColours.line : chartColours.grid}" stroke-width="1"${tick === 0 ? '' : html` stroke-dasharray="2 3"`}></line><text x="${left - 6}" y="${(yOf(tick) + 4).toFixed(1)}" font-size="${fontSize}" text-anchor="end" fill="${chartColours.text}">${formatInteger(tick)}</text>`,
  );

  const labels = chart.dates.map(axisLabel);
  const widest = Math.max(0, ...labels.flat().map((line) => labelWidth(line, false, fontSize)));
  const shown = shownLabels(count, widest, count > 1 ? spacing : width);
  const axis = labels.map(([month, year], index) =>
    shown.has(index)
      ? html`<text x="${xOf(index).toFixed(1)}" y="${plotBottom + 16}" font-size="${fontSize}" text-anchor="middle" fill="${chartColours.text}"><tspan x="${xOf(index).toFixed(1)}">${month}</tspan><tspan x="${xOf(index).toFixed(1)}" dy="14">${year}</tspan></text>`
      : html``,
  );

  // The task as steps: each round's task holds for the width of that round.
  const half = count > 1 ? spacing / 2 : 40;
  const taskSteps = chart.task.map((value, index) =>
    value === null
      ? html``
      : html`<line x1="${Math.max(left, xOf(index) - half).toFixed(1)}" y1="${yOf(value).toFixed(1)}" x2="${Math.min(width - right, xOf(index) + half).toFixed(1)}" y2="${yOf(value).toFixed(1)}" stroke="${chartColours.task}" stroke-width="2" stroke-dasharray="5 3"></line>`,
  );
  const committed = at(chart.committed);
  const realised = at(chart.realised);
  const circles = committed.map((p) =>
    p
      ? html`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="4" fill="${chartColours.committed}"></circle>`
      : html``,
  );
  const squares = realised.map((p) =>
    p
      ? html`<rect x="${(p.x - 3.5).toFixed(1)}" y="${(p.y - 3.5).toFixed(1)}" width="7" height="7" fill="${chartColours.realised}"></rect>`
      : html``,
  );

  const legendEntries = [
    {
      label: 'toegezegd',
      key: (x: number) =>
        html`<circle cx="${x + 6}" cy="${legendY - 4}" r="4" fill="${chartColours.committed}"></circle>`,
    },
    {
      label: 'gerealiseerd',
      key: (x: number) =>
        html`<rect x="${x + 2.5}" y="${legendY - 7.5}" width="7" height="7" fill="${chartColours.realised}"></rect>`,
    },
    {
      label: 'taak',
      key: (x: number) =>
        html`<line x1="${x}" y1="${legendY - 4}" x2="${x + 14}" y2="${legendY - 4}" stroke="${chartColours.task}" stroke-width="2" stroke-dasharray="5 3"></line>`,
    },
  ];
  let x = 0;
  const legend = legendEntries.map((entry) => {
    const drawn = html`${entry.key(x)}<text x="${x + 18}" y="${legendY}" font-size="13" fill="${chartColours.text}">${entry.label}</text>`;
    x += 18 + labelWidth(entry.label) + 16;
    return drawn;
  });

  return html`<svg class="rt-chart rt-trend-svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${chart.id}-titel ${chart.id}-uitleg" focusable="false">
<title id="${chart.id}-titel">${chart.title}</title>
<desc id="${chart.id}-uitleg">${chart.description} De cijfers staan ook in de tabel hieronder.</desc>
<g class="rt-legend">${legend}</g>
${grid}${axis}${taskSteps}
<path d="${linePath(committed)}" fill="none" stroke="${chartColours.committed}" stroke-width="2.5"></path>
<path d="${linePath(realised)}" fill="none" stroke="${chartColours.realised}" stroke-width="2.5"></path>
${circles}${squares}
</svg>`;
}
