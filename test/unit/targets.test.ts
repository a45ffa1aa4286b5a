import { describe, expect, it } from 'vitest';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { checkTargets, compareWithTask, periodLabel } from '../../functions/core/targets/check-targets.js';
import { municipalityTargets } from '../../functions/core/targets/model.js';
import { parseTargetsFile } from '../../functions/core/targets/targets-csv.js';
import { apportion, demoHousingTargets } from '../../functions/local/demo-targets.js';
import { asylumTargets, housingTargets, published } from '../support/aggregation-fixtures.js';

/** Every municipality of Overijssel with the same share, as a provincial spreadsheet saved as Excel-NL CSV. */
function sharesFile(
  row: (code: string, name: string) => string,
  header = 'Gemeentecode;Gemeente;Regulier;AMV',
) {
  return `\uFEFF${[header, ...overijssel.municipalities.map((m) => row(m.code, m.name))].join('\r\n')}\r\n`;
}

const spreiding = (content: string, extra: Partial<Parameters<typeof checkTargets>[0]> = {}) =>
  checkTargets(
    {
      kind: 'spreiding',
      province: 'overijssel',
      cycle: '2024-2026',
      effectiveFrom: '2024-02-01',
      taskPlaces: 6325,
      taskAmvPlaces: 538,
      source: 'Staatscourant 31 januari 2024',
      content,
      ...extra,
    },
    overijssel,
    undefined,
  );

describe('reading a targets file', () => {
  it('reads Excel-NL (semicolons, BOM, CRLF), Dutch thousands separators and loose headers', () => {
    const parsed = parseTargetsFile(
      'spreiding',
      '\uFEFFGemeente code;Naam;Reguliere plaatsen;Aandeel AMV;Status\r\nGM0193;Zwolle;1.056;61;te bevestigen\r\n',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, code: 'GM0193', name: 'Zwolle', status: 'te-bevestigen', regular: 1056, amv: 61 },
    ]);
  });

  it('reads comma- and tab-separated files, and Totaal instead of Regulier', () => {
    const comma = parseTargetsFile('spreiding', 'gemeentecode,totaal,amv\ngm0153,638,54\n');
    expect(comma.rows).toEqual([{ line: 2, code: 'GM0153', status: 'vastgesteld', regular: 584, amv: 54 }]);
    const tab = parseTargetsFile('huisvesting', 'Gemeentecode\tTaakstelling\nGM0153\t57\n');
    expect(tab.rows).toEqual([{ line: 2, code: 'GM0153', status: 'vastgesteld', task: 57 }]);
  });

  it('names every problem with its line: codes, figures, statuses, AMV above the total', () => {
    const parsed = parseTargetsFile(
      'spreiding',
      [
        'Gemeentecode;Totaal;AMV;Status',
        'Zwolle;717;61;',
        'GM0153;6,5;54;',
        'GM0150;-3;1;',
        'GM0166;100;200;',
        'GM0177;100;8;misschien',
      ].join('\n'),
    );
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([
      { line: 2, message: '‘Zwolle’ is geen gemeentecode; die ziet eruit als GM0193.' },
      { line: 3, message: 'GM0153: totaal ‘6,5’ is geen heel getal van 0 of meer.' },
      { line: 4, message: 'GM0150: totaal ‘-3’ is geen heel getal van 0 of meer.' },
      { line: 5, message: 'GM0166: AMV (200) is meer dan het totaal (100).' },
      {
        line: 6,
        message:
          'GM0177: status ‘misschien’ is onbekend; gebruik vastgesteld, te bevestigen of demo (of laat leeg).',
      },
    ]);
  });

  it('refuses a file without the columns it needs, an empty file and one that is not CSV', () => {
    expect(parseTargetsFile('spreiding', 'Gemeentecode;Naam\nGM0193;Zwolle').errors).toEqual([
      {
        line: 1,
        message:
          'De kopregel mist de kolommen ‘Regulier (of Totaal)’ en ‘AMV’. Verwacht: Gemeentecode;Gemeente;Regulier;AMV (of Totaal in plaats van Regulier).',
      },
    ]);
    expect(parseTargetsFile('huisvesting', '  \n').errors).toEqual([{ message: 'Het bestand is leeg.' }]);
    expect(parseTargetsFile('huisvesting', 'Gemeentecode;Taakstelling\n').errors).toEqual([
      { message: 'Het bestand heeft een kopregel maar geen gemeenten.' },
    ]);
    expect(
      parseTargetsFile('huisvesting', 'Gemeentecode;Taakstelling\n"GM0193;4\n').errors[0]?.message,
    ).toMatch(/geen leesbare CSV/);
    expect(
      parseTargetsFile('huisvesting', `Gemeentecode;Taakstelling\n${'x'.repeat(300_000)}`).errors,
    ).toEqual([{ message: 'Het bestand is te groot: de grens is 256 kB.' }]);
  });
});

