import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { barChart, chartColours, labelWidth, wrapLabel } from '../../functions/pages/charts.js';

/** The dashboard's SVG charts: labels that fit their column, a visible legend, text for screen readers. */

describe('chart labels', () => {
  it('keeps a short label on one line and breaks a long one over two, never wider than the column', () => {
    expect(wrapLabel('Zwolle', 220)).toEqual(['Zwolle']);
    const lines = wrapLabel('Totaal provincie Overijssel (ingezonden gemeenten)', 220, true);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(labelWidth(line, true)).toBeLessThanOrEqual(220);
  });

  it('cuts what does not fit in two lines with an ellipsis', () => {
    const lines = wrapLabel(
      'Een heel erg lange naam van een gebied dat nooit in twee regels past bij deze breedte',
      120,
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(labelWidth(lines[1]!)).toBeLessThanOrEqual(120);
  });
});

describe('a bar chart', () => {
  const svg = barChart({
    id: 'test',
    title: 'Titel',
    description: 'Uitleg.',
    legend: { thick: 'toegezegd', thin: 'gerealiseerd', hundred: '100 % = het aandeel' },
    rows: [
      { label: 'Zwolle', thick: 82.3, thin: 48.1, figure: '82,3 % / 48,1 %' },
      {
        label: 'Totaal provincie Overijssel (ingezonden gemeenten)',
        total: true,
        thick: 250,
        thin: null,
        figure: '250,0 %',
      },
    ],
  }).value;

  it('is an image with a title and a description that points to the table', () => {
    expect(svg).toContain('role="img" aria-labelledby="test-titel test-uitleg"');
    expect(svg).toContain(
      '<desc id="test-uitleg">Uitleg. De cijfers staan ook in de tabel hieronder.</desc>',
    );
  });

  it('draws its legend, and a bar beyond the scale ends in an arrow', () => {
    expect(svg).toContain('class="rt-legend"');
    expect(svg).toContain('>toegezegd</text>');
    expect(svg).toContain('>100 % = het aandeel</text>');
    expect(svg).toContain('250,0 % ▸');
    // The long bold label is on two lines (tspans), in the label column.
    expect(svg.match(/<tspan x="0"/g)).toHaveLength(3);
  });
});

describe('the submissions bar’s legend (text under the bar, in the stylesheet’s colours)', () => {
  it('has the bar’s own colour for each status', () => {
    const css = readFileSync(new URL('../../forms/static/regietafel.css', import.meta.url), 'utf8');
    for (const status of ['ingezonden', 'concept', 'niets'] as const) {
      expect(css, status).toMatch(
        new RegExp(`\\.rt-chart-key--${status} \\{\\s*background: ${chartColours[status]};`),
      );
    }
  });
});
