import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import { expectNoAxeViolations, loadsNewPage, saveScreenshot, visit } from '../support/browser.js';
import { startStaffBrowser } from '../support/browser-pipeline.js';
import type { TestPipeline } from '../support/pipeline.js';

/**
 * The staff console's check steps by post/redirect/get, as check-page-history.test.ts proves it for the
 * form: *Controleren* on the deadline page and on *Nieuwe ronde*, *Uitnodigen…* on the invitations page and
 * the reminder's preview are posts that lead (303) to a GET of the check page, so Reload, Back and Forward
 * never ask "Confirm Form Resubmission", change nothing and keep the input; only the confirming button
 * acts, and once.
 */

let pipeline: TestPipeline;
let round: Round;
let page: Page;
let stop: () => Promise<void>;
const dialogs: string[] = [];
const posts: string[] = [];

beforeAll(async () => {
  ({ pipeline, page, stop } = await startStaffBrowser(/Provincie Overijssel/));
  round = pipeline.round;
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request: Request) => {
    if (request.isNavigationRequest() && request.method() === 'POST') posts.push(request.url());
  });
});

afterAll(() => stop?.());

const roundPath = () => `/staf/rondes/${encodeURIComponent(round.id)}`;
const at = () => {
  const url = new URL(page.url());
  return { path: url.pathname, step: url.searchParams.get('stap'), query: url.searchParams };
};
const heading = () => page.getByRole('heading', { level: 1 }).textContent();

/** Reload, Back and Forward on a check page: each a GET without a prompt, the check page as it was. */
async function survivesHistory(checkHeading: string, formHeading: string): Promise<void> {
  const postsBefore = posts.length;
  const checkUrl = page.url();
  const reloaded = await page.reload();
  expect(reloaded?.request().method()).toBe('GET');
  expect(reloaded?.status()).toBe(200);
  expect(page.url()).toBe(checkUrl);
  expect(await heading()).toBe(checkHeading);
  const back = await page.goBack();
  if (back) expect(back.request().method()).toBe('GET');
  expect(await heading()).toBe(formHeading);
  const forward = await page.goForward();
  if (forward) expect(forward.request().method()).toBe('GET');
  expect(page.url()).toBe(checkUrl);
  expect(await heading()).toBe(checkHeading);
  expect(posts).toHaveLength(postsBefore);
  expect(dialogs).toEqual([]);
}

