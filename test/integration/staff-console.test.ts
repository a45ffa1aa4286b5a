import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMailEvent } from '../../functions/core/mail-events.js';
import { newRoundFields, startTestPipeline, type TestPipeline } from '../support/pipeline.js';
import { browserWith, formFields, type StaffBrowser, staffBrowser, text } from '../support/staff.js';

/**
 * The staff console's round tasks through their pages, as a browser posts them: each allowed in scope,
 * refused (403) for the other region, 401 for a municipality's link and without a sign-in, a cross-site
 * post refused — a refusal changes nothing anywhere in the table —, audited with before → after, and a
 * double post acts once.
 */

let pipeline: TestPipeline;
let ijsselland: StaffBrowser;
let twente: StaffBrowser;
let province: StaffBrowser;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  ijsselland = await staffBrowser(pipeline, 'regietafel:ijsselland');
  twente = await staffBrowser(pipeline, 'regietafel:twente');
  province = await staffBrowser(pipeline, 'provincie:overijssel');
});

afterAll(async () => {
  await pipeline?.stop();
});

/** Every item of the table, so "nothing changed" means nothing at all. */
async function everything(): Promise<unknown[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await pipeline.dynamoClient.send(
      new ScanCommand({ TableName: pipeline.tableName, ExclusiveStartKey: start as never }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => `${a.PK}|${a.SK}`.localeCompare(`${b.PK}|${b.SK}`));
}

/** A municipality official's browser (its session cookie for the demo round). */
async function municipalityBrowser(): Promise<StaffBrowser> {
  return browserWith(pipeline, `regietafel_sessie=${await pipeline.tokenFor('GM0193')}`);
}

/**
 * Posts as each kind of outsider and expects the refusal — and that nothing in the table or the mailbox
 * changed. `allowed` is the browser the post is forged from for the cross-site case.
 */
async function expectRefusals(options: {
  path: string;
  fields: Record<string, string | string[]>;
  otherRegion?: StaffBrowser;
  /** 404 when the round is wholly the other region's (it is not there for them), 403 otherwise. */
  otherRegionStatus?: number;
  allowed: StaffBrowser;
}): Promise<void> {
  const official = await municipalityBrowser();
  const before = await everything();
  const mails = (await pipeline.mailbox()).length;
  const tries: [string, StaffBrowser, string | undefined, number][] = [
    ['municipality link', official, undefined, 401],
    ['no sign-in', browserWith(pipeline, undefined), undefined, 401],
    ['cross-site', options.allowed, 'cross-site', 403],
  ];
  if (options.otherRegion)
    tries.push(['other region', options.otherRegion, undefined, options.otherRegionStatus ?? 403]);
  for (const [who, browser, site, status] of tries) {
    const answer = await browser.post(options.path, options.fields, site);
    expect(answer.status, `${who}: ${text(answer.text).slice(0, 300)}`).toBe(status);
    expect(answer.text, who).toMatch(
      /niet aangemeld|alleen voor medewerkers|geen toegang|niet van de pagina|geen ronde .* in uw regio/i,
    );
  }
  const after = await everything();
  const key = (item: unknown) => `${(item as { PK: string }).PK}|${(item as { SK: string }).SK}`;
  expect(after.filter((item) => !before.some((old) => key(old) === key(item)))).toEqual([]);
  expect(after).toEqual(before);
  expect((await pipeline.mailbox()).length).toBe(mails);
}

describe('Nieuwe ronde: form → check page → the round', () => {
  const path = '/staf/nieuwe-ronde';

  it('offers a regietafel its own region only, and the province both', async () => {
    const own = await ijsselland.get(path);
    expect(own.status).toBe(200);
    expect(own.text).toContain('name="regions" value="ijsselland" checked');
    expect(own.text).not.toContain('value="twente"');
    const all = await province.get(path);
    expect(all.text).toContain('value="ijsselland"');
    expect(all.text).toContain('value="twente"');
  });

  it('gives the form back with Dutch errors naming each field, and stores nothing', async () => {
    const before = await everything();
    const answer = await ijsselland.post(path, {
      _action: 'controleren',
      ...newRoundFields({
        referenceDate: '31-2-2099',
        deadlineDatum: '1-1-2001',
        reminderDaysBefore: 'veel',
      }),
      formId: '',
    });
    expect(answer.status).toBe(422);
    const shown = text(answer.text);
    expect(shown).toContain('Er zijn 4 problemen in het formulier');
    expect(shown).toContain(
      '‘Peildatum’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.',
    );
    expect(shown).toContain('De sluitingsdatum moet in de toekomst liggen.');
    expect(shown).toContain('Het aantal dagen voor de herinnering moet een heel getal van 0 tot 60 zijn.');
    expect(shown).toContain('Kies een formulier.');
    // The summary lists them in the page's order: Formulier first, as on the page.
    const summary = [...answer.text.matchAll(/href="#f-([A-Za-z]+)/g)].map((match) => match[1]);
    expect(summary.slice(0, 4)).toEqual(['formId', 'referenceDate', 'deadline', 'reminderDaysBefore']);
    expect(answer.text).toContain('href="#f-referenceDate"');
    expect(answer.text).toContain('value="31-2-2099"');
    expect(await everything()).toEqual(before);
  });

  it('shows what opening does, then opens the round once however often it is posted, and audits it', async () => {
    await pipeline.clearMailbox();
    const fields = newRoundFields({ invite: 'nu', title: 'Ronde van het secretariaat' });
    const check = await ijsselland.post(path, { _action: 'controleren', ...fields });
    expect(check.status).toBe(200);
    const shown = text(check.text);
    expect(shown).toContain('Controleer de nieuwe ronde');
    expect(shown).toContain('De ronde opent nu voor 11 gemeenten (IJsselland).');
    expect(shown).toContain('Iedere gemeente krijgt meteen een uitnodiging');
    expect(shown).toContain('vanaf 15 december 2099 om 17:00 vanzelf een herinnering');
    expect(await pipeline.store.getRound('eigen-bijdrage-2099-12-01')).toBeUndefined();

    const open = formFields(check.text, 'openen');
    const first = await ijsselland.post(path, open);
    expect(first.status).toBe(303);
    expect(first.location).toMatch(/^\/staf\/rondes\/eigen-bijdrage-2099-12-01\?gedaan=/);
    const again = await ijsselland.post(path, open);
    expect(again.status).toBe(303);
    expect(again.location).toBe(first.location);

    const round = await pipeline.store.getRound('eigen-bijdrage-2099-12-01');
    expect(round).toMatchObject({
      title: 'Ronde van het secretariaat',
      referenceDate: '2099-12-01',
      deadline: '2099-12-18T16:00:00.000Z',
      regions: ['ijsselland'],
      acceptsLate: false,
      reminderDaysBefore: 3,
    });
    expect(await pipeline.store.getRound('eigen-bijdrage-2099-12-01-2')).toBeUndefined();
    expect(await pipeline.mailbox()).toHaveLength(11);
    const audit = await pipeline.store.listAudit(round!.id);
    expect(audit.filter((event) => event.action === 'round-opened')).toEqual([
      expect.objectContaining({
        actor: 'regietafel.ijsselland@test.example',
        before: {},
        after: expect.objectContaining({ deadline: '2099-12-18T16:00:00.000Z', regions: ['ijsselland'] }),
      }),
    ]);
    expect(audit.filter((event) => event.action === 'invitation')).toHaveLength(11);

    const page = await ijsselland.get(first.location!);
    expect(text(page.text)).toContain(
      'De ronde ‘Ronde van het secretariaat’ is geopend en 11 gemeenten zijn uitgenodigd.',
    );
    // The sentence is for the person who did it, not for whoever has the address.
    expect(text((await province.get(first.location!)).text)).not.toContain('is geopend en');
  });

  it('opening the same peildatum again gets a new id, never overwriting the first round', async () => {
    const check = await ijsselland.post(path, { _action: 'controleren', ...newRoundFields() });
    const answer = await ijsselland.post(path, formFields(check.text, 'openen'));
    expect(answer.location).toMatch(/^\/staf\/rondes\/eigen-bijdrage-2099-12-01-2\?/);
    expect((await pipeline.store.getRound('eigen-bijdrage-2099-12-01'))?.title).toBe(
      'Ronde van het secretariaat',
    );
  });

  it('refuses another region, a municipality link, no sign-in and a cross-site post; nothing changes', async () => {
    const check = await ijsselland.post(path, { _action: 'controleren', ...newRoundFields() });
    await expectRefusals({
      path,
      fields: formFields(check.text, 'openen'),
      otherRegion: twente,
      allowed: ijsselland,
    });
  });

  it('answers an unknown action with a 400 and a missing token with a 400, storing nothing', async () => {
    const before = await everything();
    const unknown = await ijsselland.post(path, { _action: 'alles-wissen', ...newRoundFields() });
    expect(unknown.status).toBe(400);
    expect(text(unknown.text)).toContain('Onbekende actie ‘alles-wissen’ op deze pagina.');
    const tokenless = await ijsselland.post(path, { _action: 'openen', ...newRoundFields() });
    expect(tokenless.status).toBe(400);
    expect(await everything()).toEqual(before);
  });
});

describe('a round’s deadline: moved, closed now, reopened — each after a confirmation step', () => {
  const roundId = 'twente-wijzigen';
  const path = `/staf/rondes/${roundId}/wijzigen`;
  let oldLink: string;

  beforeAll(async () => {
    await pipeline.store.createRound({
      ...pipeline.round,
      id: roundId,
      title: 'Twente, te wijzigen',
      regions: ['twente'],
      deadline: '2099-06-01T15:00:00.000Z',
    });
    // A link signed long ago, whose own expiry has passed: the stored invitation decides, and follows.
    const invitation = {
      id: 'oude-link-enschede',
      roundId,
      municipality: 'GM0153',
      createdAt: '2020-01-01T00:00:00.000Z',
      expiresAt: '2020-02-01T00:00:00.000Z',
    };
    await pipeline.store.putInvitation(invitation);
    const { signInvitation } = await import('../../functions/core/invitation-tokens.js');
    oldLink = `/uitnodiging?code=${await signInvitation({ store: pipeline.store }, invitation)}`;
    expect((await fetch(`${pipeline.baseUrl}${oldLink}`, { redirect: 'manual' })).status).toBe(401);
  });

  it('lets only who acts for every region of the round see the page', async () => {
    expect((await twente.get(path)).status).toBe(200);
    expect((await province.get(path)).status).toBe(200);
    // IJsselland does not see this Twente round at all: the same 404 as a round that does not exist.
    const foreign = await ijsselland.get(path);
    expect(foreign.status).toBe(404);
    const unknown = await ijsselland.get('/staf/rondes/bestaat-niet/wijzigen');
    expect(text(unknown.text).replace('bestaat-niet', roundId)).toBe(text(foreign.text));
    // The demo round runs in both regions: a regietafel cannot move its deadline.
    const demo = await twente.get(`/staf/rondes/${pipeline.round.id}/wijzigen`);
    expect(demo.status).toBe(403);
    expect(text(demo.text)).toContain('dat kan alleen wie voor al haar regio’s werkt');
  });

  it('moves the deadline later after saying what happens to whom; the links and the reminder follow', async () => {
    const check = await twente.post(path, {
      _action: 'deadline-controleren',
      basis: '2099-06-01T15:00:00.000Z',
      deadlineDatum: '15-6-2099',
      deadlineTijd: '12:00',
      acceptsLate: 'nee',
    });
    expect(check.status).toBe(200);
    const shown = text(check.text);
    expect(shown).toContain('De sluitingsdatum gaat van 1 juni 2099 om 17:00 naar 15 juni 2099 om 12:00.');
    expect(shown).toContain('14 gemeenten zonder inzending kunnen tot 15 juni 2099 om 12:00 inzenden');
    expect(shown).toContain(
      'De 1 link van de gemeenten blijft werken en verloopt nu op 15 juli 2099 om 12:00.',
    );
    expect(shown).toContain('De automatische herinnering gaat vanaf 12 juni 2099 om 12:00');
    expect((await pipeline.store.getRound(roundId))?.deadline).toBe('2099-06-01T15:00:00.000Z');

    const confirm = formFields(check.text, 'deadline-wijzigen');
    const first = await twente.post(path, confirm);
    expect(first.status).toBe(303);
    const again = await twente.post(path, confirm);
    expect(again.location).toBe(first.location);

    expect((await pipeline.store.getRound(roundId))?.deadline).toBe('2099-06-15T10:00:00.000Z');
    const invitation = await pipeline.store.getInvitation('oude-link-enschede');
    expect(invitation?.expiresAt).toBe('2099-07-15T10:00:00.000Z');
    expect((await fetch(`${pipeline.baseUrl}${oldLink}`, { redirect: 'manual' })).status).toBe(303);
    const audit = (await pipeline.store.listAudit(roundId)).filter((e) => e.action === 'deadline-changed');
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'regietafel.twente@test.example',
        before: { deadline: '2099-06-01T15:00:00.000Z', acceptsLate: false },
        after: { deadline: '2099-06-15T10:00:00.000Z', acceptsLate: false },
      }),
    ]);
    const { automaticReminderPeriod } = await import('../../functions/core/reminders.js');
    expect(automaticReminderPeriod((await pipeline.store.getRound(roundId))!)).toBe(
      'voor-deadline-2099-06-15T10:00:00.000Z',
    );
    expect(text((await twente.get(first.location!)).text)).toContain(
      'De sluitingsdatum is gewijzigd. De ronde sluit nu op 15 juni 2099 om 12:00',
    );
  });

  it('refuses a confirmation made against a deadline someone else has changed since (409), changing nothing', async () => {
    const check = await twente.post(path, {
      _action: 'deadline-controleren',
      basis: '2099-06-15T10:00:00.000Z',
      deadlineDatum: '20-6-2099',
      deadlineTijd: '17:00',
      acceptsLate: 'ja',
    });
    const confirm = formFields(check.text, 'deadline-wijzigen');
    const other = await province.post(path, {
      ...formFields(
        (
          await province.post(path, {
            _action: 'deadline-controleren',
            deadlineDatum: '22-6-2099',
            deadlineTijd: '17:00',
            acceptsLate: 'nee',
          })
        ).text,
        'deadline-wijzigen',
      ),
    });
    expect(other.status).toBe(303);
    const before = await everything();
    const stale = await twente.post(path, confirm);
    expect(stale.status).toBe(409);
    expect(text(stale.text)).toContain('Iemand anders heeft deze ronde intussen gewijzigd.');
    expect(await everything()).toEqual(before);
    expect((await pipeline.store.getRound(roundId))?.deadline).toBe('2099-06-22T15:00:00.000Z');
  });

  it('brings the deadline forward after saying the municipalities get less time; the links and the reminder follow', async () => {
    const check = await twente.post(path, {
      _action: 'deadline-controleren',
      deadlineDatum: '10-6-2099',
      deadlineTijd: '17:00',
      acceptsLate: 'nee',
    });
    const shown = text(check.text);
    expect(shown).toContain(
      'De sluitingsdatum gaat van 22 juni 2099 om 17:00 naar 10 juni 2099 om 17:00: eerder, de gemeenten krijgen minder tijd.',
    );
    expect(shown).toContain('verloopt nu op 10 juli 2099 om 17:00');
    expect(shown).toContain('De automatische herinnering gaat vanaf 7 juni 2099 om 17:00');
    expect((await twente.post(path, formFields(check.text, 'deadline-wijzigen'))).status).toBe(303);
    expect((await pipeline.store.getRound(roundId))?.deadline).toBe('2099-06-10T15:00:00.000Z');
    expect((await pipeline.store.getInvitation('oude-link-enschede'))?.expiresAt).toBe(
      '2099-07-10T15:00:00.000Z',
    );
    const { automaticReminderPeriod } = await import('../../functions/core/reminders.js');
    expect(automaticReminderPeriod((await pipeline.store.getRound(roundId))!)).toBe(
      'voor-deadline-2099-06-10T15:00:00.000Z',
    );
  });

  it('gives the form back with a Dutch error for a deadline in the past, changing nothing', async () => {
    const before = await everything();
    const answer = await twente.post(path, {
      _action: 'deadline-controleren',
      deadlineDatum: '1-1-2020',
      deadlineTijd: '17:00',
      acceptsLate: 'nee',
    });
    expect(answer.status).toBe(422);
    expect(text(answer.text)).toContain('De nieuwe sluitingsdatum moet in de toekomst liggen.');
    expect(answer.text).toContain('value="1-1-2020"');
    expect(await everything()).toEqual(before);
  });

  it('refuses the other region, a municipality link, no sign-in and a cross-site post', async () => {
    const check = await twente.post(path, { _action: 'sluiten-controleren' });
    await expectRefusals({
      path,
      fields: formFields(check.text, 'sluiten'),
      otherRegion: ijsselland,
      otherRegionStatus: 404,
      allowed: twente,
    });
  });

  it('closes the round now: the forms become read-only, audited once', async () => {
    const check = await twente.post(path, { _action: 'sluiten-controleren' });
    expect(text(check.text)).toContain('Niemand kan nog inzenden of wijzigen');
    const confirm = formFields(check.text, 'sluiten');
    expect((await twente.post(path, confirm)).status).toBe(303);
    expect((await twente.post(path, confirm)).status).toBe(303);
    const round = await pipeline.store.getRound(roundId);
    expect(Date.parse(round!.deadline)).toBeLessThanOrEqual(Date.now());
    expect((await pipeline.store.listAudit(roundId)).filter((e) => e.action === 'round-closed')).toHaveLength(
      1,
    );
    const form = await fetch(`${pipeline.baseUrl}/formulieren/eigen-bijdrage/${roundId}/GM0153`, {
      headers: { cookie: `regietafel_sessie=${await pipeline.tokenFor('GM0153', roundId)}` },
    });
    expect(await form.text()).toContain('U kunt dit formulier niet meer wijzigen.');
  });

  it('reopens the closed round until a new deadline', async () => {
    const page = await twente.get(path);
    expect(text(page.text)).toContain('Ronde heropenen');
    const check = await twente.post(path, {
      _action: 'heropenen-controleren',
      deadlineDatum: '1-7-2099',
      deadlineTijd: '17:00',
      acceptsLate: 'nee',
    });
    expect(text(check.text)).toContain('De ronde gaat weer open, tot 1 juli 2099 om 17:00.');
    expect((await twente.post(path, formFields(check.text, 'heropenen'))).status).toBe(303);
    expect((await pipeline.store.getRound(roundId))?.deadline).toBe('2099-07-01T15:00:00.000Z');
    const audit = (await pipeline.store.listAudit(roundId)).find((e) => e.action === 'round-reopened');
    expect(audit?.after).toEqual({ deadline: '2099-07-01T15:00:00.000Z', acceptsLate: false });
    const form = await fetch(`${pipeline.baseUrl}/formulieren/eigen-bijdrage/${roundId}/GM0153`, {
      headers: { cookie: `regietafel_sessie=${await pipeline.tokenFor('GM0153', roundId)}` },
    });
    expect(await form.text()).not.toContain('U kunt dit formulier niet meer wijzigen.');
  });
});

