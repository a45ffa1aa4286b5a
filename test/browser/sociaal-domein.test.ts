import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
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
import { type TestPipeline, validSociaalDomein } from '../support/pipeline.js';

/**
 * A municipal official fills in the "Inventarisatie sociaal domein" in a real browser (Debian Chromium):
 * the whole first submission by keyboard only (Tab, typing, arrow keys, Space, Enter), then a draft resumed
 * by a colleague, an amendment, two colleagues amending at once, an error round-trip and the read-only page
 * after the deadline. axe checks every page state. No JavaScript on the pages: adding a knelpunt posts the
 * form and the server renders it again.
 */

const formId = 'sociaal-domein';
const formTitle = 'Inventarisatie sociaal domein';

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

const { screenshot, formPath, openInvitation, submittedBefore, versions, drafts, send } = formJourney(
  formId,
  () => ({ pipeline, round }),
  validSociaalDomein,
);

const bottleneck = (target: Page, number: number) =>
  target.getByRole('group', { name: `Knelpunt ${number}`, exact: true });
const supportRequest = (target: Page, number: number) =>
  target.getByRole('group', { name: `Ondersteuningsvraag ${number}`, exact: true });
const field = (target: Page | Locator, label: string | RegExp) => target.getByLabel(label);
const checkButton = (target: Page) => target.getByRole('button', { name: 'Controleren', exact: true });

const review = reviewAnswers;