describe('the staff console’s check pages survive Reload, Back and Forward', { timeout: 120_000 }, () => {
  it('moves the deadline: the check page is a GET, Reload changes nothing, the confirmation acts once', async () => {
    const before = (await pipeline.store.getRound(round.id))!.deadline;
    await visit(page, `${pipeline.baseUrl}${roundPath()}/wijzigen`);
    const section = page.getByRole('region', { name: 'Sluitingsdatum verplaatsen' });
    await section.getByRole('textbox', { name: 'Datum', exact: true }).fill('8-1-2027');
    await section.getByRole('textbox', { name: 'Tijd', exact: true }).fill('12:00');
    const check = section.getByRole('button', { name: 'Controleren' });
    expect(await loadsNewPage(page, () => check.click())).toBe(200);
    expect(at().path).toBe(`${roundPath()}/wijzigen`);
    expect(at().step).toBe('deadline-controleren');
    expect(at().query.has('_verzoek')).toBe(false);
    expect(await page.locator('main').textContent()).toContain('naar 8 januari 2027 om 12:00');
    await expectNoAxeViolations(page, 'the deadline’s check page (a GET)');
    await saveScreenshot(page, 'staf-wijzigen-controle-get');

    await survivesHistory(
      'Sluitingsdatum verplaatsen: controleer wat er gebeurt',
      'Sluitingsdatum, sluiten of heropenen',
    );
    expect((await pipeline.store.getRound(round.id))!.deadline).toBe(before);

    // Terug keeps what was typed, also by post/redirect/get.
    expect(
      await loadsNewPage(page, () => page.getByRole('button', { name: 'Terug, niets wijzigen' }).click()),
    ).toBe(200);
    expect(at().step).toBe('terug');
    expect(await heading()).toBe('Sluitingsdatum, sluiten of heropenen');
    expect(await section.getByRole('textbox', { name: 'Datum', exact: true }).inputValue()).toBe('8-1-2027');
    await page.reload();
    expect(await section.getByRole('textbox', { name: 'Tijd', exact: true }).inputValue()).toBe('12:00');
    expect(dialogs).toEqual([]);

    expect(await loadsNewPage(page, () => check.click())).toBe(200);
    expect(
      await loadsNewPage(page, () => page.getByRole('button', { name: 'Sluitingsdatum wijzigen' }).click()),
    ).toBe(200);
    expect(at().path).toBe(roundPath());
    expect(await page.getByRole('status').first().textContent()).toContain(
      'De ronde sluit nu op 8 januari 2027 om 12:00',
    );
    const changed = (await pipeline.store.getRound(round.id))!.deadline;
    expect(changed).not.toBe(before);
    // The result page too is a GET: Reload changes nothing more.
    await page.reload();
    expect((await pipeline.store.getRound(round.id))!.deadline).toBe(changed);
    expect(dialogs).toEqual([]);
  });

  it('a wrong date comes back with its error as a GET too, the input kept', async () => {
    await visit(page, `${pipeline.baseUrl}${roundPath()}/wijzigen`);
    const section = page.getByRole('region', { name: 'Sluitingsdatum verplaatsen' });
    await section.getByRole('textbox', { name: 'Datum', exact: true }).fill('31-2-2027');
    expect(await loadsNewPage(page, () => section.getByRole('button', { name: 'Controleren' }).click())).toBe(
      422,
    );
    expect(at().step).toBe('deadline-controleren');
    const errors = await page.locator('#foutmeldingen').textContent();
    expect(errors).toContain('Nieuwe sluitingsdatum');
    const reloaded = await page.reload();
    expect(reloaded?.request().method()).toBe('GET');
    expect(await page.locator('#foutmeldingen').textContent()).toBe(errors);
    expect(await section.getByRole('textbox', { name: 'Datum', exact: true }).inputValue()).toBe('31-2-2027');
    expect(dialogs).toEqual([]);
  });

  it('opens a round: the check page is a GET, Reload opens nothing, Terug naar het formulier keeps the input', async () => {
    const rounds = (await pipeline.store.listRounds()).length;
    await visit(page, `${pipeline.baseUrl}/staf/nieuwe-ronde`);
    await page.getByLabel('Voortgang opgaven').check();
    await page.getByRole('checkbox', { name: /IJsselland/ }).check();
    await page.getByLabel('Peildatum').fill('1-6-2027');
    await page.getByRole('textbox', { name: 'Datum', exact: true }).fill('18-6-2027');
    await page.getByRole('textbox', { name: 'Tijd', exact: true }).fill('17:00');
    await page.getByLabel('Titel (niet verplicht)').fill('Voortgang juni 2027');
    const check = page.getByRole('button', { name: 'Controleren' });
    expect(await loadsNewPage(page, () => check.click())).toBe(200);
    expect(at().path).toBe('/staf/nieuwe-ronde');
    expect(at().step).toBe('controleren');
    expect(at().query.has('_verzoek')).toBe(false);
    await expectNoAxeViolations(page, 'the new round’s check page (a GET)');
    await survivesHistory('Controleer de nieuwe ronde', 'Nieuwe ronde');
    expect(await pipeline.store.listRounds()).toHaveLength(rounds);
    expect(
      await loadsNewPage(page, () => page.getByRole('button', { name: 'Terug naar het formulier' }).click()),
    ).toBe(200);
    expect(at().step).toBe('wijzigen');
    await page.reload();
    expect(await page.getByLabel('Titel (niet verplicht)').inputValue()).toBe('Voortgang juni 2027');
    expect(await pipeline.store.listRounds()).toHaveLength(rounds);
    expect(dialogs).toEqual([]);
  });

  it('invites: who gets what is a GET page, Reload sends nothing, the confirmation mails once', async () => {
    await pipeline.clearMailbox();
    await visit(page, `${pipeline.baseUrl}${roundPath()}/uitnodigingen`);
    const invite = page.getByRole('button', { name: /^Uitnodigen: \d+ gemeenten zonder uitnodiging/ });
    expect(await loadsNewPage(page, () => invite.click())).toBe(200);
    expect(at().path).toBe(`${roundPath()}/uitnodigingen`);
    expect(at().step).toBe('alle-controleren');
    await expectNoAxeViolations(page, 'the invitations’ check page (a GET)');
    await saveScreenshot(page, 'staf-uitnodigen-controle-get');
    await survivesHistory('Uitnodigen: controleer wie wat krijgt', 'Uitnodigingen');
    expect(await pipeline.mailbox()).toEqual([]);
    expect(await pipeline.store.listInvitations(round.id)).toEqual([]);

    const recipients = await page.locator('input[type="hidden"][name="gemeente"]').count();
    expect(recipients).toBeGreaterThan(10);
    expect(
      await loadsNewPage(page, () => page.getByRole('button', { name: 'Uitnodigingen versturen' }).click()),
    ).toBe(200);
    expect(at().path).toBe(`${roundPath()}/uitnodigingen`);
    expect(await page.getByRole('status').first().textContent()).toContain(`${recipients} gemeenten zijn`);
    await page.reload();
    await page.goBack();
    await page.goForward();
    expect(await pipeline.mailbox()).toHaveLength(recipients);
    expect(dialogs).toEqual([]);
  });

  it('reminds: the preview is a GET page, Reload sends nothing, the confirmation mails once', async () => {
    await pipeline.clearMailbox();
    await visit(page, `${pipeline.baseUrl}${roundPath()}/herinneringen`);
    const preview = page.getByRole('button', { name: /^Alle \d+ gemeenten zonder inzending herinneren/ });
    expect(await loadsNewPage(page, () => preview.click())).toBe(200);
    expect(at().path).toBe(`${roundPath()}/herinneringen`);
    expect(at().step).toBe('voorbeeld');
    expect(at().query.get('alle')).toBe('ja');
    await survivesHistory('Herinnering: controleer de e-mail en wie hem krijgt', 'Herinneren');
    expect(await pipeline.mailbox()).toEqual([]);
    const send = page.getByRole('button', { name: /herinneringen versturen$/ });
    expect(await loadsNewPage(page, () => send.click())).toBe(200);
    expect(at().path).toBe(`${roundPath()}/herinneringen`);
    const sent = (await pipeline.mailbox()).length;
    expect(sent).toBeGreaterThan(10);
    await page.reload();
    expect(await pipeline.mailbox()).toHaveLength(sent);
    expect(dialogs).toEqual([]);
  });
});