describe('invitations: who got one, when it was opened; invite, send again, replace a link', () => {
  const roundId = 'ijsselland-uitnodigen';
  const path = `/staf/rondes/${roundId}/uitnodigingen`;

  beforeAll(async () => {
    await pipeline.store.createRound({
      ...pipeline.round,
      id: roundId,
      title: 'IJsselland, uit te nodigen',
      regions: ['ijsselland'],
      referenceDate: '2099-03-01',
      deadline: '2099-03-20T16:00:00.000Z',
    });
  });

  const linkIn = (body: string) => /https?:\/\/\S+\/uitnodiging\?code=[\w.-]+/.exec(body)![0];

  it('shows every municipality as not yet invited, and invites them all once after saying who gets what', async () => {
    const page = await ijsselland.get(path);
    expect(page.status).toBe(200);
    expect(text(page.text)).toContain('Uitgenodigd 0 van 11 gemeenten');
    const check = await ijsselland.post(path, formFields(page.text, 'alle-controleren'));
    expect(check.status).toBe(200);
    expect(text(check.text)).toContain('11 gemeenten krijgen een uitnodiging met de persoonlijke link');
    expect(check.text).toContain('coordinator@zwolle.gemeente.example');
    expect(await pipeline.store.listInvitations(roundId)).toEqual([]);

    await pipeline.clearMailbox();
    const send = formFields(check.text, 'alle-versturen');
    const first = await ijsselland.post(path, send);
    expect(first.status).toBe(303);
    expect((await ijsselland.post(path, send)).location).toBe(first.location);
    const mails = await pipeline.mailbox();
    expect(mails).toHaveLength(11);
    expect(text((await ijsselland.get(first.location!)).text)).toContain('11 gemeenten zijn uitgenodigd.');
    const audit = (await pipeline.store.listAudit(roundId)).filter((event) => event.action === 'invitation');
    expect(audit).toHaveLength(11);
    expect(audit[0]!.actor).toBe('regietafel.ijsselland@test.example');
  });

  it('does not invite, with all the others, a municipality that submitted with a link it got another way', async () => {
    const other = { ...pipeline.round, id: 'ijsselland-al-ingezonden', regions: ['ijsselland'] };
    await pipeline.store.createRound(other);
    const { postJson, validEigenBijdrage } = await import('../support/pipeline.js');
    // A link handed out without an email (the CLI's `invitations`, the local start page), then used.
    const submitted = await postJson(
      `${pipeline.baseUrl}/formulieren/eigen-bijdrage/${other.id}/GM0193`,
      { answers: validEigenBijdrage() },
      { authorization: `Bearer ${await pipeline.tokenFor('GM0193', other.id)}` },
    );
    expect(submitted.status).toBe(201);
    const otherPath = `/staf/rondes/${other.id}/uitnodigingen`;
    const page = await ijsselland.get(otherPath);
    const shown = text(page.text);
    expect(shown).toContain('Uitgenodigd 0 van 11 gemeenten');
    expect(shown).toContain('Uitnodigen: 10 gemeenten zonder uitnodiging…');
    expect(shown).toContain(
      '1 gemeente zonder uitnodiging heeft al ingezonden, met een link die niet per e-mail ging: die wordt niet mee uitgenodigd.',
    );
    const check = await ijsselland.post(otherPath, formFields(page.text, 'alle-controleren'));
    expect(text(check.text)).toContain('10 gemeenten krijgen een uitnodiging met de persoonlijke link');
    expect(check.text).not.toContain('coordinator@zwolle.gemeente.example');
    // One of the ten submits between the check page and Versturen: it is not asked to fill in either.
    const meanwhile = await postJson(
      `${pipeline.baseUrl}/formulieren/eigen-bijdrage/${other.id}/GM0148`,
      { answers: validEigenBijdrage() },
      { authorization: `Bearer ${await pipeline.tokenFor('GM0148', other.id)}` },
    );
    expect(meanwhile.status).toBe(201);
    // (The mailbox is kept: the tests after this one read the first round's invitations in it.)
    const earlier = (await pipeline.mailbox()).length;
    const sent = await ijsselland.post(otherPath, formFields(check.text, 'alle-versturen'));
    expect(sent.status).toBe(303);
    const mails = (await pipeline.mailbox()).slice(earlier);
    expect(mails).toHaveLength(9);
    expect(mails.flatMap((mail) => mail.destination.to)).not.toContain(
      'coordinator@dalfsen.gemeente.example',
    );
    expect(text((await ijsselland.get(sent.location!)).text)).toContain(
      '9 gemeenten zijn uitgenodigd. 1 gemeente heeft intussen ingezonden en kreeg geen uitnodiging.',
    );
  });

  it('the invitation names the peildatum, the deadline and what to prepare, replies go to the secretariat, and its link wraps', async () => {
    const zwolle = (await pipeline.mailbox()).find((mail) =>
      mail.destination.to.includes('coordinator@zwolle.gemeente.example'),
    )!;
    const body = zwolle.body.text!;
    expect(body).toContain('Peildatum: 1 maart 2099 (vul de stand op deze dag in)');
    expect(body).toContain('Sluitingsdatum: 20 maart 2099 om 17:00');
    expect(body).toContain('Wat u nodig heeft: de gegevens van uw gemeente op de peildatum over');
    expect(body).toContain('- Invoering van de eigen bijdrage');
    const secretariat = (await pipeline.store.getRegion('ijsselland'))!.secretariat!;
    expect((zwolle as unknown as { replyTo: string[] }).replyTo.join()).toContain(secretariat.email);
    expect(zwolle.body.html).toContain('word-break:break-all');
    expect(zwolle.body.html).toContain(`>${linkIn(body)}</a>`);
  });

  it('records when a link is first opened, once, and shows it', async () => {
    const zwolle = (await pipeline.mailbox()).find((mail) =>
      mail.destination.to.includes('coordinator@zwolle.gemeente.example'),
    )!;
    const link = linkIn(zwolle.body.text!);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
    const opened = (await pipeline.store.listAudit(roundId)).filter((e) => e.action === 'invitation-opened');
    expect(opened).toEqual([expect.objectContaining({ municipality: 'GM0193', actor: 'GM0193' })]);
    const page = text((await ijsselland.get(path)).text);
    expect(page).toContain('Link geopend 1 van 11 gemeenten');
    expect(page).toMatch(
      /Zwolle GM0193 coordinator@zwolle\.gemeente\.example \d+ \w+ 2\d{3} om \d\d:\d\d \d+ \w+ 2\d{3} om/,
    );
  });

  it('sends one municipality its invitation again with the same link', async () => {
    await pipeline.clearMailbox();
    const before = (await pipeline.store.listInvitations(roundId)).filter((i) => i.municipality === 'GM0148');
    const check = await ijsselland.post(path, { _action: 'opnieuw-controleren', gemeente: 'GM0148' });
    expect(text(check.text)).toContain('Gemeente Dalfsen krijgt de uitnodiging nog eens, met dezelfde link');
    const answer = await ijsselland.post(path, formFields(check.text, 'opnieuw-versturen'));
    expect(answer.status).toBe(303);
    const [mail] = await pipeline.mailbox();
    expect(mail!.destination.to).toEqual(['coordinator@dalfsen.gemeente.example']);
    expect(
      (await pipeline.store.listInvitations(roundId)).filter((i) => i.municipality === 'GM0148'),
    ).toHaveLength(before.length);
  });

  it('replaces a link: the old one stops at once, a new one is mailed, both audited', async () => {
    const old = (await pipeline.store.listInvitations(roundId)).find((i) => i.municipality === 'GM0150')!;
    const { signInvitation } = await import('../../functions/core/invitation-tokens.js');
    const oldLink = `${pipeline.baseUrl}/uitnodiging?code=${await signInvitation({ store: pipeline.store }, old)}`;
    await pipeline.clearMailbox();
    const check = await ijsselland.post(path, { _action: 'vervangen-controleren', gemeente: 'GM0150' });
    expect(text(check.text)).toContain('De huidige link van gemeente Deventer werkt meteen niet meer.');
    const answer = await ijsselland.post(path, formFields(check.text, 'vervangen'));
    expect(answer.status).toBe(303);
    expect((await fetch(oldLink, { redirect: 'manual' })).status).toBe(401);
    const [mail] = await pipeline.mailbox();
    expect((await fetch(linkIn(mail!.body.text!), { redirect: 'manual' })).status).toBe(303);
    const actions = (await pipeline.store.listAudit(roundId))
      .filter((e) => e.municipality === 'GM0150')
      .map((e) => e.action);
    expect(actions).toEqual(['invitation', 'revocation', 'invitation', 'invitation-opened']);
  });

  it('refuses the other region (also for one municipality), a municipality link, no sign-in and a cross-site post', async () => {
    const check = await ijsselland.post(path, { _action: 'vervangen-controleren', gemeente: 'GM0193' });
    await expectRefusals({
      path,
      fields: formFields(check.text, 'vervangen'),
      otherRegion: twente,
      otherRegionStatus: 404,
      allowed: ijsselland,
    });
    // The province sees the round, but a Twente secretary naming an IJsselland municipality in the demo round
    // (which runs in both regions) is refused too.
    const before = await everything();
    const demo = await twente.post(`/staf/rondes/${pipeline.round.id}/uitnodigingen`, {
      _action: 'opnieuw-versturen',
      gemeente: 'GM0193',
      _verzoek: 'twente-probeert-zwolle-0001',
    });
    expect(demo.status).toBe(403);
    expect(await everything()).toEqual(before);
  });
});

