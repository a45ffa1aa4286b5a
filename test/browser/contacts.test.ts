import { readFileSync } from 'node:fs';
import { SESClient } from '@aws-sdk/client-ses';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { sendReminders } from '../../functions/core/reminders.js';
import { randomIds } from '../../functions/http/dependencies.js';
import {
  expectNoAxeViolations,
  expectReflow,
  newDutchContext,
  saveScreenshot,
  visit,
} from '../support/browser.js';
import { signInAsStaff, startBrowserPipeline } from '../support/browser-pipeline.js';
import { postJson, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * The contacts page, the municipality-list import and a round's audit trail as staff use them in a real
 * browser: a regional secretary changes a coordinator's address and sees the next reminder go there, reads
 * the round's audit trail and downloads it; provincial staff read in a merger. Every page state is
 * axe-clean, has no sideways scrolling at 320 px, and is photographed (test-results/browser/).
 */

let pipeline: TestPipeline;
let browser: Browser;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ pipeline, browser, stop } = await startBrowserPipeline());
  expect(
    (await postJson(pipeline.formUrl('GM0193'), { answers: validEigenBijdrage(), baseVersion: 0 })).status,
  ).toBe(201);
});

afterAll(() => stop?.());

async function signedIn(role: RegExp): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newDutchContext(browser);
  const page = await context.newPage();
  await signInAsStaff(page, pipeline, role);
  return { context, page };
}

/** Axe, no sideways scrolling at 320 px (WCAG 1.4.10; tables scroll in their own region), a screenshot. */
async function lookAt(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page, name);
  await saveScreenshot(page, `contacten-${name}`);
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 800 });
  await expectReflow(page, `${name} at 320 px`, [320]);
  await saveScreenshot(page, `contacten-${name}-320`);
  await page.setViewportSize(viewport);
}

