import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import {
  activate,
  expectFocused,
  expectNoAxeViolations,
  loadsNewPage,
  openInvitation,
  reviewAnswers,
  saveScreenshot,
} from '../support/browser.js';
import { startBrowserPipeline } from '../support/browser-pipeline.js';
import { postJson, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * What helps an official find their way on the form pages: error links that bring the question into view
 * (not just the input at the top of the window), with and without JavaScript, on a laptop and a phone; and
 * "Wijzigen" at every answer of the check page, back to that field with nothing typed lost.
 */

const formId = 'eigen-bijdrage';

let pipeline: TestPipeline;
let round: Round;
let browser: Browser;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ pipeline, browser, stop } = await startBrowserPipeline());
  round = pipeline.rounds[formId]!;
});

afterAll(() => stop?.());

const screens = {
  laptop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

async function newPage(
  screen: keyof typeof screens,
  javaScriptEnabled = true,
): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: screens[screen],
    javaScriptEnabled,
  });
  return [context, await context.newPage()];
}

/**
 * Where the question of a field is on the screen: its label, or for a radio button (and for a field in a
 * fieldset when the script chose it) the legend. Negative: above the top of the window, out of sight.
 */
function questionTop(target: Page, id: string): Promise<{ label: number; field: number; height: number }> {
  return target.evaluate((fieldId) => {
    const field = document.getElementById(fieldId)!;
    const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
    const legend = field.closest('fieldset')?.querySelector(':scope > legend');
    const question = field instanceof HTMLInputElement && field.type === 'radio' ? legend : (label ?? field);
    return {
      label: question!.getBoundingClientRect().top,
      field: field.getBoundingClientRect().top,
      height: window.innerHeight,
    };
  }, id);
}

describe('error links keep the question in view', { timeout: 120_000 }, () => {
  it.each([
    ['laptop', true],
    ['phone', true],
    ['laptop', false],
    ['phone', false],
  ] as const)('on a %s (JavaScript %s): label and field both on the screen', async (screen, script) => {
    const [context, page] = await newPage(screen, script);
    try {
      await openInvitation(page, pipeline, screen === 'laptop' ? 'GM0148' : 'GM0150', round);
      // Invalid answers far down the page, so every link has to scroll.
      await page.getByLabel('Uw e-mailadres').fill('geen-adres');
      // The amounts are asked only after ‘ja’ to the first question (hidden until then with JavaScript).
      await page
        .getByRole('group', { name: 'Vraagt uw gemeente een eigen bijdrage van werkende ontheemden?' })
        .getByRole('radio', { name: 'Ja' })
        .check();
      await page.getByLabel(/^Opbrengst per maand/).fill('veel');
      // Post/redirect/get: the input is kept as the draft, the form shows its errors as a GET.
      expect(
        await activate(page.getByRole('button', { name: 'Controleren', exact: true }).last(), 'Controleren'),
      ).toBe(200);
      expect(new URL(page.url()).search).toBe('?controleer=1');
      const links = page.locator('#foutmeldingen').getByRole('link');
      const targets = await links.evaluateAll((anchors) =>
        anchors.map((anchor) => anchor.getAttribute('href')!.slice(1)),
      );
      expect(targets.length).toBeGreaterThan(2);
      for (const [index, id] of targets.entries()) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await links.nth(index).click();
        const field = page.locator(`#${id}`);
        if (await field.evaluate((element) => element.matches('input, select, textarea')))
          await expectFocused(field, `the field behind link ${index + 1}`);
        const shown = await questionTop(page, id);
        expect(shown.label, `the question of #${id} is below the top of the window`).toBeGreaterThanOrEqual(
          0,
        );
        expect(shown.field, `#${id} is on the screen`).toBeLessThan(shown.height);
      }
      if (script) await saveScreenshot(page, `foutlink-${screen}`);
    } finally {
      await context.close();
    }
  });
});

describe('Wijzigen at every answer of the check page', { timeout: 120_000 }, () => {
  it('names each answer, leads to its field with all input kept, and the check page still passes axe', async () => {
    const [context, page] = await newPage('phone');
    try {
      const url = pipeline.formUrl('GM0193', round);
      expect((await postJson(url, { answers: validEigenBijdrage() })).status).toBe(201);
      await openInvitation(page, pipeline, 'GM0193', round);
      await page.getByLabel('Uw functie').fill('Teamleider opvang');
      await reviewAnswers(page);
      await expectNoAxeViolations(page, 'the check page with Wijzigen links');
      await saveScreenshot(page, 'controle-wijzigen-390');

      const change = page.getByRole('link', { name: /^Wijzigen / });
      const names = await change.evaluateAll((links) => links.map((link) => link.textContent));
      expect(names).toContain('Wijzigen Uw functie');
      expect(names).toContain('Wijzigen Naam van de locatie (Opvanglocatie 2)');
      expect(new Set(names).size).toBe(names.length);

      const status = await loadsNewPage(page, () =>
        page.getByRole('link', { name: 'Wijzigen Capaciteit (Opvanglocatie 2)' }).click(),
      );
      expect(status).toBe(200);
      expect(new URL(page.url()).hash).toBe('#f-locations-1-capacity');
      const shown = await questionTop(page, 'f-locations-1-capacity');
      expect(shown.label).toBeGreaterThanOrEqual(0);
      expect(shown.field).toBeLessThan(shown.height);
      // What was typed before the check page is still there.
      expect(await page.getByLabel('Uw functie').inputValue()).toBe('Teamleider opvang');
      await expectNoAxeViolations(page, 'the form after Wijzigen');
    } finally {
      await context.close();
    }
  });
});
