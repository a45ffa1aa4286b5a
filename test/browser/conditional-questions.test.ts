import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectFocused,
  expectNoAxeViolations,
  loadsNewPage,
  newDutchContext,
  pressEnterOn,
  saveScreenshot,
  visit,
} from '../support/browser.js';
import { startBrowserPipeline } from '../support/browser-pipeline.js';
import type { TestPipeline } from '../support/pipeline.js';

/**
 * The questions asked only after ‘ja’ (GOV.UK's conditional reveal), in a real Chromium: with JavaScript
 * they appear under their question once ‘Ja’ is chosen, by keyboard too; without JavaScript every question
 * is shown with the line saying when to fill it in, and the server drops what a ‘nee’ makes irrelevant.
 */

let pipeline: TestPipeline;
let browser: Browser;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ pipeline, browser, stop } = await startBrowserPipeline());
});

afterAll(() => stop?.());

const question = 'Vraagt uw gemeente een eigen bijdrage van werkende ontheemden?';
const since = 'Sinds wanneer vraagt uw gemeente de eigen bijdrage?';
const hint = 'Alleen invullen als u ‘ja’ koos bij ‘Vraagt uw gemeente een eigen bijdrage’.';

async function openForm(context: BrowserContext, municipality: string): Promise<Page> {
  const page = await context.newPage();
  const code = await pipeline.tokenFor(municipality);
  await visit(page, `${pipeline.baseUrl}/uitnodiging?code=${encodeURIComponent(code)}`);
  expect(page.url()).toBe(pipeline.formUrl(municipality));
  return page;
}

describe('questions asked only after ‘ja’', { timeout: 120_000 }, () => {
  it('with JavaScript: hidden until ‘Ja’ is chosen, then right under the question, by keyboard', async () => {
    const context = await newDutchContext(browser);
    const page = await openForm(context, 'GM0180');
    const collects = page.getByRole('group', { name: question });
    const yes = collects.getByRole('radio', { name: 'Ja' });
    const block = page.locator('#f-collects-vervolg');
    const adults = page.getByRole('heading', { name: 'Volwassenen en opbrengst' });

    expect(await page.getByLabel(since).isHidden()).toBe(true);
    expect(await adults.isHidden()).toBe(true);
    expect(await page.getByText(hint).count()).toBeGreaterThan(0);
    expect(await page.getByText(hint).first().isHidden()).toBe(true);
    expect(await yes.getAttribute('aria-controls')).toBe('f-collects-vervolg f-collects-vervolg-2');
    await expectNoAxeViolations(page, 'the form with the follow-up questions hidden');
    await saveScreenshot(page, 'vervolgvragen-1-verborgen');

    await yes.focus();
    await page.keyboard.press('Space');
    expect(await block.isVisible()).toBe(true);
    expect(await adults.isVisible()).toBe(true);
    // The next Tab lands on the first follow-up question, right after the choice.
    await page.keyboard.press('Tab');
    await expectFocused(page.getByLabel(since), 'the start date, the first follow-up question');
    await page.keyboard.type('1 juli 2024');
    // The executor's name waits for its own answer inside the block.
    const executor = page.getByLabel(/^Naam van de uitvoerende organisatie/);
    expect(await executor.isHidden()).toBe(true);
    await page.getByRole('radio', { name: 'Een externe organisatie' }).focus();
    await page.keyboard.press('Space');
    expect(await executor.isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'the form with the follow-up questions shown');
    await saveScreenshot(page, 'vervolgvragen-2-getoond');

    // ‘Nee’ (arrow keys move the choice) hides them again; what was typed stays in the inputs.
    await yes.focus();
    await page.keyboard.press('ArrowRight');
    expect(await collects.getByRole('radio', { name: 'Nee' }).isChecked()).toBe(true);
    expect(await block.isHidden()).toBe(true);
    expect(await adults.isHidden()).toBe(true);
    expect(await page.getByLabel(since).inputValue()).toBe('1 juli 2024');

    // Controleren after ‘Nee’: the check page, not errors about answers that no longer apply, and what was
    // typed under ‘ja’ is not kept in the draft either.
    await page
      .getByLabel(/^Volwassenen die de volledige bijdrage betalen/)
      .evaluate((input: HTMLInputElement) => {
        input.value = 'twaalf';
      });
    await page.getByLabel('Uw naam').fill('Joost Bakker');
    await page.getByLabel('Uw e-mailadres').fill('j.bakker@deventer.example');
    const check = page.getByRole('button', { name: 'Controleren', exact: true });
    await check.focus();
    await pressEnterOn(check, 'the Controleren button');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Controleer uw antwoorden');
    const [draft] = await pipeline.items(pipeline.round.id, 'DRAFT#eigen-bijdrage#GM0180');
    expect(draft?.raw).toMatchObject({ collects: 'nee', contactName: 'Joost Bakker' });
    for (const key of ['collectingSince', 'executedBy', 'executorName', 'adultsFull'])
      expect(draft?.raw, key).not.toHaveProperty(key);
    await context.close();
  });

  it('without JavaScript: every question shown with when to fill it in; a ‘nee’ stores none of them', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 390, height: 844 },
    });
    const page = await openForm(context, 'GM1773');
    expect(await page.getByLabel(since).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Volwassenen en opbrengst' }).isVisible()).toBe(true);
    expect(await page.getByText(hint).first().isVisible()).toBe(true);
    await saveScreenshot(page, 'vervolgvragen-3-zonder-javascript');

    // Filled in first, then ‘Nee’: the answers that no longer apply are neither checked nor stored.
    await page.getByRole('group', { name: question }).getByRole('radio', { name: 'Ja' }).check();
    await page.getByLabel(since).fill('31-2-2024');
    await page.getByLabel('Volwassenen die de volledige bijdrage betalen').fill('12');
    await page.getByRole('group', { name: question }).getByRole('radio', { name: 'Nee' }).check();
    await page.getByLabel('Uw naam').fill('Iris Smit');
    await page.getByLabel('Uw e-mailadres').fill('iris.smit@olst-wijhe.example');
    const check = page.getByRole('button', { name: 'Controleren', exact: true });
    await check.focus();
    await pressEnterOn(check, 'the Controleren button');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Controleer uw antwoorden');
    const answers = await page.locator('main dl, main table').allTextContents();
    expect(answers.join(' ')).not.toContain(since);
    expect(answers.join(' ')).not.toContain('Volwassenen die de volledige bijdrage betalen');
    const send = page.getByRole('button', { name: /^versturen$/i });
    await send.focus();
    await loadsNewPage(page, () => page.keyboard.press('Enter'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uw antwoorden zijn ontvangen');
    const [version] = await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM1773#');
    expect(version?.answers).toEqual({
      collects: false,
      locations: [],
      contactName: 'Iris Smit',
      contactEmail: 'iris.smit@olst-wijhe.example',
    });
    await context.close();
  });
});