describe('contacts in the browser', () => {
  it('a regional secretary changes a coordinator’s address, and the next reminder goes there', async () => {
    const { context, page } = await signedIn(/Regietafel Vluchtelingen IJsselland/);
    await page.getByRole('link', { name: 'Contacten en adressen' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Contacten en adressen');
    await lookAt(page, 'overzicht');
    expect(await page.locator('footer').textContent()).toContain('Secretariaat Regietafel IJsselland');

    await page.getByRole('link', { name: 'Wijzigen (adressen van Zwolle)' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Adressen van gemeente Zwolle wijzigen');
    await lookAt(page, 'formulier');
    const field = page.getByLabel('E-mailadressen voor uitnodigingen en herinneringen');
    await field.fill('anna.devries@zwolle.example\nanna@');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect
      .poll(() => page.locator('.utrecht-form-field-error-message').textContent())
      .toContain('‘anna@’ is geen geldig e-mailadres');
    await lookAt(page, 'formulier-fout');
    // The error summary's link leads to the field.
    await page.locator('a[href="#f-contacts"]').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-contacts');

    await field.fill('anna.devries@zwolle.example');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Controleer de wijziging');
    await lookAt(page, 'controle');
    // Per changed field what it was and what it becomes, addresses one per line.
    const change = page.locator('.rt-change', { hasText: 'E-mailadressen voor uitnodigingen' });
    expect(await change.getByRole('definition').first().getByRole('listitem').allTextContents()).toEqual([
      'coordinator@zwolle.gemeente.example',
    ]);
    expect(await change.getByRole('definition').last().textContent()).toContain(
      'anna.devries@zwolle.example',
    );
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect
      .poll(() => page.locator('[role="status"]').first().textContent())
      .toContain('Gemeente Zwolle');
    await lookAt(page, 'opgeslagen');
    expect(await page.getByRole('table', { name: /Wie wat wijzigde/ }).textContent()).toContain(
      'anna.devries@zwolle.example',
    );

    await pipeline.clearMailbox();
    const mailer = new SesMailer('noreply@regietafel.example', new SESClient({ endpoint: pipeline.ses.url }));
    await sendReminders(
      { store: pipeline.store, mailer, clock: { now: () => new Date() }, ids: randomIds },
      {
        roundId: pipeline.rounds['sociaal-domein']!.id,
        period: 'browser',
        baseUrl: pipeline.baseUrl,
        actor: 'test',
      },
    );
    const zwolle = (await pipeline.mailbox()).filter((mail) => mail.subject.includes('gemeente Zwolle'));
    expect(zwolle.map((mail) => mail.destination.to)).toEqual([['anna.devries@zwolle.example']]);
    expect(zwolle[0]?.replyTo).toEqual(['secretariaat@regietafel-ijsselland.example']);
    await context.close();
  });

  it('the secretary reads the round’s audit trail, filters it and downloads it', async () => {
    const { context, page } = await signedIn(/Regietafel Vluchtelingen IJsselland/);
    await page.goto(`${pipeline.baseUrl}/staf/rondes/${pipeline.round.id}`);
    await lookAt(page, 'ronde');
    await page.getByRole('link', { name: 'Logboek', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Logboek');
    await lookAt(page, 'logboek');
    await page.getByLabel('Gemeente').selectOption('GM0193');
    await page.getByLabel('Actie').selectOption('submission');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/gemeente=GM0193&actie=submission/);
    await lookAt(page, 'logboek-gefilterd');
    const rows = await page
      .getByRole('table', { name: /Logboek van/ })
      .locator('tbody tr')
      .count();
    expect(rows).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download als Excel-bestand (CSV)' }).click(),
    ]);
    const file = readFileSync((await download.path())!, 'utf8');
    const lines = parse(file, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(lines.map((line) => [line.Actie, line.Gemeente])).toEqual([['Ingezonden', 'Zwolle']]);
    await context.close();
  });

  it('provincial staff read in a merger from a file, after the check page', async () => {
    const { context, page } = await signedIn(/Provincie Overijssel/);
    await visit(page, `${pipeline.baseUrl}/staf/contacten`);
    await page.getByRole('link', { name: 'Gemeentelijst inlezen' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Gemeentelijst inlezen');
    await lookAt(page, 'gemeentelijst');
    const list = [
      'code;naam;provincie;regio',
      ...overijssel.municipalities
        .filter((m) => m.code !== 'GM0160' && m.code !== 'GM0175')
        .map((m) => `${m.code};${m.name};Overijssel;${m.region === 'twente' ? 'Twente' : 'IJsselland'}`),
      'GM1997;Vechtdal;Overijssel;IJsselland',
    ].join('\r\n');
    await page
      .getByLabel('Bestand (CSV)')
      .setInputFiles({ name: 'herindeling.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${list}`) });
    await page.getByLabel('Ingangsdatum').fill('1-1-2099');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Controleer de gemeentelijst');
    await lookAt(page, 'gemeentelijst-controle');
    const text = await page.locator('main').textContent();
    expect(text).toContain('Nieuwe gemeente: Vechtdal (GM1997) in regio IJsselland, vanaf 1 januari 2099.');
    expect(text).toContain('Ommen (GM0175) houdt op te bestaan');
    await page.getByRole('button', { name: 'Wijzigingen doorvoeren' }).click();
    await expect
      .poll(() => page.locator('[role="status"]').first().textContent())
      .toContain('De gemeentelijst is ingelezen');
    await lookAt(page, 'gemeentelijst-doorgevoerd');
    expect(await page.locator('main').textContent()).toContain('Nieuw vanaf 1 januari 2099');

    // A list with mistakes: every wrong line named, nothing changed.
    await visit(page, `${pipeline.baseUrl}/staf/contacten/gemeentelijst`);
    await page
      .getByLabel('Of plak de lijst hier')
      .fill('code;naam;provincie;regio\nGM01;Zwolle;Overijssel;IJsselland');
    await page.getByLabel('Ingangsdatum').fill('1-1-2099');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.locator('#f-lijst-fouten').textContent()).toContain('Regel 2 (Zwolle)');
    await lookAt(page, 'gemeentelijst-fout');
    await context.close();
  });
});
