import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import {
  expectAt,
  expectCheckPage,
  expectFocused,
  expectNoAxeViolations,
  expectReflow,
  loadsNewPage,
  newDutchContext,
  openInvitation,
  reviewAnswers,
  saveScreenshot,
  sendAnswers,
  shownAnswers,
  tabOnceTo,
} from '../support/browser.js';
import { startBrowserPage } from '../support/browser-pipeline.js';
import { postJson, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * The check page is a GET (post/redirect/get): Reload, Back and Forward never ask "Confirm Form
 * Resubmission" and never lose what was typed; "Wijzigen" is a plain link to the field, with the input kept.
 * So are the row buttons of a repeated group: each stores the input as the draft and leads to the form (a
 * GET) at the changed row, in a browser without JavaScript too.
 */

const formId = 'eigen-bijdrage';
const municipality = 'GM0180';

let pipeline: TestPipeline;
let round: Round;
let stop: () => Promise<void>;
let page: Page;
let browser: Awaited<ReturnType<typeof startBrowserPage>>['browser'];
const dialogs: string[] = [];

beforeAll(async () => {
  ({ pipeline, page, browser, stop } = await startBrowserPage());
  round = pipeline.rounds[formId]!;
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
});

afterAll(() => stop?.());

const formPath = () => new URL(pipeline.formUrl(municipality, round)).pathname;
const role = (target = page) => target.getByLabel('Uw functie');
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

describe('the row buttons without JavaScript survive Reload, Back and Forward', { timeout: 120_000 }, () => {
  const rowsMunicipality = 'GM0150';
  const rowsPath = () => new URL(pipeline.formUrl(rowsMunicipality, round)).pathname;
  let noScript: Page;
  const noScriptDialogs: string[] = [];
  const posts: string[] = [];
  const location = (number: number) =>
    noScript
      .getByRole('group', { name: `Opvanglocatie ${number}`, exact: true })
      .getByLabel('Naam van de locatie');
  const notice = () => noScript.locator('#f-locations-melding');
  const noticeTop = () => notice().evaluate((element) => element.getBoundingClientRect().top);
  const at = () => {
    const url = new URL(noScript.url());
    return `${url.pathname}${url.search}${url.hash}`;
  };

  beforeAll(async () => {
    noScript = await (await newDutchContext(browser, { javaScriptEnabled: false })).newPage();
    noScript.on('dialog', (dialog) => {
      noScriptDialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    noScript.on('request', (request: Request) => {
      if (request.isNavigationRequest() && request.method() === 'POST') posts.push(request.url());
    });
  });

  it('adds rows: each lands on the form (a GET) at the new row, and Reload resends nothing', async () => {
    await openInvitation(noScript, pipeline, rowsMunicipality, round);
    await role(noScript).fill('Beleidsmedewerker');
    const add = noScript.getByRole('button', { name: 'Opvanglocatie toevoegen' });
    for (const number of [1, 2]) {
      expect(await loadsNewPage(noScript, () => add.click())).toBe(200);
      expect(at()).toBe(
        `${rowsPath()}?melding=rij-toegevoegd&groep=locations&rij=${number}#f-locations-melding`,
      );
      await expectFocused(notice(), `the notice of location ${number}`);
      // Scrolled to, with room above it (scroll-margin): not flush with the top of the window.
      expect(await noticeTop(), `the notice of location ${number} below the top`).toBeGreaterThanOrEqual(16);
      expect(await notice().textContent()).toBe(
        `Opvanglocatie ${number} is toegevoegd. Vul de gegevens hieronder in.`,
      );
      // The notice stands just before the new row: the next Tab lands in it.
      await tabOnceTo(location(number), `the name of location ${number}`);
      if (number === 1) await noScript.keyboard.type('De Vechtstede');
    }
    await saveScreenshot(noScript, 'rij-toegevoegd-zonder-js');
    // axe needs the page's JavaScript: eigen-bijdrage.test.ts checks this page state with it.
    await expectReflow(noScript, 'the form after adding a row without JavaScript');

    const reloaded = await noScript.reload();
    expect(reloaded?.request().method()).toBe('GET');
    expect(reloaded?.status()).toBe(200);
    expect(posts).toHaveLength(2);
    expect(await role(noScript).inputValue()).toBe('Beleidsmedewerker');
    expect(await location(1).inputValue()).toBe('De Vechtstede');
    expect(await notice().textContent()).toContain('Opvanglocatie 2 is toegevoegd.');
    expect(noScriptDialogs).toEqual([]);
  });

  it('removes a row: Reload, Back and Forward ask nothing, resend nothing and keep the input', async () => {
    await location(2).fill('Hotel Wijthmen');
    const remove = noScript.getByRole('button', { name: 'Opvanglocatie 1 verwijderen' });
    expect(await loadsNewPage(noScript, () => remove.click())).toBe(200);
    expect(at()).toBe(`${rowsPath()}?melding=rij-verwijderd&groep=locations&rij=1#f-locations-melding`);
    await expectFocused(notice(), 'the notice of the removed location');
    expect(await noticeTop(), 'the notice of the removed location below the top').toBeGreaterThanOrEqual(16);
    expect(await notice().textContent()).toBe('Opvanglocatie 1 is verwijderd.');
    // Location 2 moved up into its place, right after the notice.
    await tabOnceTo(location(1), 'the name of the location that moved up');
    expect(await location(1).inputValue()).toBe('Hotel Wijthmen');
    expect(await location(2).count()).toBe(0);
    await saveScreenshot(noScript, 'rij-verwijderd-zonder-js');

    const reloaded = await noScript.reload();
    expect(reloaded?.request().method()).toBe('GET');
    expect(await location(1).inputValue()).toBe('Hotel Wijthmen');
    expect(await role(noScript).inputValue()).toBe('Beleidsmedewerker');
    expect(posts).toHaveLength(3);

    // Typed, not yet posted: Back shows the draft as stored (the address of row 2's addition, whose notice no
    // longer fits and is left out), Forward the page as it was left, with what was typed.
    await location(1).fill('Hotel Wijthmen-Zuid');
    const back = await noScript.goBack();
    if (back) expect(back.request().method()).toBe('GET');
    expect(at()).toBe(`${rowsPath()}?melding=rij-toegevoegd&groep=locations&rij=2#f-locations-melding`);
    expect(await role(noScript).inputValue()).toBe('Beleidsmedewerker');
    expect(await location(1).inputValue()).toBe('Hotel Wijthmen');
    expect(await location(2).count()).toBe(0);
    expect(await notice().count()).toBe(0);
    const forward = await noScript.goForward();
    if (forward) expect(forward.request().method()).toBe('GET');
    expect(await location(1).inputValue()).toBe('Hotel Wijthmen-Zuid');
    expect(await role(noScript).inputValue()).toBe('Beleidsmedewerker');
    expect(posts).toHaveLength(3);
    expect(noScriptDialogs).toEqual([]);

    // The page Forward showed is today's: saving it replaces the draft (no conflict with itself).
    const save = noScript.getByRole('button', { name: 'Opslaan en later verder' });
    expect(await loadsNewPage(noScript, () => save.click())).toBe(200);
    expect(at()).toBe(`${rowsPath()}?concept=opgeslagen`);
    expect(await pipeline.items(round.id, `DRAFT#${formId}#${rowsMunicipality}`)).toMatchObject([
      {
        revision: 4,
        raw: { contactRole: 'Beleidsmedewerker', locations: [{ name: 'Hotel Wijthmen-Zuid' }] },
      },
    ]);
    expect(await pipeline.items(round.id, `VERSION#${formId}#${rowsMunicipality}#`)).toEqual([]);
  });
});
