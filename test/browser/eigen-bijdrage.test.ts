import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseWithArrowKeys,
  expectFocused,
  expectNoAxeViolations,
  loadsNewPage,
  newDutchContext,
  pressEnterOn,
  retype,
  saveScreenshot,
  tabAndType,
  tabOnceTo,
  tabTo,
  visit,
} from '../support/browser.js';
import { startBrowserPipeline } from '../support/browser-pipeline.js';
import type { TestPipeline } from '../support/pipeline.js';

/**
 * A municipal official fills in the eigen-bijdrage form in a real browser (Debian Chromium), the way a
 * person does: tabbing from field to field, typing, Space on radio buttons and Enter on buttons. The page
 * has no JavaScript: adding and removing a location posts the form and the server renders it again.
 *
 * Dates are typed the Dutch way (1-1-2024) into a text field: a browser's own date field would follow the
 * browser's language and show an English browser month/day/year.
 */

let pipeline: TestPipeline;
let browser: Browser;
let stop: () => Promise<void>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ pipeline, browser, stop } = await startBrowserPipeline());
});

afterAll(() => stop?.());

beforeEach(async () => {
  context = await newDutchContext(browser);
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
});

/**
 * On the check-your-answers page (after "Controleren"): the answers are shown for review, axe finds
 * nothing, and the official sends them with the keyboard.
 */
async function sendFromCheckPage(page: Page, screenshot?: string): Promise<void> {
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Controleer uw antwoorden');
  await expectNoAxeViolations(page, 'the check-your-answers page');
  if (screenshot) await saveScreenshot(page, screenshot);
  const send = page.getByRole('button', { name: /^(Wijziging )?versturen$/i });
  await send.focus();
  await pressEnterOn(send, 'the Versturen button of the check page');
}

/** Fails unless the browser shows the confirmation page, telling what it shows instead (errors, warnings). */
async function expectConfirmationPage(target: Page, municipality: string, version: number): Promise<void> {
  const url = new URL(target.url());
  const expected = `/formulieren/eigen-bijdrage/eigen-bijdrage-demo/${municipality}/bevestiging`;
  if (url.pathname === expected && url.search === `?versie=${version}`) return;
  const heading = await target.getByRole('heading', { level: 1 }).first().textContent();
  const problems = await target.locator('#foutmeldingen, .utrecht-alert, [role=status]').allTextContents();
  throw new Error(
    `Expected the confirmation page ${expected}?versie=${version}, but the browser shows ${url.pathname}${url.search}: ` +
      `"${heading}"\n${problems.join('\n')}`,
  );
}

const questionGroup = (target: Page | Locator, question: string | RegExp) =>
  target.getByRole('group', { name: question });
const locationRow = (target: Page, number: number) =>
  target.getByRole('group', { name: `Opvanglocatie ${number}`, exact: true });

/**
 * Opens the form as an official does: through the link in the invitation email. The link sets the session
 * cookie and redirects to the form, so the code leaves the address bar.
 */
async function openInvitation(target: Page, municipality: string): Promise<void> {
  const code = await pipeline.tokenFor(municipality);
  await visit(target, `${pipeline.baseUrl}/uitnodiging?code=${encodeURIComponent(code)}`);
  expect(target.url()).toBe(pipeline.formUrl(municipality));
}

async function versions(municipality: string) {
  return pipeline.items(pipeline.round.id, `VERSION#eigen-bijdrage#${municipality}#`);
}

