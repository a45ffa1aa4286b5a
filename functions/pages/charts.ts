import { type Html, html } from '../../forms/render/html.js';
import { formatPercent } from '../emails/summary-format.js';

/**
 * The dashboard's charts: inline SVG with a title and a description for screen readers (role="img"), a
 * visible legend, and labels that fit their column. Every figure of a chart is also in a table next to it
 * (the pages put it there), so the chart is never the only way to read a number.
 */

export const chartColours = {
  ingezonden: '#2e7d32',
  concept: '#b26a00',
  niets: '#767676',
  committed: '#1f5f99',
  realised: '#2e7d32',
  guaranteed: '#1f5f99',
  intentions: '#8fb3d9',
  task: '#b3261e',
  track: '#e3e3e3',
  text: '#1a1a1a',
  line: '#1a1a1a',
  grid: '#b0b0b0',
} as const;

/**
 * Width of a label in the chart's units, estimated from its characters: Arial at 13 px averages about 7 px
 * per character, bold about 7.6 (capitals and digits a little more, narrow letters less). Estimated on the
 * generous side, so that a label that fits here fits in the browser.
 */
export function labelWidth(text: string, bold = false, size = 13): number {
  let units = 0;
  for (const char of text) {
    if (/[iIjlt.,:;'’!|() ]/.test(char)) units += 0.32;
    else if (/[mwMW]/.test(char)) units += 0.86;
    else if (/[A-Z0-9]/.test(char)) units += 0.68;
    else units += 0.56;
  }
  return units * size * (bold ? 1.1 : 1);
}

/** A label broken over at most `lines` lines of `width`, the last one cut with an ellipsis if needed. */
export function wrapLabel(text: string, width: number, bold = false, lines = 2): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (labelWidth(candidate, bold) <= width || current === '') {
      current = candidate;
    } else {
      out.push(current);
      current = word;
    }
  }
  if (current) out.push(current);
  const kept = out.slice(0, lines);
  if (out.length > lines) kept[lines - 1] = `${kept[lines - 1]} ${out.slice(lines).join(' ')}`;
  return kept.map((line) => {
    if (labelWidth(line, bold) <= width) return line;
    let cut = line;
    while (cut.length > 1 && labelWidth(`${cut}…`, bold) > width) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  });
}

/** The legend of a chart, drawn in the SVG: coloured keys with their words (the colour never stands alone). */
function svgLegend(
  entries: readonly { colour: string; label: string; kind?: 'box' | 'line' }[],
  y: number,
): Html {
  let x = 0;
  return html`<g class="rt-legend">${entries.map((entry) => {
    const key =
      entry.kind === 'line'
        ? html`<line x1="${x}" y1="${y - 4}" x2="${x + 14}" y2="${y - 4}" stroke="${entry.colour}" stroke-width="2"></line>`
        : html`<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${entry.colour}"></rect>`;
    const text = html`<text x="${x + 18}" y="${y}" font-size="13" fill="${chartColours.text}">${entry.label}</text>`;
    x += 18 + labelWidth(entry.label) + 22;
    return html`${key}${text}`;
  })}</g>`;
}

/** One stacked bar: submitted, draft only, nothing, as parts of all municipalities in scope. */
export function responseChart(
  totals: { readonly ingezonden: number; readonly concept: number; readonly niets: number },
  labels: Readonly<Record<'ingezonden' | 'concept' | 'niets', string>>,
  id: string,
): Html {
  const all = totals.ingezonden + totals.concept + totals.niets;
  const width = 600;
  const parts = (['ingezonden', 'concept', 'niets'] as const).map((status) => ({
    status,
    value: totals[status],
  }));
  let x = 0;
  const bars = parts.map(({ status, value }) => {
    const w = all === 0 ? 0 : (value / all) * width;
    const bar = html`<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="24" fill="${chartColours[status]}"></rect>`;
    x += w;
    return bar;
  });
  const description = `${totals.ingezonden} van ${all} gemeenten ingezonden, ${totals.concept} alleen een concept, ${totals.niets} nog niets.`;
  // The legend in the page's text, not in the drawing: a drawing scaled to a 390 px phone shrank its
  // words to 8 px. (The description says the same to a screen reader, so the legend is hidden from it.)
  return html`<div class="rt-response-chart">
<svg class="rt-chart" viewBox="0 0 ${width} 24" width="100%" role="img" aria-labelledby="${id}-titel ${id}-uitleg" focusable="false">
<title id="${id}-titel">Voortgang van de inzendingen</title>
<desc id="${id}-uitleg">${description}</desc>
${bars}
</svg>
<ul class="rt-chart-legend" aria-hidden="true">${parts.map(
    ({ status, value }) =>
      html`<li><span class="rt-chart-key rt-chart-key--${status}"></span>${labels[status]}: ${value}</li>`,
  )}</ul>
