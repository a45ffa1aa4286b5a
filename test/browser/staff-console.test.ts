import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMailEvent } from '../../functions/core/mail-events.js';
import type { MailEvent } from '../../functions/core/model.js';
import {
  loadsNewPage,
  lookAtWideAndNarrow,
  newDutchContext,
  saveScreenshot,
  tableRows,
  visit,
} from '../support/browser.js';
import { startBrowserPage } from '../support/browser-pipeline.js';
import { postJson, type TestPipeline } from '../support/pipeline.js';

/**
 * A round run by the IJsselland secretary in the browser, from opening to closing: open it (check page
 * first), invite, an official opens the link (seen as opened), remind the missing, extend the deadline,
 * re-send a failed mail, correct the address that bounced (the next reminder goes there), read a
 * submission and its history, close the round. Axe on every page state, a screenshot of each, and every
 * page also at 320 px without the page scrolling sideways.
 */

let pipeline: TestPipeline;
let browser: Browser;
let stop: () => Promise<void>;
let page: Page;
let roundPath = '';

beforeAll(async () => {
  ({ pipeline, browser, page, stop } = await startBrowserPage());
});

afterAll(() => stop?.());

/** Axe-clean and photographed as it is, then the same at 320 px: nothing wider than the screen. */
async function lookAt(name: string): Promise<void> {
  await lookAtWideAndNarrow(page, name, `staf-${name}`);
}

const click = (name: string | RegExp) =>
  loadsNewPage(page, () =>
    page
      .getByRole('button', { name, exact: typeof name === 'string' })
      .first()
      .click(),
  );
const follow = (name: string | RegExp) =>
  loadsNewPage(page, () =>
    page
      .getByRole('link', { name, exact: typeof name === 'string' })
      .first()
      .click(),
  );
const notice = () => page.getByRole('status').first().textContent();

