import { SESClient } from '@aws-sdk/client-ses';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { openRound } from '../../functions/core/open-round.js';
import type { Principal } from '../../functions/core/policy.js';
import { contactTarget, contactValues } from '../../functions/core/registry/contact-changes.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { sendReminders } from '../../functions/core/reminders.js';
import { randomIds } from '../../functions/http/dependencies.js';
import {
  get,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

/**
 * #11 items 7 and 8 through their pages, as staff use them: the contacts page (change a coordinator's
 * addresses or a secretariat, through a check page, audited), the municipality-list import (a merger),
 * and a round's audit trail with its filter and CSV download. Each action: allowed in scope, 403 for the
 * other region, 401 without a staff sign-in, refused cross-site, audited, nothing changed on a refusal, and
 * done once on a double post.
 */

let pipeline: TestPipeline;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  pipeline = await startTestPipeline();
  for (const role of ['regietafel:ijsselland', 'regietafel:twente', 'provincie:overijssel'])
    tokens[role] = await pipeline.staffIssuer.mint({
      roles: [role],
      email: `${role.replace(':', '.')}@test.example`,
    });
});

afterAll(async () => {
  await pipeline?.stop();
});

/** A staff browser: the sign-in cookie, a page request, same-origin posts (as our own pages send them). */
function browser(role: string, crossSite = false) {
  const headers = {
    cookie: `regietafel_staf=${tokens[role]}`,
    accept: 'text/html',
    ...(crossSite ? { 'sec-fetch-site': 'cross-site' } : { 'sec-fetch-site': 'same-origin' }),
  };
  return {
    get: async (path: string) => {
      const response = await fetch(`${pipeline.baseUrl}${path}`, { headers, redirect: 'manual' });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
    post: async (path: string, fields: Record<string, string> | URLSearchParams | FormData) => {
      const body =
        fields instanceof URLSearchParams || fields instanceof FormData
          ? fields
          : new URLSearchParams(fields);
      const response = await fetch(`${pipeline.baseUrl}${path}`, {
        method: 'POST',
        headers:
          fields instanceof FormData
            ? headers
            : { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
  };
}

/** The hidden fields of the form on a page that posts `action`. */
function formFields(page: string, action: string): URLSearchParams {
  const forms = page.split('<form').slice(1);
  const form = forms.find((candidate) => candidate.includes(`value="${action}"`));
  expect(form, `a form with ${action}`).toBeDefined();
  const fields = new URLSearchParams();
  for (const match of form!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields.append(match[1]!, decode(match[2]!));
  }
  fields.set('_action', action);
  return fields;
}

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Changes one field of a contacts page as a person does: the form, the check page, then Opslaan. */
async function changeContact(
  session: ReturnType<typeof browser>,
  path: string,
  field: string,
  value: string,
): Promise<{ check: string; saved: number }> {
  const fields = formFields((await session.get(path)).text, 'controleren');
  fields.set(field, value);
  const check = await session.post(path, fields);
  return { check: check.text, saved: (await session.post(path, formFields(check.text, 'opslaan'))).status };
}

async function everything() {
  return { registry: await pipeline.store.getRegistry(), audit: await pipeline.store.listAudit() };
}

describe('the contacts page', () => {
  it('shows a regietafel its own region and municipalities, the province all of it, with edit links', async () => {
    const ijsselland = await browser('regietafel:ijsselland').get('/staf/contacten');
    expect(ijsselland.status).toBe(200);
    expect(ijsselland.text).toContain('Regio IJsselland');
    expect(ijsselland.text).toContain('coordinator@zwolle.gemeente.example');
    expect(ijsselland.text).toContain('href="/staf/contacten/gemeente/GM0193"');
    expect(ijsselland.text).not.toContain('Regio Twente');
    expect(ijsselland.text).not.toContain('/staf/contacten/provincie/overijssel');
    expect(ijsselland.text).not.toContain('href="/staf/contacten/gemeentelijst"');
    const province = await browser('provincie:overijssel').get('/staf/contacten');
    for (const text of [
      'Regio IJsselland',
      'Regio Twente',
      '/staf/contacten/provincie/overijssel',
      '/staf/contacten/gemeentelijst',
    ])
      expect(province.text).toContain(text);
  });

  it('refuses without a staff sign-in (401; a browser goes to the sign-in) and a municipality’s link', async () => {
    expect((await fetch(`${pipeline.baseUrl}/staf/contacten`)).status).toBe(401);
    const page = await fetch(`${pipeline.baseUrl}/staf/contacten`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/staf\/inloggen\?terug=/);
    const link = await pipeline.tokenFor('GM0193');
    expect(
      (await get(`${pipeline.baseUrl}/staf/contacten/gemeente/GM0193`, { authorization: `Bearer ${link}` }))
        .status,
    ).toBe(401);
  });

  it('changes a coordinator’s addresses through the check page, audited before → after, once on a double post', async () => {
    const secretary = browser('regietafel:ijsselland');
    const form = await secretary.get('/staf/contacten/gemeente/GM0193');
    expect(form.status).toBe(200);
    expect(form.text).toContain('E-mailadressen voor uitnodigingen en herinneringen');
    const fields = formFields(form.text, 'controleren');
    fields.set('contacts', 'a.bakker@zwolle.example\nteam-opvang@zwolle.example');
    const before = await everything();
    const check = await secretary.post('/staf/contacten/gemeente/GM0193', fields);
    expect(check.status).toBe(200);
    expect(check.text).toContain('Controleer de wijziging');
    expect(check.text).toContain('coordinator@zwolle.gemeente.example');
    // Was and Wordt with the addresses one per line (they read the same at 320 px).
    expect(check.text.replace(/\s+/g, ' ')).toMatch(
      /Wordt<\/dt><dd[^>]*><ul[^>]*><li[^>]*>a\.bakker@zwolle\.example<\/li> ?<li[^>]*>team-opvang@zwolle\.example<\/li>/,
    );
    expect(await everything()).toEqual(before); // the check page stores nothing

    const save = formFields(check.text, 'opslaan');
    const saved = await secretary.post('/staf/contacten/gemeente/GM0193', save);
    expect(saved.status).toBe(303);
    const location = saved.headers.get('location')!;
    expect(location).toMatch(/^\/staf\/contacten\?gedaan=/);
    const again = await secretary.post('/staf/contacten/gemeente/GM0193', save);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(location);

    expect((await pipeline.store.getMunicipality('GM0193'))?.contacts).toEqual([
      'a.bakker@zwolle.example',
      'team-opvang@zwolle.example',
    ]);
    const lines = (await pipeline.store.listAudit()).filter((line) => line.action === 'contact-changed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      actor: 'regietafel.ijsselland@test.example',
      municipality: 'GM0193',
      before: { contacts: 'coordinator@zwolle.gemeente.example' },
      after: { contacts: 'a.bakker@zwolle.example, team-opvang@zwolle.example' },
    });
    const overview = await secretary.get(location);
    expect(overview.text).toContain(
      'Gemeente Zwolle: e-mailadressen voor uitnodigingen en herinneringen gewijzigd.',
    );
    expect(overview.text).toContain('Laatste wijzigingen');
    expect(overview.text).toContain('coordinator@zwolle.gemeente.example → a.bakker@zwolle.example');
  });

  it('names the field and the wrong address, keeps what was typed, and stores nothing', async () => {
    const secretary = browser('regietafel:ijsselland');
    const fields = formFields((await secretary.get('/staf/contacten/gemeente/GM0150')).text, 'controleren');
    fields.set('contacts', 'goed@deventer.example\nfout@');
    const before = await everything();
    for (const action of ['controleren', 'opslaan']) {
      fields.set('_action', action);
      const answer = await secretary.post('/staf/contacten/gemeente/GM0150', fields);
      expect(answer.status).toBe(422);
      expect(answer.text).toContain(
        'E-mailadressen voor uitnodigingen en herinneringen: ‘fout@’ is geen geldig e-mailadres.',
      );
      expect(answer.text).toContain('href="#f-contacts"');
      expect(answer.text).toContain('fout@</textarea>');
    }
    expect(await everything()).toEqual(before);
  });

  it('refuses the other region (403), a cross-site post (403) and a stale page (409), changing nothing', async () => {
    const form = await browser('regietafel:ijsselland').get('/staf/contacten/gemeente/GM0148');
    const save = formFields(form.text, 'controleren');
    save.set('contacts', 'nieuw@dalfsen.example');
    save.set('_action', 'opslaan');
    const before = await everything();
    expect((await browser('regietafel:twente').get('/staf/contacten/gemeente/GM0148')).status).toBe(403);
    const other = await browser('regietafel:twente').post('/staf/contacten/gemeente/GM0148', save);
    expect(other.status).toBe(403);
    expect(other.text).toContain('geen toegang');
    expect(
      (await browser('regietafel:ijsselland', true).post('/staf/contacten/gemeente/GM0148', save)).status,
    ).toBe(403);
    expect(
      (await browser('regietafel:ijsselland').post('/staf/contacten/provincie/overijssel', save)).status,
    ).toBe(403);
    expect((await browser('regietafel:ijsselland').get('/staf/contacten/gemeente/GM9999')).status).toBe(404);
    expect(await everything()).toEqual(before);

    // Someone else changed Dalfsen in between: the older page is refused, the other change stays.
    const dalfsen = (await pipeline.store.getMunicipality('GM0148'))!;
    await pipeline.store.putRegistryItem(
      { kind: 'municipality', value: { ...dalfsen, contacts: ['collega@dalfsen.example'] } },
      dalfsen.revision!,
    );
    const stale = await browser('regietafel:ijsselland').post('/staf/contacten/gemeente/GM0148', save);
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('intussen door iemand anders gewijzigd');
    expect((await pipeline.store.getMunicipality('GM0148'))?.contacts).toEqual(['collega@dalfsen.example']);
  });

  it('says on the check page what follows from the fields that change, and only those', async () => {
    const staff = browser('provincie:overijssel');
    // What the form shows (formFields reads the hidden fields only), then the changes.
    const shown = contactValues(contactTarget(await pipeline.store.getRegistry(), 'regio', 'twente'));
    const check = async (changes: Record<string, string>) => {
      const fields = formFields((await staff.get('/staf/contacten/regio/twente')).text, 'controleren');
      for (const [name, value] of Object.entries({ ...shown, ...changes })) fields.set(name, value);
      const page = await staff.post('/staf/contacten/regio/twente', fields);
      expect(page.status).toBe(200);
      const from = page.text.slice(page.text.indexOf('Wat er daarna gebeurt'));
      return from.slice(0, from.indexOf('</ul>'));
    };
    const emptied = await check({ addresses: '' });
    expect(emptied).toContain('Het overzicht wordt niet meer verstuurd zolang er geen adres is.');
    expect(emptied).not.toContain('nieuwe adressen');
    expect(emptied).not.toContain('secretariaat');
    const moved = await check({ addresses: 'voorzitter@twente.example' });
    expect(moved).toContain('Het volgende overzicht gaat naar de nieuwe adressen.');
    expect(moved).not.toContain('secretariaat');
    const secretariat = await check({ secretariatPhone: '053 481 00 01' });
    expect(secretariat).toContain('noemen vanaf nu het secretariaat zoals hierboven');
    expect(secretariat).not.toContain('overzicht');
    // Clearing the phone alone keeps the secretariat (its name and address stay).
    const noPhone = await check({ secretariatPhone: '' });
    expect(noPhone).toContain('noemen vanaf nu het secretariaat zoals hierboven');
    expect(noPhone).not.toContain('geen secretariaat meer');
    const none = await check({ secretariatName: '', secretariatEmail: '', secretariatPhone: '' });
    expect(none).toContain('Pagina’s en e-mails noemen geen secretariaat meer voor dit gebied.');
    const municipality = browser('regietafel:ijsselland');
    const fields = formFields(
      (await municipality.get('/staf/contacten/gemeente/GM0150')).text,
      'controleren',
    );
    fields.set('contacts', '');
    const cleared = await municipality.post('/staf/contacten/gemeente/GM0150', fields);
    expect(cleared.text).toContain(
      'Deze gemeente krijgt geen uitnodigingen en herinneringen meer zolang er geen adres is.',
    );
  });

  it('lets the province change a region’s secretariat, which every page and email of it names at once', async () => {
    const staff = browser('provincie:overijssel');
    const fields = formFields((await staff.get('/staf/contacten/regio/twente')).text, 'controleren');
    fields.set('secretariatName', 'Pieter de Groot');
    fields.set('secretariatEmail', 'p.degroot@regietafel-twente.example');
    fields.set('secretariatPhone', '053 481 00 00');
    const check = await staff.post('/staf/contacten/regio/twente', fields);
    expect(check.status).toBe(200);
    expect(await staff.post('/staf/contacten/regio/twente', formFields(check.text, 'opslaan'))).toMatchObject(
      { status: 303 },
    );
    const footer = /<footer[\s\S]*<\/footer>/.exec(await (await get(pipeline.formUrl('GM0153'))).text())?.[0];
    expect(footer).toContain('Pieter de Groot');
    expect(footer).toContain('href="tel:+31534810000"');
    const line = (await pipeline.store.listAudit()).find((event) => event.details?.item === 'regio:twente');
    expect(line).toMatchObject({
      actor: 'provincie.overijssel@test.example',
      before: { secretariatName: 'Secretariaat Regietafel Twente' },
      after: { secretariatName: 'Pieter de Groot', secretariatPhone: '053 481 00 00' },
    });
  });

  it('sends the next reminder to the new address', async () => {
    const secretary = browser('regietafel:twente');
    const { saved } = await changeContact(
      secretary,
      '/staf/contacten/gemeente/GM0164',
      'contacts',
      'nieuwe.coordinator@hengelo.example',
    );
    expect(saved).toBe(303);
    await pipeline.clearMailbox();
    const mailer = new SesMailer('noreply@regietafel.example', new SESClient({ endpoint: pipeline.ses.url }));
    await sendReminders(
      { store: pipeline.store, mailer, clock: { now: () => new Date() }, ids: randomIds },
      { roundId: pipeline.round.id, period: 'na-wijziging', baseUrl: pipeline.baseUrl, actor: 'test' },
    );
    const hengelo = (await pipeline.mailbox()).filter((mail) => mail.subject.includes('gemeente Hengelo'));
    expect(hengelo.map((mail) => mail.destination.to)).toEqual([['nieuwe.coordinator@hengelo.example']]);
  });

  it('shows the new address on the reminders page, and the reminder sent from it goes there', async () => {
    const secretary = browser('regietafel:twente');
    const { saved } = await changeContact(
      secretary,
      '/staf/contacten/gemeente/GM0153',
      'contacts',
      ' Opvang.Coordinator@Enschede.example ',
    );
    expect(saved).toBe(303);

    await pipeline.clearMailbox();
    const path = `/staf/rondes/${pipeline.round.id}/herinneringen`;
    // The preview works by post/redirect/get: the post 303s to the page's own ?stap=voorbeeld address.
    const previewed = await secretary.post(path, { _action: 'voorbeeld', gemeente: 'GM0153' });
    expect(previewed.status).toBe(303);
    const preview = await secretary.get(previewed.headers.get('location')!);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('opvang.coordinator@enschede.example');
    expect(preview.text).not.toContain('coordinator@enschede.gemeente.example');
    expect((await secretary.post(path, formFields(preview.text, 'versturen'))).status).toBe(303);
    const mails = await pipeline.mailbox();
    expect(mails.map((mail) => mail.destination.to)).toEqual([['opvang.coordinator@enschede.example']]);
  });

  it('sends the region’s next summary to the recipients the province typed on the page', async () => {
    const staff = browser('provincie:overijssel');
    const { check, saved } = await changeContact(
      staff,
      '/staf/contacten/regio/twente',
      'addresses',
      'voorzitter@regietafel-twente.example',
    );
    expect(check).toContain('voorzitter@regietafel-twente.example');
    expect(saved).toBe(303);
    // A summary needs something to summarise.
    const url = pipeline.formUrl('GM0141');
    expect((await postJson(url, { answers: validEigenBijdrage() })).status).toBe(201);

    await pipeline.clearMailbox();
    const sent = await staff.post(`/staf/rondes/${pipeline.round.id}/overzicht`, {
      scope: 'region:twente',
      requestId: 'twente-nieuwe-ontvanger',
    });
    expect(sent.status).toBe(303);
    const mails = await pipeline.mailbox();
    expect(mails.map((mail) => mail.destination.to)).toEqual([['voorzitter@regietafel-twente.example']]);
  });
});

describe('the municipality-list import', () => {
  const list = (lines: string[]) => ['code;naam;provincie;regio', ...lines].join('\r\n');
  const today = () =>
    overijssel.municipalities.map(
      (m) => `${m.code};${m.name};Overijssel;${m.region === 'twente' ? 'Twente' : 'IJsselland'}`,
    );

  it('applies a merger uploaded as a file, after a check page that says what changes', async () => {
    const staff = browser('provincie:overijssel');
    const form = await staff.get('/staf/contacten/gemeentelijst');
    expect(form.status).toBe(200);
    expect(form.text).toContain('enctype="multipart/form-data"');
    const upload = new FormData();
    for (const [name, value] of formFields(form.text, 'controleren')) upload.append(name, value);
    const merger = list([
      ...today().filter((line) => !/^GM(0168|0173);/.test(line)),
      'GM1998;Noordoost-Twente;Overijssel;Twente',
    ]);
    upload.append('bestand', new Blob([`\uFEFF${merger}`], { type: 'text/csv' }), 'herindeling.csv');
    upload.append('lijst', '');
    upload.append('ingangsdatum', '1-1-2099');
    const before = await everything();
    const check = await staff.post('/staf/contacten/gemeentelijst', upload);
    expect(check.status, check.text.slice(0, 500)).toBe(200);
    expect(check.text).toContain(
      'Nieuwe gemeente: Noordoost-Twente (GM1998) in regio Twente, vanaf 1 januari 2099.',
    );
    expect(check.text).toContain('Losser (GM0168) houdt op te bestaan; de laatste dag is 31 december 2098.');
    expect(await everything()).toEqual(before);

    const apply = formFields(check.text, 'doorvoeren');
    const done = await staff.post('/staf/contacten/gemeentelijst', apply);
    expect(done.status).toBe(303);
    expect((await staff.post('/staf/contacten/gemeentelijst', apply)).headers.get('location')).toBe(
      done.headers.get('location'),
    );
    const overview = await staff.get(done.headers.get('location')!);
    expect(overview.text).toContain('De gemeentelijst is ingelezen: 3 wijzigingen doorgevoerd');
    expect(overview.text).toContain('Nieuw vanaf 1 januari 2099');
    expect(await pipeline.store.getMunicipality('GM0173')).toMatchObject({ activeUntil: '2098-12-31' });
    const imported = (await pipeline.store.listAudit()).filter((line) => line.action === 'registry-imported');
    expect(imported).toHaveLength(3);
    // A fresh page with the same list: nothing left to do, nothing written.
    const recheck = await staff.post('/staf/contacten/gemeentelijst', {
      _action: 'controleren',
      lijst: merger,
      ingangsdatum: '1-1-2099',
    });
    expect(recheck.text).toContain('Het register klopt al met deze lijst');
    expect(recheck.text).not.toContain('value="doorvoeren"');
  });

  it('takes effect for the rounds after the merger date, without a deploy; the open round keeps everyone', async () => {
    // The merger above takes effect on 1 January 2099. A round of Twente that opens after it is for the
    // new municipality and no longer for the two it replaces; the demo round, open now, still lists them.
    const secretary: Principal = {
      kind: 'staff',
      subject: 'twente',
      email: 'regietafel.twente@test.example',
      roles: [{ type: 'regietafel', region: 'twente' }],
    };
    const { round } = await openRound(
      {
        store: pipeline.store,
        mailer: { send: () => Promise.reject(new Error('no mail')) },
        clock: { now: () => new Date() },
        ids: randomIds,
      },
      {
        principal: secretary,
        draft: {
          formId: 'eigen-bijdrage',
          title: 'Twente na de herindeling',
          referenceDate: '2099-02-01',
          opensAt: '2099-01-04T08:00:00.000Z',
          deadline: '2099-02-20T16:00:00.000Z',
          regions: ['twente'],
          acceptsLate: false,
        },
        invite: false,
        baseUrl: pipeline.baseUrl,
      },
    );
    const after = await browser('regietafel:twente').get(`/staf/rondes/${round.id}`);
    expect(after.status).toBe(200);
    expect(after.text).toContain('Noordoost-Twente');
    expect(after.text).not.toContain('Losser');
    expect(after.text).not.toContain('Oldenzaal');
    const demo = await browser('regietafel:twente').get(`/staf/rondes/${pipeline.round.id}`);
    expect(demo.text).toContain('Losser');
    expect(demo.text).not.toContain('Noordoost-Twente');
  });

  it('names every wrong line and the date, keeps the list, and changes nothing', async () => {
    const staff = browser('provincie:overijssel');
    const before = await everything();
    const answer = await staff.post('/staf/contacten/gemeentelijst', {
      _action: 'controleren',
      lijst: list(['GM01;Zwolle;Overijssel;IJsselland', 'GM0150;Deventer;Gelderland;Achterhoek']),
      ingangsdatum: '31-2-2027',
    });
    expect(answer.status).toBe(422);
    expect(answer.text).toContain('Ingangsdatum: ‘31-2-2027’ is geen bestaande datum.');
    expect(answer.text).toContain('Regel 2 (Zwolle): de gemeentecode ‘GM01’ is ongeldig');
    expect(answer.text).toContain('GM0150;Deventer;Gelderland;Achterhoek</textarea>');
    expect(await everything()).toEqual(before);
  });

  it('is the province’s: a regietafel gets a 403, a cross-site post too, and nothing changes', async () => {
    const before = await everything();
    const fields = {
      _action: 'doorvoeren',
      _verzoek: 'a'.repeat(20),
      lijst: list(today()),
      ingangsdatum: '1-1-2099',
    };
    expect((await browser('regietafel:ijsselland').get('/staf/contacten/gemeentelijst')).status).toBe(403);
    expect(
      (await browser('regietafel:ijsselland').post('/staf/contacten/gemeentelijst', fields)).status,
    ).toBe(403);
    expect(
      (await browser('provincie:overijssel', true).post('/staf/contacten/gemeentelijst', fields)).status,
    ).toBe(403);
    expect(await everything()).toEqual(before);
  });
});

describe('the audit trail of a round', () => {
  beforeAll(async () => {
    for (const code of ['GM0177', 'GM0183']) {
      expect(
        (await postJson(pipeline.formUrl(code), { answers: validEigenBijdrage(), baseVersion: 0 })).status,
      ).toBe(201);
    }
  });
  const path = () => `/staf/rondes/${pipeline.round.id}/logboek`;

  it('shows a regietafel only its own municipalities’ lines, newest first, with a filter', async () => {
    const page = await browser('regietafel:ijsselland').get(path());
    expect(page.status).toBe(200);
    expect(page.text).toContain('Raalte (GM0177)');
    expect(page.text).not.toContain('Tubbergen (GM0183)');
    expect(page.text).toContain('<option value="submission">Ingezonden</option>');
    const province = await browser('provincie:overijssel').get(path());
    expect(province.text).toContain('Tubbergen (GM0183)');
    const filtered = await browser('provincie:overijssel').get(`${path()}?gemeente=GM0183&actie=submission`);
    expect(filtered.text).toContain('1 van');
    expect(filtered.text).not.toContain('Raalte (GM0177)</td>');
  });

  it('downloads the selection as Excel-NL CSV, and that download is itself in the trail', async () => {
    const response = await browser('regietafel:ijsselland').get(`${path()}?actie=submission&formaat=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`logboek-${pipeline.round.id}.csv`);
    // fetch's text() drops a BOM; the bytes show it is there (Excel needs it for UTF-8).
    const bytes = Buffer.from(
      await (
        await fetch(`${pipeline.baseUrl}${path()}?formaat=csv`, {
          headers: { authorization: `Bearer ${tokens['regietafel:ijsselland']}` },
        })
      ).arrayBuffer(),
    );
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.text.startsWith('Tijdstip;Actie;Actiecode;Door;Gemeentecode;Gemeente;Details\r\n')).toBe(
      true,
    );
    const rows = parse(response.text, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.Actiecode === 'submission')).toBe(true);
    expect(rows.map((row) => row.Gemeentecode)).toContain('GM0177');
    expect(rows.map((row) => row.Gemeentecode)).not.toContain('GM0183');
    expect(rows[0]!.Tijdstip).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const downloads = (await pipeline.store.listAudit(pipeline.round.id)).filter(
      (line) => line.action === 'download' && line.details?.table === 'logboek',
    );
    expect(downloads.at(-1)).toMatchObject({ actor: 'regietafel.ijsselland@test.example' });
    const rfc = await browser('regietafel:ijsselland').get(`${path()}?formaat=csv&dialect=rfc4180`);
    expect(rfc.text.startsWith('Tijdstip,Actie,')).toBe(true);
  });

  it('does not show another region’s round (404, as its page), no sign-in (401) and a wrong filter (400, in Dutch)', async () => {
    const twenteOnly = { ...pipeline.round, id: 'logboek-twente', regions: ['twente'] };
    await pipeline.store.createRound(twenteOnly);
    expect((await browser('regietafel:ijsselland').get(`/staf/rondes/${twenteOnly.id}/logboek`)).status).toBe(
      404,
    );
    expect((await browser('regietafel:twente').get(`/staf/rondes/${twenteOnly.id}/logboek`)).status).toBe(
      200,
    );
    expect((await fetch(`${pipeline.baseUrl}${path()}`)).status).toBe(401);
    const wrong = await browser('provincie:overijssel').get(`${path()}?gemeente=Zwolle`);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('is geen gemeentecode');
    expect((await browser('provincie:overijssel').get(`${path()}?formaat=pdf`)).status).toBe(400);
  });
});
