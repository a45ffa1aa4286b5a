import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import { publishedTargets } from '../../functions/core/targets/publish-targets.js';
import {
  postJson,
  startTestPipeline,
  type TestPipeline,
  validVoortgangOpgaven,
} from '../support/pipeline.js';
import { type StaffBrowser, staffBrowser, text } from '../support/staff.js';

/**
 * Places on a date as staff use it: the page with the window as parameters (its chart, the table per
 * region and province, per municipality and per location), the errors of a window that is none, the
 * export in both dialects, and who sees what — compared with a hand calculation from the stored locations
 * and the published (demo) shares.
 */

let pipeline: TestPipeline;
let round: Round;
let province: StaffBrowser;
let ijsselland: StaffBrowser;
/** The published shares (regular + AMV) per municipality code. */
const share = new Map<string, number>();
const page = (query = '') => `/staf/rondes/${round.id}/plaatsen${query}`;

const location = (
  name: string,
  capacity: number,
  phase: string,
  availableFrom: string,
  availableUntil?: string,
) => ({
  name,
  type: 'azc',
  capacity,
  phase,
  availableFrom,
  ...(availableUntil ? { availableUntil } : {}),
});

beforeAll(async () => {
  pipeline = await startTestPipeline();
  round = { ...pipeline.rounds['voortgang-opgaven']!, id: 'voortgang-plaatsen', title: 'Voortgang plaatsen' };
  await pipeline.store.createRound(round);
  const url = (code: string) => `${pipeline.baseUrl}/formulieren/voortgang-opgaven/${round.id}/${code}`;
  const submit = async (code: string, locations: unknown[]) =>
    expect(
      (await postJson(url(code), { answers: validVoortgangOpgaven({ asylumLocations: locations }) })).status,
    ).toBe(201);
  // Zwolle: 350 operational from before the window, 200 intended during it, 100 decided only after it.
  await submit('GM0193', [
    location('Hanzelaan', 350, 'operationeel', '2025-01-01'),
    location('Stadshagen', 200, 'voornemen', '2025-10-01'),
    location('Zuid', 100, 'besluit', '2026-03-01'),
  ]);
  // Deventer: 400 in the zoning procedure during the window; 150 emergency places that close before its end.
  await submit('GM0150', [
    location('Zuidbroek', 400, 'ruimtelijke-procedure', '2025-12-01'),
    location('Sporthal', 150, 'operationeel', '2025-01-01', '2025-12-31'),
  ]);
  // Enschede (Twente): 300 being built, available on the window's last day exactly.
  await submit('GM0153', [location('Usselo', 300, 'realisatie', '2026-02-01')]);
  const targets = await publishedTargets(pipeline.store, ['overijssel']);
  for (const asylum of targets.asylum) {
    for (const entry of asylum.shares) share.set(entry.municipality, entry.regular + entry.amv);
  }
  province = await staffBrowser(pipeline, 'provincie:overijssel');
  ijsselland = await staffBrowser(pipeline, 'regietafel:ijsselland');
});

afterAll(async () => {
  await pipeline?.stop();
});