describe('checking a shares import against the registry and the provincial task', () => {
  it('accepts shares that add up to the task exactly, and says so', () => {
    // 25 municipalities × (232 + 21) = 6,325 places; AMV 25 × 21 = 525 ≠ 538: the difference is named.
    const check = spreiding(sharesFile((code, name) => `${code};${name};232;21`));
    expect(check.ok).toBe(true);
    expect(check.errors).toEqual([]);
    expect(check.summary).toMatchObject({
      municipalities: 25,
      provinceMunicipalities: 25,
      places: 6325,
      amv: 525,
    });
    expect(check.warnings).toEqual([
      {
        message:
          'De aandelen tellen op tot 6.325 plaatsen (waarvan 525 AMV); de provinciale taak is 6.325 (waarvan 538 AMV). Verschil: in totaal evenveel plaatsen als de taak, 13 AMV-plaatsen minder.',
      },
    ]);
    expect(check.candidate).toMatchObject({
      kind: 'spreiding',
      cycle: '2024-2026',
      task: { places: 6325, amvPlaces: 538, status: 'vastgesteld' },
    });
    expect(check.candidate?.kind === 'spreiding' && check.candidate.shares).toHaveLength(25);
  });

  it('names the difference with the task in places and AMV places', () => {
    expect(compareWithTask({ regular: 5787, amv: 538 }, { places: 6325, amvPlaces: 538 })).toBe(
      'De aandelen tellen op tot 6.325 plaatsen (waarvan 538 AMV): precies de provinciale taak.',
    );
    expect(compareWithTask({ regular: 5800, amv: 500 }, { places: 6325, amvPlaces: 538 })).toBe(
      'De aandelen tellen op tot 6.300 plaatsen (waarvan 500 AMV); de provinciale taak is 6.325 (waarvan 538 AMV). Verschil: 25 plaatsen minder dan de taak, 38 AMV-plaatsen minder.',
    );
    expect(compareWithTask({ regular: 5788, amv: 539 }, { places: 6325, amvPlaces: 538 })).toBe(
      'De aandelen tellen op tot 6.327 plaatsen (waarvan 539 AMV); de provinciale taak is 6.325 (waarvan 538 AMV). Verschil: 2 plaatsen meer dan de taak, 1 AMV-plaats meer.',
    );
  });

  it('refuses unknown codes, municipalities of another province and codes twice; warns about names and gaps', () => {
    const check = spreiding(
      [
        'Gemeentecode;Gemeente;Regulier;AMV;Opmerking',
        'GM0193;Zwolle;656;61;',
        'GM0193;Zwolle;656;61;',
        'GM0363;Amsterdam;2000;170;',
        'GM9999;Nergens;1;0;',
        'GM0153;Enschedé;584;54;',
      ].join('\n'),
    );
    expect(check.ok).toBe(false);
    expect(check.candidate).toBeUndefined();
    expect(check.errors).toEqual([
      { line: 3, message: 'GM0193 (Zwolle) staat er twee keer in: ook op regel 2.' },
      { line: 4, message: 'GM0363: deze gemeentecode staat niet in het register.' },
      { line: 5, message: 'GM9999: deze gemeentecode staat niet in het register.' },
    ]);
    // Accents do not matter for the name; 23 municipalities without a share; an unknown column.
    expect(check.warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(
        /^Geen aandeel voor 23 gemeenten van de provincie: Dalfsen, Deventer, .* Wierden. Zij krijgen er dan geen.$/,
      ),
      'Niet gelezen (onbekende kolommen): ‘Opmerking’.',
      expect.stringMatching(/^De aandelen tellen op tot 1.355 plaatsen/),
    ]);
    const elsewhere = checkTargets(
      {
        kind: 'huisvesting',
        province: 'overijssel',
        period: '2026-H1',
        source: 'x',
        content: 'Gemeentecode;Gemeente;Taakstelling\nGM0150;Zwolle;4',
      },
      {
        ...overijssel,
        provinces: [...overijssel.provinces, { id: 'gelderland', name: 'Gelderland', addresses: [] }],
        regions: [
          ...overijssel.regions,
          { id: 'veluwe', name: 'Veluwe', province: 'gelderland', boardName: 'x', addresses: [] },
        ],
        municipalities: [
          ...overijssel.municipalities,
          { code: 'GM0200', name: 'Apeldoorn', region: 'veluwe', contacts: [] },
        ],
      },
      undefined,
    );
    expect(elsewhere.warnings[0]).toEqual({
      line: 2,
      message: 'GM0150 heet in het register Deventer, in het bestand ‘Zwolle’. Klopt de code?',
    });
    expect(
      checkTargets(
        {
          kind: 'huisvesting',
          province: 'overijssel',
          period: '2026-H1',
          source: 'x',
          content: 'Gemeentecode;Taakstelling\nGM0200;4',
        },
        {
          provinces: [...overijssel.provinces, { id: 'gelderland', name: 'Gelderland', addresses: [] }],
          regions: [
            ...overijssel.regions,
            { id: 'veluwe', name: 'Veluwe', province: 'gelderland', boardName: 'x', addresses: [] },
          ],
          municipalities: [
            ...overijssel.municipalities,
            { code: 'GM0200', name: 'Apeldoorn', region: 'veluwe', contacts: [] },
          ],
        },
        undefined,
      ).errors,
    ).toEqual([{ line: 2, message: 'GM0200 (Apeldoorn) hoort niet bij provincie Overijssel.' }]);
  });

  it('refuses a missing cycle, start date, task, half year or source with a sentence naming the field', () => {
    const check = spreiding(
      sharesFile((code) => `${code};;232;21`),
      {
        cycle: '2026',
        effectiveFrom: '2024-02-30',
        taskPlaces: 500,
        taskAmvPlaces: 600,
        source: ' ',
      },
    );
    expect(check.errors.map((error) => error.message)).toEqual([
      'Cyclus: vul de cyclus in als twee jaartallen, bijvoorbeeld 2024-2026.',
      'Ingangsdatum: vul een bestaande datum in, bijvoorbeeld 1-2-2024.',
      'Waarvan AMV: dat kan niet meer zijn dan de hele provinciale taak.',
      'Bron: vermeld waar de cijfers vandaan komen, bijvoorbeeld de Staatscourant.',
    ]);
    const housing = checkTargets(
      { kind: 'huisvesting', province: 'overijssel', period: '2026-H3', source: 'x', content: 'a' },
      overijssel,
      undefined,
    );
    expect(housing.errors[0]?.message).toBe(
      'Halfjaar: kies het halfjaar van de taakstelling, bijvoorbeeld 1e helft 2026.',
    );
  });

  it('lists what changes against the current revision, the provincial task included', () => {
    const current = asylumTargets({}, { rest: [232, 21] });
    const check = checkTargets(
      {
        kind: 'spreiding',
        province: 'overijssel',
        cycle: '2024-2026',
        effectiveFrom: '2024-02-01',
        taskPlaces: 6325,
        taskAmvPlaces: 525,
        source: 'correctie',
        content: sharesFile((code, name) =>
          code === 'GM0193' ? `${code};${name};300;25` : `${code};${name};232;21`,
        ),
      },
      overijssel,
      current,
    );
    expect(check.changes).toEqual([
      {
        code: '',
        name: 'Provinciale taak',
        before: '6.325 (waarvan 538 AMV)',
        after: '6.325 (waarvan 525 AMV)',
      },
      { code: 'GM0193', name: 'Zwolle', before: '253 (waarvan 21 AMV)', after: '325 (waarvan 25 AMV)' },
    ]);
    expect(check.current).toBe(current);
  });

  it('checks statushouders tasks per half year', () => {
    const check = checkTargets(
      {
        kind: 'huisvesting',
        province: 'overijssel',
        period: '2026-H1',
        source: 'Provincie Overijssel, brief taakstelling',
        filename: 'taakstelling.csv',
        content: sharesFile(
          (code, name) => `${code};${name};40;demo`,
          'Gemeentecode;Gemeente;Taakstelling;Status',
        ),
      },
      overijssel,
      undefined,
    );
    expect(check.ok).toBe(true);
    expect(check.summary).toEqual({
      municipalities: 25,
      provinceMunicipalities: 25,
      task: 1000,
      demo: 25,
      toConfirm: 0,
    });
    expect(check.candidate).toMatchObject({
      kind: 'huisvesting',
      period: '2026-H1',
      filename: 'taakstelling.csv',
    });
    expect(periodLabel('2026-H1')).toBe('1e helft 2026');
  });
});

