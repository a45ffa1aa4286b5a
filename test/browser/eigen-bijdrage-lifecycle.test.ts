import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import {
  activate,
  expectAt,
  expectNoAxeViolations,
  listAfterHeading,
  newDutchContext,
  retype,
  reviewAnswers,
  saveScreenshot,
  sendAnswers,
  tableRows,
} from '../support/browser.js';
import { startBrowserPipeline } from '../support/browser-pipeline.js';
import { formJourney } from '../support/form-journey.js';
import { type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * The eigen-bijdrage form over its life in a real browser: a draft a colleague resumes, an amendment with
 * its history, two colleagues amending at once, and the read-only page after the deadline — with axe on
 * every page state. (The first submission by keyboard and the error round-trip are in eigen-bijdrage.test.ts.)
 */

const formId = 'eigen-bijdrage';

let pipeline: TestPipeline;
let round: Round;
let browser: Browser;
let stop: () => Promise<void>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ pipeline, browser, stop } = await startBrowserPipeline());
  round = pipeline.rounds[formId]!;
});

afterAll(() => stop?.());

beforeEach(async () => {
  context = await newDutchContext(browser);
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
});

const { formPath, openInvitation, versions, submittedBefore } = formJourney(
  formId,
  () => ({ pipeline, round }),
  validEigenBijdrage,
);

describe('the eigen-bijdrage form over its life', { timeout: 120_000 }, () => {
  it('keeps an incomplete draft that a colleague continues in another browser', async () => {
    await openInvitation(page, 'GM0148');
    await page
      .getByRole('group', { name: /^Vraagt uw gemeente/ })
      .getByRole('radio', { name: 'Ja' })
      .check();
    await page.getByLabel('Bedrag voor exploitatie en nutsvoorzieningen').fill('244,22');
    await page.getByLabel('Uw naam').fill('Sanne Visser');
    expect(await activate(page.getByRole('button', { name: 'Opslaan en later verder' }), 'save draft')).toBe(
      200,
    );
    await expectAt(page, `${formPath('GM0148')}?concept=opgeslagen`);
    expect(await versions('GM0148')).toEqual([]);

    const colleague = await newDutchContext(browser);
    try {
      const other = await colleague.newPage();
      await openInvitation(other, 'GM0148');
      expect(await other.getByRole('status').first().textContent()).toMatch(
        /^U gaat verder met het concept dat op/,
      );
      expect(await other.getByLabel('Bedrag voor exploitatie en nutsvoorzieningen').inputValue()).toBe(
        '244,22',
      );
      expect(await other.getByLabel('Uw naam').inputValue()).toBe('Sanne Visser');
      await expectNoAxeViolations(other, 'the eigen-bijdrage form resumed from a draft');
      await saveScreenshot(other, `${formId}-concept-hervat`);
    } finally {
      await colleague.close();
    }
  });

  it('opens prefilled to amend, shows what changes, and stores version 2 with the history', async () => {
    await submittedBefore('GM0175');
    await openInvitation(page, 'GM0175');
    expect(await page.getByLabel('Bedrag voor exploitatie en nutsvoorzieningen').inputValue()).toBe('244,22');
    await retype(page.getByLabel('Volwassenen die de volledige bijdrage betalen'), '45');
    await reviewAnswers(page);
    expect(await listAfterHeading(page, 'Wat verandert er ten opzichte van de huidige versie')).toEqual([
      'Volwassenen die de volledige bijdrage betalen: 41 volwassenen → 45 volwassenen',
    ]);
    await expectNoAxeViolations(page, 'the eigen-bijdrage check page of an amendment');
    await sendAnswers(page, formPath('GM0175'), 2);
    const history = page.getByRole('table', { name: 'Elke ingezonden versie blijft bewaard.' });
    const rows = await tableRows(history);
    expect(rows.map((row) => row[0])).toEqual(['Versie 2', 'Versie 1']);
    await expectNoAxeViolations(page, 'the eigen-bijdrage confirmation with history');
    await saveScreenshot(page, `${formId}-bevestiging-versie-2`);
    expect((await versions('GM0175')).map((version) => version.version)).toEqual([1, 2]);
  });

  it('refuses the second of two colleagues amending at once with a Dutch 409 page, keeping their input', async () => {
    await submittedBefore('GM1773');
    const colleague = await newDutchContext(browser);
    try {
      const other = await colleague.newPage();
      await openInvitation(page, 'GM1773');
      await openInvitation(other, 'GM1773');
      await retype(page.getByLabel('Uw naam'), 'Jeroen Smit');
      await reviewAnswers(page);
      await sendAnswers(page, formPath('GM1773'), 2);

      await retype(other.getByLabel('Volwassenen met maatwerk'), '4');
      // Post/redirect/get: “Controleren” stores the input as a draft, which a newer version refuses.
      expect(await activate(other.getByRole('button', { name: 'Controleren', exact: true }), 'check')).toBe(
        409,
      );
      await other.waitForFunction(() => document.activeElement?.id === 'foutmeldingen');
      expect(await other.locator('#foutmeldingen').textContent()).toMatch(
        /Dit formulier is intussen gewijzigd: versie 2 is op .+ ingezonden door Jeroen Smit\./,
      );
      expect(await other.getByLabel('Volwassenen met maatwerk').inputValue()).toBe('4');
      await expectNoAxeViolations(other, 'the eigen-bijdrage 409 conflict page');
      const [current] = await pipeline.items(round.id, `CURRENT#${formId}#GM1773`);
      expect(current).toMatchObject({ version: 2, submittedBy: { name: 'Jeroen Smit' } });
      expect(await versions('GM1773')).toHaveLength(2);
    } finally {
      await colleague.close();
    }
  });

  it('shows the submitted answers read-only once the round has closed', async () => {
    const closing: Round = { ...round, id: `${formId}-gesloten`, title: 'Gesloten ronde eigen bijdrage' };
    expect(await pipeline.store.createRound(closing)).toBe(true);
    await submittedBefore('GM0166', validEigenBijdrage(), closing);
    await pipeline.store.updateRound({
      ...closing,
      deadline: new Date(Date.now() - 24 * 3600 * 1000).toISOString(),
    });
    await openInvitation(page, 'GM0166', closing);
    expect(await page.locator('main .utrecht-alert').textContent()).toContain(
      'U kunt dit formulier niet meer wijzigen.',
    );
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('De Vechtstede');
    await expectNoAxeViolations(page, 'the read-only eigen-bijdrage page');
    await saveScreenshot(page, `${formId}-alleen-lezen`);
  });
});
