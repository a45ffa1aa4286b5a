import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../functions/admin/cli.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import type { AsylumTargets, Targets } from '../../functions/core/targets/model.js';
import { get, startTestPipeline, type TestPipeline } from '../support/pipeline.js';
import { formFields, type StaffBrowser, staffBrowser, text } from '../support/staff.js';

/**
 * Targets as published data, as provincial staff publish them: the page /staf/taakstellingen (a CSV
 * uploaded or pasted, a check page naming every problem by line and the sum against the provincial task,
 * *Publiceren* a new revision, audited, once per page, refused when someone published since) and the admin
 * command `import-targets`; the voortgang form and the round page then use the new revision.
 */

let pipeline: TestPipeline;
let province: StaffBrowser;
let ijsselland: StaffBrowser;
let dir: string;

const targetsPage = '/staf/taakstellingen';

beforeAll(async () => {
  pipeline = await startTestPipeline();
  province = await staffBrowser(pipeline, 'provincie:overijssel');
  ijsselland = await staffBrowser(pipeline, 'regietafel:ijsselland');
  dir = mkdtempSync(path.join(tmpdir(), 'regietafel-targets-'));
  process.env.DYNAMODB_PORT = String(pipeline.dynamo.port);
  process.env.SES_PORT = String(pipeline.ses.port);
  process.env.PORT = String(pipeline.http.port);
  process.env.TABLE_NAME = pipeline.tableName;
});

