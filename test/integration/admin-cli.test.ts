import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { amsterdamTime, run, UsageError } from '../../functions/admin/cli.js';
import { DomainError } from '../../functions/core/errors.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { groupsClaim } from '../../functions/core/staff-claims.js';
import { loadStaffIssuer, localAudience, localIssuer } from '../../functions/local/staff-issuer.js';
import {
  get,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

/**
 * The admin CLI (`npm run admin -- …`) against the local run: the same `run` the command line calls,
 * pointed at the test pipeline's emulators through the environment it reads.
 */

let pipeline: TestPipeline;
let dataDir: string;

const roundId = 'cli-ronde';
const twente = overijssel.municipalities.filter((municipality) => municipality.region === 'twente');

beforeAll(async () => {
  pipeline = await startTestPipeline();
  dataDir = mkdtempSync(path.join(tmpdir(), 'regietafel-cli-'));
  process.env.DYNAMODB_PORT = String(pipeline.dynamo.port);
  process.env.SES_PORT = String(pipeline.ses.port);
  process.env.PORT = String(pipeline.http.port);
  process.env.TABLE_NAME = pipeline.tableName;
  process.env.REGIETAFEL_DATA_DIR = dataDir;
});

afterAll(async () => {
  await pipeline?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the CLI and returns what it printed, line by line. */
async function cli(...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await run(argv, (line) => lines.push(...line.split('\n')));
  return lines;
}

/** The link in an invitation email. */
function linkIn(text: string): string {
  const match = /http:\/\/[^\s]+\/uitnodiging\?code=[\w.-]+/.exec(text);
  expect(match, text).not.toBeNull();
  return match![0];
}

describe('rounds', () => {
  it('lists the seeded demo rounds with phase, deadline and progress', async () => {
    const lines = await cli('rounds');
    for (const round of Object.values(pipeline.rounds)) {
      const line = lines.find((candidate) => candidate.startsWith(round.id));
      expect(line, round.id).toBeDefined();
      expect(line).toMatch(/open\s+sluit .*ingezonden 0, concept 0, niets 25$/);
    }
  });

  it('open-round creates a round for the chosen regions, visible in rounds and in the audit trail', async () => {
    const lines = await cli(
      'open-round',
      '--form',
      'eigen-bijdrage',
      '--reference-date',
      '2099-01-01',
      '--opens',
      '2020-01-01T09:00',
      '--deadline',
      '2099-12-18T17:00',
      '--regions',
      'twente',
      '--id',
      roundId,
      '--title',
      'CLI-ronde Twente',
    );
    expect(lines.join('\n')).toContain(`Ronde ‘${roundId}’ geopend: CLI-ronde Twente`);
    expect(await pipeline.store.getRound(roundId)).toEqual({
      id: roundId,
      formId: 'eigen-bijdrage',
      title: 'CLI-ronde Twente',
      referenceDate: '2099-01-01',
      opensAt: '2020-01-01T08:00:00.000Z', // 09:00 in Amsterdam in winter (CET, UTC+1)
      deadline: '2099-12-18T16:00:00.000Z',
      regions: ['twente'],
      acceptsLate: false,
    });
    const listed = (await cli('rounds')).find((line) => line.startsWith(roundId));
    expect(listed).toMatch(/eigen-bijdrage\s+open\s+sluit .*ingezonden 0, concept 0, niets 14$/);
    const audit = await pipeline.store.listAudit(roundId);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'round-opened',
        actor: expect.stringMatching(/^admin:/),
        roundId,
        details: expect.objectContaining({ regions: ['twente'] }),
      }),
    ]);
  });

  it('refuses to open a round with an id that exists', async () => {
    await expect(
      cli(
        'open-round',
        '--form',
        'eigen-bijdrage',
        '--reference-date',
        '2099-01-01',
        '--deadline',
        '2099-12-18',
        '--id',
        roundId,
      ),
    ).rejects.toThrow(`Er bestaat al een ronde ‘${roundId}’.`);
  });

  it('reads dates as Amsterdam time, summer and winter', () => {
    expect(amsterdamTime('2026-12-18T17:00')).toBe('2026-12-18T16:00:00.000Z');
    expect(amsterdamTime('2026-06-18T17:00')).toBe('2026-06-18T15:00:00.000Z');
    expect(amsterdamTime('2026-06-18')).toBe('2026-06-17T22:00:00.000Z');
    expect(amsterdamTime('2026-06-18T17:00:00Z')).toBe('2026-06-18T17:00:00.000Z');
  });
});

