import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  get,
  postForm,
  postFormAndFollow,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

let pipeline: TestPipeline;
/** The municipality whose rows are added and removed (its draft would stand in the other tests' way). */
const rowsMunicipality = 'GM0166';
const rowsPath = `/formulieren/eigen-bijdrage/eigen-bijdrage-demo/${rowsMunicipality}`;
const rowsDraft = () => pipeline.items(pipeline.round.id, `DRAFT#eigen-bijdrage#${rowsMunicipality}`);

/** A row button pressed on a page opened on `version` and draft `revision`, with location 1's name. */
const pressRow = (action: string, version: number, revision: number, name: string) =>
  postForm(pipeline.formUrl(rowsMunicipality), [
    ['_action', action],
    ['_baseVersion', String(version)],
    ['_draftRevision', String(revision)],
    ['locations[0][name]', name],
  ]);

beforeAll(async () => {
  pipeline = await startTestPipeline();
});

afterAll(async () => {
  await pipeline?.stop();
});

/** A filled-in form as a browser posts it; `extra` replaces fields of the same name (a browser sends each once). */
function filledIn(extra: [string, string][] = []): [string, string][] {
  const replaced = new Set(extra.map(([name]) => name));
  const base: [string, string][] = [
    ['_action', 'submit'],
    ['_submissionId', 'browser-0001-abcdef'],
    ['_baseVersion', '0'],
    ['collects', 'ja'],
    ['collectingSince', '2024-07-01'],
    ['scheduleApplied', '2025-10-01'],
    ['amountOperatingCosts', '244,22'],
    ['amountCatering', ''],
    ['incomeVerification', 'uwv'],
    ['executedBy', 'gemeente'],
    ['executorName', ''],
    ['locations[0][name]', 'Het Kruispunt'],
    ['locations[0][capacity]', '1.200'],
    ['locations[0][catering]', 'nee'],
    ['locations[0][residents]', '980'],
    ['adultsFull', '12'],
    ['adultsPartial', ''],
    ['adultsCustom', ''],
    ['monthlyRevenue', '€ 2.930,64'],
    ['remarks', ''],
    ['contactName', 'Jan Jansen'],
    ['contactEmail', 'jan@deventer.example'],
    ['contactRole', ''],
  ];
  return [...base.filter(([name]) => !replaced.has(name)), ...extra];
}