afterAll(async () => {
  await pipeline?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function asylumRevisions(): Promise<AsylumTargets[]> {
  return (await pipeline.store.listTargets('overijssel'))
    .filter((targets): targets is AsylumTargets => targets.kind === 'spreiding')
    .sort((a, b) => a.revision - b.revision);
}

/**
 * Every municipality of Overijssel 250 places (of which 20 AMV), Zwolle 700 (of which 60): 24 × 250 + 700
 * = 6,700 places, 24 × 20 + 60 = 540 AMV — 375 more than the task of 6,325, and 2 AMV more than 538.
 */
function sharesFile(): string {
  const rows = overijssel.municipalities.map((m) =>
    m.code === 'GM0193' ? `${m.code};${m.name};640;60` : `${m.code};${m.name};230;20`,
  );
  return `\uFEFF${['Gemeentecode;Gemeente;Regulier;AMV', ...rows].join('\r\n')}\r\n`;
}

const spreidingFields = (content: string) => ({
  soort: 'spreiding',
  provincie: 'overijssel',
  cyclus: '2024-2026',
  ingangsdatum: '1-2-2024',
  taak: '6325',
  taakAmv: '538',
  taakStatus: 'vastgesteld',
  bron: 'Staatscourant 31 januari 2024',
  lijst: content,
});

/** A form post with a file, as the browser sends it (multipart). */
async function postMultipart(fields: Record<string, string>, file: { name: string; content: string }) {
  const page = await province.get(`${targetsPage}?inlezen=spreiding`);
  const token = /name="_verzoek" value="([^"]+)"/.exec(page.text)![1]!;
  const form = new FormData();
  form.append('_verzoek', token);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('bestand', new Blob([file.content], { type: 'text/csv' }), file.name);
  form.append('_action', 'controleren');
  const staffToken = await pipeline.staffToken('provincie:overijssel');
  const response = await fetch(`${pipeline.baseUrl}${targetsPage}`, {
    method: 'POST',
    headers: {
      cookie: `regietafel_staf=${staffToken}`,
      'sec-fetch-site': 'same-origin',
      accept: 'text/html',
    },
    body: form,
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text() };
}

describe('the page /staf/taakstellingen', () => {
  it('shows the seeded shares: the provincial task, per region and municipality, the sum against the task, demo data named', async () => {
    const page = await ijsselland.get(targetsPage);
    expect(page.status).toBe(200);
    const words = text(page.text);
    expect(words).toContain('Cyclus 2024-2026');
    expect(words).toContain('6.325 plaatsen, waarvan 538 AMV (nog te bevestigen)');
    expect(words).toContain(
      'De aandelen tellen op tot 6.325 plaatsen (waarvan 538 AMV): precies de provinciale taak.',
    );
    expect(words).toMatch(/Zwolle GM0193 IJsselland \d+ \d+ 717 nog te bevestigen/);
    expect(words).toContain('23 cijfers zijn demogegevens');
    expect(words).toContain('Alleen de provincie leest nieuwe cijfers in.');
    // A regietafel sees them but may not import.
    expect((await ijsselland.get(`${targetsPage}?inlezen=spreiding`)).status).toBe(403);
    const refused = await ijsselland.post(targetsPage, {
      _action: 'controleren',
      ...spreidingFields(sharesFile()),
    });
    expect(refused.status).toBe(403);
    expect(text(refused.text)).toContain('Alleen de provincie leest taakstellingen in.');
  });

  it('starts the import form from the current cycle: its task and date filled in', async () => {
    const page = await province.get(`${targetsPage}?inlezen=spreiding`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="cyclus" value="2024-2026"');
    expect(page.text).toContain('name="ingangsdatum" value="1-2-2024"');
    expect(page.text).toContain('name="taak" value="6325"');
    expect(page.text).toContain('name="taakAmv" value="538"');
    expect(page.text).toContain('enctype="multipart/form-data"');
  });

  it('names every problem of the file by its line and every wrong field by its label; nothing is stored', async () => {
    const before = await pipeline.store.listTargets('overijssel');
    const bad = [
      'Gemeentecode;Gemeente;Regulier;AMV',
      'GM0193;Zwolle;640;60',
      'GM9999;Nergenshuizen;10;1',
      'GM0153;Enschede;veel;5',
      'GM0193;Zwolle;1;1',
    ].join('\n');
    const answer = await province.post(targetsPage, { _action: 'controleren', ...spreidingFields(bad) });
    expect(answer.status).toBe(422);
    const words = text(answer.text);
    expect(words).toContain('Regel 3: GM9999: deze gemeentecode staat niet in het register.');
    expect(words).toContain('Regel 4: GM0153: regulier ‘veel’ is geen heel getal van 0 of meer.');
    expect(words).toContain('Regel 5: GM0193 (Zwolle) staat er twee keer in: ook op regel 2.');
    expect(answer.text).toContain('href="#f-lijst"');
    const fields = await province.post(targetsPage, {
      _action: 'controleren',
      ...spreidingFields(sharesFile()),
      bron: '',
      taakAmv: '9000',
      ingangsdatum: '31-2-2024',
    });
    expect(fields.status).toBe(422);
    const fieldWords = text(fields.text);
    expect(fieldWords).toContain('Vul bij ‘Bron’ in waar de cijfers vandaan komen');
    expect(fieldWords).toContain('Het aantal AMV-plaatsen kan niet meer zijn dan de hele provinciale taak.');
    expect(fieldWords).toContain(
      '‘Geldt vanaf’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.',
    );
    expect(fields.text).toContain('href="#f-bron"');
    expect(await pipeline.store.listTargets('overijssel')).toEqual(before);
  });

  let checkPage: string;
  let secondCheckPage: string;

  it('checks an uploaded file: the sum against the provincial task with the difference named, and what changes', async () => {
    const answer = await postMultipart(
      { ...spreidingFields(''), lijst: '' },
      { name: 'aandelen-2024.csv', content: sharesFile() },
    );
    expect(answer.status, text(answer.text).slice(0, 400)).toBe(200);
    const words = text(answer.text);
    expect(words).toContain('Controleer de taakstellingen');
    expect(words).toContain('Er is nog niets opgeslagen.');
    expect(words).toContain(
      'De aandelen tellen op tot 6.700 plaatsen (waarvan 540 AMV); de provinciale taak is 6.325 (waarvan 538 AMV). Verschil: 375 plaatsen meer dan de taak, 2 AMV-plaatsen meer.',
    );
    expect(words).toContain('25 van de 25 gemeenten van de provincie');
    // The chosen file's name is read with it (the upload reader carries it), and kept with what is published.
    expect(words).toContain('Bestand aandelen-2024.csv');
    expect(words).toMatch(/Zwolle \(GM0193\) 717 \(waarvan \d+ AMV\) 700 \(waarvan 60 AMV\)/);
    expect(words).toContain(
      'De cijfers worden versie 2 van de aandelen van cyclus 2024-2026; versie 1 blijft bewaard.',
    );
    expect((await asylumRevisions()).map((targets) => targets.revision)).toEqual([1]);
    checkPage = answer.text;
    secondCheckPage = (
      await province.post(targetsPage, { _action: 'controleren', ...spreidingFields(sharesFile()) })
    ).text;
  });

  it('publishes it as revision 2, audited; a double post publishes once', async () => {
    const fields = formFields(checkPage, 'publiceren');
    const answer = await province.post(targetsPage, fields);
    expect(answer.status).toBe(303);
    expect(answer.location).toMatch(/^\/staf\/taakstellingen\?gedaan=/);
    const again = await province.post(targetsPage, fields);
    expect(again.status).toBe(303);
    expect(again.location).toBe(answer.location);
    const revisions = await asylumRevisions();
    expect(revisions.map((targets) => targets.revision)).toEqual([1, 2]);
    const latest = revisions[1]!;
    expect(latest).toMatchObject({
      cycle: '2024-2026',
      effectiveFrom: '2024-02-01',
      task: { places: 6325, amvPlaces: 538, status: 'vastgesteld' },
      source: 'Staatscourant 31 januari 2024',
      filename: 'aandelen-2024.csv',
      publishedBy: 'provincie.overijssel@test.example',
    });
    expect(latest.shares.find((share) => share.municipality === 'GM0193')).toEqual({
      municipality: 'GM0193',
      regular: 640,
      amv: 60,
      status: 'vastgesteld',
    });
    const audit = (await pipeline.store.listAudit()).filter((line) => line.action === 'targets-published');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'provincie.overijssel@test.example',
      details: { kind: 'spreiding', cycle: '2024-2026', revision: 2, places: 6700, amv: 540, task: 6325 },
    });
    const page = await province.get(answer.location!);
    const words = text(page.text);
    expect(words).toContain('De aandelen van cyclus 2024-2026 zijn gepubliceerd als versie 2');
    expect(words).toContain('Verschil: 375 plaatsen meer dan de taak');
    expect(words).toMatch(
      /Alle versies \(ook de vervangen\).* 2 provincie\.overijssel@test\.example 6\.700 .* 1 seed 6\.325/,
    );
  });

  it('refuses a check page made before someone else published (409), storing nothing', async () => {
    const answer = await province.post(targetsPage, formFields(secondCheckPage, 'publiceren'));
    expect(answer.status).toBe(409);
    expect(text(answer.text)).toContain('Intussen is versie 2 gepubliceerd');
    expect((await asylumRevisions()).map((targets) => targets.revision)).toEqual([1, 2]);
  });

  it('the voortgang form shows the new share read-only, and the round page computes with it', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    const form = await get(pipeline.formUrl('GM0193', round), { accept: 'text/html' });
    const words = text(await form.text());
    expect(words).toMatch(
      /Indicatief aandeel van uw gemeente Reguliere plaatsen 640 plaatsen AMV-plaatsen 60 plaatsen Samen 700 plaatsen/,
    );
    expect(words).not.toContain('DEMOGEGEVENS, niet het echte aandeel');
    const roundPage = await province.get(`/staf/rondes/${encodeURIComponent(round.id)}`);
    expect(text(roundPage.text)).toContain('cyclus 2024-2026, versie 2');
  });
});

