import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  expectReflow,
  saveScreenshot,
  tableRows,
  tablesOutsideScrollRegions,
} from '../support/browser.js';
import { startStaffBrowser } from '../support/browser-pipeline.js';
import { postJson, type TestPipeline, validVoortgangOpgaven } from '../support/pipeline.js';
import { addEarlierRounds } from '../support/trend-rounds.js';

/**
 * The round page's "Verloop over de rondes" in Chromium: three rounds of the voortgang form, a chart per
 * region and for the province with a visible legend and round labels that do not overlap, the figures in a
 * labelled scroll region, the changes per municipality; axe-clean, and no sideways scrolling at 320 px.
 */

let pipeline: TestPipeline;
let stop: () => Promise<void>;
let page: Page;
const round = () => pipeline.rounds['voortgang-opgaven']!;

beforeAll(async () => {
  ({ pipeline, page, stop } = await startStaffBrowser(/Provincie Overijssel/, async (started) => {
    await addEarlierRounds(started);
    const url = `${started.baseUrl}/formulieren/voortgang-opgaven/${started.rounds['voortgang-opgaven']!.id}/GM0193`;
    const answers = validVoortgangOpgaven({ regularCommitted: 650, regularRealised: 360 });
    expect((await postJson(url, { answers })).status).toBe(201);
  }));
});

afterAll(() => stop?.());

const section = () => page.locator('section[aria-labelledby="verloop"]');

describe('the trend across rounds in a browser', () => {
  it('shows a chart per area with a legend and labels that do not collide, and the figures as tables', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${pipeline.baseUrl}/staf/rondes/${round().id}#verloop`);
    await expectNoAxeViolations(page, 'ronde met verloop');
    const charts = section().getByRole('img');
    expect(await charts.count()).toBe(3);
    const ijsselland = section().getByRole('img', {
      name: 'IJsselland: toegezegd en gerealiseerd per ronde',
    });
    expect(await ijsselland.isVisible()).toBe(true);
    expect(await ijsselland.locator('.rt-legend').textContent()).toBe('toegezegdgerealiseerdtaak');
    // No two texts of a chart overlap (legend, axis figures, round labels).
    for (const chart of await charts.all()) {
      const collisions = await chart.evaluate((svg) => {
        const boxes = [...svg.querySelectorAll('text')].flatMap((text) => {
          const lines = [...text.querySelectorAll('tspan')];
          return (lines.length > 0 ? lines : [text]).map((node) => node.getBoundingClientRect());
        });
        let found = 0;
        for (const [i, a] of boxes.entries()) {
          for (const b of boxes.slice(i + 1)) {
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) found++;
          }
        }
        return found;
      });
      expect(collisions).toBe(0);
    }
    const figures = page.getByRole('region', { name: /Verloop per gebied en ronde/ });
    expect(await figures.getAttribute('tabindex')).toBe('0');
    const rows = await tableRows(page.getByRole('table', { name: /Verloop per gebied en ronde/ }));
    expect(rows.filter((row) => row[0]!.startsWith('Stand juni 2026'))).toHaveLength(3);
    const changes = await tableRows(
      page.getByRole('table', { name: /Per gemeente: toegezegd en gerealiseerd nu/ }),
    );
    const zwolle = changes.find((row) => row[0] === 'Zwolle')!;
    expect(zwolle.slice(2, 5)).toEqual(['vorige ronde ‘Stand september 2026’', '690', '+90']);
    await saveScreenshot(page, 'verloop-1280');
  });

  it('reflows at 320 px: the charts stack at a readable size, only the tables scroll', async () => {
    await page.setViewportSize({ width: 320, height: 900 });
    await page.goto(`${pipeline.baseUrl}/staf/rondes/${round().id}#verloop`);
    await expectReflow(page, 'verloop', [320]);
    expect(await tablesOutsideScrollRegions(section())).toBe(0);
    // The charts are drawn 300 units wide: at 320 px they keep at least 80 % of their size (12 px text ≥ 9.6 px).
    const widths = await section()
      .locator('svg.rt-trend-svg')
      .evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().width));
    expect(widths).toHaveLength(3);
    for (const width of widths) expect(width).toBeGreaterThanOrEqual(240);
    await expectNoAxeViolations(page, 'verloop op 320 px');
    await saveScreenshot(page, 'verloop-320');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
