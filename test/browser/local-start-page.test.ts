import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectReflow } from '../support/browser.js';
import { startBrowserPage } from '../support/browser-pipeline.js';
import type { TestPipeline } from '../support/pipeline.js';

/** The local start page (`/_lokaal/`) as a newcomer opens it: axe-clean, reflows, its links work. */

let pipeline: TestPipeline;
let stop: () => Promise<void>;
let page: Page;

beforeAll(async () => {
  ({ pipeline, page, stop } = await startBrowserPage());
});

afterAll(() => stop?.());

describe('the local start page', () => {
  it('is axe-clean, reflows at 320 px and opens a municipality form from its link', async () => {
    await page.goto(`${pipeline.baseUrl}/_lokaal/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Lokale startpagina');
    await expectNoAxeViolations(page, 'lokale startpagina');
    await expectReflow(page, 'lokale startpagina');
    const section = page.getByRole('region', { name: pipeline.round.title });
    await section.getByRole('link', { name: 'Zwolle', exact: true }).click();
    await page.waitForURL(/\/formulieren\/eigen-bijdrage\/eigen-bijdrage-demo\/GM0193$/);
    await expectNoAxeViolations(page, 'formulier via de startpagina');
  });
});
