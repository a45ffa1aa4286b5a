import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  /** 403 where the other region may not do this; 404 where it may not even see the round. */
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
      /niet aangemeld|alleen voor medewerkers|geen toegang|niet van de pagina|in uw regio of provincie/i,
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
    expect(shown).toContain('Er zijn 4 problemen met uw antwoorden');
    expect(shown).toContain('De peildatum moet een bestaande datum zijn');
    expect(shown).toContain('De sluitingsdatum moet in de toekomst liggen.');
    expect(shown).toContain('Het aantal dagen voor de herinnering moet een heel getal van 0 tot 60 zijn.');
    expect(shown).toContain('Kies een formulier.');
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
  const day = 24 * 3600 * 1000;
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
      // A round of another region answers like one that does not exist.
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
