import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import { housingTargets } from '../support/aggregation-fixtures.js';
import {
  activate,
  chooseWithArrowKeys,
  expectAt,
  expectCheckPage,
  expectFocused,
  expectNoAxeViolations,
  listAfterHeading,
  loadsNewPage,
  newDutchContext,
  pressEnterOn,
  retype,
  reviewAnswers,
  shownAnswers,
  tabAndType,
  tableRows,
  tabOnceTo,
  tabTo,
} from '../support/browser.js';
import { startBrowserPipeline } from '../support/browser-pipeline.js';
import { formJourney } from '../support/form-journey.js';
import { type TestPipeline, validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * A municipal official reports the "Voortgang opgaven" in a real browser (Debian Chromium): asylum places,
 * asylum locations with Dutch dates and a phase, Ukrainian reception and statushouders per half year. The
 * first submission is made by keyboard only (Tab, typing, arrow keys in selects and radio groups, Enter on
 * buttons); then a draft resumed by a colleague, an amendment with the plausibility warnings it causes, two
 * colleagues amending at once, an error round-trip and the read-only page after the deadline. axe checks
 * every page state.
 */

const formId = 'voortgang-opgaven';
const formTitle = 'Voortgang opgaven';

let pipeline: TestPipeline;
let round: Round;
let browser: Browser;
let stop: () => Promise<void>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ pipeline, browser, stop } = await startBrowserPipeline(async (started) => {
    // The province publishes the statushouders tasks these tests type (96 and 90), so only the warnings
    // under test appear; a task that differs from the published one is a warning of its own.
    for (const [period, task] of [
      ['2026-H2', 96],
      ['2026-H1', 90],
    ] as const) {
      await started.store.putTargets({
        ...housingTargets(period, {}, task),
        revision: 2,
        importId: `test-${period}`,
      });
    }
  }));
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

const { screenshot, formPath, openInvitation, send, submittedBefore, versions } = formJourney(
  formId,
  () => ({ pipeline, round }),
  validVoortgangOpgaven,
);

const field = (target: Page | Locator, label: string | RegExp) => target.getByLabel(label);
const location = (target: Page, number: number) =>
  target.getByRole('group', { name: `Asiellocatie ${number}`, exact: true });
const halfYear = (target: Page, number: number) =>
  target.getByRole('group', { name: `Halfjaar ${number}`, exact: true });
const periodOf = (row: Locator) => row.getByLabel('Halfjaar', { exact: true });