describe('npm run admin -- import-targets / targets', () => {
  async function cli(...argv: string[]): Promise<string[]> {
    const lines: string[] = [];
    await run(argv, (line) => lines.push(...line.split('\n')));
    return lines;
  }

  it('checks a statushouders file without storing, then publishes it once', async () => {
    const file = path.join(dir, 'statushouders-2027-H1.csv');
    writeFileSync(
      file,
      [
        'Gemeentecode;Gemeente;Taakstelling',
        ...overijssel.municipalities.map((m) => `${m.code};${m.name};12`),
      ].join('\n'),
    );
    const args = [
      'import-targets',
      '--kind',
      'statushouders',
      '--period',
      '2027-H1',
      '--file',
      file,
      '--source',
      'Provincie Overijssel, brief 1 december 2026',
    ];
    const checked = await cli(...args);
    expect(checked).toContain(
      'statushouders 1e helft 2027: 25 van 25 gemeenten gelezen uit statushouders-2027-H1.csv.',
    );
    expect(checked).toContain('In totaal 300 personen.');
    expect(checked.at(-1)).toBe(
      'Alleen gecontroleerd; er is niets opgeslagen. Publiceer met --publish (wordt versie 1).',
    );
    const housing = async () =>
      (await pipeline.store.listTargets('overijssel')).filter(
        (targets: Targets) => targets.kind === 'huisvesting' && targets.period === '2027-H1',
      );
    expect(await housing()).toEqual([]);
    expect((await cli(...args, '--publish')).at(-1)).toMatch(/^Gepubliceerd als versie 1 \(in het logboek\)/);
    expect((await cli(...args, '--publish')).at(-1)).toBe(
      'Dit bestand was al gepubliceerd als versie 1; er is niets veranderd.',
    );
    expect(await housing()).toHaveLength(1);
    const listed = await cli('targets');
    expect(listed).toContain('Provincie Overijssel');
    expect(
      listed.some((line) =>
        /Statushouders 1e helft 2027, versie 1 van 1: 25 gemeenten, 300 personen/.test(line),
      ),
    ).toBe(true);
    expect(
      listed.some((line) =>
        /Aandelen cyclus 2024-2026 .*versie 2 van 2: 25 gemeenten, 6\.700 plaatsen/.test(line),
      ),
    ).toBe(true);
  });

  it('shares: takes the task of the current cycle, names the difference, and refuses a file with errors', async () => {
    const file = path.join(dir, 'aandelen.csv');
    writeFileSync(file, 'Gemeentecode;Totaal;AMV\nGM0193;717;61\nGM0153;638;54\nGM0000;1;0\n');
    const args = [
      'import-targets',
      '--kind',
      'aandelen',
      '--file',
      file,
      '--source',
      'Staatscourant',
      '--publish',
    ];
    await expect(cli(...args)).rejects.toThrow('Niet gepubliceerd: verbeter eerst de fouten hierboven.');
    writeFileSync(file, 'Gemeentecode;Totaal;AMV\nGM0193;717;61\nGM0153;638;54\n');
    const lines = await cli(...args);
    expect(lines).toContain(
      'De aandelen tellen op tot 1.355 plaatsen (waarvan 115 AMV); de provinciale taak is 6.325 (waarvan 538 AMV). Verschil: 4.970 plaatsen minder dan de taak, 423 AMV-plaatsen minder.',
    );
    expect(
      lines.some((line) => line.startsWith('LET OP Geen aandeel voor 23 gemeenten van de provincie')),
    ).toBe(true);
    expect(lines.at(-1)).toMatch(/^Gepubliceerd als versie 3/);
    expect((await asylumRevisions()).at(-1)).toMatchObject({
      revision: 3,
      filename: 'aandelen.csv',
      publishedBy: expect.stringMatching(/^admin:/),
    });
  });
});
