import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  expectNoAxeViolations,
  expectReflow,
  saveScreenshot,
  screenshotDir,
  tableRows,
  tablesOutsideScrollRegions,
  visit,
} from '../support/browser.js';
import { startBrowserPage } from '../support/browser-pipeline.js';
import { postJson, type TestPipeline, validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * The staff dashboard as a person uses it: sign in through the sign-in page (the local stand-in of
 * Cognito's), look at the rounds and one round with its charts, download an export, send a summary, sign
 * out. Axe-clean and photographed at every step.
 */

let pipeline: TestPipeline;
let stop: () => Promise<void>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ pipeline, context, page, stop } = await startBrowserPage(async (started) => {
    const round = started.rounds['voortgang-opgaven']!;
    const submit = async (code: string, overrides: Record<string, unknown>) => {
      const url = `${started.baseUrl}/formulieren/voortgang-opgaven/${round.id}/${code}`;
      expect((await postJson(url, { answers: validVoortgangOpgaven(overrides) })).status).toBe(201);
    };
    await submit('GM0193', {});
    await submit('GM0150', { regularCommitted: 200, regularRealised: 90 });
    await submit('GM0153', { regularCommitted: 1100, regularRealised: 950 });
  }));
});

afterAll(() => stop?.());

async function signIn(role: RegExp): Promise<void> {
  await page.goto(`${pipeline.baseUrl}/staf/rondes`);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Aanmelden als medewerker');
  await expectNoAxeViolations(page, 'aanmelden');
  await page.getByLabel(role).check();
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL(`${pipeline.baseUrl}/staf/rondes`);
}