describe('the voortgang-opgaven form in a browser', { timeout: 120_000 }, () => {
  it('is filled in by keyboard only, with two asiellocaties and two halfjaren, checked with warnings, sent, stored and mailed', async () => {
    await pipeline.clearMailbox();
    await openInvitation(page, 'GM0193');
    expect(await page.title()).toBe(`${formTitle} – Regionale Regietafel Vluchtelingen IJsselland`);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Asielopvang (Spreidingswet)',
      'Asiellocaties',
      'Opvang ontheemden uit Oekraïne',
      'Huisvesting statushouders',
      'Uw gegevens',
    ]);
    await screenshot(page, '01-leeg-formulier');
    await expectNoAxeViolations(page, 'the empty voortgang-opgaven form');

    await page.keyboard.press('Tab');
    await expectFocused(page.getByRole('link', { name: 'Direct naar de inhoud' }), 'the skip link');
    await page.keyboard.press('Enter');
    // The indicative share is published by the province, shown read-only: Zwolle 656 + 61 = 717 (seeded).
    const share = page.getByRole('group', { name: 'Indicatief aandeel van uw gemeente' });
    expect(await share.locator('dd').allTextContents()).toEqual([
      '656 plaatsen',
      '61 plaatsen',
      '717 plaatsen',
    ]);
    expect(await share.textContent()).toContain('U hoeft het niet in te vullen');
    expect(await page.getByRole('textbox', { name: /Indicatief aandeel/ }).count()).toBe(0);
    // Realised regular places above committed: a warning on the check page, not an error.
    for (const [label, text] of [
      ['Toegezegde reguliere plaatsen', '600'],
      ['Gerealiseerde reguliere plaatsen', '650'],
      ['Toegezegde AMV-plaatsen', '40'],
      ['Gerealiseerde AMV-plaatsen', '24'],
    ] as const) {
      await tabAndType(field(page, label), label, text);
    }

    const addLocation = page.getByRole('button', { name: 'Asiellocatie toevoegen' });
    await tabOnceTo(addLocation, 'the add-asiellocatie button');
    expect(await pressEnterOn(addLocation, 'the add-asiellocatie button')).toBe(200);
    expect(await page.getByRole('status').textContent()).toContain('Asiellocatie 1 is toegevoegd');
    expect(await field(page, 'Gerealiseerde reguliere plaatsen').inputValue()).toBe('650');
    await screenshot(page, '02-asiellocatie-toegevoegd');
    await expectNoAxeViolations(page, 'the voortgang-opgaven form after adding an asiellocatie');

    // Dates typed the Dutch way; the type and the phase chosen with the arrow keys; "Beschikbaar tot" of
    // the second location left empty (indefinitely available).
    const locations = [
      {
        name: 'Voormalig kantoor Hanzelaan',
        type: /\(azc\)$/,
        capacity: '350',
        from: '1-7-2025',
        until: '1-7-2035',
        phase: /^Operationeel$/,
      },
      {
        name: 'Kleinschalig Assendorp',
        type: /AMV$/,
        capacity: '24',
        from: '1-3-2026',
        until: '',
        phase: /^Realisatie$/,
      },
    ];
    for (const [index, entry] of locations.entries()) {
      const row = location(page, index + 1);
      await tabAndType(
        field(row, 'Naam of adres van de locatie'),
        `the name of location ${index + 1}`,
        entry.name,
      );
      await tabOnceTo(field(row, 'Soort opvang'), `the type of location ${index + 1}`);
      await chooseWithArrowKeys(field(row, 'Soort opvang'), entry.type);
      await tabAndType(field(row, 'Capaciteit'), `the capacity of location ${index + 1}`, entry.capacity);
      await tabAndType(field(row, 'Beschikbaar vanaf'), `available from, location ${index + 1}`, entry.from);
      await tabAndType(field(row, 'Beschikbaar tot'), `available until, location ${index + 1}`, entry.until);
      await tabOnceTo(field(row, 'Fase'), `the phase of location ${index + 1}`);
      await chooseWithArrowKeys(field(row, 'Fase'), entry.phase);
      await tabOnceTo(row.getByRole('button', { name: `Asiellocatie ${index + 1} verwijderen` }), 'remove');
      await tabOnceTo(addLocation, 'the add-asiellocatie button');
      if (index === 0) expect(await pressEnterOn(addLocation, 'the add-asiellocatie button')).toBe(200);
    }

    await tabAndType(field(page, 'Capaciteit gemeentelijke opvang'), 'the Ukrainian capacity', '420');
    await tabAndType(field(page, 'Bezette plaatsen'), 'the occupied places', '388');

    // Half years: the second houses far more than its task (a warning); its IBT colour stays empty.
    const addHalfYear = page.getByRole('button', { name: 'Halfjaar toevoegen' });
    const halfYears = [
      { period: /^2e helft 2026$/, task: '96', backlog: '12', housed: '80', ibtArrows: 1 },
      { period: /^1e helft 2026$/, task: '90', backlog: '0', housed: '150', ibtArrows: -1 },
    ];
    for (const [index, entry] of halfYears.entries()) {
      const number = index + 1;
      await tabOnceTo(addHalfYear, 'the add-halfjaar button');
      expect(await pressEnterOn(addHalfYear, 'the add-halfjaar button')).toBe(200);
      expect(await page.getByRole('status').textContent()).toContain(`Halfjaar ${number} is toegevoegd`);
      const row = halfYear(page, number);
      await tabOnceTo(periodOf(row), `the period of half year ${number}`);
      await chooseWithArrowKeys(periodOf(row), entry.period);
      await tabAndType(field(row, 'Taakstelling'), `the task of half year ${number}`, entry.task);
      await tabAndType(
        field(row, 'Achterstand aan het begin'),
        `the backlog of half year ${number}`,
        entry.backlog,
      );
      await tabAndType(
        field(row, 'Gehuisvest in dit halfjaar'),
        `housed in half year ${number}`,
        entry.housed,
      );
      // The balance is computed, not typed: the next Tab goes to the IBT colours.
      await tabOnceTo(
        row.getByRole('radio', { name: 'Groen (op schema)' }),
        `the first IBT colour, ${number}`,
      );
      for (let press = 0; press < entry.ibtArrows; press++) await page.keyboard.press('ArrowRight');
      await tabOnceTo(row.getByRole('button', { name: `Halfjaar ${number} verwijderen` }), 'remove');
    }
    expect(await halfYear(page, 1).getByRole('radio', { name: 'Oranje' }).isChecked()).toBe(true);
    expect(
      await halfYear(page, 2)
        .getByRole('radio')
        .evaluateAll((radios) => radios.some((radio) => (radio as HTMLInputElement).checked)),
    ).toBe(false);

    await tabOnceTo(addHalfYear, 'the add-halfjaar button');
    await tabAndType(field(page, 'Uw naam'), 'the contact name', 'Henk Bos');
    await tabAndType(field(page, 'Uw e-mailadres'), 'the contact email', 'h.bos@zwolle.example');
    await tabAndType(field(page, /^Uw functie/), 'the contact role', 'Beleidsmedewerker huisvesting');
    const check = page.getByRole('button', { name: 'Controleren', exact: true });
    await tabOnceTo(check, 'the Controleren button');
    await screenshot(page, '03-ingevuld');
    expect(await pressEnterOn(check, 'the Controleren button')).toBe(200);

    await expectCheckPage(page);
    expect(await listAfterHeading(page, 'Kijkt u deze antwoorden nog even na?')).toEqual([
      'Er zijn meer reguliere plaatsen gerealiseerd (650) dan toegezegd (600). Klopt dat?',
      'Halfjaar 2: er zijn veel meer statushouders gehuisvest (150) dan de taakstelling plus achterstand (90). Klopt dat?',
    ]);
    expect(await shownAnswers(page)).toMatchObject({
      'Asielopvang (Spreidingswet)': {
        'Toegezegde reguliere plaatsen': '600 plaatsen',
        'Gerealiseerde reguliere plaatsen': '650 plaatsen',
      },
      'Asiellocatie 1': {
        'Naam of adres van de locatie': 'Voormalig kantoor Hanzelaan',
        'Soort opvang': 'Asielzoekerscentrum (azc)',
        Capaciteit: '350 plaatsen',
        'Beschikbaar vanaf': '1 juli 2025',
        'Beschikbaar tot': '1 juli 2035',
        Fase: 'Operationeel',
      },
      'Asiellocatie 2': {
        'Soort opvang': 'Kleinschalige opvang voor AMV',
        'Beschikbaar tot': '—',
        Fase: 'Realisatie',
      },
      'Opvang ontheemden uit Oekraïne': { 'Bezette plaatsen': '388 plaatsen' },
      'Halfjaar 1': {
        Halfjaar: '2e helft 2026',
        'Saldo aan het eind': '28 personen',
        'Oordeel van de provincie (IBT)': 'Oranje',
      },
      'Halfjaar 2': {
        Halfjaar: '1e helft 2026',
        'Saldo aan het eind': '-60 personen',
        'Oordeel van de provincie (IBT)': '—',
      },
    });
    await expectNoAxeViolations(page, 'the voortgang-opgaven check page with warnings');
    await screenshot(page, '04-controleren');

    const sendButton = page.getByRole('button', { name: 'Versturen', exact: true });
    // Past the skip link and every answer's Wijzigen.
    const changeButtons = await page.getByRole('link', { name: /^Wijzigen / }).count();
    await tabTo(sendButton, 'the Versturen button', 4 + changeButtons);
    expect(await pressEnterOn(sendButton, 'the Versturen button')).toBe(200);
    await expectAt(page, `${formPath('GM0193')}/bevestiging?versie=1`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uw antwoorden zijn ontvangen');
    expect(await listAfterHeading(page, 'Controleer deze antwoorden')).toHaveLength(2);
    await screenshot(page, '05-bevestiging');

    const stored = await versions('GM0193');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      version: 1,
      submittedBy: { name: 'Henk Bos', email: 'h.bos@zwolle.example' },
      warnings: [{ path: 'regularRealised' }, { path: 'housing.1.housed' }],
    });
    expect(stored[0]).toMatchObject({ definitionRevision: 2 });
    expect(stored[0]?.answers).toEqual({
      regularCommitted: 600,
      regularRealised: 650,
      amvCommitted: 40,
      amvRealised: 24,
      asylumLocations: [
        {
          name: 'Voormalig kantoor Hanzelaan',
          type: 'azc',
          capacity: 350,
          availableFrom: '2025-07-01',
          availableUntil: '2035-07-01',
          phase: 'operationeel',
        },
        {
          name: 'Kleinschalig Assendorp',
          type: 'amv',
          capacity: 24,
          availableFrom: '2026-03-01',
          phase: 'realisatie',
        },
      ],
      ukraineCapacity: 420,
      ukraineOccupied: 388,
      housing: [
        { period: '2026-H2', task: 96, backlog: 12, housed: 80, ibtColour: 'oranje' },
        { period: '2026-H1', task: 90, backlog: 0, housed: 150 },
      ],
      contactName: 'Henk Bos',
      contactEmail: 'h.bos@zwolle.example',
      contactRole: 'Beleidsmedewerker huisvesting',
    });

    const mails = (await pipeline.mailbox()).filter((mail) =>
      mail.destination.to.includes('h.bos@zwolle.example'),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`Ontvangen: ${formTitle} – gemeente Zwolle (${round.title}, versie 1)`);
    for (const body of [mails[0]?.body.html, mails[0]?.body.text]) {
      expect(body).toContain('Voormalig kantoor Hanzelaan');
      expect(body).toContain('1 juli 2035');
      expect(body).toContain('Er zijn meer reguliere plaatsen gerealiseerd (650) dan toegezegd (600).');
    }
  });

  it('keeps an incomplete draft that a colleague continues in another browser', async () => {
    await openInvitation(page, 'GM0150');
    await field(page, 'Toegezegde reguliere plaatsen').fill('717');
    expect(await activate(page.getByRole('button', { name: 'Asiellocatie toevoegen' }), 'add')).toBe(200);
    await field(location(page, 1), 'Naam of adres van de locatie').fill('Sportpark Het Rijsterborgh');
    await field(location(page, 1), 'Beschikbaar vanaf').fill('1-9-2026');
    expect(await activate(page.getByRole('button', { name: 'Halfjaar toevoegen' }), 'add')).toBe(200);
    await periodOf(halfYear(page, 1)).selectOption({ label: '1e helft 2027' });
    expect(await activate(page.getByRole('button', { name: 'Opslaan en later verder' }), 'save')).toBe(200);
    await expectAt(page, `${formPath('GM0150')}?concept=opgeslagen`);
    expect(await page.getByRole('status').textContent()).toMatch(/^Uw concept is opgeslagen op /);
    expect(await versions('GM0150')).toEqual([]);
    const [draft] = await pipeline.items(round.id, `DRAFT#${formId}#GM0150`);
    // Each row button stored the draft too (post/redirect/get): two additions, then the save.
    expect(draft).toMatchObject({
      baseVersion: 0,
      revision: 3,
      raw: expect.objectContaining({
        regularCommitted: '717',
        asylumLocations: [
          expect.objectContaining({ name: 'Sportpark Het Rijsterborgh', availableFrom: '1-9-2026' }),
        ],
      }),
    });

    const colleague = await newDutchContext(browser);
    try {
      const other = await colleague.newPage();
      await openInvitation(other, 'GM0150');
      expect(await other.getByRole('status').textContent()).toMatch(
        /^U gaat verder met het concept dat op .+ is opgeslagen\. Het is nog niet ingezonden\.$/,
      );
      expect(await field(other, 'Toegezegde reguliere plaatsen').inputValue()).toBe('717');
      expect(await field(other, 'Gerealiseerde reguliere plaatsen').inputValue()).toBe('');
      const row = location(other, 1);
      expect(await field(row, 'Naam of adres van de locatie').inputValue()).toBe(
        'Sportpark Het Rijsterborgh',
      );
      expect(await field(row, 'Beschikbaar vanaf').inputValue()).toBe('1-9-2026');
      expect(await field(row, 'Soort opvang').inputValue()).toBe('');
      expect(await periodOf(halfYear(other, 1)).inputValue()).toBe('2027-H1');
      await expectNoAxeViolations(other, 'the voortgang-opgaven form resumed from a draft');
      await screenshot(other, '06-concept-hervat');
    } finally {
      await colleague.close();
    }
  });

  it('opens prefilled to amend, warns about a figure that changed sharply, and stores version 2 with the history', async () => {
    await submittedBefore('GM0166');
    await pipeline.clearMailbox();
    await openInvitation(page, 'GM0166');
    expect(await page.locator('.rt-notice').first().textContent()).toMatch(
      /^U wijzigt versie 1, ingezonden op .+ door Henk Bos\./,
    );
    // Prefilled as typed: Dutch dates, selects and radios chosen.
    expect(await field(location(page, 1), 'Beschikbaar vanaf').inputValue()).toBe('1-7-2025');
    expect(await field(location(page, 2), 'Fase').inputValue()).toBe('realisatie');
    expect(await halfYear(page, 1).getByRole('radio', { name: 'Oranje' }).isChecked()).toBe(true);

    await retype(field(page, 'Gerealiseerde reguliere plaatsen'), '380');
    await retype(field(page, 'Gerealiseerde AMV-plaatsen'), '80');
    await field(location(page, 2), 'Fase').focus();
    await page.keyboard.press('ArrowDown');
    await reviewAnswers(page);
    expect(await listAfterHeading(page, 'Wat verandert er ten opzichte van de huidige versie')).toEqual([
      'Gerealiseerde reguliere plaatsen: 350 plaatsen → 380 plaatsen',
      'Gerealiseerde AMV-plaatsen: 24 plaatsen → 80 plaatsen',
      'Asiellocatie 2 – Fase: Realisatie → Operationeel',
    ]);
    expect(await listAfterHeading(page, 'Kijkt u deze antwoorden nog even na?')).toEqual([
      'Er zijn meer AMV-plaatsen gerealiseerd (80) dan toegezegd (40). Klopt dat?',
      '‘Gerealiseerde AMV-plaatsen’ is sterk veranderd sinds de vorige versie: van 24 naar 80. Klopt dat?',
    ]);
    await screenshot(page, '07-wijziging-controleren');
    await send(page, 'GM0166', 2);

    expect(await page.locator('main').textContent()).toContain('versie 2');
    expect(await listAfterHeading(page, 'Controleer deze antwoorden')).toHaveLength(2);
    expect(await page.getByRole('heading', { name: 'Alle versies' }).count()).toBe(1);
    const rows = await tableRows(page.getByRole('table', { name: 'Elke ingezonden versie blijft bewaard.' }));
    expect(rows.map((row) => row[0])).toEqual(['Versie 2', 'Versie 1']);
    expect(rows[0]?.[3]).toContain('Asiellocatie 2 – Fase: Realisatie → Operationeel');
    expect(rows[1]?.[3]).toBe('Eerste versie');
    await expectNoAxeViolations(page, 'the voortgang-opgaven confirmation page with warnings and history');
    await screenshot(page, '08-bevestiging-versie-2');

    const stored = await versions('GM0166');
    expect(stored.map((version) => version.version)).toEqual([1, 2]);
    expect(stored[1]).toMatchObject({
      answers: expect.objectContaining({ regularRealised: 380, amvRealised: 80 }),
      warnings: [{ path: 'amvRealised' }, { path: 'amvRealised' }],
    });
    expect(stored[1]?.answers).toMatchObject({
      asylumLocations: [
        expect.objectContaining({ phase: 'operationeel' }),
        expect.objectContaining({ phase: 'operationeel' }),
      ],
    });
    const [mail] = await pipeline.mailbox();
    expect(mail?.subject).toContain('versie 2');
    expect(mail?.body.text).toContain('Realisatie → Operationeel');
  });

  it('refuses the second of two colleagues amending at once with a Dutch 409 page, keeping their input', async () => {
    await submittedBefore('GM0160');
    const colleague = await newDutchContext(browser);
    try {
      const other = await colleague.newPage();
      await openInvitation(page, 'GM0160');
      await openInvitation(other, 'GM0160');

      await retype(field(page, 'Bezette plaatsen'), '400');
      await retype(field(page, 'Uw naam'), 'Ria Hofman');
      await reviewAnswers(page);
      await send(page, 'GM0160', 2);

      await retype(field(halfYear(other, 1), 'Gehuisvest in dit halfjaar'), '85');
      // Post/redirect/get: “Controleren” stores the input as a draft, which a newer version refuses.
      expect(await activate(other.getByRole('button', { name: 'Controleren', exact: true }), 'check')).toBe(
        409,
      );
      await other.waitForFunction(() => document.activeElement?.id === 'foutmeldingen');
      expect(await other.locator('#foutmeldingen').textContent()).toMatch(
        /Dit formulier is intussen gewijzigd: versie 2 is op .+ ingezonden door Ria Hofman\. Uw wijziging is niet opgeslagen, er is niets overschreven\./,
      );
      expect(await field(halfYear(other, 1), 'Gehuisvest in dit halfjaar').inputValue()).toBe('85');
      expect(await field(other, 'Bezette plaatsen').inputValue()).toBe('388');
      expect(await field(location(other, 1), 'Beschikbaar tot').inputValue()).toBe('1-7-2035');
      await expectNoAxeViolations(other, 'the voortgang-opgaven 409 conflict page');
      await screenshot(other, '09-conflict');

      const stored = await versions('GM0160');
      expect(stored.map((version) => version.version)).toEqual([1, 2]);
      const [current] = await pipeline.items(round.id, `CURRENT#${formId}#GM0160`);
      expect(current).toMatchObject({
        version: 2,
        submittedBy: { name: 'Ria Hofman' },
        answers: expect.objectContaining({
          ukraineOccupied: 400,
          housing: [expect.objectContaining({ housed: 80 })],
        }),
      });
    } finally {
      await colleague.close();
    }
  });

  it('shows a focused error summary whose links lead to the fields, keeps the input, then accepts the fix', async () => {
    await openInvitation(page, 'GM0153');
    for (const [label, value] of [
      ['Toegezegde reguliere plaatsen', '-5'],
      ['Gerealiseerde reguliere plaatsen', '0'],
      ['Toegezegde AMV-plaatsen', '8,5'],
      ['Gerealiseerde AMV-plaatsen', '0'],
      ['Capaciteit gemeentelijke opvang', '50'],
      ['Bezette plaatsen', '40'],
      ['Uw naam', 'Mehmet Yilmaz'],
      ['Uw e-mailadres', 'm.yilmaz@enschede.example'],
    ] as const) {
      await field(page, label).fill(value);
    }
    expect(await activate(page.getByRole('button', { name: 'Asiellocatie toevoegen' }), 'add')).toBe(200);
    const row = location(page, 1);
    // A name longer than allowed: the browser stops at the limit (maxlength 120) as the person types.
    const longName = `Tijdelijke paviljoens aan de ${'Oude Deventerstraatweg '.repeat(6)}`;
    await field(row, 'Naam of adres van de locatie').focus();
    await page.keyboard.insertText(longName);
    expect(await field(row, 'Naam of adres van de locatie').inputValue()).toBe(longName.slice(0, 120));
    await field(row, 'Soort opvang').selectOption('noodopvang');
    await field(row, 'Capaciteit').fill('60');
    await field(row, 'Beschikbaar vanaf').fill('1-7-2026');
    await field(row, 'Beschikbaar tot').fill('1-1-2026');
    await field(row, 'Fase').selectOption('besluit');
    for (const number of [1, 2]) {
      expect(await activate(page.getByRole('button', { name: 'Halfjaar toevoegen' }), 'add')).toBe(200);
      const entry = halfYear(page, number);
      await periodOf(entry).selectOption('2026-H2');
      await field(entry, 'Taakstelling').fill('10');
      await field(entry, 'Achterstand aan het begin').fill('0');
      await field(entry, 'Gehuisvest in dit halfjaar').fill('5');
    }
    // Post/redirect/get: the input is kept as the draft, and the form shows its errors as a GET.
    expect(await activate(page.getByRole('button', { name: 'Controleren', exact: true }), 'check')).toBe(200);
    expect(new URL(page.url()).search).toBe('?controleer=1');

    await page.waitForFunction(() => document.activeElement?.id === 'foutmeldingen');
    expect(await page.title()).toBe(`Fout: ${formTitle} – Regionale Regietafel Vluchtelingen Twente`);
    const summary = page.locator('#foutmeldingen');
    expect(await summary.getByRole('heading').textContent()).toBe('Er zijn 4 problemen met uw antwoorden');
    const links = summary.getByRole('link');
    expect(await links.allTextContents()).toEqual([
      '‘Toegezegde reguliere plaatsen’ mag niet negatief zijn.',
      '‘Toegezegde AMV-plaatsen’ moet een heel getal zijn, bijvoorbeeld 12.',
      'Asiellocatie 1: ‘Beschikbaar tot’ moet na ‘Beschikbaar vanaf’ liggen.',
      'Halfjaar 2: Bij ‘Halfjaar’ staat 2e helft 2026 al in een eerdere regel. Kies een ander halfjaar of verwijder deze regel.',
    ]);
    await screenshot(page, '10-foutmeldingen');
    await expectNoAxeViolations(page, 'the voortgang-opgaven form with errors');

    await page.keyboard.press('Tab');
    await expectFocused(links.first(), 'the first link in the error summary');
    const targets = await links.evaluateAll((anchors) =>
      anchors.map((anchor) => anchor.getAttribute('href')),
    );
    expect(targets).toEqual([
      '#f-regularCommitted',
      '#f-amvCommitted',
      '#f-asylumLocations-0-availableUntil',
      '#f-housing-1-period',
    ]);
    for (const [index, href] of targets.entries()) {
      await links.nth(index).focus();
      await page.keyboard.press('Enter');
      await expectFocused(
        page.locator(String(href)),
        `the field behind "${await links.nth(index).textContent()}"`,
      );
    }

    // Everything typed is still there; the fields with an error say so.
    expect(await field(page, 'Toegezegde reguliere plaatsen').inputValue()).toBe('-5');
    expect(await field(page, 'Toegezegde reguliere plaatsen').getAttribute('aria-invalid')).toBe('true');
    expect(await field(page, 'Toegezegde AMV-plaatsen').inputValue()).toBe('8,5');
    expect(await field(row, 'Naam of adres van de locatie').inputValue()).toBe(longName.slice(0, 120));
    expect(await field(row, 'Beschikbaar tot').inputValue()).toBe('1-1-2026');
    expect(await field(row, 'Beschikbaar tot').getAttribute('aria-invalid')).toBe('true');
    expect(await field(row, 'Fase').inputValue()).toBe('besluit');
    expect(await periodOf(halfYear(page, 2)).inputValue()).toBe('2026-H2');
    expect(await versions('GM0153')).toEqual([]);

    // The fix, by keyboard.
    await retype(field(page, 'Toegezegde reguliere plaatsen'), '50');
    await retype(field(page, 'Toegezegde AMV-plaatsen'), '9');
    await retype(field(row, 'Beschikbaar tot'), '1-1-2036');
    await periodOf(halfYear(page, 2)).focus();
    await page.keyboard.press('ArrowDown');
    await reviewAnswers(page);
    expect(await page.title()).not.toMatch(/^Fout:/);
    await send(page, 'GM0153', 1);
    const [stored] = await versions('GM0153');
    expect(stored?.answers).toMatchObject({
      regularCommitted: 50,
      amvCommitted: 9,
      asylumLocations: [
        {
          name: longName.slice(0, 120).trim(),
          type: 'noodopvang',
          capacity: 60,
          availableFrom: '2026-07-01',
          availableUntil: '2036-01-01',
          phase: 'besluit',
        },
      ],
      housing: [
        expect.objectContaining({ period: '2026-H2' }),
        expect.objectContaining({ period: '2027-H1' }),
      ],
    });
  });

  it('shows the submitted answers read-only, without a form, once the round has closed', async () => {
    const closing: Round = { ...round, id: `${formId}-gesloten`, title: 'Gesloten ronde voortgang opgaven' };
    expect(await pipeline.store.createRound(closing)).toBe(true);
    await submittedBefore('GM0164', validVoortgangOpgaven({ contactName: 'Ilse Jansen' }), closing);
    const now = Date.now();
    await pipeline.store.updateRound({
      ...closing,
      opensAt: new Date(now - 14 * 24 * 3600 * 1000).toISOString(),
      deadline: new Date(now - 24 * 3600 * 1000).toISOString(),
    });

    await openInvitation(page, 'GM0164', closing);
    expect(await page.title()).toBe(`${formTitle} – Regionale Regietafel Vluchtelingen Twente`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(formTitle);
    expect(await page.locator('main .utrecht-alert').textContent()).toMatch(
      /^De sluitingsdatum \(.+\) is verstreken\. U kunt dit formulier niet meer wijzigen\.$/,
    );
    expect(await page.locator('main').textContent()).toMatch(/Versie 1, ingezonden op .+ door Ilse Jansen\./);
    expect(await shownAnswers(page)).toMatchObject({
      'Asiellocatie 1': {
        'Naam of adres van de locatie': 'Voormalig kantoor Hanzelaan',
        'Beschikbaar vanaf': '1 juli 2025',
      },
      'Asiellocatie 2': { 'Beschikbaar tot': '—', Fase: 'Realisatie' },
      'Halfjaar 1': { 'Saldo aan het eind': '28 personen', 'Oordeel van de provincie (IBT)': 'Oranje' },
    });
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('combobox').count()).toBe(0);
    expect(await page.getByRole('button').count()).toBe(0);
    await expectNoAxeViolations(page, 'the read-only voortgang-opgaven page');
    await screenshot(page, '11-alleen-lezen');

    expect(
      await loadsNewPage(page, () => page.goto(`${pipeline.formUrl('GM0164', closing)}/bevestiging`)),
    ).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uw antwoorden zijn ontvangen');
    expect(await page.getByRole('link', { name: 'wijzigen' }).count()).toBe(0);
  });
});