describe('the secretary runs a round in the browser', () => {
  it('signs in as the IJsselland regietafel', async () => {
    await visit(page, `${pipeline.baseUrl}/staf/rondes`);
    await page.getByLabel(/IJsselland/).check();
    await click('Aanmelden');
    expect(await page.locator('h1').textContent()).toBe('Rondes');
    await lookAt('rondes');
  });

  it('opens a round: the form, the check page that says what happens, then the round', async () => {
    expect(await follow('Nieuwe ronde')).toBe(200);
    await lookAt('nieuwe-ronde');
    await page.getByLabel('Voortgang opgaven').check();
    await page.getByLabel('Peildatum').fill('1-3-2099');
    await page.getByRole('textbox', { name: 'Datum', exact: true }).fill('20-3-2099');
    await page.getByRole('textbox', { name: 'Tijd', exact: true }).fill('17:00');
    await page.getByLabel('Titel (niet verplicht)').fill('Voortgang maart 2099');
    // A mistake first: the form comes back with the error linked and the input kept.
    await page.getByLabel('Peildatum').fill('31-2-2099');
    expect(await click('Controleren')).toBe(422);
    expect(await page.locator('#foutmeldingen').textContent()).toContain(
      '‘Peildatum’ moet een bestaande datum zijn',
    );
    await lookAt('nieuwe-ronde-fout');
    await page.getByLabel('Peildatum').fill('1-3-2099');
    expect(await click('Controleren')).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Controleer de nieuwe ronde');
    expect(await page.locator('main').textContent()).toContain(
      'De ronde opent nu voor 11 gemeenten (IJsselland).',
    );
    await lookAt('nieuwe-ronde-controle');
    await pipeline.clearMailbox();
    expect(await click('Ronde openen')).toBe(200);
    expect(await notice()).toContain('is geopend en 11 gemeenten zijn uitgenodigd');
    roundPath = new URL(page.url()).pathname;
    expect(roundPath).toBe('/staf/rondes/voortgang-opgaven-2099-03-01');
    expect(await pipeline.mailbox()).toHaveLength(11);
    await lookAt('ronde-geopend');
  });

  it('the invitation email fits a 600 px mail pane: its long link wraps instead of widening it', async () => {
    const mail = (await pipeline.mailbox())[0]!;
    const pane = await (await newDutchContext(browser)).newPage();
    for (const width of [600, 375]) {
      await pane.setViewportSize({ width, height: 800 });
      await pane.setContent(mail.body.html!);
      const overflow = await pane.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `invitation at ${width} px`).toBeLessThanOrEqual(0);
      await saveScreenshot(pane, `staf-uitnodiging-email-${width}`);
    }
    await pane.context().close();
  });

  it('sees the invitations, and that an official opened the link', async () => {
    expect(await follow('Uitnodigingen')).toBe(200);
    const zwolle = (await pipeline.mailbox()).find((mail) =>
      mail.destination.to.includes('coordinator@zwolle.gemeente.example'),
    )!;
    const link = /http\S+\/uitnodiging\?code=[\w.-]+/.exec(zwolle.body.text!)![0];
    const official = await (await newDutchContext(browser)).newPage();
    await visit(official, link);
    expect(await official.locator('h1').textContent()).toContain('Voortgang opgaven');
    await official.context().close();
    await page.reload();
    const rows = await tableRows(page.getByRole('table', { name: 'Uitnodigingen per gemeente' }));
    const row = rows.find((cells) => cells[0]!.startsWith('Zwolle'))!;
    expect(row[3]).toMatch(/\d{4} om \d\d:\d\d/);
    expect(rows.find((cells) => cells[0]!.startsWith('Dalfsen'))![3]).toBe('Nog niet');
    await lookAt('uitnodigingen');
  });

  it('reminds the municipalities without a submission after a preview', async () => {
    const code = new URL(
      /http\S+\/uitnodiging\?code=[\w.-]+/.exec(
        (await pipeline.mailbox()).find((mail) =>
          mail.destination.to.includes('coordinator@zwolle.gemeente.example'),
        )!.body.text!,
      )![0],
    ).searchParams.get('code')!;
    const { validVoortgangOpgaven } = await import('../support/pipeline.js');
    const url = `${pipeline.baseUrl}/formulieren/voortgang-opgaven/voortgang-opgaven-2099-03-01/GM0193`;
    const auth = { authorization: `Bearer ${code}` };
    expect((await postJson(url, { answers: validVoortgangOpgaven() }, auth)).status).toBe(201);
    expect(
      (
        await postJson(
          url,
          { answers: validVoortgangOpgaven({ regularCommitted: 2400 }), baseVersion: 1 },
          auth,
        )
      ).status,
    ).toBe(201);

    await visit(page, `${pipeline.baseUrl}${roundPath}`);
    expect(await follow('Herinneren')).toBe(200);
    expect(await page.locator('main').textContent()).toContain('gaat er vanzelf een herinnering');
    await lookAt('herinneren');
    expect(await click(/Alle 10 gemeenten zonder inzending herinneren/)).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(
      'Herinnering: controleer de e-mail en wie hem krijgt',
    );
    await lookAt('herinneren-voorbeeld');
    await pipeline.clearMailbox();
    expect(await click('10 herinneringen versturen')).toBe(200);
    expect(await notice()).toContain('10 herinneringen zijn verstuurd');
    expect(await pipeline.mailbox()).toHaveLength(10);
    await lookAt('herinneren-verstuurd');
  });

  it('extends the deadline after a confirmation that says what happens to whom', async () => {
    await visit(page, `${pipeline.baseUrl}${roundPath}`);
    expect(await follow('Sluitingsdatum, sluiten of heropenen')).toBe(200);
    await lookAt('wijzigen');
    const section = page.getByRole('region', { name: 'Sluitingsdatum verplaatsen' });
    await section.getByRole('textbox', { name: 'Datum', exact: true }).fill('3-4-2099');
    await section.getByRole('textbox', { name: 'Tijd', exact: true }).fill('12:00');
    expect(await loadsNewPage(page, () => section.getByRole('button', { name: 'Controleren' }).click())).toBe(
      200,
    );
    expect(await page.locator('main').textContent()).toContain(
      'De sluitingsdatum gaat van 20 maart 2099 om 17:00 naar 3 april 2099 om 12:00.',
    );
    await lookAt('wijzigen-controle');
    expect(await click('Sluitingsdatum wijzigen')).toBe(200);
    expect(await notice()).toContain('De ronde sluit nu op 3 april 2099 om 12:00');
    await lookAt('wijzigen-gedaan');
  });

  it('re-sends a failed mail from the mail page', async () => {
    const id = 'reminder#voortgang-opgaven-2099-03-01#GM0148#browser-test';
    await pipeline.store.enqueueMail({
      id,
      kind: 'reminder',
      to: ['coordinator@dalfsen.gemeente.example'],
      subject: 'Herinnering: Voortgang opgaven – gemeente Dalfsen',
      html: '<p>Herinnering</p>',
      text: 'Herinnering',
      createdAt: new Date().toISOString(),
      status: 'pending',
      attempts: 4,
    });
    await pipeline.store.markMailFailed(id, 'SES: Throttling, Maximum sending rate exceeded', undefined);
    // SES reports that Kampen's reminder bounced (the address does not exist) and Deventer's arrived.
    const reminders = (await pipeline.store.listSentMail()).filter((mail) => mail.kind === 'reminder');
    const reported = async (code: string, event: Omit<MailEvent, 'recipient'>) => {
      const mail = reminders.find((candidate) => candidate.id.includes(`#${code}#`))!;
      await recordMailEvent(
        { store: pipeline.store, clock: { now: () => new Date() } },
        {
          messageId: mail.messageId!,
          mailId: mail.id,
          events: [{ ...event, recipient: mail.to[0]! }],
        },
      );
    };
    await reported('GM0166', {
      type: 'bounce',
      at: new Date().toISOString(),
      permanent: true,
      reason: 'Permanent/General: smtp; 550 5.1.1 Recipient address rejected: User unknown',
    });
    await reported('GM0150', { type: 'delivery', at: new Date().toISOString() });
    await visit(page, `${pipeline.baseUrl}/staf/rondes`);
    expect(await page.locator('main').textContent()).toContain('1 e-mail kon niet verstuurd worden');
    expect(await follow('Bekijk de reden en verstuur opnieuw')).toBe(200);
    const undelivered = await tableRows(page.getByRole('table', { name: /die niet aankwam/ }));
    expect(undelivered).toHaveLength(1);
    expect(undelivered[0]![3]).toBe('coordinator@kampen.gemeente.example');
    expect(undelivered[0]![5]).toContain('Onbestelbaar op');
    expect(undelivered[0]![5]).toContain('Reden: Permanent/General: smtp; 550 5.1.1');
    const sent = await tableRows(page.getByRole('table', { name: /Verstuurde e-mail, nieuwste eerst/ }));
    expect(sent.find((cells) => cells[3] === 'coordinator@deventer.gemeente.example')![5]).toMatch(
      /^Aangekomen op /,
    );
    await lookAt('mail');
    expect(await click('Opnieuw versturen…')).toBe(200);
    await lookAt('mail-controle');
    await pipeline.clearMailbox();
    expect(await click('Opnieuw versturen')).toBe(200);
    expect(await notice()).toContain('1 e-mail is opnieuw verstuurd');
    expect((await pipeline.mailbox()).map((mail) => mail.destination.to)).toEqual([
      ['coordinator@dalfsen.gemeente.example'],
    ]);
    await lookAt('mail-gedaan');
  });

  it('corrects the address that bounced, from the mail page', async () => {
    await visit(page, `${pipeline.baseUrl}/staf/mail`);
    expect(await follow('Adressen van Kampen aanpassen')).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Adressen van gemeente Kampen wijzigen');
    await lookAt('contact');
    await page
      .getByRole('textbox', { name: 'E-mailadressen voor uitnodigingen en herinneringen' })
      .fill('vluchtelingen@kampen.gemeente.example');
    expect(await click('Controleren')).toBe(200);
    expect(await page.locator('main').textContent()).toContain('vluchtelingen@kampen.gemeente.example');
    await lookAt('contact-controle');
    expect(await click('Opslaan')).toBe(200);
    expect(await notice()).toContain('De volgende e-mail gebruikt de nieuwe gegevens');
    await lookAt('contact-gedaan');
  });

  it('reminds Kampen, and the reminder goes to the corrected address', async () => {
    await visit(page, `${pipeline.baseUrl}${roundPath}/herinneringen`);
    expect(await page.locator('main').textContent()).toContain('vluchtelingen@kampen.gemeente.example');
    await pipeline.clearMailbox();
    await loadsNewPage(page, () =>
      page
        .getByRole('row', { name: /Kampen/ })
        .getByRole('button')
        .first()
        .click(),
    );
    expect(await page.locator('main').textContent()).toContain('vluchtelingen@kampen.gemeente.example');
    expect(await click('Herinnering versturen')).toBe(200);
    expect((await pipeline.mailbox()).map((mail) => mail.destination.to)).toEqual([
      ['vluchtelingen@kampen.gemeente.example'],
    ]);
  });

  it('reads a submission and its history from the round page', async () => {
    await page.goto(`${pipeline.baseUrl}${roundPath}`);
    await lookAt('ronde-met-inzendingen');
    const rows = await tableRows(page.getByRole('table', { name: /Stand per gemeente/ }));
    // Those without a submission come first.
    expect(rows[0]![2]).toBe('Nog niets');
    expect(rows.at(-1)![0]).toMatch(/^Zwolle/);
    expect(await follow('Zwolle')).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Gemeente Zwolle');
    const versions = await tableRows(page.getByRole('table', { name: /Elke ingezonden versie/ }));
    expect(versions.map((cells) => cells[0])).toEqual(['Versie 2', 'Versie 1']);
    expect(versions[0]![3]).toContain('600 plaatsen → 2.400 plaatsen');
    await lookAt('inzending');
  });

  it('closes the round', async () => {
    await visit(page, `${pipeline.baseUrl}${roundPath}/wijzigen`);
    expect(await click('Ronde nu sluiten…')).toBe(200);
    expect(await page.locator('main').textContent()).toContain('Niemand kan nog inzenden of wijzigen');
    await lookAt('sluiten-controle');
    expect(await click('Ronde sluiten')).toBe(200);
    expect(await notice()).toContain('De ronde is gesloten');
    expect(await page.locator('main').textContent()).toContain('Gesloten');
    await lookAt('ronde-gesloten');
  });
});