// A journey takes 10–25 s (each axe scan of the long form ~3 s on a busy machine): room beyond the
// project's 60 s so a slow CI runner does not fail it. Nothing here waits on a timer.
describe('the eigen-bijdrage form in a browser, by keyboard', { timeout: 120_000 }, () => {
  it('is filled in with two locations by keyboard, stored, confirmed on screen and by email', async () => {
    await openInvitation(page, 'GM0193');
    expect(await page.title()).toBe(
      'Eigen bijdrage ontheemden uit Oekraïne – Regionale Regietafel Vluchtelingen IJsselland',
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Eigen bijdrage ontheemden uit Oekraïne',
    );
    await saveScreenshot(page, '01-leeg-formulier');
    await expectNoAxeViolations(page, 'het lege formulier');

    // The first Tab shows the skip link; Enter on it moves to the content.
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Direct naar de inhoud' });
    await expectFocused(skipLink, 'the skip link');
    await page.keyboard.press('Enter');
    await expectFocused(page.locator('main'), 'the main content');

    // Invoering: Ja, since 1-1-2024, the schedule, the amounts in Dutch notation, "Allebei", "De gemeente zelf".
    const collects = questionGroup(page, 'Vraagt uw gemeente een eigen bijdrage van werkende ontheemden?');
    await tabOnceTo(collects.getByRole('radio', { name: 'Ja' }), 'the first answer to "Vraagt uw gemeente…"');
    await page.keyboard.press('Space');
    expect(await collects.getByRole('radio', { name: 'Ja' }).isChecked()).toBe(true);

    await tabAndType(
      page.getByLabel('Sinds wanneer vraagt uw gemeente de eigen bijdrage?'),
      'the start date',
      '1-1-2024',
    );
    expect(await page.getByLabel('Sinds wanneer vraagt uw gemeente de eigen bijdrage?').inputValue()).toBe(
      '1-1-2024',
    );
    // Then the national schedule, chosen with the arrow keys by the amounts it lists.
    const schedule = page.getByLabel(/^Welke landelijke bedragen past uw gemeente toe\?/);
    await tabTo(schedule, 'the national schedule select');
    const scheduleApplied = await chooseWithArrowKeys(schedule, /€ 244,22 en € 252,18/);
    await tabAndType(
      page.getByLabel('Bedrag voor exploitatie en nutsvoorzieningen'),
      'the operating costs amount',
      '244,22',
    );
    await tabAndType(page.getByLabel('Bedrag voor catering'), 'the catering amount', '252,18');

    const verification = questionGroup(page, /^Hoe stelt uw gemeente het inkomen vast\?/);
    await tabOnceTo(verification.getByRole('radio').first(), 'the first income verification option');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await verification.getByRole('radio', { name: 'Allebei' }).isChecked()).toBe(true);

    const executedBy = questionGroup(page, /^Wie voert de eigen bijdrage uit\?/);
    await tabOnceTo(executedBy.getByRole('radio', { name: 'De gemeente zelf' }), '"De gemeente zelf"');
    await page.keyboard.press('Space');
    // The executor's name is asked only when someone else executes it: hidden now, so Tab goes past it.
    expect(await page.getByLabel(/^Naam van de uitvoerende organisatie/).isHidden()).toBe(true);

    // First location: Enter on "Opvanglocatie toevoegen" posts the form; the server adds a row.
    const addLocation = page.getByRole('button', { name: 'Opvanglocatie toevoegen' });
    await tabOnceTo(addLocation, 'the add-location button');
    await pressEnterOn(addLocation, 'the add-location button');
    expect(await page.getByRole('status').textContent()).toContain('Opvanglocatie 1 is toegevoegd');
    expect(await page.getByLabel('Bedrag voor exploitatie en nutsvoorzieningen').inputValue()).toBe('244,22');
    expect(await collects.getByRole('radio', { name: 'Ja' }).isChecked()).toBe(true);
    await saveScreenshot(page, '02-opvanglocatie-toegevoegd');
    await expectNoAxeViolations(page, 'het formulier na het toevoegen van een opvanglocatie');

    // The page jumped to the new row: the next Tab lands in it.
    const first = locationRow(page, 1);
    await tabAndType(first.getByLabel('Naam van de locatie'), 'the name of location 1', 'De Vechtstede');
    await tabAndType(first.getByLabel('Capaciteit'), 'the capacity of location 1', '120');
    await tabOnceTo(first.getByRole('radio', { name: 'Ja' }), 'catering "Ja" of location 1');
    await page.keyboard.press('Space');
    await tabAndType(
      first.getByLabel('Aantal bewoners op de peildatum'),
      'the residents of location 1',
      '98',
    );
    await tabOnceTo(first.getByRole('button', { name: 'Opvanglocatie 1 verwijderen' }), 'remove location 1');
    await tabOnceTo(addLocation, 'the add-location button');
    await pressEnterOn(addLocation, 'the add-location button');
    expect(await page.getByRole('status').textContent()).toContain('Opvanglocatie 2 is toegevoegd');

    const second = locationRow(page, 2);
    await tabAndType(second.getByLabel('Naam van de locatie'), 'the name of location 2', 'Hotel Wijthmen');
    await tabAndType(second.getByLabel('Capaciteit'), 'the capacity of location 2', '40');
    await tabOnceTo(second.getByRole('radio', { name: 'Ja' }), 'catering "Ja" of location 2');
    await page.keyboard.press('ArrowRight');
    expect(await second.getByRole('radio', { name: 'Nee' }).isChecked()).toBe(true);
    await tabAndType(
      second.getByLabel('Aantal bewoners op de peildatum'),
      'the residents of location 2',
      '35',
    );

    // Volwassenen en opbrengst, toelichting, contact details.
    await tabTo(page.getByLabel(/^Volwassenen die de volledige bijdrage betalen/), 'adults paying in full');
    await page.keyboard.type('41');
    await tabAndType(page.getByLabel(/^Volwassenen die een gedeeltelijke/), 'adults paying partly', '12');
    await tabAndType(page.getByLabel(/^Volwassenen met maatwerk/), 'adults with a custom arrangement', '2');
    await tabAndType(page.getByLabel(/^Opbrengst per maand/), 'the monthly revenue', '18.450,50');
    await tabAndType(
      page.getByLabel(/^Wilt u nog iets toelichten\?/),
      'the remarks',
      'Uitvoering loopt sinds januari.',
    );
    await tabAndType(page.getByLabel('Uw naam'), 'the contact name', 'Anna de Vries');
    await tabAndType(page.getByLabel('Uw e-mailadres'), 'the contact email', 'anna.devries@zwolle.example');
    await tabAndType(page.getByLabel(/^Uw functie/), 'the contact role', 'Beleidsadviseur opvang');
    const check = page.getByRole('button', { name: 'Controleren', exact: true });
    await tabOnceTo(check, 'the Controleren button');
    await saveScreenshot(page, '03-ingevuld');

    await pressEnterOn(check, 'the Controleren button');
    await sendFromCheckPage(page, '03b-controleren');
    await expectConfirmationPage(page, 'GM0193', 1);

    // The confirmation page shows what they typed.
    expect(await page.title()).toMatch(/^Uw antwoorden zijn ontvangen – /);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uw antwoorden zijn ontvangen');
    const confirmation = await page.locator('main').textContent();
    for (const shown of [
      'Gemeente Zwolle',
      'versie 1',
      'Anna de Vries',
      'anna.devries@zwolle.example',
      'De Vechtstede',
      'Hotel Wijthmen',
      '€ 244,22',
      '€ 252,18',
      '€ 18.450,50',
      'Uitvoering loopt sinds januari.',
    ]) {
      expect(confirmation).toContain(shown);
    }
    await saveScreenshot(page, '04-bevestiging');
    await expectNoAxeViolations(page, 'de bevestigingspagina');

    // Stored: one version with both locations and the typed values as numbers, booleans and a date.
    const stored = await versions('GM0193');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      version: 1,
      municipality: 'GM0193',
      late: false,
      submittedBy: { name: 'Anna de Vries', email: 'anna.devries@zwolle.example' },
    });
    expect(stored[0]?.answers).toEqual({
      collects: true,
      collectingSince: '2024-01-01',
      scheduleApplied,
      amountOperatingCosts: 244.22,
      amountCatering: 252.18,
      incomeVerification: 'beide',
      executedBy: 'gemeente',
      locations: [
        { name: 'De Vechtstede', capacity: 120, catering: true, residents: 98 },
        { name: 'Hotel Wijthmen', capacity: 40, catering: false, residents: 35 },
      ],
      adultsFull: 41,
      adultsPartial: 12,
      adultsCustom: 2,
      monthlyRevenue: 18450.5,
      remarks: 'Uitvoering loopt sinds januari.',
      contactName: 'Anna de Vries',
      contactEmail: 'anna.devries@zwolle.example',
      contactRole: 'Beleidsadviseur opvang',
    });

    // And mailed: one confirmation to the address they typed, listing the locations.
    const mails = (await pipeline.mailbox()).filter((mail) =>
      mail.destination.to.includes('anna.devries@zwolle.example'),
    );
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toContain('gemeente Zwolle');
    expect(mail?.subject).toContain('versie 1');
    for (const body of [mail?.body.html, mail?.body.text]) {
      expect(body).toContain('De Vechtstede');
      expect(body).toContain('Hotel Wijthmen');
    }
  });

  it('shows a focused error summary whose links lead to the fields, keeps the input, then accepts the fix', async () => {
    await openInvitation(page, 'GM0150');

    // A location with an invalid capacity and no catering answer, an invalid email, no answer to the first
    // question (so the questions that follow a ‘ja’ stay hidden) and no name.
    const addLocation = page.getByRole('button', { name: 'Opvanglocatie toevoegen' });
    await addLocation.focus();
    await pressEnterOn(addLocation, 'the add-location button');
    const row = locationRow(page, 1);
    await page.keyboard.press('Tab');
    await expectFocused(row.getByLabel('Naam van de locatie'), 'the name of location 1');
    await page.keyboard.type('Het Kruispunt');
    await tabAndType(row.getByLabel('Capaciteit'), 'the capacity of location 1', 'veel');
    await tabTo(row.getByLabel('Aantal bewoners op de peildatum'), 'the residents of location 1');
    await page.keyboard.type('980');

    const amount = page.getByLabel('Bedrag voor exploitatie en nutsvoorzieningen');
    expect(await amount.isHidden()).toBe(true);
    const email = page.getByLabel('Uw e-mailadres');
    await email.focus();
    await page.keyboard.type('jan-at-deventer');
    // Enter in a text field sends the form, as in any browser.
    await loadsNewPage(page, () => page.keyboard.press('Enter'));

    // The error summary takes focus on load (autofocus), and the title says there is a problem.
    const summary = page.locator('#foutmeldingen');
    await page.waitForFunction(() => document.activeElement?.id === 'foutmeldingen');
    expect(await page.title()).toMatch(/^Fout: Eigen bijdrage ontheemden uit Oekraïne/);
    expect(await summary.getByRole('heading').textContent()).toMatch(
      /^Er zijn \d+ problemen met uw antwoorden$/,
    );
    await saveScreenshot(page, '05-foutmeldingen');
    await expectNoAxeViolations(page, 'het formulier met foutmeldingen');

    const links = summary.getByRole('link');
    const targets = await links.evaluateAll((anchors) =>
      anchors.map((anchor) => anchor.getAttribute('href')),
    );
    expect(targets).toEqual(
      expect.arrayContaining([
        '#f-collects',
        '#f-locations-0-capacity',
        '#f-locations-0-catering',
        '#f-contactName',
        '#f-contactEmail',
      ]),
    );

    // Tab from the summary reaches its first link; Enter on each link moves focus to its field.
    await page.keyboard.press('Tab');
    await expectFocused(links.first(), 'the first link in the error summary');
    for (const [index, href] of targets.entries()) {
      const link = links.nth(index);
      await link.focus();
      await page.keyboard.press('Enter');
      const field = page.locator(String(href));
      await expectFocused(field, `the field behind "${await link.textContent()}"`);
      expect(['INPUT', 'TEXTAREA', 'SELECT']).toContain(await field.evaluate((element) => element.tagName));
    }

    // Each field with an error says so and is marked invalid; the input is kept.
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.inputValue()).toBe('jan-at-deventer');
    expect(await row.getByLabel('Naam van de locatie').inputValue()).toBe('Het Kruispunt');
    expect(await row.getByLabel('Capaciteit').inputValue()).toBe('veel');
    expect(await row.getByLabel('Aantal bewoners op de peildatum').inputValue()).toBe('980');
    const emailError = await email.evaluate((input) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(emailError).toContain('geldig e-mailadres');
    expect(await versions('GM0150')).toEqual([]);

    // The fix: answer "Nee", correct the capacity and the email, answer catering, add a name.
    const collects = questionGroup(page, 'Vraagt uw gemeente een eigen bijdrage van werkende ontheemden?');
    await collects.getByRole('radio', { name: 'Ja' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await collects.getByRole('radio', { name: 'Nee' }).isChecked()).toBe(true);
    expect(await amount.isHidden()).toBe(true);
    await retype(row.getByLabel('Capaciteit'), '1.200');
    await row.getByRole('radio', { name: 'Nee' }).focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Uw naam').focus();
    await page.keyboard.type('Jan Jansen');
    await retype(email, 'jan@deventer.example');
    const check = page.getByRole('button', { name: 'Controleren', exact: true });
    await check.focus();
    await pressEnterOn(check, 'the Controleren button');
    await sendFromCheckPage(page);

    await expectConfirmationPage(page, 'GM0150', 1);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uw antwoorden zijn ontvangen');
    expect(await page.title()).not.toMatch(/^Fout:/);
    const stored = await versions('GM0150');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.answers).toEqual({
      collects: false,
      locations: [{ name: 'Het Kruispunt', capacity: 1200, catering: false, residents: 980 }],
      contactName: 'Jan Jansen',
      contactEmail: 'jan@deventer.example',
    });
  });

  it('removes the second of three locations without losing anything else that was typed', async () => {
    await openInvitation(page, 'GM0164');
    await page.getByLabel('Uw naam').focus();
    await page.keyboard.type('Eva Bakker');
    await page.getByLabel('Uw e-mailadres').focus();
    await page.keyboard.type('eva.bakker@hengelo.example');
    const collects = questionGroup(page, 'Vraagt uw gemeente een eigen bijdrage van werkende ontheemden?');
    await collects.getByRole('radio', { name: 'Ja' }).focus();
    await page.keyboard.press('ArrowRight');

    const addLocation = page.getByRole('button', { name: 'Opvanglocatie toevoegen' });
    const locations = [
      { name: 'Locatie Anninksweg', capacity: '60', catering: 'Ja', residents: '51' },
      { name: 'Locatie Tuindorp', capacity: '25', catering: 'Nee', residents: '20' },
      { name: 'Locatie Hasseler Es', capacity: '80', catering: 'Nee', residents: '77' },
    ];
    for (const [index, location] of locations.entries()) {
      await addLocation.focus();
      await pressEnterOn(addLocation, 'the add-location button');
      const row = locationRow(page, index + 1);
      await tabAndType(
        row.getByLabel('Naam van de locatie'),
        `the name of location ${index + 1}`,
        location.name,
      );
      await tabAndType(
        row.getByLabel('Capaciteit'),
        `the capacity of location ${index + 1}`,
        location.capacity,
      );
      await row.getByRole('radio', { name: location.catering }).focus();
      await page.keyboard.press('Space');
      await row.getByLabel('Aantal bewoners op de peildatum').focus();
      await page.keyboard.type(location.residents);
    }

    const remove = page.getByRole('button', { name: 'Opvanglocatie 2 verwijderen' });
    await remove.focus();
    await pressEnterOn(remove, 'the remove button of location 2');
    expect(await page.getByRole('status').textContent()).toContain('Opvanglocatie 2 is verwijderd');
    expect(await page.getByRole('button', { name: /^Opvanglocatie \d+ verwijderen$/ }).count()).toBe(2);
    await saveScreenshot(page, '06-opvanglocatie-verwijderd');
    await expectNoAxeViolations(page, 'het formulier na het verwijderen van een opvanglocatie');

    // Location 3 moved up to 2 with everything in it; the rest of the form is untouched.
    for (const [number, location] of [
      [1, locations[0]],
      [2, locations[2]],
    ] as const) {
      const row = locationRow(page, number);
      expect(await row.getByLabel('Naam van de locatie').inputValue()).toBe(location?.name);
      expect(await row.getByLabel('Capaciteit').inputValue()).toBe(location?.capacity);
      expect(await row.getByRole('radio', { name: location?.catering }).isChecked()).toBe(true);
      expect(await row.getByLabel('Aantal bewoners op de peildatum').inputValue()).toBe(location?.residents);
    }
    expect(await page.getByText('Locatie Tuindorp').count()).toBe(0);
    expect(await page.locator('input[value="Locatie Tuindorp"]').count()).toBe(0);
    expect(await page.getByLabel('Uw naam').inputValue()).toBe('Eva Bakker');
    expect(await page.getByLabel('Uw e-mailadres').inputValue()).toBe('eva.bakker@hengelo.example');
    expect(await collects.getByRole('radio', { name: 'Nee' }).isChecked()).toBe(true);

    const check = page.getByRole('button', { name: 'Controleren', exact: true });
    await check.focus();
    await pressEnterOn(check, 'the Controleren button');
    await sendFromCheckPage(page);
    await expectConfirmationPage(page, 'GM0164', 1);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uw antwoorden zijn ontvangen');
    const [stored] = await versions('GM0164');
    expect(stored?.answers).toMatchObject({
      collects: false,
      locations: [
        { name: 'Locatie Anninksweg', capacity: 60, catering: true, residents: 51 },
        { name: 'Locatie Hasseler Es', capacity: 80, catering: false, residents: 77 },
      ],
    });
  });
});