describe('reminders now: a preview of the email and its recipients, then sent once', () => {
  const roundId = 'ijsselland-herinneren';
  const path = `/staf/rondes/${roundId}/herinneringen`;

  beforeAll(async () => {
    await pipeline.store.createRound({
      ...pipeline.round,
      id: roundId,
      title: 'IJsselland, te herinneren',
      regions: ['ijsselland'],
      deadline: '2099-05-10T15:00:00.000Z',
      reminderDaysBefore: 4,
    });
    const { postJson, validEigenBijdrage } = await import('../support/pipeline.js');
    const submitted = await postJson(
      `${pipeline.baseUrl}/formulieren/eigen-bijdrage/${roundId}/GM0193`,
      { answers: validEigenBijdrage() },
      { authorization: `Bearer ${await pipeline.tokenFor('GM0193', roundId)}` },
    );
    expect(submitted.status).toBe(201);
  });

  it('says when the automatic reminder goes and lists who has not submitted', async () => {
    const page = text((await ijsselland.get(path)).text);
    expect(page).toContain(
      'Vanaf 6 mei 2099 om 17:00 (4 dagen voor de sluitingsdatum) gaat er vanzelf een herinnering',
    );
    expect(page).toContain('Ingezonden 1 van 11 gemeenten');
    expect(page).toContain('Alle 10 gemeenten zonder inzending herinneren');
    expect(page).not.toMatch(/Zwolle GM0193 Nog niets/);
  });

  it('previews the email and its recipients, without sending or storing anything', async () => {
    const before = await everything();
    const mails = (await pipeline.mailbox()).length;
    const preview = await ijsselland.post(path, { _action: 'voorbeeld', alle: 'ja' });
    expect(preview.status).toBe(200);
    const shown = text(preview.text);
    expect(shown).toContain('10 gemeenten krijgen een herinnering');
    expect(shown).toContain(
      'Onderwerp Herinnering: Eigen bijdrage ontheemden uit Oekraïne – gemeente Dalfsen',
    );
    expect(shown).toContain('(persoonlijke link van de gemeente)');
    expect(shown).not.toContain('Zwolle');
    expect(await everything()).toEqual(before);
    expect((await pipeline.mailbox()).length).toBe(mails);
  });

  it('a second click while the first still runs: “Dit verzoek loopt al”, not that someone else changed it, and nothing sent', async () => {
    await pipeline.clearMailbox();
    const preview = await ijsselland.post(path, { _action: 'voorbeeld', gemeente: 'GM0148' });
    const send = formFields(preview.text, 'versturen');
    // The first click, still running (taken, not yet done), as a concurrent request holds it.
    expect(
      await pipeline.store.claimRequest(
        {
          token: String(send._verzoek),
          actor: 'regietafel.ijsselland@test.example',
          action: 'versturen',
          startedAt: new Date().toISOString(),
          status: 'running',
        },
        Math.floor(Date.now() / 1000) + 600,
      ),
    ).toBe(true);
    const second = await ijsselland.post(path, send);
    expect(second.status).toBe(409);
    expect(second.text).toContain('<h1 class="utrecht-heading-1">Dit verzoek loopt al</h1>');
    expect(second.text).not.toContain('Gewijzigd door een ander');
    expect(await pipeline.mailbox()).toEqual([]);
  });

  it('reminds one municipality, once per click, audited; one that submitted gets nothing', async () => {
    await pipeline.clearMailbox();
    const preview = await ijsselland.post(path, { _action: 'voorbeeld', gemeente: 'GM0166' });
    const send = formFields(preview.text, 'versturen');
    const first = await ijsselland.post(path, send);
    expect(first.status).toBe(303);
    expect((await ijsselland.post(path, send)).location).toBe(first.location);
    const mails = await pipeline.mailbox();
    expect(mails.map((mail) => mail.destination.to)).toEqual([['coordinator@kampen.gemeente.example']]);
    expect(mails[0]!.body.text).toContain('nog niet ingezonden');
    expect(text((await ijsselland.get(first.location!)).text)).toContain('De herinnering is verstuurd.');
    const audit = (await pipeline.store.listAudit(roundId)).filter((e) => e.action === 'reminder');
    expect(audit).toEqual([
      expect.objectContaining({ municipality: 'GM0166', actor: 'regietafel.ijsselland@test.example' }),
    ]);
    // The page says who was reminded and when, so nobody reminds twice without knowing.
    const after = text((await ijsselland.get(path)).text);
    expect(after).toMatch(
      /Kampen GM0166 Nog niets coordinator@kampen\.gemeente\.example \d+ \w+ 2\d{3} om \d\d:\d\d/,
    );
    expect(after).toMatch(/Dalfsen GM0148 Nog niets \S+ Nog niet/);
    // Reminded again (another click, another page): how often, and the latest.
    const again = await ijsselland.post(path, { _action: 'voorbeeld', gemeente: 'GM0166' });
    expect((await ijsselland.post(path, formFields(again.text, 'versturen'))).status).toBe(303);
    expect(text((await ijsselland.get(path)).text)).toMatch(
      /Kampen GM0166 Nog niets coordinator@kampen\.gemeente\.example 2× — laatst \d+ \w+ 2\d{3} om \d\d:\d\d/,
    );

    const submitted = await ijsselland.post(path, { _action: 'voorbeeld', gemeente: 'GM0193' });
    expect(text(submitted.text)).toContain('Geen herinnering voor: Zwolle (heeft al ingezonden).');
    expect(submitted.text).not.toContain('value="versturen"');
  });

  it('reminds all without a submission', async () => {
    await pipeline.clearMailbox();
    const preview = await ijsselland.post(path, { _action: 'voorbeeld', alle: 'ja' });
    expect((await ijsselland.post(path, formFields(preview.text, 'versturen'))).status).toBe(303);
    expect(await pipeline.mailbox()).toHaveLength(10);
  });

  it('refuses the other region, a municipality link, no sign-in and a cross-site post', async () => {
    const preview = await ijsselland.post(path, { _action: 'voorbeeld', gemeente: 'GM0148' });
    await expectRefusals({
      path,
      fields: formFields(preview.text, 'versturen'),
      otherRegion: twente,
      otherRegionStatus: 404,
      allowed: ijsselland,
    });
  });
});