</div>`;
}

/** A row of a bar chart: a thick and a thin bar in percent of the row's own 100 %, and the figure. */
export interface BarRow {
  readonly label: string;
  readonly total?: boolean;
  /** Null: no bar (nothing to compare with, or nothing reported). */
  readonly thick: number | null;
  readonly thin: number | null;
  /** The words right of the bars, e.g. `82,3 % / 48,1 %` or `nog niet ingezonden`. */
  readonly figure: string;
}

export interface BarChart {
  readonly id: string;
  readonly title: string;
  /** For screen readers: what the bars are; the chart adds that the figures are in the table. */
  readonly description: string;
  readonly legend: { readonly thick: string; readonly thin: string; readonly hundred: string };
  readonly colours?: { readonly thick: string; readonly thin: string };
  readonly rows: readonly BarRow[];
}

const labelColumn = 230;
const barColumn = 300;
const figureColumn = 150;

/**
 * Horizontal bars: per row a thick and a thin bar as a percentage, with a line at 100 %. Beyond the scale
 * (at most 200 %) a bar ends in an arrow and the figure tells how far. Labels are wrapped to two lines in
 * their own column, so they never run under the bars; the legend is drawn above the axis. The chart sits in
 * a scroll region (`.rt-chart-scroll`) and is never drawn narrower than 36rem.
 */
export function barChart(chart: BarChart): Html {
  const colours = chart.colours ?? { thick: chartColours.committed, thin: chartColours.realised };
  const gap = 10;
  const width = labelColumn - gap;
  const labels = chart.rows.map((row) => wrapLabel(row.label, width, row.total));
  const heights = labels.map((lines) => (lines.length > 1 ? 40 : 30));
  const legendHeight = 24;
  const top = legendHeight + 28;
  const highest = Math.max(100, ...chart.rows.map((row) => Math.max(row.thick ?? 0, row.thin ?? 0)));
  const scale = Math.min(200, Math.ceil(highest / 50) * 50);
  const xOf = (percent: number) => labelColumn + (Math.min(Math.max(percent, 0), scale) / scale) * barColumn;
  const height = top + heights.reduce((sum, h) => sum + h, 0) + 8;
  const ticks = [0, 50, 100, 150, 200].filter((tick) => tick <= scale);
  let y = top;
  const body = chart.rows.map((row, index) => {
    const lines = labels[index]!;
    const rowTop = y;
    y += heights[index]!;
    const barTop = rowTop + (heights[index]! - 18) / 2;
    const text = lines.map(
      (line, n) =>
        html`<tspan x="0" y="${(rowTop + (lines.length > 1 ? 15 + n * 16 : 19)).toFixed(0)}">${line}</tspan>`,
    );
    const beyond = Math.max(row.thick ?? 0, row.thin ?? 0) > scale;
    return html`<g>
<text class="rt-chart-label" font-size="13" fill="${chartColours.text}"${row.total ? html` font-weight="bold"` : html``}>${text}</text>
<rect x="${labelColumn}" y="${barTop}" width="${barColumn}" height="18" fill="${chartColours.track}"></rect>
${row.thick === null ? '' : html`<rect x="${labelColumn}" y="${barTop}" width="${(xOf(row.thick) - labelColumn).toFixed(1)}" height="12" fill="${colours.thick}"></rect>`}
${row.thin === null ? '' : html`<rect x="${labelColumn}" y="${barTop + 12}" width="${(xOf(row.thin) - labelColumn).toFixed(1)}" height="6" fill="${colours.thin}"></rect>`}
<text x="${labelColumn + barColumn + 8}" y="${barTop + 13}" font-size="12" fill="${chartColours.text}">${row.figure}${beyond ? ' ▸' : ''}</text>
</g>`;
  });
  const axis = ticks.map(
    (tick) =>
      html`<text x="${xOf(tick)}" y="${top - 12}" font-size="11" text-anchor="middle" fill="${chartColours.text}">${tick} %</text>${tick === 100 ? '' : html`<line x1="${xOf(tick)}" y1="${top - 8}" x2="${xOf(tick)}" y2="${height - 6}" stroke="${chartColours.grid}" stroke-width="1" stroke-dasharray="2 3"></line>`}`,
  );
  // The 100 % line goes over the bars, so it shows where a bar passes it.
  const hundred = html`<line x1="${xOf(100)}" y1="${top - 8}" x2="${xOf(100)}" y2="${height - 6}" stroke="${chartColours.line}" stroke-width="2"></line>`;
  const legend = svgLegend(
    [
      { colour: colours.thick, label: chart.legend.thick },
      { colour: colours.thin, label: chart.legend.thin },
      { colour: chartColours.line, label: chart.legend.hundred, kind: 'line' },
    ],
    16,
  );
  // In its own keyboard-reachable scroll region, drawn at least 36rem wide: on a phone the labels stay
  // readable (about 11 px instead of 5) and the chart scrolls sideways by itself, not the page.
  return html`<div class="rt-chart-scroll" role="region" aria-labelledby="${chart.id}-titel" tabindex="0"><svg class="rt-chart" viewBox="0 0 ${labelColumn + barColumn + figureColumn} ${height}" width="100%" role="img" aria-labelledby="${chart.id}-titel ${chart.id}-uitleg" focusable="false">
<title id="${chart.id}-titel">${chart.title}</title>
<desc id="${chart.id}-uitleg">${chart.description} De cijfers staan ook in de tabel hieronder.</desc>
${legend}${axis}${body}${hundred}
</svg></div>`;
}

/** `82,3 % / 48,1 %`: the figure next to a pair of bars. */
export function percentPair(thick: number | null, thin: number | null): string {
  return `${formatPercent(thick)} / ${formatPercent(thin)}`;
}
