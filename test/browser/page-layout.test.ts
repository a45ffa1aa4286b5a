import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import {
  expectNoAxeViolations,
  newDutchContext,
  openInvitation,
  saveScreenshot,
  visit,
} from '../support/browser.js';
import { signInAsStaff, startBrowserPipeline } from '../support/browser-pipeline.js';
import { postJson, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * What a phone (390 px) showed wrong once: a radio button's long label under an empty circle, a text
 * typed on two lines shown on one, a version history whose "what changed" stood off the screen, a table's
 * caption cut off at the screen's edge; and a laptop (1280 px): the invitations' action buttons cut off at
 * the table's edge. Measured where the browser lays them out, not in the markup.
 */

const formId = 'eigen-bijdrage';
const phone = { width: 390, height: 844 };

let pipeline: TestPipeline;
let round: Round;
let browser: Browser;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ pipeline, browser, stop } = await startBrowserPipeline());
  round = pipeline.rounds[formId]!;
});

afterAll(() => stop?.());

async function onScreen<T>(
  use: (page: Page, context: BrowserContext) => Promise<T>,
  viewport: { width: number; height: number } = phone,
): Promise<T> {
  const context = await newDutchContext(browser, { viewport });
  try {
    return await use(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

describe('on a phone (390 px)', { timeout: 120_000 }, () => {
  it('every radio button’s label starts beside its button, on the same line, however long it is', async () => {
    await onScreen(async (page) => {
      await openInvitation(page, pipeline, 'GM0148', round);
      await page
        .getByRole('group', { name: 'Vraagt uw gemeente een eigen bijdrage van werkende ontheemden?' })
        .getByRole('radio', { name: 'Ja' })
        .check();
      const placed = await page.locator('input[type="radio"]:visible').evaluateAll((inputs) =>
        inputs.map((input) => {
          const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`)!;
          const [box, text] = [input.getBoundingClientRect(), label.getBoundingClientRect()];
          return {
            label: label.textContent,
            besides: text.left >= box.right,
            sameLine: text.top < box.bottom,
          };
        }),
      );
      const long = placed.find((option) => option.label === 'Met een eigen verklaring van de bewoner');
      expect(long, 'the long option is on the page').toBeDefined();
      expect(placed.length).toBeGreaterThan(6);
      for (const option of placed)
        expect(option, option.label ?? '').toMatchObject({ besides: true, sameLine: true });
      await saveScreenshot(page, 'keuzes-lang-label-390');
    });
  });

  it('an explanation typed on two lines is shown on two lines; the history puts what changed under each version, on the screen', async () => {
    const url = pipeline.formUrl('GM0150', round);
    const remarks = 'Eerste regel van de toelichting.\nTweede regel.';
    expect((await postJson(url, { answers: validEigenBijdrage({ remarks }) })).status).toBe(201);
    expect(
      (await postJson(url, { answers: validEigenBijdrage({ remarks, adultsFull: 44 }), baseVersion: 1 }))
        .status,
    ).toBe(201);
    await onScreen(async (page) => {
      await openInvitation(page, pipeline, 'GM0150', round);
      await visit(page, `${url}/bevestiging`);
      const shown = page
        .locator('.rt-answer-list .utrecht-data-list__item')
        .filter({ hasText: 'Wilt u nog iets toelichten?' })
        .locator('dd');
      // innerText follows the layout: a line break only where the page shows one.
      // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out is what is tested
      expect(await shown.innerText()).toBe(remarks);

      const table = page.locator('table.rt-versions');
      const changed = table.locator('tbody tr').first().locator('td').last();
      await changed.scrollIntoViewIfNeeded();
      const box = (await changed.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
      // The full width of the region, not a column of a few words per line.
      expect(box.width).toBeGreaterThan(300);
      expect(await changed.textContent()).toContain('Volwassenen die de volledige bijdrage betalen');
      await expectNoAxeViolations(page, 'the confirmation with its history on a phone');
      await saveScreenshot(page, 'versies-390');
    });
  });

  it('a wide table’s caption stays on the screen, wrapped, while the table scrolls sideways; the submissions legend stays readable', async () => {
    await onScreen(async (page) => {
      await signInAsStaff(page, pipeline, /Provincie Overijssel/);
      await visit(page, `${pipeline.baseUrl}/staf/rondes/${round.id}`);
      const captions = await page.locator('.rt-table-scroll caption').evaluateAll((all) =>
        all.map((caption) => {
          const box = caption.getBoundingClientRect();
          const table = caption.closest('table')!.getBoundingClientRect();
          return { text: caption.textContent, left: box.left, right: box.right, tableWidth: table.width };
        }),
      );
      const wide = captions.filter((caption) => caption.tableWidth > phone.width);
      expect(wide.length, 'a table wider than the phone').toBeGreaterThan(0);
      for (const caption of captions) {
        expect(caption.left, caption.text ?? '').toBeGreaterThanOrEqual(0);
        expect(caption.right, caption.text ?? '').toBeLessThanOrEqual(phone.width);
      }
      // The submissions bar's legend is text of the page's own size, not drawn and scaled down with the bar.
      const legend = await page.locator('.rt-chart-legend li').evaluateAll((items) =>
        items.map((item) => ({
          size: Number.parseFloat(getComputedStyle(item).fontSize),
          right: item.getBoundingClientRect().right,
          text: item.textContent,
        })),
      );
      expect(legend.map((item) => item.text)).toEqual([
        expect.stringMatching(/^Ingezonden: \d+$/),
        expect.stringMatching(/^Alleen concept: \d+$/),
        expect.stringMatching(/^Nog niets: \d+$/),
      ]);
      for (const item of legend) {
        expect(item.size, item.text ?? '').toBeGreaterThanOrEqual(14);
        expect(item.right, item.text ?? '').toBeLessThanOrEqual(phone.width);
      }
      await expectNoAxeViolations(page, 'the round page on a phone');
      await saveScreenshot(page, 'ronde-bijschrift-390');
    });
  });
});

describe('on a laptop (1280 px)', { timeout: 120_000 }, () => {
  it('a page asks for no /favicon.ico (its icon is in the page) and logs no error', async () => {
    await onScreen(
      async (page) => {
        const asked: string[] = [];
        const errors: string[] = [];
        page.on('request', (request) => asked.push(new URL(request.url()).pathname));
        page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
        await openInvitation(page, pipeline, 'GM0193', round);
        await visit(page, `${pipeline.baseUrl}/toegankelijkheid`);
        // A browser asks for the icon after the page has loaded.
        await page.waitForTimeout(300);
        expect(asked).not.toContain('/favicon.ico');
        expect(errors).toEqual([]);
      },
      { width: 1280, height: 900 },
    );
  });

  it('the invitations table fits its region: every action button whole, no sideways scrolling', async () => {
    await onScreen(
      async (page) => {
        await signInAsStaff(page, pipeline, /Provincie Overijssel/);
        await visit(page, `${pipeline.baseUrl}/staf/rondes/${round.id}/uitnodigingen`);
        const region = page.locator('.rt-table-scroll').filter({ has: page.locator('#uitnodigingen') });
        const fits = await region.evaluate((element) => element.scrollWidth <= element.clientWidth);
        expect(fits, 'the table is no wider than its region').toBe(true);
        const buttons = await page.locator('#uitnodigingen button').evaluateAll((all) =>
          all.map((button) => ({
            text: button.textContent,
            whole: button.scrollWidth <= button.clientWidth,
          })),
        );
        expect(buttons.length).toBeGreaterThan(20);
        for (const button of buttons) expect(button.whole, button.text ?? '').toBe(true);
        await expectNoAxeViolations(page, 'the invitations page on a laptop');
        await saveScreenshot(page, 'uitnodigingen-1280');
      },
      { width: 1280, height: 900 },
    );
  });
});