describe('mail that waits, failed or did not arrive: re-sent from the browser', () => {
  const failedMail = async (id: string, to: string) => {
    await pipeline.store.enqueueMail({
      id,
      kind: 'reminder',
      to: [to],
      subject: `Herinnering (test) aan ${to}`,
      html: '<p>test</p>',
      text: 'test',
      createdAt: new Date().toISOString(),
      status: 'pending',
      attempts: 4,
    });
    await pipeline.store.markMailFailed(id, 'SES: Throttling, te veel verzoeken', undefined);
  };

  beforeAll(async () => {
    await failedMail(`reminder#${pipeline.round.id}#GM0148#test-1`, 'coordinator@dalfsen.gemeente.example');
    await failedMail(`reminder#${pipeline.round.id}#GM0141#test-1`, 'coordinator@almelo.gemeente.example');
    await failedMail(
      `reminder#${pipeline.round.id}#GM0160#test-1`,
      'coordinator@hardenberg.gemeente.example',
    );
  });

  it('lists the failed mail of the own region only, with recipient, subject, reason and attempts', async () => {
    const page = text((await ijsselland.get('/staf/mail')).text);
    expect(page).toContain('Mislukt (2)');
    expect(page).toContain('Herinnering (test) aan coordinator@dalfsen.gemeente.example Herinnering');
    expect(page).toContain('coordinator@dalfsen.gemeente.example 5 SES: Throttling, te veel verzoeken');
    expect(page).not.toContain('almelo');
    expect(text((await twente.get('/staf/mail')).text)).toContain('Mislukt (1)');
    expect(text((await ijsselland.get('/staf/rondes')).text)).toContain(
      '2 e-mails konden niet verstuurd worden',
    );
  });

  it('re-sends one after a check step, once, audited before → after', async () => {
    await pipeline.clearMailbox();
    const id = `reminder#${pipeline.round.id}#GM0148#test-1`;
    const check = await ijsselland.post('/staf/mail', { _action: 'controleren', mail: id });
    expect(text(check.text)).toContain('Deze e-mail opnieuw versturen?');
    const send = formFields(check.text, 'versturen');
    expect((await ijsselland.post('/staf/mail', send)).status).toBe(303);
    expect((await ijsselland.post('/staf/mail', send)).status).toBe(303);
    expect((await pipeline.mailbox()).map((mail) => mail.destination.to)).toEqual([
      ['coordinator@dalfsen.gemeente.example'],
    ]);
    expect((await pipeline.store.getMail(id))?.status).toBe('sent');
    const audit = (await pipeline.store.listAudit(pipeline.round.id)).filter(
      (e) => e.action === 'mail-resent',
    );
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'regietafel.ijsselland@test.example',
        before: { status: 'failed', attempts: 5 },
        after: { status: 'sent', attempts: 0 },
      }),
    ]);
  });

  it('refuses another region’s mail, a municipality link, no sign-in and a cross-site post', async () => {
    const check = await twente.post('/staf/mail', { _action: 'alle-controleren' });
    await expectRefusals({
      path: '/staf/mail',
      fields: formFields(check.text, 'versturen'),
      otherRegion: ijsselland,
      allowed: twente,
    });
  });

  it('shows per sent email what the mail service reported since: arrived, bounced or reported as spam, with reason and time', async () => {
    const sent = async (code: string, to: string[]) => {
      const id = `reminder#${pipeline.round.id}#${code}#test-sent`;
      await pipeline.store.enqueueMail({
        id,
        kind: 'reminder',
        to,
        subject: `Herinnering (verstuurd) aan ${code}`,
        html: '<p>test</p>',
        text: 'test',
        createdAt: new Date().toISOString(),
        status: 'pending',
        attempts: 0,
      });
      await pipeline.store.markMailSent(id, `ses-${code}`, '2026-12-02T09:00:00.000Z');
      return { id, messageId: `ses-${code}` };
    };
    const clock = { now: () => new Date('2026-12-02T10:00:00Z') };
    const deps = { store: pipeline.store, clock };
    const zwolle = await sent('GM0193', ['a@zwolle.gemeente.example', 'b@zwolle.gemeente.example']);
    await recordMailEvent(deps, {
      messageId: zwolle.messageId,
      mailId: zwolle.id,
      events: [
        { type: 'delivery', recipient: 'a@zwolle.gemeente.example', at: '2026-12-02T09:01:00.000Z' },
        {
          type: 'bounce',
          recipient: 'b@zwolle.gemeente.example',
          at: '2026-12-02T09:02:00.000Z',
          permanent: true,
          reason: 'Permanent/General: smtp; 550 5.1.1 user unknown',
        },
      ],
    });
    const kampen = await sent('GM0166', ['c@kampen.gemeente.example']);
    await recordMailEvent(deps, {
      messageId: kampen.messageId,
      mailId: kampen.id,
      events: [
        {
          type: 'complaint',
          recipient: 'c@kampen.gemeente.example',
          at: '2026-12-02T09:05:00.000Z',
          reason: 'abuse',
        },
      ],
    });
    await sent('GM0150', ['d@deventer.gemeente.example']);
    await sent('GM0141', ['e@almelo.gemeente.example']);

    const page = text((await ijsselland.get('/staf/mail')).text);
    const undelivered = page.slice(
      page.indexOf('Verstuurd, maar niet aangekomen'),
      page.indexOf('Laatst verstuurd'),
    );
    expect(undelivered).toContain('Verstuurd, maar niet aangekomen (2)');
    expect(undelivered).toContain(
      'b@zwolle.gemeente.example: Onbestelbaar op 2 december 2026 om 10:02: het adres bestaat niet of weigert de e-mail Reden: Permanent/General: smtp; 550 5.1.1 user unknown',
    );
    expect(undelivered).toContain('a@zwolle.gemeente.example: Aangekomen op 2 december 2026 om 10:01');
    expect(undelivered).toContain(
      'Als spam gemeld op 2 december 2026 om 10:05: wij sturen dit adres niets meer Reden: abuse',
    );
    // Where to correct the address: the contacts of the municipality it went to.
    expect(undelivered).toContain('Adressen van Zwolle aanpassen');
    expect((await ijsselland.get('/staf/mail')).text).toContain('href="/staf/contacten/gemeente/GM0193"');
    const recent = page.slice(page.indexOf('Laatst verstuurd'));
    expect(recent).toContain(`Herinnering (verstuurd) aan GM0150 Herinnering`);
    expect(recent).toContain(
      'd@deventer.gemeente.example 2 december 2026 om 10:00 Verstuurd; nog geen bericht van aankomst',
    );
    // Another region's sent mail, its addresses and what became of it are not shown.
    expect(page).not.toContain('almelo');
    expect(text((await twente.get('/staf/mail')).text)).toContain('e@almelo.gemeente.example');
  });

  it('re-sends all failed ones of the region', async () => {
    const check = await ijsselland.post('/staf/mail', { _action: 'alle-controleren' });
    expect(text(check.text)).toContain('Deze e-mail opnieuw versturen?');
    expect((await ijsselland.post('/staf/mail', formFields(check.text, 'versturen'))).status).toBe(303);
    expect(text((await ijsselland.get('/staf/mail')).text)).toContain('Mislukt (0)');
  });
});

