import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, UsageError } from '../../functions/admin/cli.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';

/**
 * The registry commands of the admin CLI (`seed-registry`, `registry`, `import-registry`, `staff-groups`)
 * against the local run: the same use cases as the contacts page.
 */

let pipeline: TestPipeline;
let dir: string;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  dir = mkdtempSync(path.join(tmpdir(), 'regietafel-registry-cli-'));
  process.env.DYNAMODB_PORT = String(pipeline.dynamo.port);
  process.env.SES_PORT = String(pipeline.ses.port);
  process.env.PORT = String(pipeline.http.port);
  process.env.TABLE_NAME = pipeline.tableName;
});

afterAll(async () => {
  await pipeline?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await run(argv, (line) => lines.push(...line.split('\n')));
  return lines;
}

function file(name: string, lines: string[]): string {
  const target = path.join(dir, name);
  writeFileSync(target, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return target;
}

const regionName = (id: string) => overijssel.regions.find((region) => region.id === id)!.name;
const overijsselLines = () =>
  overijssel.municipalities.map((m) => `${m.code};${m.name};Overijssel;${regionName(m.region)}`);

describe('seed-registry and registry', () => {
  it('never seeds over the registry that is there, and lists it with its secretariats', async () => {
    expect(await cli('seed-registry')).toEqual([
      'Het register stond al in de tabel; er is niets overschreven. Wijzig het op /staf/contacten.',
    ]);
    const lines = await cli('registry');
    expect(lines[0]).toBe('Provincie Overijssel (overijssel)');
    expect(lines).toContain(
      '    secretariaat: Secretariaat Regietafel IJsselland, secretariaat@regietafel-ijsselland.example, 038 000 00 01',
    );
    expect(lines.filter((line) => /^ {4}GM\d{4} /.test(line))).toHaveLength(25);
  });
});

describe('import-registry', () => {
  it('shows a merger first and changes nothing without --apply', async () => {
    const merger = file('herindeling.csv', [
      'code;naam;provincie;regio;e-mailadressen',
      ...overijsselLines()
        .filter((line) => !/^GM(1773|0177);/.test(line))
        .map((line) => `${line};`),
      'GM1999;Sallandse Heuvelrug;Overijssel;IJsselland;coordinator@sallandseheuvelrug.example',
    ]);
    const lines = await cli('import-registry', '--file', merger, '--effective', '1-1-2099');
    expect(lines).toContain('Ingangsdatum 1 januari 2099. Wat er verandert:');
    expect(lines).toContain(
      '- Nieuwe gemeente: Sallandse Heuvelrug (GM1999) in regio IJsselland, vanaf 1 januari 2099; uitnodigingen aan coordinator@sallandseheuvelrug.example.',
    );
    expect(
      lines.some((line) =>
        line.startsWith('- Olst-Wijhe (GM1773) houdt op te bestaan; de laatste dag is 31 december 2098.'),
      ),
    ).toBe(true);
    expect(lines.at(-1)).toBe('Nog niets gewijzigd. Voer het door met --apply.');
    expect(await pipeline.store.getMunicipality('GM1999')).toBeUndefined();

    const applied = await cli('import-registry', '--file', merger, '--effective', '1-1-2099', '--apply');
    expect(applied.at(-1)).toBe('Doorgevoerd: 3 onderdelen van het register.');
    expect(await pipeline.store.getMunicipality('GM1773')).toMatchObject({
      activeUntil: '2098-12-31',
      contacts: ['coordinator@olst-wijhe.gemeente.example'],
    });
    expect(await pipeline.store.getMunicipality('GM1999')).toMatchObject({
      activeFrom: '2099-01-01',
      revision: 1,
    });
    // The demo rounds (running now) keep Olst-Wijhe and Raalte and do not get the new municipality.
    const status = await cli('status', '--round', pipeline.round.id);
    expect(status.some((line) => line.startsWith('GM1773'))).toBe(true);
    expect(status.some((line) => line.startsWith('GM1999'))).toBe(false);

    // The same list again: already done, nothing written, no new audit lines.
    const auditBefore = (await pipeline.store.listAudit()).length;
    expect(await cli('import-registry', '--file', merger, '--effective', '1-1-2099', '--apply')).toEqual([
      'Het register klopt al met deze lijst; er verandert niets.',
    ]);
    const audit = await pipeline.store.listAudit();
    expect(audit).toHaveLength(auditBefore);
    expect(
      audit.filter((line) => line.action === 'registry-imported').map((line) => line.details?.item),
    ).toEqual(expect.arrayContaining(['gemeente:GM1999', 'gemeente:GM1773', 'gemeente:GM0177']));
    expect(audit.find((line) => line.details?.item === 'gemeente:GM1773')).toMatchObject({
      actor: expect.stringMatching(/^admin:/),
      before: {},
      after: { activeUntil: '2098-12-31' },
    });
  });

  it('adds a province with its regions and municipalities', async () => {
    const gelderland = file('gelderland.csv', [
      'Gemeentecode;Gemeentenaam;Provincienaam;Regio',
      '0202;Arnhem;Gelderland;Midden-Gelderland',
      '0268;Nijmegen;Gelderland;Gelderland-Zuid',
    ]);
    const lines = await cli('import-registry', '--file', gelderland, '--effective', '2026-01-01', '--apply');
    expect(lines).toContain('- Nieuwe provincie: Gelderland.');
    expect(lines.join('\n')).toMatch(/staff-groups --aws/);
    const registry = await pipeline.store.getRegistry();
    expect(registry.provinces.map((province) => province.id)).toContain('gelderland');
    expect(registry.municipalities.find((m) => m.code === 'GM0268')).toMatchObject({
      name: 'Nijmegen',
      region: 'gelderland-zuid',
    });
    // Overijssel was not in the file: nothing of it ended.
    expect(registry.municipalities.find((m) => m.code === 'GM0193')?.activeUntil).toBeUndefined();
    const groups = await cli('staff-groups');
    expect(groups.some((line) => line.startsWith('provincie:gelderland'))).toBe(true);
    expect(groups.some((line) => line.startsWith('regietafel:midden-gelderland'))).toBe(true);
  });

  it('refuses a list with mistakes, naming every line, and changes nothing', async () => {
    const broken = file('fout.csv', [
      'code;naam;provincie;regio',
      'GM12;Nergens;Overijssel;Twente',
      'GM0150;Deventer;Overijssel;',
    ]);
    const before = await pipeline.store.getRegistry();
    await expect(
      cli('import-registry', '--file', broken, '--effective', 'morgen', '--apply'),
    ).rejects.toThrow(UsageError);
    await expect(
      cli('import-registry', '--file', broken, '--effective', 'morgen', '--apply'),
    ).rejects.toThrow(
      [
        'Niets ingelezen:',
        '- Ingangsdatum: ‘morgen’ is geen bestaande datum. Schrijf bijvoorbeeld 1-1-2027.',
        '- Regel 2 (Nergens): de gemeentecode ‘GM12’ is ongeldig; schrijf GM en vier cijfers, zoals GM0193.',
        '- Regel 3 (Deventer): de regio (de regietafel waar de gemeente bij hoort) ontbreekt.',
      ].join('\n'),
    );
    await expect(
      cli('import-registry', '--file', path.join(dir, 'bestaat-niet.csv'), '--effective', '1-1-2027'),
    ).rejects.toThrow('is niet te lezen');
    expect(await pipeline.store.getRegistry()).toEqual(before);
  });
});
