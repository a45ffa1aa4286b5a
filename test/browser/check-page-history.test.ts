import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import {
  expectAt,
  expectCheckPage,
  expectNoAxeViolations,
  loadsNewPage,
  openInvitation,
  reviewAnswers,
  sendAnswers,
  shownAnswers,
} from '../support/browser.js';
import { startBrowserPage } from '../support/browser-pipeline.js';
import { postJson, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * The check page is a GET (post/redirect/get): Reload, Back and Forward never ask "Confirm Form
 * Resubmission" and never lose what was typed; "Wijzigen" is a plain link to the field, with the input kept.
 */

const formId = 'eigen-bijdrage';
const municipality = 'GM0180';

let pipeline: TestPipeline;
let round: Round;
let stop: () => Promise<void>;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  ({ pipeline, page, stop } = await startBrowserPage());
  round = pipeline.rounds[formId]!;
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
});

afterAll(() => stop?.());

const formPath = () => new URL(pipeline.formUrl(municipality, round)).pathname;
const role = () => page.getByLabel('Uw functie');
const shownRole = async () =>
  Object.values(await shownAnswers(page)).find((section) => 'Uw functie' in section)?.['Uw functie'];

describe('the check page survives Reload, Back and Forward', { timeout: 120_000 }, () => {
  it('reloads, goes back and forward without a resubmission prompt, with the answers kept', async () => {
    expect(
      (await postJson(pipeline.formUrl(municipality, round), { answers: validEigenBijdrage() })).status,
    ).toBe(201);
    await openInvitation(page, pipeline, municipality, round);
    await role().fill('Beleidsmedewerker opvang');
    await reviewAnswers(page);
    const checkUrl = new URL(page.url());
    expect(checkUrl.pathname).toBe(`${formPath()}/controleren`);
    expect(await shownRole()).toBe('Beleidsmedewerker opvang');
    await expectNoAxeViolations(page, 'the check page (a GET)');

    const reloaded = await page.reload();
    expect(reloaded?.request().method()).toBe('GET');
    expect(reloaded?.status()).toBe(200);
    await expectCheckPage(page);
    expect(page.url()).toBe(checkUrl.toString());
    expect(await shownRole()).toBe('Beleidsmedewerker opvang');

    await page.goBack();
    await expectAt(page, formPath());
    expect(await role().inputValue()).toBe('Beleidsmedewerker opvang');

    const forward = await page.goForward();
    if (forward) expect(forward.request().method()).toBe('GET');
    await expectCheckPage(page);
    expect(await shownRole()).toBe('Beleidsmedewerker opvang');
    expect(dialogs).toEqual([]);
    expect(await pipeline.items(round.id, `VERSION#${formId}#${municipality}#`)).toHaveLength(1);
  });

  it('“Wijzigen” is a link that lands on the field with the input kept', async () => {
    const change = page.getByRole('link', { name: 'Wijzigen Uw functie' });
    expect(await loadsNewPage(page, () => change.click())).toBe(200);
    expect(new URL(page.url()).hash).toBe('#f-contactRole');
    expect(await role().inputValue()).toBe('Beleidsmedewerker opvang');
    await role().fill('Teamleider opvang');
    await reviewAnswers(page);
    expect(await shownRole()).toBe('Teamleider opvang');
    const back = page.getByRole('link', { name: 'Terug naar het formulier' });
    expect(await loadsNewPage(page, () => back.click())).toBe(200);
    expect(await role().inputValue()).toBe('Teamleider opvang');
    await reviewAnswers(page);
    expect(dialogs).toEqual([]);
  });

  it('sends once: after Versturen, Back and Reload store nothing more and ask nothing', async () => {
    await sendAnswers(page, formPath(), 2);
    await page.reload();
    await expectAt(page, `${formPath()}/bevestiging?versie=2`);
    // Back to the check page's address: the draft went with the version, so the form opens on version 2.
    await page.goBack();
    await expectAt(page, formPath());
    expect(await role().inputValue()).toBe('Teamleider opvang');
    expect(await page.locator('main').textContent()).toContain('U wijzigt versie 2');
    expect(dialogs).toEqual([]);
    expect(await pipeline.items(round.id, `VERSION#${formId}#${municipality}#`)).toHaveLength(2);
  });
});