describe('the form in a browser without JavaScript (plain form posts)', () => {
  it('shows an empty, labelled Dutch form for the municipality', async () => {
    const response = await get(pipeline.formUrl('GM0150'));
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<html lang="nl"');
    expect(page).toContain('Gemeente Deventer');
    expect(page).toContain('Regionale Regietafel Vluchtelingen IJsselland');
    expect(page).toContain('<label class="utrecht-form-label" for="f-contactEmail">Uw e-mailadres');
    expect(page).toContain('Opvanglocatie toevoegen');
    expect(page).toMatch(/name="_submissionId" value="[0-9a-f-]{36}"/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('adds and removes location rows by post/redirect/get: the input becomes the draft, 303 to the form with the notice in the address', async () => {
    const url = pipeline.formUrl(rowsMunicipality);
    const added = await postForm(url, [
      ['_action', 'add:locations'],
      ['_submissionId', 'browser-add-0001'],
      ['_baseVersion', '0'],
      ['_draftRevision', '0'],
      ['contactName', 'Jan <b>Jansen</b>'],
    ]);
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(
      `${rowsPath}?melding=rij-toegevoegd&groep=locations&rij=1#f-locations-melding`,
    );
    const afterAdd = await (await get(new URL(added.headers.get('location')!, url).toString())).text();
    expect(afterAdd).toMatch(
      /<div class="[^"]*rt-group-notice" id="f-locations-melding" role="status" tabindex="-1"><p class="utrecht-paragraph">Opvanglocatie 1 is toegevoegd\. Vul de gegevens hieronder in\.<\/p><\/div>\s*<fieldset[^>]*id="f-locations-0"/,
    );
    expect(afterAdd).toContain('name="locations[0][name]"');
    expect(afterAdd).toContain('value="Jan &lt;b&gt;Jansen&lt;/b&gt;"');
    expect(afterAdd).toContain('name="_draftRevision" value="1"');
    // The group's notice says what happened; the draft's own notice would be a second status line.
    expect(afterAdd).not.toContain('U gaat verder met het concept');
    expect(await rowsDraft()).toMatchObject([
      { revision: 1, raw: { contactName: 'Jan <b>Jansen</b>', locations: [{ name: '', capacity: '' }] } },
    ]);

    const removed = await postForm(url, [
      ['_action', 'remove:locations:0'],
      ['_submissionId', 'browser-add-0001'],
      ['_baseVersion', '0'],
      ['_draftRevision', '1'],
      ['locations[0][name]', 'Weg ermee'],
      ['locations[1][name]', 'Blijft staan'],
    ]);
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(
      `${rowsPath}?melding=rij-verwijderd&groep=locations&rij=1#f-locations-melding`,
    );
    const afterRemove = await (await get(new URL(removed.headers.get('location')!, url).toString())).text();
    expect(afterRemove).toMatch(
      /id="f-locations-melding" role="status" tabindex="-1"><p class="utrecht-paragraph">Opvanglocatie 1 is verwijderd\.<\/p><\/div>\s*<fieldset[^>]*id="f-locations-0"/,
    );
    expect(afterRemove).not.toContain('Weg ermee');
    expect(afterRemove).toContain('value="Blijft staan"');
    expect(afterRemove).toContain('name="_draftRevision" value="2"');
    // Loading the address again (Reload) shows the same page and stores nothing more.
    const again = await (await get(new URL(removed.headers.get('location')!, url).toString())).text();
    expect(again).toContain('Opvanglocatie 1 is verwijderd.');
    expect(again).toContain('value="Blijft staan"');
    expect(again).toContain('name="_draftRevision" value="2"');
    expect(await rowsDraft()).toMatchObject([{ revision: 2 }]);
    expect(await pipeline.items(pipeline.round.id, `VERSION#eigen-bijdrage#${rowsMunicipality}#`)).toEqual(
      [],
    );
  });

  it.each([
    ['an unknown notice', 'melding=%3Cscript%3Ealert(1)%3C%2Fscript%3E&groep=locations&rij=1'],
    ['an unknown group', 'melding=rij-toegevoegd&groep=bestaat-niet&rij=1'],
    ['a field that is no group', 'melding=rij-toegevoegd&groep=contactName&rij=1'],
    ['a row that was not added', 'melding=rij-toegevoegd&groep=locations&rij=2'],
    ['a row past the removed one', 'melding=rij-verwijderd&groep=locations&rij=3'],
    ['row 0', 'melding=rij-verwijderd&groep=locations&rij=0'],
    ['a leading zero', 'melding=rij-verwijderd&groep=locations&rij=01'],
    ['no row', 'melding=rij-verwijderd&groep=locations'],
    ['a group sent twice', 'melding=rij-verwijderd&groep=locations&groep=locations&rij=1'],
  ])('ignores a row notice in the address with %s, never echoing it', async (_, query) => {
    const response = await get(`${pipeline.formUrl(rowsMunicipality)}?${query}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).not.toContain('rt-group-notice');
    expect(page).not.toMatch(/bestaat-niet|script%3E|<script>alert/);
    expect(page).toContain('U gaat verder met het concept');
    expect(page).toContain('value="Blijft staan"');
  });

  it('shows a row notice only with a draft it can be about', async () => {
    const valid = 'melding=rij-verwijderd&groep=locations&rij=2';
    expect(await (await get(`${pipeline.formUrl(rowsMunicipality)}?${valid}`)).text()).toContain(
      'Opvanglocatie 2 is verwijderd.',
    );
    // A municipality without a draft: nothing was added or removed, so nothing is said.
    expect(await (await get(`${pipeline.formUrl('GM0193')}?${valid}`)).text()).not.toContain(
      'rt-group-notice',
    );
  });

  it('refuses a row button from a page older than a colleague’s draft (409): nothing stored, the input as posted', async () => {
    const stale = await pressRow('add:locations', 0, 1, 'Van een oude pagina');
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Een collega heeft dit concept intussen opgeslagen');
    expect(stale.text).toContain(
      'Uw antwoorden hieronder zijn niet opgeslagen. Klikt u nogmaals op ‘Opvanglocatie toevoegen’, dan vervangen zij het concept van uw collega.',
    );
    expect(stale.text).toContain('value="Van een oude pagina"');
    expect(stale.text).not.toContain('name="locations[1][name]"');
    expect(stale.text).toContain('name="_draftRevision" value="2"');
    expect(stale.text).not.toContain('rt-group-notice');

    const staleRemove = await pressRow('remove:locations:0', 0, 1, 'Van een oude pagina');
    expect(staleRemove.status).toBe(409);
    expect(staleRemove.text).toContain('Klikt u nogmaals op ‘Opvanglocatie 1 verwijderen’');
    expect(staleRemove.text).toContain('value="Van een oude pagina"');
    expect(await rowsDraft()).toMatchObject([
      { revision: 2, raw: { locations: [{ name: 'Blijft staan' }] } },
    ]);
  });

  it('refuses a row button after a colleague sent a version (409), saying which', async () => {
    expect(
      (await postJson(pipeline.formUrl(rowsMunicipality), { answers: validEigenBijdrage() })).status,
    ).toBe(201);
    const stale = await pressRow('remove:locations:0', 0, 2, 'Blijft staan');
    expect(stale.status).toBe(409);
    expect(stale.text).toMatch(/Dit formulier is intussen gewijzigd: versie 1 is op .+ ingezonden door/);
    expect(stale.text).toContain('name="_baseVersion" value="1"');
    expect(stale.text).toContain('value="Blijft staan"');
  });

  it('keeps a damaged row button a 400 with the Dutch message, storing nothing', async () => {
    const drafts = await rowsDraft();
    const damaged = await pressRow('remove:locations:7', 1, 2, 'Blijft staan');
    expect(damaged.status).toBe(400);
    expect(damaged.text).toContain('De pagina is beschadigd of verouderd');
    expect(damaged.text).toContain('value="Blijft staan"');
    expect(await rowsDraft()).toEqual(drafts);
  });

  it('“Controleren” with errors keeps the input as the draft and shows the form again from it with an error summary linking to each field (303 → GET)', async () => {
    const url = pipeline.formUrl('GM0150');
    const response = await postFormAndFollow(
      url,
      filledIn([['_action', 'review']]).map(([name, value]): [string, string] =>
        name === 'contactEmail'
          ? [name, 'jan-at-deventer']
          : name === 'locations[0][capacity]'
            ? [name, 'veel']
            : [name, value],
      ),
    );
    expect(response.passed).toEqual([
      '/formulieren/eigen-bijdrage/eigen-bijdrage-demo/GM0150/controleren?inzending=browser-0001-abcdef',
      '/formulieren/eigen-bijdrage/eigen-bijdrage-demo/GM0150?controleer=1',
    ]);
    expect(response.status).toBe(200);
    expect(response.text).toContain('<title>Fout: ');
    expect(response.text).toContain('Er zijn 2 problemen met uw antwoorden');
    expect(response.text).toContain(
      '<a class="utrecht-link utrecht-link--html-a" href="#f-locations-0-capacity">Opvanglocatie 1: ‘Capaciteit’ moet een heel getal zijn, bijvoorbeeld 12.</a>',
    );
    expect(response.text).toContain('href="#f-contactEmail"');
    expect(response.text).toMatch(
      /id="f-contactEmail"[^>]*value="jan-at-deventer"[^>]*aria-describedby="f-contactEmail-hint f-contactEmail-error"/,
    );
    expect(response.text).toContain('value="veel"');
    expect(response.text).toContain('value="Het Kruispunt"');
    expect(response.text).toContain('Uw antwoorden zijn bewaard als concept, maar nog niet ingezonden.');
    expect(response.text).toContain('name="_draftRevision" value="1"');
    expect(await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0150#')).toEqual([]);
    // The page is a GET: loading it again shows the same errors and input.
    const again = await (await get(`${url}?controleer=1`)).text();
    expect(again).toContain('Er zijn 2 problemen met uw antwoorden');
    expect(again).toContain('value="veel"');
  });

  it('“Controleren” answers 303 to a check page (GET) with warnings, built from the draft; Wijzigen links back to each field with the input kept', async () => {
    const url = pipeline.formUrl('GM0150');
    const review = filledIn([
      ['amountCatering', '200,00'],
      ['_draftRevision', '1'],
    ]).map(([name, value]): [string, string] => (name === '_action' ? [name, 'review'] : [name, value]));
    const posted = await postForm(url, review);
    expect(posted.status).toBe(303);
    const checkPath =
      '/formulieren/eigen-bijdrage/eigen-bijdrage-demo/GM0150/controleren?inzending=browser-0001-abcdef';
    expect(posted.headers.get('location')).toBe(checkPath);
    const [draft] = await pipeline.items(pipeline.round.id, 'DRAFT#eigen-bijdrage#GM0150');
    expect(draft).toMatchObject({ revision: 2, baseVersion: 0 });

    const response = await get(`${pipeline.baseUrl}${checkPath}`);
    expect(response.status).toBe(200);
    const check = await response.text();
    expect(check).toContain('<h1 class="utrecht-heading-1">Controleer uw antwoorden</h1>');
    expect(check).toContain('Kijkt u deze antwoorden nog even na?');
    expect(check).toContain('Het bedrag voor catering (€ 200,00) wijkt af van het landelijke bedrag');
    expect(check).toContain('<dd class="utrecht-data-list__item-value">€ 2.930,64 per maand</dd>');
    expect(check).toContain('<input type="hidden" name="locations[0][capacity]" value="1.200">');
    expect(check).toContain('name="_action" value="submit"');
    expect(check).toContain('name="_submissionId" value="browser-0001-abcdef"');
    expect(check).toContain('name="_draftRevision" value="2"');
    expect(check).toContain(
      '<a class="utrecht-link utrecht-link--html-a" href="/formulieren/eigen-bijdrage/eigen-bijdrage-demo/GM0150#f-contactName">Wijzigen<span class="rt-visually-hidden"> Uw naam</span></a>',
    );
    expect(check).not.toContain('value="edit"');
    expect(await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0150#')).toEqual([]);

    // Wijzigen / Terug naar het formulier: the form (a GET) opens from the draft.
    const back = await (await get(url)).text();
    expect(back).toContain('value="200,00"');
    expect(back).toContain('value="Het Kruispunt"');
    expect(back).toContain('name="_draftRevision" value="2"');

    const invalid = await postFormAndFollow(
      url,
      review.map(([name, value]): [string, string] =>
        name === 'contactEmail' ? [name, 'x'] : name === '_draftRevision' ? [name, '2'] : [name, value],
      ),
    );
    expect(invalid.passed).toEqual([
      checkPath,
      '/formulieren/eigen-bijdrage/eigen-bijdrage-demo/GM0150?controleer=1',
    ]);
    expect(invalid.status).toBe(200);
    expect(invalid.text).toContain('Er is 1 probleem met uw antwoorden');
    expect(invalid.text).toContain('value="x"');
  });

  it('refuses “Controleren” from a page older than a colleague’s draft (409), keeping the colleague’s draft', async () => {
    const url = pipeline.formUrl('GM0150');
    const stale = await postForm(
      url,
      filledIn([
        ['remarks', 'van een oude pagina'],
        ['_draftRevision', '1'],
      ]).map(([name, value]): [string, string] => (name === '_action' ? [name, 'review'] : [name, value])),
    );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Een collega heeft dit concept intussen opgeslagen');
    expect(stale.text).toContain('van een oude pagina</textarea>');
    expect(stale.text).toContain('name="_draftRevision" value="3"');
    const [draft] = await pipeline.items(pipeline.round.id, 'DRAFT#eigen-bijdrage#GM0150');
    expect(draft).toMatchObject({ revision: 3 });
  });

  it('rejects fields the form does not know (422) straight from the post, storing nothing, not even a draft', async () => {
    const drafts = await pipeline.items(pipeline.round.id, 'DRAFT#eigen-bijdrage#GM0150');
    for (const action of ['submit', 'review']) {
      const response = await postForm(
        pipeline.formUrl('GM0150'),
        filledIn([
          ['bsn', '123456789'],
          ['_action', action],
          ['_draftRevision', '3'],
        ]),
      );
      expect(response.status).toBe(422);
      expect(response.text).toContain('Onbekend veld ‘bsn’');
    }
    expect(await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0150#')).toEqual([]);
    expect(await pipeline.items(pipeline.round.id, 'DRAFT#eigen-bijdrage#GM0150')).toEqual(drafts);
  });

  it('stores a valid post, redirects to the confirmation page, and mails the official', async () => {
    const url = pipeline.formUrl('GM0150');
    const response = await postForm(url, filledIn());
    expect(response.status).toBe(303);
    const location = response.headers.get('location');
    expect(location).toBe('/formulieren/eigen-bijdrage/eigen-bijdrage-demo/GM0150/bevestiging?versie=1');

    const [version] = await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0150#');
    expect(version?.answers).toEqual({
      collects: true,
      collectingSince: '2024-07-01',
      scheduleApplied: '2025-10-01',
      amountOperatingCosts: 244.22,
      incomeVerification: 'uwv',
      executedBy: 'gemeente',
      locations: [{ name: 'Het Kruispunt', capacity: 1200, catering: false, residents: 980 }],
      adultsFull: 12,
      monthlyRevenue: 2930.64,
      contactName: 'Jan Jansen',
      contactEmail: 'jan@deventer.example',
    });

    const confirmation = await get(`${pipeline.baseUrl}${location}`);
    expect(confirmation.status).toBe(200);
    const page = await confirmation.text();
    expect(page).toContain('Uw antwoorden zijn ontvangen');
    expect(page).toContain('versie 1');
    expect(page).toContain('Het Kruispunt');
    expect(page).toContain('€ 2.930,64');
    expect(page).toContain(
      'De bevestiging met uw antwoorden is per e-mail verstuurd naar jan@deventer.example',
    );

    const mails = (await pipeline.mailbox()).filter((mail) =>
      mail.destination.to.includes('jan@deventer.example'),
    );
    expect(mails).toHaveLength(1);

    // Posting the same page again (a double click, a refresh of the post) stores nothing new.
    const again = await postForm(url, filledIn());
    expect(again.status).toBe(303);
    expect(await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0150#')).toHaveLength(1);
    expect(
      (await pipeline.mailbox()).filter((mail) => mail.destination.to.includes('jan@deventer.example')),
    ).toHaveLength(1);
  });

  it('opens prefilled with the current version to amend, and refuses a stale page with 409', async () => {
    const url = pipeline.formUrl('GM0150');
    const page = await (await get(url)).text();
    expect(page).toContain('U wijzigt versie 1');
    expect(page).toContain('value="Het Kruispunt"');
    expect(page).toContain('name="_baseVersion" value="1"');
    expect(page).toContain('value="244,22"');

    const stale = await postForm(
      url,
      filledIn().map(([name, value]): [string, string] =>
        name === '_submissionId' ? [name, 'stale-page-0002'] : [name, value],
      ),
    );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Dit formulier is intussen gewijzigd: versie 1');
    expect(stale.text).toContain('name="_baseVersion" value="1"');
    expect(await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0150#')).toHaveLength(1);
  });
});

describe('questions asked only after ‘ja’', () => {
  it('stores a ‘nee’ without the answers it makes irrelevant, and leaves them off the check page and the email', async () => {
    const url = pipeline.formUrl('GM0175');
    const nee = filledIn([
      ['collects', 'nee'],
      ['collectingSince', '1 juli 2024'],
      ['executedBy', 'extern'],
      ['executorName', 'Regio Oost'],
      ['_submissionId', 'browser-nee-0001'],
    ]);
    const review = nee.map(([name, value]): [string, string] =>
      name === '_action' ? [name, 'review'] : [name, value],
    );
    const check = await postFormAndFollow(url, review);
    expect(check.passed).toEqual([
      '/formulieren/eigen-bijdrage/eigen-bijdrage-demo/GM0175/controleren?inzending=browser-nee-0001',
    ]);
    expect(check.status).toBe(200);
    expect(check.text).toContain('Controleer uw antwoorden');
    const shown = check.text.replace(/<input type="hidden"[^>]*>/g, '');
    expect(shown).not.toContain('Sinds wanneer vraagt uw gemeente');
    expect(shown).not.toContain('Regio Oost');
    expect(shown).not.toContain('Volwassenen die de volledige bijdrage betalen');

    await pipeline.clearMailbox();
    const stored = await postForm(url, nee);
    expect(stored.status).toBe(303);
    const [version] = await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0175#');
    expect(version?.answers).toEqual({
      collects: false,
      locations: [{ name: 'Het Kruispunt', capacity: 1200, catering: false, residents: 980 }],
      contactName: 'Jan Jansen',
      contactEmail: 'jan@deventer.example',
    });
    const [mail] = await pipeline.mailbox();
    expect(mail?.body.text).toContain('Vraagt uw gemeente een eigen bijdrage van werkende ontheemden? Nee');
    expect(mail?.body.text).not.toContain('Naam van de uitvoerende organisatie');
    expect(mail?.body.text).not.toContain('Opbrengst per maand');
  });

  it('after ‘ja’, gives one error per missing answer, each linking to its field and naming its label', async () => {
    // “Versturen” with errors (only altered hidden fields of the check page can do that): refused as posted.
    const response = await postForm(
      pipeline.formUrl('GM0175'),
      filledIn([
        ['_baseVersion', '1'],
        ['collectingSince', ''],
        ['scheduleApplied', ''],
        ['amountOperatingCosts', ''],
        ['incomeVerification', ''],
        ['executedBy', ''],
      ]),
    );
    expect(response.status).toBe(422);
    expect(response.text).toContain('Er zijn 5 problemen met uw antwoorden');
    const links = [
      ...response.text.matchAll(
        /<a class="utrecht-link utrecht-link--html-a" href="#(f-[^"]+)">([^<]+)<\/a>/g,
      ),
    ].map((match) => [match[1], match[2]]);
    expect(links).toEqual([
      [
        'f-collectingSince',
        'Vul bij ‘Sinds wanneer vraagt uw gemeente de eigen bijdrage?’ een datum in, bijvoorbeeld 1-7-2024 of 1 juli 2024.',
      ],
      ['f-scheduleApplied', 'Kies een antwoord bij ‘Welke landelijke bedragen past uw gemeente toe?’.'],
      ['f-amountOperatingCosts', 'Vul ‘Bedrag voor exploitatie en nutsvoorzieningen’ in.'],
      ['f-incomeVerification', 'Kies een antwoord bij ‘Hoe stelt uw gemeente het inkomen vast?’.'],
      ['f-executedBy', 'Kies een antwoord bij ‘Wie voert de eigen bijdrage uit?’.'],
    ]);
  });

  it('accepts the date as the check page shows it', async () => {
    const response = await postForm(
      pipeline.formUrl('GM0148'),
      filledIn([
        ['collectingSince', '1 juli 2024'],
        ['_submissionId', 'browser-datum-0001'],
      ]),
    );
    expect(response.status).toBe(303);
    const [version] = await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0148#');
    expect(version?.answers).toMatchObject({ collectingSince: '2024-07-01' });
  });
});