describe('one municipality’s submission, read-only, every view audited', () => {
  const roundId = 'twente-lezen';
  const path = `/staf/rondes/${roundId}/gemeenten/GM0153`;

  beforeAll(async () => {
    await pipeline.store.createRound({
      ...pipeline.round,
      id: roundId,
      title: 'Twente, te lezen',
      regions: ['twente'],
    });
    const { postJson, validEigenBijdrage } = await import('../support/pipeline.js');
    const url = `${pipeline.baseUrl}/formulieren/eigen-bijdrage/${roundId}/GM0153`;
    const auth = { authorization: `Bearer ${await pipeline.tokenFor('GM0153', roundId)}` };
    expect((await postJson(url, { answers: validEigenBijdrage() }, auth)).status).toBe(201);
    const amended = await postJson(
      url,
      {
        answers: validEigenBijdrage({ adultsFull: 48, amountCatering: 300, contactName: 'Piet Bakker' }),
        baseVersion: 1,
      },
      auth,
    );
    expect(amended.status).toBe(201);
  });

  it('shows the current answers, the warnings, every version with what changed and who sent it', async () => {
    const page = await twente.get(path);
    expect(page.status).toBe(200);
    const shown = text(page.text);
    expect(shown).toContain('Gemeente Enschede');
    expect(shown).toContain('Stand Ingezonden: versie 2');
    expect(shown).toContain('Door Piet Bakker (anna.devries@zwolle.example)');
    expect(shown).toContain('Waarschuwingen bij versie 2');
    expect(shown).toMatch(
      /Versie 2 .* Piet Bakker .* Volwassenen die de volledige bijdrage betalen: 41 volwassenen → 48 volwassenen/,
    );
    expect(shown).toContain('Versie 1');
    expect(shown).toContain('Eerste versie');
    expect(page.text).not.toContain('<form method="post" action="/formulieren');
  });

  it('writes every view to the audit trail, with who looked', async () => {
    const before = (await pipeline.store.listAudit(roundId)).filter(
      (e) => e.action === 'submission-viewed',
    ).length;
    await province.get(path);
    const viewed = (await pipeline.store.listAudit(roundId)).filter((e) => e.action === 'submission-viewed');
    expect(viewed).toHaveLength(before + 1);
    expect(viewed.at(-1)).toMatchObject({
      actor: 'provincie.overijssel@test.example',
      municipality: 'GM0153',
      details: { version: 2, versions: 2, draft: false },
    });
  });

  it('is not there for the other region (404: a Twente round), refuses a municipality link and no sign-in, and writes nothing then', async () => {
    const official = await municipalityBrowser();
    const before = await everything();
    expect((await ijsselland.get(path)).status).toBe(404);
    // A municipality's link as a Bearer token is no staff sign-in (401); a browser without a staff
    // sign-in — also one with a municipality's session cookie — is sent to the sign-in page.
    const link = await pipeline.tokenFor('GM0193');
    const bearer = await fetch(`${pipeline.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${link}` },
    });
    expect(bearer.status).toBe(401);
    expect((await official.get(path)).location).toMatch(/^\/staf\/inloggen\?terug=/);
    expect((await browserWith(pipeline, undefined).get(path)).location).toMatch(/^\/staf\/inloggen\?terug=/);
    expect(await everything()).toEqual(before);
  });
});
