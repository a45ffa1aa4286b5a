import { describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import { planImport, readEffectiveDate } from '../../functions/core/registry/import-plan.js';
import { roundMunicipalities, takesPart } from '../../functions/core/registry/membership.js';
import { municipalityCode, parseMunicipalityList } from '../../functions/core/registry/municipality-list.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';

/** Overijssel as the CBS list has it (with the regions as a column), semicolon-separated. */
function overijsselList(
  edit: (lines: string[]) => string[] = (lines) => lines,
  header = 'code;naam;provincie;regio',
): string {
  const regionName = (id: string) => overijssel.regions.find((region) => region.id === id)!.name;
  const lines = overijssel.municipalities.map(
    (m) => `${m.code};${m.name};Overijssel;${regionName(m.region)}`,
  );
  return [header, ...edit(lines)].join('\r\n');
}

const round = (overrides: Partial<Round> = {}): Round => ({
  id: 'r1',
  formId: 'voortgang-opgaven',
  title: 'Voortgang december',
  referenceDate: '2026-12-01',
  opensAt: '2026-12-01T08:00:00.000Z',
  deadline: '2026-12-18T16:00:00.000Z',
  regions: ['ijsselland', 'twente'],
  acceptsLate: false,
  ...overrides,
});

const plan = (text: string, extra: Partial<Parameters<typeof planImport>[0]> = {}) => {
  const parsed = parseMunicipalityList(text);
  expect(parsed.errors).toEqual([]);
  return planImport({
    registry: overijssel,
    rows: parsed.rows,
    effectiveDate: '2027-01-01',
    rounds: [],
    now: new Date('2026-12-10T12:00:00Z'),
    allowedProvinces: new Set(['overijssel']),
    ...extra,
  });
};

describe('reading a CBS-style municipality list', () => {
  it('reads code;naam;provincie;regio with a BOM and CRLF, and today’s list changes nothing', () => {
    const parsed = parseMunicipalityList(`\uFEFF${overijsselList()}`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(25);
    expect(parsed.rows[0]).toEqual({
      line: 2,
      code: 'GM0148',
      name: 'Dalfsen',
      province: 'Overijssel',
      region: 'IJsselland',
    });
    const result = plan(overijsselList());
    expect(result.changes).toEqual([]);
    expect(result.writes).toEqual([]);
  });

  it('recognises CBS’s own column names, commas, and the numeric codes', () => {
    const text = [
      'Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam,Regio',
      '0193,GM0193,Zwolle,23,PV23,Overijssel,IJsselland',
    ].join('\n');
    expect(parseMunicipalityList(text).rows).toEqual([
      { line: 2, code: 'GM0193', name: 'Zwolle', province: 'Overijssel', region: 'IJsselland' },
    ]);
    expect(municipalityCode('193')).toBe('GM0193');
    expect(municipalityCode('gm1773')).toBe('GM1773');
    expect(municipalityCode('GM19A3')).toBeUndefined();
  });

  it('reads a file without a header in the order code;naam;provincie;regio;e-mailadressen', () => {
    const parsed = parseMunicipalityList(
      'GM0193;Zwolle;Overijssel;IJsselland;a@zwolle.example, b@zwolle.example',
    );
    expect(parsed.rows[0]?.contacts).toEqual(['a@zwolle.example', 'b@zwolle.example']);
  });

  it('names every wrong line in Dutch, and keeps the good ones', () => {
    const text = [
      'code;naam;provincie;regio;e-mail',
      'GM19;Zwolle;Overijssel;IJsselland;',
      'GM0150;;Overijssel;IJsselland;',
      'GM0160;Hardenberg;Overijssel;;',
      'GM0166;Kampen;Overijssel;IJsselland;jan@',
      'GM0166;Kampen;Overijssel;IJsselland;',
      'GM0175;Ommen;Overijssel;IJsselland;',
    ].join('\n');
    const parsed = parseMunicipalityList(text);
    expect(parsed.errors).toEqual([
      'Regel 2 (Zwolle): de gemeentecode ‘GM19’ is ongeldig; schrijf GM en vier cijfers, zoals GM0193.',
      'Regel 3: de gemeentenaam ontbreekt.',
      'Regel 4 (Hardenberg): de regio (de regietafel waar de gemeente bij hoort) ontbreekt.',
      'Regel 5 (Kampen): ‘jan@’ is geen geldig e-mailadres.',
    ]);
    expect(parsed.rows.map((row) => row.code)).toEqual(['GM0166', 'GM0175']);
    const duplicate = parseMunicipalityList('code;naam;provincie;regio\nGM0175;Ommen;O;I\nGM0175;Ommen;O;I');
    expect(duplicate.errors).toEqual(['Regel 3 (Ommen): GM0175 staat ook al op regel 2.']);
  });

  it('explains a missing column, an empty file and broken quoting', () => {
    expect(parseMunicipalityList('code;naam;provincie\nGM0193;Zwolle;Overijssel').errors).toEqual([
      'Regel 1: de kolom ‘regio’ ontbreekt. Verwacht: code;naam;provincie;regio (en eventueel e-mailadressen).',
    ]);
    expect(parseMunicipalityList('  ').errors).toEqual(['Het bestand is leeg.']);
    expect(parseMunicipalityList('wat;is;dit\n1;2;3').errors[0]).toMatch(/kolomnamen zijn niet herkend/);
    expect(
      parseMunicipalityList('code;naam;provincie;regio\nGM0193;"Zwolle;Overijssel;IJ').errors[0],
    ).toMatch(/geen geldige CSV/);
  });
});

describe('a municipal merger', () => {
  // Olst-Wijhe and Raalte merge into a new municipality from 1 January 2027.
  const merger = overijsselList((lines) => [
    ...lines.filter((line) => !line.startsWith('GM1773') && !line.startsWith('GM0177')),
    'GM1999;Sallandse Heuvelrug;Overijssel;IJsselland',
  ]);

  it('adds the new municipality from the effective date and ends the merged ones the day before', () => {
    const result = plan(merger);
    expect(result.errors).toEqual([]);
    expect(result.changes).toEqual([
      {
        type: 'municipality-added',
        municipality: {
          code: 'GM1999',
          name: 'Sallandse Heuvelrug',
          region: 'ijsselland',
          contacts: [],
          activeFrom: '2027-01-01',
        },
        line: 25,
      },
      { type: 'municipality-ended', code: 'GM1773', name: 'Olst-Wijhe', lastDay: '2026-12-31' },
      { type: 'municipality-ended', code: 'GM0177', name: 'Raalte', lastDay: '2026-12-31' },
    ]);
    // Nothing is deleted: the merged municipalities keep their item, addresses and all.
    expect(result.after.municipalities.find((m) => m.code === 'GM1773')).toMatchObject({
      name: 'Olst-Wijhe',
      contacts: ['coordinator@olst-wijhe.gemeente.example'],
      activeUntil: '2026-12-31',
    });
    expect(result.writes.map((write) => [write.item.value, write.expectedRevision])).toHaveLength(3);
    expect(result.warnings[0]).toMatch(/Sallandse Heuvelrug \(GM1999\) heeft nog geen e-mailadres/);
  });

  it('keeps the merged municipalities in the rounds that ran while they existed, and adds the new one where it exists', () => {
    const result = plan(merger);
    const december = round();
    const spanning = round({ id: 'r2', deadline: '2027-01-15T16:00:00.000Z' });
    const february = round({
      id: 'r3',
      opensAt: '2027-02-01T08:00:00.000Z',
      deadline: '2027-02-20T16:00:00.000Z',
    });
    const codes = (r: Round) => roundMunicipalities(result.after, r).map((m) => m.code);
    expect(codes(december)).toContain('GM1773');
    expect(codes(december)).not.toContain('GM1999');
    // A round that spans the merger date lists both: nobody's answers disappear from it.
    expect(codes(spanning)).toEqual(expect.arrayContaining(['GM1773', 'GM0177', 'GM1999']));
    expect(codes(february)).toContain('GM1999');
    expect(codes(february)).not.toContain('GM1773');
    expect(codes(february)).toHaveLength(24);
    expect(takesPart(result.after.municipalities.find((m) => m.code === 'GM1773')!, february)).toBe(false);
  });

  it('refuses a merger that would take a municipality out of a round that has opened', () => {
    const running = round({ opensAt: '2026-12-01T08:00:00.000Z' });
    const result = plan(merger, { effectiveDate: '2026-11-01', rounds: [running] });
    expect(result.errors).toEqual([
      'Olst-Wijhe (GM1773): de gemeente zou verdwijnen uit de ronde ‘Voortgang december’, die op 1 december 2026 is geopend; haar gegevens in die ronde zouden dan niet meer te zien zijn. Kies een ingangsdatum na 1 december 2026.',
      'Raalte (GM0177): de gemeente zou verdwijnen uit de ronde ‘Voortgang december’, die op 1 december 2026 is geopend; haar gegevens in die ronde zouden dan niet meer te zien zijn. Kies een ingangsdatum na 1 december 2026.',
    ]);
    // The same merger dated after the round opened is fine, and the round keeps both.
    const later = plan(merger, { effectiveDate: '2027-01-01', rounds: [running] });
    expect(later.errors).toEqual([]);
  });

  it('refuses moving a municipality that took part in an opened round to another region', () => {
    const moved = overijsselList((lines) =>
      lines.map((line) => (line.startsWith('GM0148') ? 'GM0148;Dalfsen;Overijssel;Twente' : line)),
    );
    const result = plan(moved, { rounds: [round({ regions: ['ijsselland'] })] });
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Regel 2 \(Dalfsen\): de gemeente zou verdwijnen uit de ronde ‘Voortgang december’/,
      ),
    ]);
    // Without rounds it is a plain move.
    expect(plan(moved).changes).toEqual([
      {
        type: 'municipality-moved',
        code: 'GM0148',
        name: 'Dalfsen',
        before: 'ijsselland',
        after: 'twente',
        line: 2,
      },
    ]);
  });

  it('applies renames and new addresses, and applying the result again changes nothing', () => {
    const renamed = overijsselList(
      (lines) =>
        lines.map((line) =>
          line.startsWith('GM0193')
            ? 'GM0193;Zwolle (Ov.);Overijssel;IJsselland;nieuw@zwolle.example'
            : `${line};`,
        ),
      'code;naam;provincie;regio;e-mailadressen',
    );
    const result = plan(renamed);
    expect(result.changes.map((change) => change.type)).toEqual(['municipality-renamed', 'contacts-changed']);
    expect(result.writes).toHaveLength(1);
    expect(planImport({ ...resultInput(renamed), registry: result.after }).writes).toEqual([]);
  });
});