describe('the staff dashboard in a browser', () => {
  it('sends a visitor without a sign-in to the sign-in page, and back to the dashboard after', async () => {
    await signIn(/Provincie Overijssel/);
    await expectNoAxeViolations(page, 'rondes');
    expect(await page.locator('h1').textContent()).toBe('Rondes');
    expect(await page.locator('.rt-staff-bar').textContent()).toContain('Provincie Overijssel');
    // No loose text between the page's blocks (a stray count of failed emails stood there once).
    const loose = await page
      .locator('main')
      .evaluate((main) =>
        [...main.childNodes].flatMap((node) =>
          node.nodeType === Node.TEXT_NODE && node.textContent?.trim() ? [node.textContent.trim()] : [],
        ),
      );
    expect(loose).toEqual([]);
    const rows = await tableRows(page.locator('table').first());
    expect(rows.map((row) => row[0])).toEqual(
      expect.arrayContaining([expect.stringContaining(pipeline.rounds['voortgang-opgaven']!.title)]),
    );
    const file = await saveScreenshot(page, 'dashboard-rondes');
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });

  it('shows a round: status per municipality, the share chart with its table, exports and summaries', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    await page.goto(`${pipeline.baseUrl}/staf/rondes/${round.id}`);
    await expectNoAxeViolations(page, 'ronde');
    expect(await page.locator('h1').textContent()).toBe(round.title);
    const status = await tableRows(page.getByRole('table', { name: /Stand per gemeente/ }));
    expect(status).toHaveLength(25);
    expect(status.find((row) => row[0]!.startsWith('Zwolle'))![2]).toBe('Ingezonden');
    expect(status.find((row) => row[0]!.startsWith('Almelo'))![2]).toBe('Nog niets');

    const charts = page.getByRole('img');
    expect(await charts.count()).toBe(2);
    expect(await page.getByRole('img', { name: /toegezegd en gerealiseerd/ }).count()).toBe(1);
    const shares = await tableRows(page.getByRole('table', { name: /indicatieve aandeel/ }));
    // Enschede's published share (seeded: 638, to confirm): 1.100 + 40 committed, 950 + 24 realised.
    expect(shares.find((row) => row[0] === 'Enschede')!.slice(1, 5)).toEqual(['638', '1.140', '974', '0']);
    // Every municipality is listed, also those that did not submit, with its share.
    expect(shares.find((row) => row[0] === 'Almelo')!.slice(2)).toEqual(['nog niet ingezonden']);
    // The province's task is the sum of all 25 shares (6.325), 3 of 25 reported.
    const total = shares.find((row) => row[0]!.startsWith('Totaal provincie Overijssel'))!;
    expect(total[0]).toContain('3 van 25 gemeenten ingezonden');
    expect(total[1]).toBe('6.325');
    expect(shares.some((row) => row[0]!.startsWith('Totaal IJsselland'))).toBe(true);
    expect(shares.some((row) => row[0]!.startsWith('Provinciale taak'))).toBe(true);
    expect(await page.locator('.utrecht-alert', { hasText: 'Demogegevens' }).textContent()).toContain(
      '23 van de aandelen zijn verzonnen',
    );
    const file = await saveScreenshot(page, 'dashboard-ronde');
    expect(statSync(file).size).toBeGreaterThan(30_000);
  });

  it('has a visible legend, chart labels that fit their column, plain names for the files', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    await visit(page, `${pipeline.baseUrl}/staf/rondes/${round.id}`);
    const chart = page.getByRole('img', { name: /toegezegd en gerealiseerd/ });
    const legend = await chart.locator('.rt-legend').textContent();
    expect(legend).toContain('toegezegd');
    expect(legend).toContain('gerealiseerd');
    expect(legend).toContain('100 %');
    // Every label ends before the bars start (x = 230 in the chart's units), the bold totals too.
    const overlaps = await chart.evaluate((svg) =>
      [...svg.querySelectorAll('text.rt-chart-label')]
        .map((text) => {
          const box = (text as SVGTextElement).getBBox();
          return { label: text.textContent ?? '', right: box.x + box.width };
        })
        .filter((label) => label.right > 226),
    );
    expect(overlaps).toEqual([]);
    await chart.screenshot({ path: `${screenshotDir}/dashboard-aandeel-grafiek.png` });
    expect(await page.getByText('CSV (RFC 4180)').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Voor andere programma’s' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Werkmap (.xlsx)' }).count()).toBe(2);
  });

  it('reflows at 200 % zoom and on a phone: only the tables scroll, each in its own container', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    onTestFinished(async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await visit(page, `${pipeline.baseUrl}/staf/rondes/${round.id}`);
    });
    // 1280 px at 200 % zoom is a 640 px wide page; 320 px is a phone (WCAG 1.4.10).
    for (const width of [640, 320]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ['/staf/rondes', `/staf/rondes/${round.id}`]) {
        await page.goto(`${pipeline.baseUrl}${path}`);
        await expectReflow(page, path, [width]);
        // Every table sits in a scroll container that a keyboard can reach.
        expect(await tablesOutsideScrollRegions(page)).toBe(0);
      }
      // The share chart keeps its labels readable (drawn at 13 units): it scrolls in its own region
      // instead of shrinking to the width of a phone.
      const chart = page.getByRole('img', { name: /toegezegd en gerealiseerd/ });
      const labelPixels = await chart.evaluate(
        (svg) => (svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width) * 13,
      );
      expect(labelPixels, `label size at ${width} px`).toBeGreaterThanOrEqual(10);
      expect(await chart.evaluate((svg) => svg.parentElement?.matches('[role="region"][tabindex="0"]'))).toBe(
        true,
      );
      await expectNoAxeViolations(page, `ronde op ${width} px`);
      await saveScreenshot(page, `dashboard-ronde-${width}`);
    }
  });

  it('downloads an export with one click: an Excel CSV with every municipality', async () => {
    const downloadEvent = page.waitForEvent('download');
    await page
      .getByRole('row', { name: /Gemeenten/ })
      .getByRole('link', { name: 'Voor Excel' })
      .first()
      .click();
    const download = await downloadEvent;
    expect(download.suggestedFilename()).toMatch(
      /^voortgang-opgaven_voortgang-opgaven-demo_gemeenten_\d{4}-\d{2}-\d{2}_excel-nl\.csv$/,
    );
    const text = readFileSync((await download.path())!, 'utf8');
    const rows = parse(text, { delimiter: ';', bom: true }) as string[][];
    expect(rows).toHaveLength(26);
    expect(rows.find((row) => row[1] === 'Zwolle')![4]).toBe('ingezonden');
  });

  it('sends the provincial summary once per click, and says so', async () => {
    const before = (await pipeline.mailbox()).length;
    const button = page.getByRole('button', { name: /Verstuur overzicht provincie Overijssel nu/ });
    const form = page.locator('form', { has: button });
    const fields = {
      scope: (await form.locator('input[name=scope]').inputValue()) ?? '',
      requestId: (await form.locator('input[name=requestId]').inputValue()) ?? '',
    };
    await button.click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Het overzicht is verstuurd (1 e-mail)');
    await expectNoAxeViolations(page, 'ronde na versturen');
    await expect.poll(async () => (await pipeline.mailbox()).length).toBe(before + 1);
    // The same form posted again (a double click, a resubmitted page) sends nothing more.
    const again = await page.request.post(
      `${pipeline.baseUrl}/staf/rondes/${pipeline.rounds['voortgang-opgaven']!.id}/overzicht`,
      {
        form: fields,
        headers: { 'sec-fetch-site': 'same-origin' },
        maxRedirects: 0,
      },
    );
    expect(again.status()).toBe(303);
    expect(again.headers().location).toMatch(/\?overzicht=al-verstuurd$/);
    expect((await pipeline.mailbox()).length).toBe(before + 1);
  });

  it('signs out: back on the start page, and the dashboard asks to sign in again', async () => {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL(`${pipeline.baseUrl}/`);
    await expectNoAxeViolations(page, 'startpagina na afmelden');
    await visit(page, `${pipeline.baseUrl}/staf/rondes`);
    expect(await page.locator('h1').textContent()).toBe('Aanmelden als medewerker');
  });

  it('shows a regietafel only its own region', async () => {
    await context.clearCookies();
    await signIn(/Twente/);
    const round = pipeline.rounds['voortgang-opgaven']!;
    await page.goto(`${pipeline.baseUrl}/staf/rondes/${round.id}`);
    await expectReflow(page, 'ronde (Twente)');
    const status = await tableRows(page.getByRole('table', { name: /Stand per gemeente/ }));
    expect(status.every((row) => row[1] === 'Twente')).toBe(true);
    expect(await page.getByRole('button', { name: /provincie/ }).count()).toBe(0);
    await expectNoAxeViolations(page, 'ronde regietafel');
  });
});
