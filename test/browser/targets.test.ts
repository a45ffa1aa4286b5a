import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { loadsNewPage, lookAtWideAndNarrow, visit } from '../support/browser.js';
import { startBrowserPage } from '../support/browser-pipeline.js';
import type { TestPipeline } from '../support/pipeline.js';

/**
 * Provincial staff publish the indicative shares in the browser: the Taakstellingen page from the
 * dashboard, the import form with a CSV file chosen, the check page with the sum against the provincial
 * task, *Publiceren*, and the page with the new revision. Axe on every state, a screenshot of each, and
 * each page also at 320 px without sideways scrolling.
 */

let pipeline: TestPipeline;
let stop: () => Promise<void>;
let page: Page;

beforeAll(async () => {
  ({ pipeline, page, stop } = await startBrowserPage());
});

afterAll(() => stop?.());

async function lookAt(name: string): Promise<void> {
  await lookAtWideAndNarrow(page, name, `taakstellingen-${name}`);
}

const click = (name: string) =>
  loadsNewPage(page, () => page.getByRole('button', { name, exact: true }).first().click());
const follow = (name: string) =>
  loadsNewPage(page, () => page.getByRole('link', { name, exact: true }).first().click());

const sharesFile = [
  'Gemeentecode;Gemeente;Regulier;AMV',
  ...overijssel.municipalities.map((m) => `${m.code};${m.name};231;22`),
].join('\r\n');

describe('provincial staff publish the shares in the browser', () => {
  it('finds the published shares from the dashboard', async () => {
    await visit(page, `${pipeline.baseUrl}/staf/rondes`);
    await page.getByLabel(/Provincie Overijssel/).check();
    await click('Aanmelden');
    expect(await follow('Taakstellingen')).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Taakstellingen');
    expect(await page.getByText('precies de provinciale taak').first().isVisible()).toBe(true);
    await lookAt('overzicht');
  });

  it('chooses a file, checks it and sees the difference from the task named', async () => {
    expect(await follow('Aandelen inlezen')).toBe(200);
    await lookAt('formulier');
    await page.getByLabel('Bron').fill('Staatscourant 31 januari 2024');
    await page.getByLabel('Bestand (CSV)').setInputFiles({
      name: 'aandelen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sharesFile),
    });
    expect(await click('Controleren')).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Controleer de taakstellingen');
    expect(await page.getByText('Verschil: 0 plaatsen').count()).toBe(0);
    // 25 × 253 = 6,325 places, 25 × 22 = 550 AMV: the total matches, AMV is 12 over.
    expect(
      await page
        .getByText('in totaal evenveel plaatsen als de taak, 12 AMV-plaatsen meer')
        .first()
        .isVisible(),
    ).toBe(true);
    await lookAt('controle');
  });

  it('publishes: the page says so and shows revision 2', async () => {
    expect(await click('Publiceren')).toBe(200);
    expect(await page.getByRole('status').first().textContent()).toContain(
      'De aandelen van cyclus 2024-2026 zijn gepubliceerd als versie 2',
    );
    expect(await page.getByText(/^Versie$/).count()).toBeGreaterThan(0);
    await lookAt('gepubliceerd');
  });

  it('a file with errors comes back with each named by its line, the summary linking to the field', async () => {
    expect(await follow('Aandelen inlezen')).toBe(200);
    await page.getByLabel('Bron').fill('Staatscourant');
    await page.getByLabel('Of plak de regels hier').fill('Gemeentecode;Regulier;AMV\nGM9999;1;0');
    expect(await click('Controleren')).toBe(422);
    expect(
      await page.getByText('Regel 2: GM9999: deze gemeentecode staat niet in het register.').isVisible(),
    ).toBe(true);
    await lookAt('fouten');
  });
});
