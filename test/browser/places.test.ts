import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  expectReflow,
  saveScreenshot,
  screenshotDir,
  tableRows,
  tablesOutsideScrollRegions,
  visit,
} from '../support/browser.js';
import { startStaffBrowser } from '../support/browser-pipeline.js';
import { postJson, type TestPipeline, validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * Places on a date in a browser, as provincial staff use it (the page has no script; the last test
 * chooses a window with JavaScript switched off): from the round page to the
 * places page, read the chart and its table, choose another window with the keyboard, get the errors of a
 * wrong date, download the export. Axe-clean, no sideways scrolling at 320 px and at 200 % zoom,
 * photographed at every step.
 */

let pipeline: TestPipeline;
let browser: Browser;
let stop: () => Promise<void>;
let context: BrowserContext;
let page: Page;
const round = () => pipeline.rounds['voortgang-opgaven']!;

beforeAll(async () => {
  ({ pipeline, browser, context, page, stop } = await startStaffBrowser(
    /Provincie Overijssel/,
    async (started) => {
      const round = started.rounds['voortgang-opgaven']!;
      const submit = async (code: string, asylumLocations: unknown[]) => {
        const url = `${started.baseUrl}/formulieren/voortgang-opgaven/${round.id}/${code}`;
        expect((await postJson(url, { answers: validVoortgangOpgaven({ asylumLocations }) })).status).toBe(
          201,
        );
      };
      await submit('GM0193', [
        { name: 'Hanzelaan', type: 'azc', capacity: 350, phase: 'operationeel', availableFrom: '2025-01-01' },
        { name: 'Stadshagen', type: 'azc', capacity: 200, phase: 'voornemen', availableFrom: '2025-10-01' },
      ]);
      await submit('GM0153', [
        { name: 'Usselo', type: 'azc', capacity: 300, phase: 'realisatie', availableFrom: '2026-02-01' },
      ]);
    },
  ));
});

afterAll(() => stop?.());

describe('places on a date in a browser', () => {
  it('opens from the round page on the Spreidingswet window, with a chart and its table', async () => {
    await visit(page, `${pipeline.baseUrl}/staf/rondes/${round().id}`);
    await page.getByRole('link', { name: 'Plaatsen beschikbaar in een periode' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Plaatsen beschikbaar in een periode');
    await expectNoAxeViolations(page, 'plaatsen');
    expect(await page.getByLabel('Van', { exact: true }).inputValue()).toBe('1-7-2025');
    expect(await page.getByLabel('Tot en met', { exact: true }).inputValue()).toBe('1-2-2026');
    const chart = page.getByRole('img', { name: /Plaatsen beschikbaar 1 juli 2025 – 1 februari 2026/ });
    expect(await chart.locator('.rt-legend').textContent()).toContain('inclusief voornemens');
    const areas = await tableRows(page.getByRole('table', { name: /per regio en voor de provincie/ }));
    // Zwolle's 350 + 200 and Enschede's 300 (on the window's last day): 650 guaranteed, 850 with intentions.
    expect(areas.at(-1)!.slice(0, 8)).toEqual([
      'Provincie Overijssel',
      '2 van 25 gemeenten',
      '6.325',
      '650',
      '10,3 %',
      '850',
      '13,4 %',
      '350',
    ]);
    await saveScreenshot(page, 'plaatsen');
    await chart.screenshot({ path: `${screenshotDir}/plaatsen-grafiek.png` });
  });

  it('counts another window typed with the keyboard, and names a wrong date', async () => {
    await page.getByLabel('Tot en met', { exact: true }).fill('31-12-2025');
    await page.getByLabel('Tot en met', { exact: true }).press('Enter');
    await page.waitForURL(/tot=31-12-2025/);
    const areas = await tableRows(page.getByRole('table', { name: /per regio en voor de provincie/ }));
    expect(areas.at(-1)!.slice(3, 7)).toEqual(['350', '5,5 %', '550', '8,7 %']);
    await expectNoAxeViolations(page, 'plaatsen, andere periode');

    await page.getByLabel('Van', { exact: true }).fill('31-2-2025');
    await page.getByRole('button', { name: 'Berekenen' }).click();
    await page.waitForURL(/van=31-2-2025/);
    const summary = page.locator('.utrecht-alert, [role="alert"]').first();
    expect(await summary.textContent()).toContain('‘Van’ moet een bestaande datum zijn');
    await expectNoAxeViolations(page, 'plaatsen met een fout');
    await saveScreenshot(page, 'plaatsen-fout');
    await page.getByRole('link', { name: /‘Van’ moet een bestaande datum zijn/ }).click();
    expect(await page.evaluate(() => location.hash)).toBe('#f-van');
  });

  it('downloads the table per area for Excel', async () => {
    await visit(page, `${pipeline.baseUrl}/staf/rondes/${round().id}/plaatsen`);
    const downloadEvent = page.waitForEvent('download');
    await page.getByRole('link', { name: 'voor Excel' }).first().click();
    const download = await downloadEvent;
    expect(download.suggestedFilename()).toBe(
      'plaatsen_voortgang-opgaven-demo_provincie-overijssel_2025-07-01_2026-02-01_gebieden_excel-nl.csv',
    );
    const rows = parse(readFileSync((await download.path())!, 'utf8'), {
      delimiter: ';',
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(rows.at(-1)).toMatchObject({
      Niveau: 'provincie',
      Gegarandeerd: '650',
      'Inclusief voornemens': '850',
    });
  });

  it('needs no JavaScript: the window is a plain form', async () => {
    const noScript = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
    try {
      await noScript.addCookies(await context.cookies());
      const plain = await noScript.newPage();
      await visit(plain, `${pipeline.baseUrl}/staf/rondes/${round().id}/plaatsen`);
      await plain.getByLabel('Van', { exact: true }).fill('1-1-2026');
      await plain.getByRole('button', { name: 'Berekenen' }).click();
      await plain.waitForURL(/van=1-1-2026/);
      expect(await plain.getByRole('table', { name: /per regio en voor de provincie/ }).isVisible()).toBe(
        true,
      );
      // Nothing inline: the one script every page loads (forms/static/regietafel.js) only adds to it.
      expect(await plain.locator('script:not([src])').count()).toBe(0);
    } finally {
      await noScript.close();
    }
  });

  it('reflows on a phone and at 200 % zoom: only the tables scroll, each in its own container', async () => {
    for (const width of [640, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${pipeline.baseUrl}/staf/rondes/${round().id}/plaatsen`);
      await expectReflow(page, 'plaatsen', [width]);
      expect(await tablesOutsideScrollRegions(page)).toBe(0);
      await expectNoAxeViolations(page, `plaatsen op ${width} px`);
      await saveScreenshot(page, `plaatsen-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