const sumOf = (codes: readonly string[]) => codes.reduce((total, code) => total + share.get(code)!, 0);
const pct = (part: number, whole: number) =>
  `${(Math.round((part / whole) * 1000) / 10).toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
const nl = (value: number) => value.toLocaleString('nl-NL');

describe('the places page', () => {
  it('counts the Spreidingswet window by default: guaranteed and with intentions per region and province', async () => {
    const answer = await province.get(page());
    expect(answer.status).toBe(200);
    const words = text(answer.text);
    expect(words).toContain('Periode 1 juli 2025 – 1 februari 2026');
    // IJsselland by hand: guaranteed Hanzelaan 350 + Zuidbroek 400 = 750; with Stadshagen's 200: 950; there
    // at the start: 350. Twente: Usselo 300 guaranteed. The province: 1.050 and 1.250 of 6.325.
    const ijssellandTask = sumOf([
      'GM0148',
      'GM0150',
      'GM0160',
      'GM0166',
      'GM1773',
      'GM0175',
      'GM0177',
      'GM0180',
      'GM1708',
      'GM1896',
      'GM0193',
    ]);
    expect(words).toContain(
      `Regio IJsselland 2 van 11 gemeenten ${nl(ijssellandTask)} 750 ${pct(750, ijssellandTask)} 950 ${pct(950, ijssellandTask)} 350`,
    );
    expect(words).toContain(
      `Provincie Overijssel 3 van 25 gemeenten 6.325 1.050 ${pct(1050, 6325)} 1.250 ${pct(1250, 6325)} 350`,
    );
    // Per municipality against its own share; per location why it does or does not count.
    expect(words).toContain(
      `Zwolle GM0193 IJsselland ${nl(share.get('GM0193')!)} 350 ${pct(350, share.get('GM0193')!)} 550 ${pct(550, share.get('GM0193')!)} 2 van 3`,
    );
    expect(words).toContain(
      'Zwolle Zuid 100 Besluit (college of raad) 1 maart 2026 voor onbepaalde tijd nee pas na de periode beschikbaar',
    );
    expect(words).toContain(
      'Deventer Sporthal 150 Operationeel 1 januari 2025 31 december 2025 nee stopt voor het einde van de periode',
    );
    expect(words).toContain(
      'Enschede Usselo 300 Realisatie 1 februari 2026 voor onbepaalde tijd ja, gegarandeerd komt tijdens de periode',
    );
    expect(words).toMatch(/Nog niet ingezonden, dus niet meegeteld \(22\): Dalfsen, .*Wierden\./);
    // The chart: an image with its title, a description and a visible legend.
    expect(answer.text).toContain('<svg class="rt-chart"');
    expect(answer.text).toContain('role="img" aria-labelledby="plaatsen-titel plaatsen-uitleg"');
    expect(answer.text).toMatch(/<text[^>]*>gegarandeerd<\/text>/);
  });

  it('moves with the window typed in, Dutch or ISO', async () => {
    // Until 31 December 2025: Usselo (1 February) drops out, the Sporthal (until 31 December) now counts.
    const words = text((await province.get(page('?van=1-7-2025&tot=2025-12-31'))).text);
    expect(words).toContain('Periode 1 juli 2025 – 31 december 2025');
    expect(words).toContain(
      `Provincie Overijssel 3 van 25 gemeenten 6.325 900 ${pct(900, 6325)} 1.100 ${pct(1100, 6325)} 500`,
    );
    expect(words).toContain('Terug naar de periode van de Spreidingswet (1 juli 2025 – 1 februari 2026)');
  });

  it('answers a window that is none with its errors, linked to the fields, and keeps what was typed', async () => {
    const answer = await province.get(page('?van=31-2-2025&tot=1-7-2024'));
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('href="#f-van"');
    expect(text(answer.text)).toContain(
      '‘Van’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.',
    );
    expect(answer.text).toContain('value="31-2-2025"');
    expect(answer.text).not.toContain('<svg class="rt-chart"');
    const reversed = await province.get(page('?van=1-2-2026&tot=1-7-2025'));
    expect(text(reversed.text)).toContain(
      'De laatste dag van de periode moet op of na de eerste dag liggen.',
    );
  });

  it('gives a regietafel its own region only, without a provincial row', async () => {
    const words = text((await ijsselland.get(page())).text);
    expect(words).toContain('Gebied regio IJsselland');
    expect(words).toContain('Regio IJsselland 2 van 11 gemeenten');
    expect(words).not.toContain('Provincie Overijssel 3 van 25');
    expect(words).not.toContain('Usselo');
  });

  it('is linked from the round page of a voortgang round', async () => {
    const answer = await province.get(`/staf/rondes/${round.id}`);
    expect(answer.text).toContain(`href="/staf/rondes/${round.id}/plaatsen"`);
  });

  it('says so for a round of another form', async () => {
    const answer = await province.get(`/staf/rondes/${pipeline.rounds['eigen-bijdrage']!.id}/plaatsen`);
    expect(answer.status).toBe(404);
    expect(text(answer.text)).toContain('gaat niet over de voortgang van de opgaven');
  });
});

describe('the places export', () => {
  it('downloads areas and municipalities for Excel: semicolons, decimal commas, the window in the name', async () => {
    const response = await fetch(
      `${pipeline.baseUrl}${page('/export?van=2025-07-01&tot=2026-02-01&tabel=gebieden')}`,
      {
        headers: { authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(
      'plaatsen_voortgang-plaatsen_provincie-overijssel_2025-07-01_2026-02-01_gebieden_excel-nl.csv',
    );
    const csv = await response.text();
    const rows = parse(csv.replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(25 + 2 + 1);
    expect(rows.at(-1)).toMatchObject({
      Niveau: 'provincie',
      Ingezonden: '3',
      Gegarandeerd: '1050',
      'Inclusief voornemens': '1250',
      'Gegarandeerd (% van de taak)': pct(1050, 6325).replace(' %', ''),
    });
    expect(rows.find((row) => row.Code === 'GM0175')).toMatchObject({ Ingezonden: '0', Gegarandeerd: '' });
    const audit = await pipeline.store.listAudit(round.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'download',
      actor: 'staf@test.example',
      details: { kind: 'plaatsen', table: 'gebieden', dialect: 'excel-nl', window: '2025-07-01/2026-02-01' },
    });
  });

  it('downloads every location for other programs: commas, no BOM', async () => {
    const response = await fetch(`${pipeline.baseUrl}${page('/export?tabel=locaties&dialect=rfc4180')}`, {
      headers: { authorization: `Bearer ${await pipeline.staffToken('regietafel:ijsselland')}` },
    });
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    // By region, then name; each municipality's locations in the order it gave them.
    expect(rows.map((row) => [row.Gemeente, row.Locatie, row['Telt mee']])).toEqual([
      ['Deventer', 'Zuidbroek', 'ja'],
      ['Deventer', 'Sporthal', 'nee'],
      ['Zwolle', 'Hanzelaan', 'ja'],
      ['Zwolle', 'Stadshagen', 'ja'],
      ['Zwolle', 'Zuid', 'nee'],
    ]);
  });

  it('refuses unknown parameters and bad dates in Dutch, naming them', async () => {
    const headers = {
      authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}`,
      accept: 'application/json',
    };
    const unknown = await fetch(`${pipeline.baseUrl}${page('/export?tabel=alles&x=1')}`, { headers });
    expect(unknown.status).toBe(400);
    const message = ((await unknown.json()) as { message: string }).message;
    expect(message).toContain('Onbekende parameter: x. Toegestaan: van, tot, tabel, dialect.');
    expect(message).toContain('tabel: kies gebieden (per gebied en gemeente) of locaties');
    const bad = await fetch(`${pipeline.baseUrl}${page('/export?van=morgen&tot=1-2-2026')}`, { headers });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe(
      'van: Vul bij ‘Van’ een datum in als 1-7-2024 of 1 juli 2024.',
    );
  });
});