describe('invitations', () => {
  let links: Map<string, string>;

  it('invite mails one invitation per municipality of the round to its coordinator, with a working link', async () => {
    await pipeline.clearMailbox();
    const lines = await cli('invite', '--round', roundId);
    expect(lines.filter((line) => /^GM\d{4} /.test(line))).toHaveLength(14);

    const mails = await pipeline.mailbox();
    expect(mails).toHaveLength(14);
    links = new Map();
    for (const municipality of twente) {
      const mail = mails.find((candidate) => candidate.destination.to.includes(municipality.contacts[0]!));
      expect(mail, municipality.name).toBeDefined();
      expect(mail!.destination.to).toEqual([...municipality.contacts]);
      expect(mail!.subject).toBe(
        `Uitnodiging: Eigen bijdrage ontheemden uit Oekraïne – gemeente ${municipality.name} (CLI-ronde Twente)`,
      );
      expect(mail!.body.text).toContain(`Beste coördinator van gemeente ${municipality.name},`);
      const link = linkIn(mail!.body.text!);
      expect(link.startsWith(`${pipeline.baseUrl}/uitnodiging?code=`)).toBe(true);
      expect(mail!.body.html).toContain(link);
      links.set(municipality.code, link);
    }
    expect(new Set(links.values()).size).toBe(14);
  });

  it('each mailed link opens its own municipality’s form (303 + session cookie)', async () => {
    for (const [code, link] of links) {
      const response = await fetch(link, { redirect: 'manual' });
      expect(response.status, code).toBe(303);
      const location = response.headers.get('location')!;
      expect(location).toBe(`/formulieren/eigen-bijdrage/${roundId}/${code}`);
      const cookie = response.headers.getSetCookie()[0]!;
      expect(cookie).toMatch(/^regietafel_sessie=[\w.-]+; Path=\/formulieren\/eigen-bijdrage\/cli-ronde;/);
      const form = await get(`${pipeline.baseUrl}${location}`, { cookie: cookie.split(';')[0]! });
      expect(form.status, code).toBe(200);
    }
  });

  it('invitations lists one valid invitation per municipality; the audit trail has each invitation', async () => {
    const lines = await cli('invitations', '--round', roundId);
    expect(lines).toHaveLength(14);
    for (const line of lines) expect(line).toMatch(/^\S+ {2}GM\d{4} {2}aangemaakt .* {2}geldig tot /);
    const audit = await pipeline.store.listAudit(roundId);
    const invitations = audit.filter((event) => event.action === 'invitation');
    expect(invitations.map((event) => event.municipality).sort()).toEqual(twente.map((m) => m.code).sort());
    for (const event of invitations) expect(event.actor).toMatch(/^admin:/);
  });

  it('revoke --invitation makes that link fail (401) and leaves the others working', async () => {
    const enschede = (await pipeline.store.listInvitations(roundId)).find(
      (i) => i.municipality === 'GM0153',
    )!;
    const lines = await cli('revoke', '--invitation', enschede.id);
    expect(lines).toEqual([`Ingetrokken: ${enschede.id} (GM0153, ronde ${roundId}).`]);
    const refused = await fetch(links.get('GM0153')!, { redirect: 'manual' });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('<h1 class="utrecht-heading-1">Deze link is ingetrokken</h1>');
    expect((await fetch(links.get('GM0164')!, { redirect: 'manual' })).status).toBe(303);
    expect(
      (await cli('invitations', '--round', roundId)).find((line) => line.startsWith(enschede.id)),
    ).toContain('INGETROKKEN');
  });

  it('revoke --round --municipality revokes every valid link of that municipality', async () => {
    const lines = await cli('revoke', '--round', roundId, '--municipality', 'GM0164');
    expect(lines).toHaveLength(1);
    expect((await fetch(links.get('GM0164')!, { redirect: 'manual' })).status).toBe(401);
    await expect(cli('revoke', '--round', roundId, '--municipality', 'GM0164')).rejects.toThrow(
      'Geen geldige uitnodigingen gevonden om in te trekken.',
    );
  });

  it('invite --no-email --municipality makes a new link for one municipality without mailing it', async () => {
    await pipeline.clearMailbox();
    const lines = await cli('invite', '--round', roundId, '--municipality', 'GM0153', '--no-email');
    expect(lines[0]).toMatch(/^GM0153 Enschede\s+\S+ {2}niet gemaild$/);
    expect(await pipeline.mailbox()).toEqual([]);
    const link = linkIn(lines[1]!);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
  });

  it('audit lists the round opening, the invitations and the revocations', async () => {
    const lines = await cli('audit', '--round', roundId);
    const count = (action: string) => lines.filter((line) => line.includes(` ${action} `)).length;
    expect(count('round-opened')).toBe(1);
    expect(count('invitation')).toBe(15);
    expect(count('revocation')).toBe(2);
    expect(lines.find((line) => line.includes(' revocation '))).toMatch(
      /admin:\S+\s+GM0153 \{"invitationId":/,
    );
  });
});

describe('run-schedule', () => {
  it('says in words what it sent, and what the outbox did (only the counts that are not 0)', async () => {
    const [first] = await cli('run-schedule');
    expect(first).toMatch(
      /^\d+ overzicht\(en\), \d+ herinnering\(en\); uit de wachtrij: (niets te versturen|\d+ [a-z ]+(, \d+ [a-z ]+)*); /,
    );
    expect(first).not.toContain('{');
    // At once again: nothing left to send.
    expect((await cli('run-schedule'))[0]).toContain('uit de wachtrij: niets te versturen;');
  });
});

describe('status and close-round', () => {
  it('status lists every municipality of the round with ingezonden, concept or niets', async () => {
    const submitted = await postJson(pipeline.formUrl('GM0168', { ...pipeline.round, id: roundId }), {
      answers: validEigenBijdrage(),
      baseVersion: 0,
    });
    expect(submitted.status).toBe(201);
    const lines = await cli('status', '--round', roundId);
    expect(lines).toHaveLength(14);
    expect(lines.find((line) => line.startsWith('GM0168'))).toMatch(
      /^GM0168 Losser\s+ingezonden\s+versie 1, .* door Anna de Vries$/,
    );
    expect(lines.filter((line) => /\sniets\s*$/.test(line))).toHaveLength(13);
  });

  it('status with a role shows what that role may see, and refuses another region', async () => {
    expect(await cli('status', '--round', roundId, '--role', 'regietafel:twente')).toHaveLength(14);
    const refused = cli('status', '--round', roundId, '--role', 'regietafel:ijsselland');
    await expect(refused).rejects.toThrow(DomainError);
    await expect(refused).rejects.toThrow(`Er is geen ronde ‘${roundId}’ in uw regio of provincie.`);
  });

  it('close-round makes the form read-only: submitting is refused (403), the form shows the answers', async () => {
    const url = pipeline.formUrl('GM0168', { ...pipeline.round, id: roundId });
    const lines = await cli('close-round', '--round', roundId);
    expect(lines).toEqual([`Ronde ‘${roundId}’ is gesloten. Formulieren zijn nu alleen nog te lezen.`]);
    const round = await pipeline.store.getRound(roundId);
    expect(round?.acceptsLate).toBe(false);
    expect(Date.parse(round!.deadline)).toBeLessThanOrEqual(Date.now());

    const before = await pipeline.items(roundId, '');
    const refused = await postJson(url, { answers: validEigenBijdrage(), baseVersion: 1 });
    expect(refused.status).toBe(403);
    expect(refused.json().message).toBe(
      'De sluitingsdatum van deze ronde is verstreken. Inzenden of wijzigen kan niet meer.',
    );
    expect(await pipeline.items(roundId, '')).toEqual(before);
    const page = await get(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('U kunt dit formulier niet meer wijzigen.');
    expect(html).not.toContain('<form');

    expect((await pipeline.store.listAudit(roundId)).map((event) => event.action)).toContain('round-closed');
    expect((await cli('rounds')).find((line) => line.startsWith(roundId))).toMatch(/\sclosed\s/);
  });
});

describe('bad input gives a clear Dutch error', () => {
  const open = (...extra: string[]) => [
    'open-round',
    '--form',
    'eigen-bijdrage',
    '--reference-date',
    '2099-01-01',
    '--deadline',
    '2099-12-18T17:00',
    ...extra,
  ];

  const cases: readonly (readonly [string, string[], string | RegExp])[] = [
    [
      'unknown form',
      ['open-round', '--form', 'belasting', '--reference-date', '2099-01-01', '--deadline', '2099-12-18'],
      'Onbekend formulier ‘belasting’. Kies uit: eigen-bijdrage, sociaal-domein, voortgang-opgaven.',
    ],
    ['unknown region', open('--regions', 'twente,achterhoek', '--id', 'x1'), 'Onbekende regio ‘achterhoek’.'],
    [
      'deadline before opening',
      open('--opens', '2099-12-19T09:00', '--id', 'x2'),
      'De sluitingsdatum moet na de opening liggen.',
    ],
    [
      'deadline not a date',
      open('--deadline', 'volgende week', '--id', 'x3'),
      '‘volgende week’ is geen datum of tijd',
    ],
    [
      'deadline on a day that does not exist',
      open('--deadline', '2099-02-30T17:00', '--id', 'x4'),
      '‘2099-02-30T17:00’ is geen datum of tijd',
    ],
    [
      'reference date in another format',
      open('--reference-date', '18-12-2099', '--id', 'x5'),
      '--reference-date moet jjjj-mm-dd zijn.',
    ],
    [
      'reference date that does not exist',
      open('--reference-date', '2099-13-01', '--id', 'x6'),
      '--reference-date moet jjjj-mm-dd zijn.',
    ],
    ['missing option', ['open-round', '--form', 'eigen-bijdrage'], /^--reference-date ontbreekt\./],
    ['unknown command', ['verwijder-alles'], /^Onbekende opdracht ‘verwijder-alles’\./],
    ['unknown option', ['rounds', '--force'], /^Onbekende optie ‘--force’/],
    ['option without its value', ['status', '--round'], /^Bij ‘--round’ hoort een waarde/],
    [
      'close an unknown round',
      ['close-round', '--round', 'bestaat-niet'],
      'Er is geen ronde ‘bestaat-niet’.',
    ],
    [
      'status with a role that is no role (instead of silently showing the whole province)',
      ['status', '--round', 'eigen-bijdrage-demo', '--role', 'regietafel'],
      /^Onbekende rol ‘regietafel’/,
    ],
    [
      'staff token with an unknown role',
      ['staff-token', '--role', 'beheerder'],
      /^Onbekende rol ‘beheerder’/,
    ],
    [
      'staff token on AWS',
      ['staff-token', '--role', 'provincie:overijssel', '--aws'],
      /alleen voor de lokale run/,
    ],
  ];

  it.each(cases)('%s', async (_name, argv, message) => {
    const attempt = cli(...argv);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('nothing was created by the refused commands', async () => {
    for (const id of ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'])
      expect(await pipeline.store.getRound(id)).toBeUndefined();
  });

  it('use-case errors are Dutch too: unknown round, municipality outside the round, unknown invitation', async () => {
    await expect(cli('invite', '--round', 'bestaat-niet')).rejects.toThrow(
      'Er is geen ronde ‘bestaat-niet’.',
    );
    await expect(cli('invite', '--round', roundId, '--municipality', 'GM0193', '--no-email')).rejects.toThrow(
      `Gemeente GM0193 doet niet mee aan ronde ${roundId}.`,
    );
    await expect(cli('revoke', '--invitation', 'bestaat-niet')).rejects.toThrow(
      'Er is geen uitnodiging ‘bestaat-niet’.',
    );
    await expect(cli('status', '--round', 'bestaat-niet')).rejects.toThrow(
      'Er is geen ronde ‘bestaat-niet’ in uw regio of provincie.',
    );
  });

  it('without a command it prints the usage', async () => {
    const lines = await cli();
    expect(lines[0]).toBe('Gebruik: npm run admin -- <opdracht> [opties]');
  });
});

describe('staff-token', () => {
  beforeEach(() => {
    rmSync(path.join(dataDir, 'staff-issuer.json'), { force: true });
  });

  it('refuses without the local run’s key (npm start makes it): a key of its own would sign tokens the server refuses', async () => {
    await expect(cli('staff-token', '--role', 'provincie:overijssel')).rejects.toThrow(
      `Geen sleutel van de lokale run in ${dataDir}: start eerst npm start, met dezelfde REGIETAFEL_DATA_DIR als hier.`,
    );
    expect(existsSync(path.join(dataDir, 'staff-issuer.json'))).toBe(false);
  });

  it('uses the key pair npm start keeps under REGIETAFEL_DATA_DIR (owner-only) and mints a token with the staff claims', async () => {
    // What npm start does on its first run.
    await loadStaffIssuer(path.join(dataDir, 'staff-issuer.json'));
    const [token] = await cli(
      'staff-token',
      '--role',
      'regietafel:twente',
      '--email',
      'secretaris@twente.example',
    );
    const keyFile = path.join(dataDir, 'staff-issuer.json');
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const claims = decodeJwt(token!);
    expect(claims).toMatchObject({
      iss: localIssuer,
      aud: localAudience,
      sub: 'secretaris@twente.example',
      email: 'secretaris@twente.example',
      [groupsClaim]: ['regietafel:twente'],
      token_use: 'id',
    });
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
  });

  it('mints tokens the issuer with the same key file accepts (the npm start setup)', async () => {
    await loadStaffIssuer(path.join(dataDir, 'staff-issuer.json'));
    const [token] = await cli('staff-token', '--role', 'provincie:overijssel');
    const issuer = await loadStaffIssuer(path.join(dataDir, 'staff-issuer.json'));
    // What npm start's server publishes as its keys and the staff handlers verify against.
    expect(await issuer.verify(token!)).toMatchObject({ [groupsClaim]: ['provincie:overijssel'] });
    // The test pipeline's own (in-memory) issuer does not know this key: a different Cognito, in effect.
    expect(
      (await fetch(`${pipeline.baseUrl}/staf/rondes`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(401);
  });
});

describe('the round commands run the use cases the staff pages run', () => {
  const id = 'cli-wijzigen';

  beforeAll(async () => {
    await cli(
      'open-round',
      '--form',
      'eigen-bijdrage',
      '--reference-date',
      '2099-02-01',
      '--deadline',
      '2099-02-20T17:00',
      '--regions',
      'ijsselland',
      '--id',
      id,
    );
    await cli('invite', '--round', id, '--no-email');
  });

  it('change-deadline moves the deadline, and every working link follows it (audited before → after)', async () => {
    const lines = await cli('change-deadline', '--round', id, '--deadline', '2099-03-06T12:00');
    expect(lines).toEqual([
      `Ronde ‘${id}’ sluit nu 6 maart 2099 om 12:00; 11 link(s) volgen de nieuwe datum.`,
    ]);
    for (const invitation of await pipeline.store.listInvitations(id)) {
      expect(invitation.expiresAt).toBe('2099-04-05T11:00:00.000Z');
    }
    const [changed] = (await pipeline.store.listAudit(id)).filter((e) => e.action === 'deadline-changed');
    expect(changed).toMatchObject({
      actor: expect.stringMatching(/^admin:/),
      before: { deadline: '2099-02-20T16:00:00.000Z' },
      after: { deadline: '2099-03-06T11:00:00.000Z' },
    });
    await expect(cli('change-deadline', '--round', id, '--deadline', '2020-01-01T12:00')).rejects.toThrow(
      'De nieuwe sluitingsdatum moet in de toekomst liggen.',
    );
  });

  it('remind reminds only who has not submitted, once per run', async () => {
    const url = pipeline.formUrl('GM0193', { ...pipeline.round, id });
    expect((await postJson(url, { answers: validEigenBijdrage() })).status).toBe(201);
    await pipeline.clearMailbox();
    const lines = await cli('remind', '--round', id);
    expect(lines).toHaveLength(10);
    expect(lines.some((line) => line.startsWith('GM0193'))).toBe(false);
    expect(await pipeline.mailbox()).toHaveLength(10);
  });

  it('reissue revokes the working link of a municipality and mails a new one', async () => {
    await pipeline.clearMailbox();
    const [line] = await cli('reissue', '--round', id, '--municipality', 'GM0148');
    expect(line).toMatch(
      /^1 link\(s\) ingetrokken; nieuwe link \S+ gemaild naar coordinator@dalfsen\.gemeente\.example \(sent\)\.$/,
    );
    const mails = await pipeline.mailbox();
    expect(mails).toHaveLength(1);
    expect((await fetch(linkIn(mails[0]!.body.text!), { redirect: 'manual' })).status).toBe(303);
  });

  it('close-round and reopen-round: closed, then open again until the new date', async () => {
    await cli('close-round', '--round', id);
    const lines = await cli('reopen-round', '--round', id, '--deadline', '2099-04-01T17:00');
    expect(lines[0]).toContain('sluit nu 1 april 2099 om 17:00');
    const actions = (await pipeline.store.listAudit(id)).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['round-closed', 'round-reopened']));
  });
});