function resultInput(text: string) {
  return {
    registry: overijssel,
    rows: parseMunicipalityList(text).rows,
    effectiveDate: '2027-01-01',
    rounds: [],
    now: new Date('2026-12-10T12:00:00Z'),
    allowedProvinces: new Set(['overijssel']) as ReadonlySet<string>,
  };
}

describe('a new province', () => {
  const gelderland = [
    'code;naam;provincie;regio;e-mail',
    'GM0202;Arnhem;Gelderland;Midden-Gelderland;coordinator@arnhem.example',
    'GM0268;Nijmegen;Gelderland;Gelderland-Zuid;',
  ].join('\n');

  it('is added by the administrator with its regions and municipalities, which simply exist', () => {
    const result = plan(gelderland, { allowedProvinces: 'all' });
    expect(result.errors).toEqual([]);
    expect(result.changes.map((change) => change.type)).toEqual([
      'province-added',
      'region-added',
      'municipality-added',
      'region-added',
      'municipality-added',
    ]);
    expect(result.after.regions.find((region) => region.id === 'midden-gelderland')).toEqual({
      id: 'midden-gelderland',
      name: 'Midden-Gelderland',
      province: 'gelderland',
      boardName: 'Regionale Regietafel Vluchtelingen Midden-Gelderland',
      addresses: [],
    });
    expect(result.after.municipalities.find((m) => m.code === 'GM0202')).toEqual({
      code: 'GM0202',
      name: 'Arnhem',
      region: 'midden-gelderland',
      contacts: ['coordinator@arnhem.example'],
    });
    // Overijssel is not in the file, so nothing of it ends.
    expect(result.changes.some((change) => change.type === 'municipality-ended')).toBe(false);
    expect(result.warnings.join(' ')).toMatch(
      /Provincie Gelderland is nieuw: maak in Cognito de aanmeldgroepen aan/,
    );
  });

  it('is refused for provincial staff, naming the line and why', () => {
    const result = plan(gelderland);
    expect(result.errors[0]).toBe(
      'Regel 2 (Arnhem): provincie Gelderland staat nog niet in het register. Een nieuwe provincie voegt de beheerder toe (npm run admin -- import-registry), omdat er ook aanmeldgroepen voor de staf bij horen.',
    );
  });

  it('refuses lines of a province outside the person’s scope', () => {
    const other = plan(overijsselList(), { allowedProvinces: new Set(['gelderland']) });
    expect(other.errors[0]).toBe(
      'Regel 2 (Dalfsen): provincie Overijssel valt buiten uw bereik; u kunt alleen gemeenten van provincie gelderland wijzigen.',
    );
    expect(other.errors).toHaveLength(25);
  });
});

describe('the effective date', () => {
  it('is read the Dutch way', () => {
    expect(readEffectiveDate('1-1-2027')).toBe('2027-01-01');
    expect(readEffectiveDate('01-01-2027')).toBe('2027-01-01');
    expect(readEffectiveDate('2027-01-01')).toBe('2027-01-01');
    expect(readEffectiveDate('1 januari 2027')).toBe('2027-01-01');
    expect(readEffectiveDate('31-2-2027')).toBeUndefined();
    expect(readEffectiveDate('morgen')).toBeUndefined();
  });

  it('reads every format a form date field reads', () => {
    for (const typed of ['1/1/2027', '1.1.2027', '2027-1-1', '1 JANUARI 2027', '1 jan 2027', '1 jan. 2027'])
      expect(readEffectiveDate(typed)).toBe('2027-01-01');
  });

  it('lies in 1900–2200, wider than a form field’s 2000–2100', () => {
    expect(readEffectiveDate('1-1-1900')).toBe('1900-01-01');
    expect(readEffectiveDate('31-12-2200')).toBe('2200-12-31');
    expect(readEffectiveDate('31-12-1899')).toBeUndefined();
    expect(readEffectiveDate('1-1-2201')).toBeUndefined();
  });
});