describe('a municipality’s published targets', () => {
  it('are the share of the cycle in force and the tasks per half year, for its form', () => {
    const targets = published(
      asylumTargets({ GM0193: [656, 61] }),
      housingTargets('2026-H1', { GM0193: 80 }),
      housingTargets('2026-H2', { GM0193: 90 }),
    );
    expect(municipalityTargets(targets, 'overijssel', 'GM0193', '2026-11-01')).toEqual({
      asylum: {
        cycle: '2024-2026',
        revision: 1,
        regular: 656,
        amv: 61,
        status: 'vastgesteld',
        source: 'test',
      },
      housing: {
        '2026-H1': { task: 80, status: 'vastgesteld' },
        '2026-H2': { task: 90, status: 'vastgesteld' },
      },
    });
    expect(municipalityTargets(targets, 'overijssel', 'GM0193', '2023-01-01').asylum).toBeUndefined();
  });
});

describe('demo targets', () => {
  it('splits a whole number over weights exactly (largest remainder)', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(4970, [74, 24, 29]).reduce((a, b) => a + b, 0)).toBe(4970);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });

  it('gives every municipality a demo statushouders task, 1,300 in all', () => {
    const targets = demoHousingTargets('overijssel', '2026-H2', overijssel, new Date('2026-12-01T00:00:00Z'));
    expect(targets.tasks).toHaveLength(25);
    expect(targets.tasks.reduce((total, task) => total + task.task, 0)).toBe(1300);
    expect(targets.tasks.every((task) => task.status === 'demo')).toBe(true);
  });
});
