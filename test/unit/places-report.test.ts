import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { placesAvailable } from '../../functions/core/aggregation/places-available.js';
import { placesCsv, placesFilename } from '../../functions/core/places-csv.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { dutchInput, readWindow } from '../../functions/http/places-pages.js';
import {
  asylumTargets,
  published,
  roundFor,
  submittedVersion as version,
} from '../support/aggregation-fixtures.js';
import { validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * The places page's window as typed, and its export: the figures of `placesAvailable` in both CSV dialects,
 * checked against a hand calculation.
 */

const spreidingswet = { from: '2025-07-01', until: '2026-02-01' };

describe('the window as typed', () => {
  it('falls back to the cycle’s window when neither day is given', () => {
    expect(readWindow({}, spreidingswet)).toEqual({
      input: { van: '1-7-2025', tot: '1-2-2026' },
      window: spreidingswet,
      errors: [],
    });
    expect(readWindow({}, null)).toEqual({ input: { van: '', tot: '' }, errors: [] });
  });

  it('reads Dutch and ISO dates', () => {
    expect(readWindow({ van: '1-7-2025', tot: '2025-12-31' }, spreidingswet).window).toEqual({
      from: '2025-07-01',
      until: '2025-12-31',
    });
    expect(dutchInput('2026-02-01')).toBe('1-2-2026');
  });

  it('names the field of every mistake, and keeps what was typed', () => {
    expect(readWindow({ van: '31-2-2025', tot: '' }, spreidingswet)).toEqual({
      input: { van: '31-2-2025', tot: '' },
      errors: [
        {
          path: 'van',
          message:
            '‘Van’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.',
        },
        { path: 'tot', message: 'Vul bij ‘Tot en met’ een datum in, bijvoorbeeld 1-7-2024 of 1 juli 2024.' },
      ],
    });
    expect(readWindow({ van: '1-2-2026', tot: '1-7-2025' }, null).errors).toEqual([
      { path: 'tot', message: 'De laatste dag van de periode moet op of na de eerste dag liggen.' },
    ]);
    expect(readWindow({ van: '1-1-1990', tot: '1-1-2026' }, null).errors[0]?.message).toBe(
      '‘Van’ moet tussen 2000 en 2100 liggen.',
    );
    expect(readWindow({ van: `${'9'.repeat(500)}`, tot: '1-1-2026' }, null).input.van).toHaveLength(40);
  });
});

const round = roundFor('voortgang-opgaven');
const targets = published(asylumTargets({ GM0193: [717, 61], GM0153: [584, 54] }));
const answers = (locations: Record<string, unknown>[]) =>
  validVoortgangOpgaven({ asylumLocations: locations.map((location) => ({ type: 'azc', ...location })) });
const current = [
  version(
    round,
    'GM0193',
    answers([
      { name: 'Hanzelaan', capacity: 700, phase: 'operationeel', availableFrom: '2024-01-01' },
      { name: '=Stadshagen', capacity: 400, phase: 'voornemen', availableFrom: '2025-10-01' },
    ]),
  ),
  version(
    round,
    'GM0153',
    answers([{ name: 'Boekelo', capacity: 300, phase: 'besluit', availableFrom: '2026-03-01' }]),
  ),
];
const places = placesAvailable({
  round,
  registry: overijssel,
  scope: { type: 'province', id: 'overijssel' },
  current,
  window: spreidingswet,
  now: new Date('2026-11-27T09:00:00.000Z'),
  targets,
});

describe('the places export', () => {
  it('gives every reporting municipality its share and its figures as part of it', () => {
    // Zwolle: 700 guaranteed of its share 778 (89,97 % → 90,0); 1.100 with the intention (141,4 %).
    expect(places.municipalities.find((m) => m.code === 'GM0193')).toMatchObject({
      task: 778,
      guaranteed: 700,
      withIntentions: 1100,
      guaranteedPercent: 90,
      withIntentionsPercent: 141.4,
    });
    // Enschede's Boekelo comes after the window: 0 of 638.
    expect(places.municipalities.find((m) => m.code === 'GM0153')).toMatchObject({
      task: 638,
      guaranteed: 0,
      withIntentionsPercent: 0,
    });
    expect(places.notReported).toHaveLength(23);
  });

  it('writes areas and municipalities in the Excel dialect (semicolons, decimal commas, BOM)', () => {
    const csv = placesCsv(places, 'gebieden', 'excel-nl');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.slice(1), { delimiter: ';', columns: true }) as Record<string, string>[];
    // Every municipality of the province (25), by region and name, then the two regions and the province.
    expect(rows).toHaveLength(28);
    expect(rows.slice(25).map((row) => [row.Niveau, row.Naam])).toEqual([
      ['regio', 'IJsselland'],
      ['regio', 'Twente'],
      ['provincie', 'Overijssel'],
    ]);
    const zwolle = rows.find((row) => row.Naam === 'Zwolle');
    expect(rows[0]).toMatchObject({
      Naam: 'Dalfsen',
      Ingezonden: '0',
      'Taak (plaatsen)': '217',
      Gegarandeerd: '',
    });
    expect(zwolle).toMatchObject({
      Ingezonden: '1',
      Code: 'GM0193',
      Regio: 'IJsselland',
      'Taak (plaatsen)': '778',
      Gegarandeerd: '700',
      'Gegarandeerd (% van de taak)': '90',
      'Inclusief voornemens (% van de taak)': '141,4',
      'Periode van': '2025-07-01',
      'Periode tot en met': '2026-02-01',
    });
    // The province: 700 and 1.100 of 6.325 → 11,1 % and 17,4 %; 2 of 25 reported.
    expect(rows[27]).toMatchObject({
      Gemeenten: '25',
      Ingezonden: '2',
      'Taak (plaatsen)': '6325',
      Gegarandeerd: '700',
      'Gegarandeerd (% van de taak)': '11,1',
      'Inclusief voornemens': '1100',
      'Inclusief voornemens (% van de taak)': '17,4',
      'Waarvan al beschikbaar bij het begin': '700',
    });
  });

  it('writes every location with why it counts, in the international dialect, formula-safe', () => {
    const csv = placesCsv(places, 'locaties', 'rfc4180');
    expect(csv.startsWith('\uFEFF')).toBe(false);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(
      rows.map((row) => [row.Locatie, row['Telt mee'], row.Gegarandeerd, row['Stand in de periode']]),
    ).toEqual([
      ['Hanzelaan', 'ja', 'ja', 'al beschikbaar bij het begin'],
      ["'=Stadshagen", 'ja', 'nee', 'komt tijdens de periode'],
      ['Boekelo', 'nee', 'ja', 'pas na de periode beschikbaar'],
    ]);
    expect(rows[2]).toMatchObject({ Gemeentecode: 'GM0153', Nr: '1', Fase: 'Besluit (college of raad)' });
  });

  it('names the round, the area, the window, the table and the dialect in the file name', () => {
    expect(placesFilename(places, 'locaties', 'rfc4180')).toBe(
      'plaatsen_voortgang-opgaven-2026-11_provincie-overijssel_2025-07-01_2026-02-01_locaties_rfc4180.csv',
    );
  });
});