// A journey takes 10–30 s on a busy two-core machine (an axe scan of the long form takes seconds): room
// beyond the project's 60 s default. Nothing here waits on a timer.
describe('the sociaal-domein form in a browser', { timeout: 120_000 }, () => {
  it('is filled in by keyboard only, with two knelpunten and two ondersteuningsvragen, checked, sent, stored and mailed', async () => {
    await pipeline.clearMailbox();
    await openInvitation(page, 'GM0177');
    expect(await page.title()).toBe(`${formTitle} – Regionale Regietafel Vluchtelingen IJsselland`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(formTitle);
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    // The long compound may break at its joint on a phone (a soft hyphen, compoundHeading).
    expect(headings).toContain('Ondersteunings\u00ADvragen');
    expect(headings.map((heading) => heading.replace(/\u00AD/g, ''))).toEqual([
      'Zorg',
      'Onderwijs',
      'Werk',
      'Inburgering',
      'Knelpunten',
      'Ondersteuningsvragen',
      'Uw gegevens',
    ]);
    await screenshot(page, '01-leeg-formulier');
    await expectNoAxeViolations(page, 'the empty sociaal-domein form');

    // Skip link, then the fields in the order they are shown; a field left empty is tabbed past.
    await page.keyboard.press('Tab');
    await expectFocused(page.getByRole('link', { name: 'Direct naar de inhoud' }), 'the skip link');
    await page.keyboard.press('Enter');
    await expectFocused(page.locator('main'), 'the main content');

    const typed: [RegExp | string, string, string][] = [
      [
        /^Hoe is de situatie op het gebied van zorg\?/,
        'care situation',
        'Huisartsen hebben een patiëntenstop.',
      ],
      ['Nieuwkomers zonder huisarts', 'newcomers without a GP', '14'],
      [/^Hoe is de situatie op het gebied van onderwijs\?/, 'education situation', 'De ISK zit vol.'],
      ['Nieuwkomersleerlingen in het primair onderwijs', 'pupils primary', '38'],
      ['Nieuwkomersleerlingen in het voortgezet onderwijs', 'pupils secondary', '22'],
      ['Leerlingen op een wachtlijst', 'pupils waiting', '6'],
    ];
    for (const [label, what, text] of typed) await tabAndType(field(page, label), what, text);
    // "Situatie werk" stays empty: one Tab past it.
    await tabTo(field(page, 'Volwassenen die kunnen werken'), 'adults able to work', 2);
    await page.keyboard.type('70');
    // More adults in work than able to work: a plausibility warning on the check page, not an error.
    for (const [label, what, text] of [
      ['Volwassenen met betaald werk', 'adults in work', '74'],
      ['Volwassenen in een traject naar werk', 'adults in a route to work', '20'],
      [
        /^Hoe is de situatie op het gebied van inburgering\?/,
        'integration situation',
        'Brede intakes lopen.',
      ],
      ['Brede intakes gestart', 'intakes started', '40'],
      ['Brede intakes afgerond', 'intakes finished', '31'],
      ['Persoonlijke plannen (PIP) vastgesteld', 'plans set', '28'],
      ['Inburgeraars in de B1-route', 'route B1', '12'],
      ['Inburgeraars in de onderwijsroute', 'route onderwijs', '5'],
      ['Inburgeraars in de Z-route', 'route Z', '3'],
    ] as const) {
      await tabAndType(field(page, label), what, text);
    }

    // Knelpunt 1: Enter on "Knelpunt toevoegen" posts the form; the page lands on the new row.
    const addBottleneck = page.getByRole('button', { name: 'Knelpunt toevoegen' });
    await tabOnceTo(addBottleneck, 'the add-knelpunt button');
    expect(await pressEnterOn(addBottleneck, 'the add-knelpunt button')).toBe(200);
    expect(await page.getByRole('status').textContent()).toContain('Knelpunt 1 is toegevoegd');
    expect(await field(page, 'Volwassenen met betaald werk').inputValue()).toBe('74');
    await screenshot(page, '02-knelpunt-toegevoegd');
    await expectNoAxeViolations(page, 'the sociaal-domein form after adding a knelpunt');

    const chosen: string[] = [];
    for (const [number, row] of [
      [1, { domain: /^Onderwijs$/, description: 'Wachtlijst ISK', severityPresses: 2 }],
      [2, { domain: /^Zorg$/, description: 'Geen huisarts voor nieuwkomers', severityPresses: 1 }],
    ] as const) {
      const group = bottleneck(page, number);
      await tabOnceTo(group.getByLabel('Domein'), `the domain of knelpunt ${number}`);
      chosen.push(await chooseWithArrowKeys(group.getByLabel('Domein'), row.domain));
      await tabAndType(group.getByLabel('Wat is het knelpunt?'), `knelpunt ${number}`, row.description);
      // Into the severity radios (none chosen yet: focus on the first), then the arrow keys choose.
      await tabOnceTo(
        group.getByRole('radio', { name: 'Beperkt' }),
        `the first severity of knelpunt ${number}`,
      );
      for (let press = 0; press < row.severityPresses; press++) await page.keyboard.press('ArrowRight');
      await tabOnceTo(group.getByRole('button', { name: `Knelpunt ${number} verwijderen` }), 'remove');
      await tabOnceTo(addBottleneck, 'the add-knelpunt button');
      if (number === 1) {
        expect(await pressEnterOn(addBottleneck, 'the add-knelpunt button')).toBe(200);
        expect(await page.getByRole('status').textContent()).toContain('Knelpunt 2 is toegevoegd');
      }
    }
    expect(await bottleneck(page, 1).getByRole('radio', { name: 'Ernstig' }).isChecked()).toBe(true);
    expect(await bottleneck(page, 2).getByRole('radio', { name: 'Aanzienlijk' }).isChecked()).toBe(true);

    const addRequest = page.getByRole('button', { name: 'Ondersteuningsvraag toevoegen' });
    for (const [number, row] of [
      [1, { domain: /^Onderwijs$/, arrows: 0, request: 'Extra bekostiging nieuwkomersonderwijs' }],
      [2, { domain: /^Werk$/, arrows: 1, request: 'Een regionale jobcoach' }],
    ] as const) {
      await tabOnceTo(addRequest, 'the add-ondersteuningsvraag button');
      expect(await pressEnterOn(addRequest, 'the add-ondersteuningsvraag button')).toBe(200);
      expect(await page.getByRole('status').textContent()).toContain(
        `Ondersteuningsvraag ${number} is toegevoegd`,
      );
      const group = supportRequest(page, number);
      await tabOnceTo(group.getByLabel('Domein'), `the domain of ondersteuningsvraag ${number}`);
      await chooseWithArrowKeys(group.getByLabel('Domein'), row.domain);
      // "Rijk" with Space, "Provincie" one arrow further.
      await tabOnceTo(group.getByRole('radio', { name: 'Rijk' }), `the first addressee of vraag ${number}`);
      await page.keyboard.press('Space');
      for (let press = 0; press < row.arrows; press++) await page.keyboard.press('ArrowDown');
      await tabAndType(group.getByLabel('Welke ondersteuning vraagt u?'), `vraag ${number}`, row.request);
      await tabOnceTo(
        group.getByRole('button', { name: `Ondersteuningsvraag ${number} verwijderen` }),
        'remove',
      );
    }
    await tabOnceTo(addRequest, 'the add-ondersteuningsvraag button');
    await tabAndType(field(page, 'Uw naam'), 'the contact name', 'Fatima El Amrani');
    await tabAndType(field(page, 'Uw e-mailadres'), 'the contact email', 'f.elamrani@raalte.example');
    await tabAndType(field(page, /^Uw functie/), 'the contact role', 'Beleidsadviseur sociaal domein');
    await tabOnceTo(checkButton(page), 'the Controleren button');
    await screenshot(page, '03-ingevuld');
    expect(await pressEnterOn(checkButton(page), 'the Controleren button')).toBe(200);

    // The check page: the answers as they will be stored, and the warning that does not block.
    await expectCheckPage(page);
    expect(await listAfterHeading(page, 'Kijkt u deze antwoorden nog even na?')).toEqual([
      'Er werken meer volwassenen dan er kunnen werken. Klopt dat?',
    ]);
    expect(await page.getByText('Wat verandert er ten opzichte van de huidige versie').count()).toBe(0);
    const shown = await shownAnswers(page);
    expect(shown).toMatchObject({
      Zorg: { 'Nieuwkomers zonder huisarts': '14' },
      Onderwijs: {
        'Nieuwkomersleerlingen in het primair onderwijs': '38',
        'Leerlingen op een wachtlijst': '6',
      },
      Werk: { 'Hoe is de situatie op het gebied van werk?': '—', 'Volwassenen met betaald werk': '74' },
      'Knelpunt 1': {
        Domein: 'Onderwijs',
        'Wat is het knelpunt?': 'Wachtlijst ISK',
        'Hoe ernstig is het?': 'Ernstig',
      },
      'Knelpunt 2': { Domein: 'Zorg', 'Hoe ernstig is het?': 'Aanzienlijk' },
      'Ondersteuningsvraag 1': { 'Aan wie is de vraag gericht?': 'Rijk' },
      'Ondersteuningsvraag 2': { Domein: 'Werk', 'Aan wie is de vraag gericht?': 'Provincie' },
      'Uw gegevens': { 'Uw e-mailadres': 'f.elamrani@raalte.example' },
    });
    await expectNoAxeViolations(page, 'the sociaal-domein check page');
    await screenshot(page, '04-controleren');

    // Versturen, reached with Tab from the top of the check page.
    const sendButton = page.getByRole('button', { name: 'Versturen', exact: true });
    // Past the skip link and every answer's Wijzigen.
    const changeButtons = await page.getByRole('link', { name: /^Wijzigen / }).count();
    await tabTo(sendButton, 'the Versturen button', 4 + changeButtons);
    expect(await pressEnterOn(sendButton, 'the Versturen button')).toBe(200);
    await expectAt(page, `${formPath('GM0177')}/bevestiging?versie=1`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uw antwoorden zijn ontvangen');
    expect(await page.locator('main').textContent()).toContain('versie 1');
    expect(await listAfterHeading(page, 'Controleer deze antwoorden')).toEqual([
      'Er werken meer volwassenen dan er kunnen werken. Klopt dat?',
    ]);
    expect((await shownAnswers(page))['Knelpunt 2']).toMatchObject({
      'Wat is het knelpunt?': 'Geen huisarts voor nieuwkomers',
    });
    // (axe scans the confirmation page with warnings and history in the amendment test.)
    await screenshot(page, '05-bevestiging');

    // Stored: one version, typed as numbers and option values, with the warning.
    const stored = await versions('GM0177');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      version: 1,
      late: false,
      submittedBy: { name: 'Fatima El Amrani', email: 'f.elamrani@raalte.example' },
      warnings: [
        { path: 'adultsInWork', message: 'Er werken meer volwassenen dan er kunnen werken. Klopt dat?' },
      ],
    });
    expect(chosen).toEqual(['onderwijs', 'zorg']);
    expect(stored[0]?.answers).toEqual({
      careSituation: 'Huisartsen hebben een patiëntenstop.',
      withoutGp: 14,
      educationSituation: 'De ISK zit vol.',
      pupilsPrimary: 38,
      pupilsSecondary: 22,
      pupilsWaiting: 6,
      adultsAbleToWork: 70,
      adultsInWork: 74,
      adultsInRoute: 20,
      integrationSituation: 'Brede intakes lopen.',
      intakesStarted: 40,
      intakesFinished: 31,
      plansSet: 28,
      routeB1: 12,
      routeEducation: 5,
      routeZ: 3,
      bottlenecks: [
        { domain: 'onderwijs', description: 'Wachtlijst ISK', severity: 'ernstig' },
        { domain: 'zorg', description: 'Geen huisarts voor nieuwkomers', severity: 'aanzienlijk' },
      ],
      supportRequests: [
        { domain: 'onderwijs', addressee: 'rijk', request: 'Extra bekostiging nieuwkomersonderwijs' },
        { domain: 'werk', addressee: 'provincie', request: 'Een regionale jobcoach' },
      ],
      contactName: 'Fatima El Amrani',
      contactEmail: 'f.elamrani@raalte.example',
      contactRole: 'Beleidsadviseur sociaal domein',
    });
    const [current] = await pipeline.items(round.id, `CURRENT#${formId}#GM0177`);
    expect(current).toMatchObject({ version: 1 });

    // Mailed: one confirmation to the address typed, with the knelpunten and the warning.
    const mails = (await pipeline.mailbox()).filter((mail) =>
      mail.destination.to.includes('f.elamrani@raalte.example'),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`Ontvangen: ${formTitle} – gemeente Raalte (${round.title}, versie 1)`);
    for (const body of [mails[0]?.body.html, mails[0]?.body.text]) {
      expect(body).toContain('Wachtlijst ISK');
      expect(body).toContain('Een regionale jobcoach');
      expect(body).toContain('Er werken meer volwassenen dan er kunnen werken.');
    }
  });

  it('keeps an incomplete draft that a colleague continues in another browser and sends', async () => {
    await openInvitation(page, 'GM0148');
    await field(page, 'Nieuwkomersleerlingen in het primair onderwijs').fill('12');
    await field(page, /^Hoe is de situatie op het gebied van onderwijs\?/).fill(
      'Twee nieuwkomersklassen, beide vol.',
    );
    expect(await activate(page.getByRole('button', { name: 'Knelpunt toevoegen' }), 'add knelpunt')).toBe(
      200,
    );
    await bottleneck(page, 1).getByLabel('Wat is het knelpunt?').fill('Leerlingenvervoer naar de ISK');
    await field(page, 'Uw naam').fill('Sanne Visser');
    // No domain or severity for the knelpunt, no email address: incomplete, and saved anyway.
    const save = page.getByRole('button', { name: 'Opslaan en later verder' });
    expect(await activate(save, 'Opslaan en later verder')).toBe(200);
    await expectAt(page, `${formPath('GM0148')}?concept=opgeslagen`);
    expect(await page.getByRole('status').textContent()).toMatch(
      /^Uw concept is opgeslagen op \d+ \w+ \d{4} om/,
    );
    expect(await field(page, 'Uw naam').inputValue()).toBe('Sanne Visser');
    expect(await versions('GM0148')).toEqual([]);
    expect(await drafts('GM0148')).toHaveLength(1);

    // A colleague opens the same invitation link in a browser of their own.
    const colleague = await newDutchContext(browser);
    try {
      const other = await colleague.newPage();
      await openInvitation(other, 'GM0148');
      expect(await other.getByRole('status').textContent()).toMatch(
        /^U gaat verder met het concept dat op .+ is opgeslagen\. Het is nog niet ingezonden\.$/,
      );
      expect(await field(other, 'Nieuwkomersleerlingen in het primair onderwijs').inputValue()).toBe('12');
      expect(await field(other, /^Hoe is de situatie op het gebied van onderwijs\?/).inputValue()).toBe(
        'Twee nieuwkomersklassen, beide vol.',
      );
      expect(await bottleneck(other, 1).getByLabel('Wat is het knelpunt?').inputValue()).toBe(
        'Leerlingenvervoer naar de ISK',
      );
      expect(await field(other, 'Uw naam').inputValue()).toBe('Sanne Visser');
      expect(await field(other, 'Uw e-mailadres').inputValue()).toBe('');
      await expectNoAxeViolations(other, 'the sociaal-domein form resumed from a draft');
      await screenshot(other, '06-concept-hervat');

      // The colleague completes it and sends it: version 1, and the draft is gone.
      await bottleneck(other, 1).getByLabel('Domein').selectOption({ label: 'Onderwijs' });
      await bottleneck(other, 1).getByRole('radio', { name: 'Beperkt' }).check();
      await field(other, 'Uw e-mailadres').fill('s.visser@dalfsen.example');
      await review(other);
      await send(other, 'GM0148', 1);
      const [stored] = await versions('GM0148');
      expect(stored?.answers).toEqual({
        educationSituation: 'Twee nieuwkomersklassen, beide vol.',
        pupilsPrimary: 12,
        bottlenecks: [
          { domain: 'onderwijs', description: 'Leerlingenvervoer naar de ISK', severity: 'beperkt' },
        ],
        supportRequests: [],
        contactName: 'Sanne Visser',
        contactEmail: 's.visser@dalfsen.example',
      });
      expect(await drafts('GM0148')).toEqual([]);
    } finally {
      await colleague.close();
    }
  });

  it('opens prefilled to amend, shows what changes, and stores version 2 with the history', async () => {
    await submittedBefore('GM0175');
    await pipeline.clearMailbox();
    await openInvitation(page, 'GM0175');
    expect(await page.locator('.rt-notice').first().textContent()).toMatch(
      /^U wijzigt versie 1, ingezonden op .+ door Fatima El Amrani\./,
    );
    expect(await field(page, 'Nieuwkomersleerlingen in het primair onderwijs').inputValue()).toBe('38');
    expect(await bottleneck(page, 2).getByRole('radio', { name: 'Aanzienlijk' }).isChecked()).toBe(true);

    await retype(field(page, 'Nieuwkomersleerlingen in het primair onderwijs'), '45');
    // More intakes finished (44) than started (40): a warning on the check and confirmation pages.
    await retype(field(page, 'Brede intakes afgerond'), '44');
    await bottleneck(page, 2).getByRole('radio', { name: 'Aanzienlijk' }).focus();
    await page.keyboard.press('ArrowRight');
    await review(page);
    expect(await listAfterHeading(page, 'Wat verandert er ten opzichte van de huidige versie')).toEqual([
      'Nieuwkomersleerlingen in het primair onderwijs: 38 → 45',
      'Brede intakes afgerond: 31 → 44',
      'Knelpunt 2 – Hoe ernstig is het? Aanzienlijk → Ernstig',
    ]);
    expect(await listAfterHeading(page, 'Kijkt u deze antwoorden nog even na?')).toEqual([
      'Er zijn meer brede intakes afgerond dan gestart. Klopt dat?',
    ]);
    await screenshot(page, '07-wijziging-controleren');
    await send(page, 'GM0175', 2);

    expect(await page.locator('main').textContent()).toContain('versie 2');
    expect(await listAfterHeading(page, 'Controleer deze antwoorden')).toEqual([
      'Er zijn meer brede intakes afgerond dan gestart. Klopt dat?',
    ]);
    const history = page.getByRole('table', { name: 'Elke ingezonden versie blijft bewaard.' });
    expect(await page.getByRole('heading', { name: 'Alle versies' }).count()).toBe(1);
    const rows = await tableRows(history);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.[0]).toBe('Versie 2');
    expect(rows[0]?.[3]).toContain('Nieuwkomersleerlingen in het primair onderwijs: 38 → 45');
    expect(rows[1]?.[0]).toBe('Versie 1');
    expect(rows[1]?.[3]).toBe('Eerste versie');
    expect(await history.getByRole('link', { name: 'Versie 1' }).getAttribute('href')).toBe(
      `${formPath('GM0175')}/bevestiging?versie=1`,
    );
    await expectNoAxeViolations(page, 'the sociaal-domein confirmation page with warnings and history');
    await screenshot(page, '08-bevestiging-versie-2');

    const stored = await versions('GM0175');
    expect(stored.map((version) => version.version)).toEqual([1, 2]);
    expect(stored[0]?.answers).toMatchObject({ pupilsPrimary: 38 });
    expect(stored[1]?.answers).toMatchObject({
      pupilsPrimary: 45,
      intakesFinished: 44,
      bottlenecks: [expect.anything(), expect.objectContaining({ severity: 'ernstig' })],
    });
    const [mail] = await pipeline.mailbox();
    expect(mail?.subject).toContain('versie 2');
    expect(mail?.body.text).toContain('38 → 45');
  });

  it('refuses the second of two colleagues amending at once with a Dutch 409 page, keeping their input', async () => {
    await submittedBefore('GM1773');
    const colleague = await newDutchContext(browser);
    try {
      const other = await colleague.newPage();
      await openInvitation(page, 'GM1773');
      await openInvitation(other, 'GM1773');

      // The first colleague changes a figure and their name, and sends: version 2.
      await retype(field(page, 'Nieuwkomers zonder huisarts'), '20');
      await retype(field(page, 'Uw naam'), 'Jeroen Smit');
      await review(page);
      await send(page, 'GM1773', 2);

      // The second, still on version 1, changes another figure and sends.
      await retype(field(other, 'Leerlingen op een wachtlijst'), '9');
      // Post/redirect/get: “Controleren” stores the input as a draft, which a newer version refuses.
      expect(await activate(other.getByRole('button', { name: 'Controleren', exact: true }), 'check')).toBe(
        409,
      );
      expect(await other.title()).toMatch(/^Fout: /);
      await other.waitForFunction(() => document.activeElement?.id === 'foutmeldingen');
      expect(await other.locator('#foutmeldingen').textContent()).toMatch(
        /Dit formulier is intussen gewijzigd: versie 2 is op .+ ingezonden door Jeroen Smit\. Uw wijziging is niet opgeslagen, er is niets overschreven\./,
      );
      expect(await other.getByRole('status').textContent()).toContain('Uw antwoorden staan hieronder nog.');
      expect(await field(other, 'Leerlingen op een wachtlijst').inputValue()).toBe('9');
      expect(await field(other, 'Nieuwkomers zonder huisarts').inputValue()).toBe('14');
      await expectNoAxeViolations(other, 'the sociaal-domein 409 conflict page');
      await screenshot(other, '09-conflict');

      // Nothing overwritten: two versions, the first colleague's answers current.
      const stored = await versions('GM1773');
      expect(stored.map((version) => version.version)).toEqual([1, 2]);
      const [current] = await pipeline.items(round.id, `CURRENT#${formId}#GM1773`);
      expect(current).toMatchObject({
        version: 2,
        submittedBy: { name: 'Jeroen Smit' },
        answers: expect.objectContaining({ withoutGp: 20, pupilsWaiting: 6 }),
      });

      // Checking again compares with version 2: the second colleague sees that sending would undo a change.
      await review(other);
      expect(await listAfterHeading(other, 'Wat verandert er ten opzichte van de huidige versie')).toEqual([
        'Nieuwkomers zonder huisarts: 20 → 14',
        'Leerlingen op een wachtlijst: 6 → 9',
        'Uw naam: Jeroen Smit → Fatima El Amrani',
      ]);
      expect(await other.getByRole('button', { name: 'Wijziging versturen' }).count()).toBe(1);
    } finally {
      await colleague.close();
    }
  });

  it('shows a focused error summary whose links lead to the fields, keeps the input, then accepts the fix', async () => {
    await openInvitation(page, 'GM0180');
    await field(page, 'Nieuwkomersleerlingen in het primair onderwijs').fill('-3');
    await field(page, 'Volwassenen met betaald werk').fill('veel');
    // A long text that just fits: the count under the field says what is left.
    const care = field(page, /^Hoe is de situatie op het gebied van zorg\?/);
    await care.focus();
    await page.keyboard.insertText('Lang verhaal. '.repeat(107));
    expect(await care.evaluate((area: HTMLTextAreaElement) => area.value.length)).toBe(1498);
    expect(await page.locator('#f-careSituation-count').textContent()).toBe('U heeft nog 2 tekens');
    expect(await activate(page.getByRole('button', { name: 'Knelpunt toevoegen' }), 'add knelpunt')).toBe(
      200,
    );
    await bottleneck(page, 1).getByLabel('Wat is het knelpunt?').fill('Geen ISK in de buurt');
    await field(page, 'Uw e-mailadres').fill('fatima-at-staphorst');
    // Enter in a text field sends the form as "Controleren".
    // Post/redirect/get: the errors come back on the form as a GET, from the draft.
    expect(await loadsNewPage(page, () => field(page, 'Uw e-mailadres').press('Enter'))).toBe(200);
    expect(new URL(page.url()).search).toBe('?controleer=1');

    await page.waitForFunction(() => document.activeElement?.id === 'foutmeldingen');
    expect(await page.title()).toBe(`Fout: ${formTitle} – Regionale Regietafel Vluchtelingen IJsselland`);
    const summary = page.locator('#foutmeldingen');
    expect(await summary.getByRole('heading').textContent()).toBe('Er zijn 6 problemen met uw antwoorden');
    const links = summary.getByRole('link');
    expect(await links.allTextContents()).toEqual([
      '‘Nieuwkomersleerlingen in het primair onderwijs’ mag niet negatief zijn.',
      '‘Volwassenen met betaald werk’ moet een heel getal zijn, bijvoorbeeld 12.',
      'Knelpunt 1: Kies een antwoord bij ‘Domein’.',
      'Knelpunt 1: Kies een antwoord bij ‘Hoe ernstig is het?’.',
      'Vul ‘Uw naam’ in.',
      '‘Uw e-mailadres’ moet een geldig e-mailadres zijn, zoals naam@gemeente.nl.',
    ]);
    await screenshot(page, '10-foutmeldingen');
    await expectNoAxeViolations(page, 'the sociaal-domein form with errors');

    // Tab from the summary reaches its first link; Enter on each link moves focus to its field.
    await page.keyboard.press('Tab');
    await expectFocused(links.first(), 'the first link in the error summary');
    const targets = await links.evaluateAll((anchors) =>
      anchors.map((anchor) => anchor.getAttribute('href')),
    );
    expect(targets).toEqual([
      '#f-pupilsPrimary',
      '#f-adultsInWork',
      '#f-bottlenecks-0-domain',
      '#f-bottlenecks-0-severity',
      '#f-contactName',
      '#f-contactEmail',
    ]);
    for (const [index, href] of targets.entries()) {
      await links.nth(index).focus();
      await page.keyboard.press('Enter');
      await expectFocused(
        page.locator(String(href)),
        `the field behind "${await links.nth(index).textContent()}"`,
      );
    }

    // The input is kept, and each field with an error is marked invalid and says why.
    const pupils = field(page, 'Nieuwkomersleerlingen in het primair onderwijs');
    expect(await pupils.inputValue()).toBe('-3');
    expect(await pupils.getAttribute('aria-invalid')).toBe('true');
    expect(await field(page, 'Volwassenen met betaald werk').inputValue()).toBe('veel');
    expect(await care.inputValue()).toHaveLength(1498);
    expect(await bottleneck(page, 1).getByLabel('Wat is het knelpunt?').inputValue()).toBe(
      'Geen ISK in de buurt',
    );
    expect(await field(page, 'Uw e-mailadres').inputValue()).toBe('fatima-at-staphorst');
    expect(await versions('GM0180')).toEqual([]);

    // The fix, by keyboard.
    await retype(pupils, '30');
    await retype(field(page, 'Volwassenen met betaald werk'), '50');
    await bottleneck(page, 1).getByLabel('Domein').focus();
    await chooseWithArrowKeys(bottleneck(page, 1).getByLabel('Domein'), /^Onderwijs$/);
    await bottleneck(page, 1).getByRole('radio', { name: 'Beperkt' }).focus();
    await page.keyboard.press('Space');
    await retype(field(page, 'Uw naam'), 'Fatima El Amrani');
    await retype(field(page, 'Uw e-mailadres'), 'f.elamrani@staphorst.example');
    await review(page);
    expect(await page.title()).not.toMatch(/^Fout:/);
    await send(page, 'GM0180', 1);
    const [stored] = await versions('GM0180');
    expect(stored?.answers).toMatchObject({
      pupilsPrimary: 30,
      adultsInWork: 50,
      careSituation: 'Lang verhaal. '.repeat(107).trim(),
      bottlenecks: [{ domain: 'onderwijs', description: 'Geen ISK in de buurt', severity: 'beperkt' }],
      contactEmail: 'f.elamrani@staphorst.example',
    });
  });

  // A browser sends a textarea's line breaks as CRLF; the server counts them as one character, as the
  // count under the field does, so a text that fits the field is never refused for its line breaks. A
  // longer one is not cut off: the count says how much too long it is, and the server refuses it by name.
  it('counts a long text with line breaks as the official types, refuses it by name, accepts it once it fits', async () => {
    await openInvitation(page, 'GM1708');
    const care = field(page, /^Hoe is de situatie op het gebied van zorg\?/);
    const count = page.locator('#f-careSituation-count');
    expect(await count.textContent()).toBe('U heeft nog 1.500 tekens');
    expect(await care.getAttribute('aria-describedby')).toContain('f-careSituation-count');
    await care.focus();
    for (let line = 0; line < 15; line++) {
      await page.keyboard.insertText('x'.repeat(99));
      await page.keyboard.press('Enter');
    }
    await page.keyboard.insertText('y'.repeat(200));
    // Nothing is cut off: 15 × 99 letters, 15 line breaks and 200 more.
    expect(await care.evaluate((area: HTMLTextAreaElement) => area.value.length)).toBe(1700);
    expect(await count.textContent()).toBe('U heeft 200 tekens te veel');
    await field(page, 'Uw naam').fill('Petra Mulder');
    await field(page, 'Uw e-mailadres').fill('p.mulder@steenwijkerland.example');
    // Post/redirect/get: the input is kept as the draft, and the form shows its errors as a GET.
    expect(
      await activate(page.getByRole('button', { name: 'Controleren', exact: true }), 'Controleren'),
    ).toBe(200);
    expect(new URL(page.url()).search).toBe('?controleer=1');
    const problems = await page.locator('#foutmeldingen').getByRole('link').allTextContents();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/zorg.*maximaal 1\.?500 tekens/);
    // The text came back whole, with the count as the server counts it.
    expect(await care.evaluate((area: HTMLTextAreaElement) => area.value.length)).toBe(1700);
    expect(await count.textContent()).toBe('U heeft 200 tekens te veel');
    await care.focus();
    await page.keyboard.press('ControlOrMeta+End');
    for (let key = 0; key < 200; key++) await page.keyboard.press('Backspace');
    expect(await count.textContent()).toBe('U heeft nog 0 tekens');
    await review(page);
  });

  it('shows the submitted answers read-only, without a form, once the round has closed', async () => {
    const closing: Round = { ...round, id: `${formId}-gesloten`, title: 'Gesloten ronde sociaal domein' };
    expect(await pipeline.store.createRound(closing)).toBe(true);
    await submittedBefore('GM0166', validSociaalDomein({ contactName: 'Kees Mulder' }), closing);
    const now = Date.now();
    await pipeline.store.updateRound({
      ...closing,
      opensAt: new Date(now - 14 * 24 * 3600 * 1000).toISOString(),
      deadline: new Date(now - 24 * 3600 * 1000).toISOString(),
    });

    await openInvitation(page, 'GM0166', closing);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(formTitle);
    expect(await page.locator('main .utrecht-alert').textContent()).toMatch(
      /^De sluitingsdatum \(.+\) is verstreken\. U kunt dit formulier niet meer wijzigen\.$/,
    );
    expect(await page.getByRole('heading', { name: 'Ingezonden antwoorden' }).count()).toBe(1);
    expect(await page.locator('main').textContent()).toMatch(/Versie 1, ingezonden op .+ door Kees Mulder\./);
    expect(await shownAnswers(page)).toMatchObject({
      Onderwijs: { 'Nieuwkomersleerlingen in het primair onderwijs': '38' },
      'Knelpunt 1': { 'Wat is het knelpunt?': 'Wachtlijst ISK', 'Hoe ernstig is het?': 'Ernstig' },
      'Ondersteuningsvraag 1': { 'Aan wie is de vraag gericht?': 'Rijk' },
    });
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button').count()).toBe(0);
    await expectNoAxeViolations(page, 'the read-only sociaal-domein page');
    await screenshot(page, '11-alleen-lezen');

    // The confirmation page no longer offers to amend.
    expect(
      await loadsNewPage(page, () => page.goto(`${pipeline.formUrl('GM0166', closing)}/bevestiging`)),
    ).toBe(200);
    expect(await page.getByRole('link', { name: 'wijzigen' }).count()).toBe(0);

    // A municipality that sent nothing is told so.
    await openInvitation(page, 'GM0160', closing);
    expect(await page.locator('main .utrecht-alert').textContent()).toContain(
      'Uw gemeente heeft voor deze ronde niets ingezonden.',
    );
    expect(await page.locator('form').count()).toBe(0);
  });
});
