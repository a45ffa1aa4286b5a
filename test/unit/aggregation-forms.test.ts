import { describe, expect, it } from 'vitest';
import { type ProvincialTask, provincialTaskOn } from '../../forms/data/provincial-tasks.js';
import { aggregateRound } from '../../functions/core/aggregation/aggregate-round.js';
import type {
  AggregationScope,
  EigenBijdrageAggregate,
  FormAggregate,
  SociaalDomeinAggregate,
  VoortgangAggregate,
} from '../../functions/core/aggregation/types.js';
import type { Round } from '../../functions/core/model.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { roundFor, submittedVersion as version } from '../support/aggregation-fixtures.js';
import { validEigenBijdrage, validSociaalDomein, validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * The figures per form. Every expected number is written out literally and worked out by hand in the
 * comment next to it (percentages: one decimal, half up).
 */

const now = new Date('2026-11-20T12:00:00.000Z');
const region: AggregationScope = { type: 'region', id: 'ijsselland' };
const province: AggregationScope = { type: 'province', id: 'overijssel' };

function run(
  formId: string,
  submissions: [string, Record<string, unknown>][],
  scope: AggregationScope = region,
  options: {
    round?: Partial<Round>;
    provincialTasks?: readonly ProvincialTask[];
    revenueTolerance?: number;
  } = {},
): FormAggregate | null {
  const round = roundFor(formId, options.round);
  return aggregateRound({
    round,
    registry: overijssel,
    scope,
    current: submissions.map(([code, answers]) => version(round, code, answers)),
    now,
    options: { provincialTasks: options.provincialTasks, revenueTolerance: options.revenueTolerance },
  }).form;
}

const voortgang = (...args: Parameters<typeof run>) => run(...args) as VoortgangAggregate;
const eigenBijdrage = (...args: Parameters<typeof run>) => run(...args) as EigenBijdrageAggregate;
const sociaalDomein = (...args: Parameters<typeof run>) => run(...args) as SociaalDomeinAggregate;

const emptyPhases = [
  { phase: 'voornemen', label: 'Voornemen', locations: 0, capacity: 0 },
  { phase: 'besluit', label: 'Besluit (college of raad)', locations: 0, capacity: 0 },
  { phase: 'ruimtelijke-procedure', label: 'Ruimtelijke procedure', locations: 0, capacity: 0 },
  { phase: 'realisatie', label: 'Realisatie', locations: 0, capacity: 0 },
  { phase: 'operationeel', label: 'Operationeel', locations: 0, capacity: 0 },
];
const zeroPlaces = { share: 0, committed: 0, realised: 0, committedPercent: null, realisedPercent: null };

describe('an empty round, per form', () => {
  it('voortgang opgaven: every total 0, every phase listed, the provincial task still shown for a province', () => {
    const result = voortgang('voortgang-opgaven', [], province);
    expect(result.kind).toBe('voortgang-opgaven');
    expect(result.municipalities).toEqual([]);
    expect(result.totals).toEqual({
      regular: zeroPlaces,
      amv: zeroPlaces,
      total: zeroPlaces,
      locations: 0,
      capacity: 0,
      ukraine: { capacity: 0, occupied: 0 },
    });
    expect(result.locationsByPhase).toEqual(emptyPhases);
    expect(result.housing).toEqual([]);
    // 0 of 6,325 = 0 %.
    expect(result.provincialTask?.total).toEqual({
      task: 6325,
      committed: 0,
      realised: 0,
      committedPercent: 0,
      realisedPercent: 0,
    });
  });

  it('eigen bijdrage: nobody collecting, totals 0, no percentage', () => {
    const result = eigenBijdrage('eigen-bijdrage', []);
    expect(result.municipalities).toEqual([]);
    expect(result.bySchedule).toEqual([]);
    expect(result.totals).toEqual({
      collecting: 0,
      notCollecting: 0,
      adults: { full: 0, partial: 0, custom: 0, charged: 0 },
      locations: 0,
      capacity: 0,
      residents: 0,
      monthlyRevenue: 0,
      expectedRevenue: 0,
      revenuePercentOfExpected: null,
      revenueReported: 0,
      withDeviations: 0,
    });
  });

  it('sociaal domein: every domain and addressee listed, empty; every figure 0 of 0 reported', () => {
    const result = sociaalDomein('sociaal-domein', []);
    expect(
      result.bottlenecksByDomain.map((group) => [group.domain, group.items.length, group.highestSeverity]),
    ).toEqual([
      ['zorg', 0, null],
      ['onderwijs', 0, null],
      ['werk', 0, null],
      ['inburgering', 0, null],
    ]);
    expect(result.supportByAddressee.map((group) => [group.addressee, group.requests.length])).toEqual([
      ['rijk', 0],
      ['provincie', 0],
      ['ketenpartners', 0],
      ['maatschappelijke-organisaties', 0],
    ]);
    // 13 figures in the form, each 0 reported.
    expect(result.figures).toHaveLength(13);
    expect(result.figures.every((figure) => figure.total === 0 && figure.reported === 0)).toBe(true);
  });
});

describe('voortgang opgaven', () => {
  it('one municipality: shares, committed and realised places, locations by phase, statushouders', () => {
    const result = voortgang('voortgang-opgaven', [['GM0193', validVoortgangOpgaven()]]);
    // regular 600/717 = 0.83682 → 83.7 %; 350/717 = 0.48815 → 48.8 %
    // AMV     40/61 = 0.65574 → 65.6 %;   24/61 = 0.39344 → 39.3 %
    // total   717+61 = 778, 600+40 = 640, 350+24 = 374; 640/778 = 0.82262 → 82.3 %; 374/778 = 0.48072 → 48.1 %
    const regular = {
      share: 717,
      committed: 600,
      realised: 350,
      committedPercent: 83.7,
      realisedPercent: 48.8,
    };
    const amv = { share: 61, committed: 40, realised: 24, committedPercent: 65.6, realisedPercent: 39.3 };
    const total = {
      share: 778,
      committed: 640,
      realised: 374,
      committedPercent: 82.3,
      realisedPercent: 48.1,
    };
    // Two locations: operationeel 350 places, realisatie 24 places.
    const phases = emptyPhases.map((phase) =>
      phase.phase === 'operationeel'
        ? { ...phase, locations: 1, capacity: 350 }
        : phase.phase === 'realisatie'
          ? { ...phase, locations: 1, capacity: 24 }
          : phase,
    );
    expect(result.municipalities).toEqual([
      {
        code: 'GM0193',
        name: 'Zwolle',
        region: 'ijsselland',
        version: 1,
        regular,
        amv,
        total,
        locationsByPhase: phases,
        ukraine: { capacity: 420, occupied: 388 },
        // balance = backlog + task − housed = 12 + 96 − 80 = 28
        housing: [
          {
            period: '2026-H2',
            periodLabel: '2e helft 2026',
            task: 96,
            backlog: 12,
            housed: 80,
            balance: 28,
            ibtColour: 'oranje',
          },
        ],
      },
    ]);
    expect(result.totals).toEqual({
      regular,
      amv,
      total,
      locations: 2,
      capacity: 374, // 350 + 24
      ukraine: { capacity: 420, occupied: 388 },
    });
    expect(result.locationsByPhase).toEqual(phases);
    expect(result.housing).toEqual([
      {
        period: '2026-H2',
        label: '2e helft 2026',
        municipalities: 1,
        task: 96,
        backlog: 12,
        housed: 80,
        balance: 28,
        ibt: [
          { colour: 'groen', label: 'Groen (op schema)', count: 0 },
          { colour: 'oranje', label: 'Oranje', count: 1 },
          { colour: 'rood', label: 'Rood', count: 0 },
        ],
        withoutColour: 0,
      },
    ]);
    // A region is not compared with the provincial task.
    expect(result.provincialTask).toBeNull();
  });

  it('all 25 municipalities of the province, against the provincial task of 6,325 places (538 AMV)', () => {
    const phaseOrder = ['voornemen', 'besluit', 'ruimtelijke-procedure', 'realisatie', 'operationeel'];
    const submissions = overijssel.municipalities.map((m, index): [string, Record<string, unknown>] => [
      m.code,
      validVoortgangOpgaven({
        regularShare: 232,
        regularCommitted: 200,
        regularRealised: 120,
        amvShare: 21,
        amvCommitted: 20,
        amvRealised: 12,
        asylumLocations: [
          {
            name: `Locatie ${index}`,
            type: 'azc',
            capacity: 120,
            availableFrom: '2026-01-01',
            phase: phaseOrder[index % 5],
          },
        ],
        ukraineCapacity: 40,
        ukraineOccupied: 30,
        housing: [
          // Colours: the 11 IJsselland municipalities groen, the next 10 oranje, 3 rood, the last one none.
          {
            period: '2026-H2',
            task: 10,
            backlog: 2,
            housed: 8,
            ibtColour: index < 11 ? 'groen' : index < 21 ? 'oranje' : index < 24 ? 'rood' : undefined,
          },
          // Zwolle (index 10) also reports the first half year: a lead of 2.
          ...(m.code === 'GM0193'
            ? [{ period: '2026-H1', task: 12, backlog: 0, housed: 14, ibtColour: 'groen' }]
            : []),
        ],
      }),
    ]);
    const result = voortgang('voortgang-opgaven', submissions, province);
    expect(result.municipalities).toHaveLength(25);
    // regular: 25 × 232 = 5,800 share, 25 × 200 = 5,000 committed, 25 × 120 = 3,000 realised;
    //   5000/5800 = 0.86207 → 86.2 %, 3000/5800 = 0.51724 → 51.7 %
    // AMV: 25 × 21 = 525, 25 × 20 = 500, 25 × 12 = 300; 500/525 = 0.95238 → 95.2 %, 300/525 = 0.57143 → 57.1 %
    // total: 6,325 share (= the provincial task), 5,500 committed, 3,300 realised;
    //   5500/6325 = 0.86957 → 87.0 %, 3300/6325 = 0.52174 → 52.2 %
    expect(result.totals.regular).toEqual({
      share: 5800,
      committed: 5000,
      realised: 3000,
      committedPercent: 86.2,
      realisedPercent: 51.7,
    });
    expect(result.totals.amv).toEqual({
      share: 525,
      committed: 500,
      realised: 300,
      committedPercent: 95.2,
      realisedPercent: 57.1,
    });
    expect(result.totals.total).toEqual({
      share: 6325,
      committed: 5500,
      realised: 3300,
      committedPercent: 87,
      realisedPercent: 52.2,
    });
    // Provincial task: 6,325 places; AMV 538; regular 6325 − 538 = 5,787.
    //   regular 5000/5787 = 0.86401 → 86.4 %, 3000/5787 = 0.51840 → 51.8 %
    //   AMV     500/538 = 0.92937 → 92.9 %,   300/538 = 0.55762 → 55.8 %
    expect(result.provincialTask).toEqual({
      province: 'overijssel',
      cycle: '2024-2026',
      effectiveFrom: '2024-02-01',
      source: expect.any(String),
      toConfirm: ['amvPlaces'],
      total: { task: 6325, committed: 5500, realised: 3300, committedPercent: 87, realisedPercent: 52.2 },
      regular: { task: 5787, committed: 5000, realised: 3000, committedPercent: 86.4, realisedPercent: 51.8 },
      amv: { task: 538, committed: 500, realised: 300, committedPercent: 92.9, realisedPercent: 55.8 },
    });
    // 25 locations, one per municipality, phases in turn: 5 per phase, 5 × 120 = 600 places each.
    expect(result.locationsByPhase).toEqual(
      emptyPhases.map((phase) => ({ ...phase, locations: 5, capacity: 600 })),
    );
    expect(result.totals.locations).toBe(25);
    expect(result.totals.capacity).toBe(3000);
    // Ukraine: 25 × 40 = 1,000 places, 25 × 30 = 750 occupied.
    expect(result.totals.ukraine).toEqual({ capacity: 1000, occupied: 750 });
    // Half years in the form's order: 2026-H1 before 2026-H2.
    //   H1: Zwolle only, 0 + 12 − 14 = −2.
    //   H2: 25 × 10 = 250 task, 25 × 2 = 50 backlog, 25 × 8 = 200 housed, 25 × (2 + 10 − 8) = 100 balance.
    expect(result.housing).toEqual([
      {
        period: '2026-H1',
        label: '1e helft 2026',
        municipalities: 1,
        task: 12,
        backlog: 0,
        housed: 14,
        balance: -2,
        ibt: [
          { colour: 'groen', label: 'Groen (op schema)', count: 1 },
          { colour: 'oranje', label: 'Oranje', count: 0 },
          { colour: 'rood', label: 'Rood', count: 0 },
        ],
        withoutColour: 0,
      },
      {
        period: '2026-H2',
        label: '2e helft 2026',
        municipalities: 25,
        task: 250,
        backlog: 50,
        housed: 200,
        balance: 100,
        ibt: [
          { colour: 'groen', label: 'Groen (op schema)', count: 11 },
          { colour: 'oranje', label: 'Oranje', count: 10 },
          { colour: 'rood', label: 'Rood', count: 3 },
        ],
        withoutColour: 1,
      },
    ]);
    const zwolle = result.municipalities.find((m) => m.code === 'GM0193');
    expect(zwolle?.housing.map((row) => row.balance)).toEqual([4, -2]);
  });

  it('reproduces the CdK’s report: 5,699 places (90 %) planned, 3,864 (61 %) guaranteed', () => {
    const result = voortgang(
      'voortgang-opgaven',
      [
        [
          'GM0193',
          validVoortgangOpgaven({
            regularShare: 656,
            regularCommitted: 3000,
            regularRealised: 2000,
            amvShare: 61,
            amvCommitted: 250,
            amvRealised: 150,
            asylumLocations: [],
            housing: [],
          }),
        ],
        [
          'GM0153',
          validVoortgangOpgaven({
            regularShare: 584,
            regularCommitted: 2200,
            regularRealised: 1564,
            amvShare: 54,
            amvCommitted: 249,
            amvRealised: 150,
            asylumLocations: [],
            housing: [],
          }),
        ],
      ],
      province,
    );
    // committed: 3000 + 250 + 2200 + 249 = 5,699; 5699/6325 = 0.90103 → 90.1 %
    // realised:  2000 + 150 + 1564 + 150 = 3,864; 3864/6325 = 0.61091 → 61.1 %
    // regular:   5,200 and 3,564 of 5,787: 0.89857 → 89.9 %, 0.61586 → 61.6 %
    // AMV:       499 and 300 of 538: 0.92751 → 92.8 %, 0.55762 → 55.8 %
    expect(result.provincialTask?.total).toEqual({
      task: 6325,
      committed: 5699,
      realised: 3864,
      committedPercent: 90.1,
      realisedPercent: 61.1,
    });
    expect(result.provincialTask?.regular).toEqual({
      task: 5787,
      committed: 5200,
      realised: 3564,
      committedPercent: 89.9,
      realisedPercent: 61.6,
    });
    expect(result.provincialTask?.amv).toEqual({
      task: 538,
      committed: 499,
      realised: 300,
      committedPercent: 92.8,
      realisedPercent: 55.8,
    });
  });

  it('chooses the provincial task by the round’s reference date', () => {
    const tasks: ProvincialTask[] = [
      {
        province: 'overijssel',
        cycle: '2024-2026',
        effectiveFrom: '2024-02-01',
        places: 6325,
        amvPlaces: 538,
        source: 'a',
      },
      {
        province: 'overijssel',
        cycle: '2026-2028',
        effectiveFrom: '2026-07-01',
        places: 7000,
        amvPlaces: 600,
        source: 'b',
      },
      {
        province: 'gelderland',
        cycle: '2024-2026',
        effectiveFrom: '2024-02-01',
        places: 9000,
        amvPlaces: 765,
        source: 'c',
      },
    ];
    expect(provincialTaskOn('overijssel', '2024-01-31', tasks)).toBeUndefined();
    expect(provincialTaskOn('overijssel', '2024-02-01', tasks)?.places).toBe(6325);
    expect(provincialTaskOn('overijssel', '2026-06-30', tasks)?.places).toBe(6325);
    expect(provincialTaskOn('overijssel', '2026-07-01', tasks)?.places).toBe(7000);
    // The data shipped: Overijssel 6,325 of which 538 AMV, the AMV figure still to confirm.
    expect(provincialTaskOn('overijssel', '2024-09-01')).toMatchObject({
      cycle: '2024-2026',
      places: 6325,
      amvPlaces: 538,
      toConfirm: ['amvPlaces'],
    });

    const submissions: [string, Record<string, unknown>][] = [['GM0193', validVoortgangOpgaven()]];
    // 640 committed of 7,000 = 0.09143 → 9.1 %.
    const later = voortgang('voortgang-opgaven', submissions, province, { provincialTasks: tasks });
    expect(later.provincialTask).toMatchObject({
      cycle: '2026-2028',
      total: { task: 7000, committedPercent: 9.1 },
    });
    const before = voortgang('voortgang-opgaven', submissions, province, {
      round: { referenceDate: '2024-01-15' },
    });
    expect(before.provincialTask).toBeNull();
  });
});

describe('eigen bijdrage', () => {
  const ommen: Record<string, unknown> = {
    collects: false,
    locations: [],
    contactName: 'Els',
    contactEmail: 'els@ommen.example',
  };

  it('one municipality: who collects since when, adults charged, revenue against expected', () => {
    const result = eigenBijdrage('eigen-bijdrage', [['GM0193', validEigenBijdrage()]]);
    expect(result.scheduleInForce).toEqual({
      effectiveFrom: '2025-10-01',
      operatingCosts: 244.22,
      catering: 252.18,
      householdMaximum: 992.8,
    });
    // One location has catering, so per adult 244.22 + 252.18 = 496.40.
    // expected = 41 × 496.40 + 12 × 50 % × 496.40 = 20,352.40 + 2,978.40 = 23,330.80
    // revenue 18,450.50 / 23,330.80 = 0.79082 → 79.1 %; 20.9 % below, within 25 %: no flag.
    expect(result.municipalities).toEqual([
      {
        code: 'GM0193',
        name: 'Zwolle',
        region: 'ijsselland',
        version: 1,
        collects: true,
        collectingSince: '2024-07-01',
        scheduleApplied: '2025-10-01',
        amountOperatingCosts: 244.22,
        amountCatering: 252.18,
        incomeVerification: 'beide',
        executedBy: 'gemeente',
        executorName: null,
        locations: 2,
        capacity: 160, // 120 + 40
        residents: 133, // 98 + 35
        hasCatering: true,
        adults: { full: 41, partial: 12, custom: 2, charged: 55 },
        monthlyRevenue: 18450.5,
        expectedRevenue: 23330.8,
        revenuePercentOfExpected: 79.1,
        deviations: [],
      },
    ]);
    expect(result.totals).toEqual({
      collecting: 1,
      notCollecting: 0,
      adults: { full: 41, partial: 12, custom: 2, charged: 55 },
      locations: 2,
      capacity: 160,
      residents: 133,
      monthlyRevenue: 18450.5,
      expectedRevenue: 23330.8,
      revenuePercentOfExpected: 79.1,
      revenueReported: 1,
      withDeviations: 0,
    });
    expect(result.bySchedule).toEqual([{ scheduleApplied: '2025-10-01', municipalities: 1 }]);
  });

  it('flags amounts and a schedule that differ from the national schedule, and revenue far from expected', () => {
    const result = eigenBijdrage('eigen-bijdrage', [
      [
        'GM0150',
        validEigenBijdrage({
          scheduleApplied: '2024-07-01',
          amountOperatingCosts: 105,
          amountCatering: 242.48,
          monthlyRevenue: 9000,
        }),
      ],
    ]);
    // Expected as above, 23,330.80 (from the national amounts, not the municipality's);
    // 9,000 / 23,330.80 = 0.38576 → 38.6 %.
    expect(result.municipalities[0]?.deviations).toEqual([
      {
        kind: 'operating-costs',
        field: 'amountOperatingCosts',
        reported: 105,
        expected: 244.22,
        message:
          'Het bedrag voor exploitatie en nutsvoorzieningen (€ 105,00) wijkt af van het landelijke bedrag op de peildatum (€ 244,22).',
      },
      {
        kind: 'catering',
        field: 'amountCatering',
        reported: 242.48,
        expected: 252.18,
        message:
          'Het bedrag voor catering (€ 242,48) wijkt af van het landelijke bedrag op de peildatum (€ 252,18).',
      },
      {
        kind: 'schedule',
        field: 'scheduleApplied',
        reported: '2024-07-01',
        expected: '2025-10-01',
        message: 'Past de bedragen vanaf 1 juli 2024 toe; op de peildatum gelden die vanaf 1 oktober 2025.',
      },
      {
        kind: 'revenue',
        field: 'monthlyRevenue',
        reported: 9000,
        expected: 23330.8,
        message: 'De opbrengst (€ 9.000,00 per maand) is 38,6 % van de verwachte opbrengst (€ 23.330,80).',
      },
    ]);
    expect(result.totals.withDeviations).toBe(1);
  });

  it('flags revenue only beyond the tolerance, both ways', () => {
    const kinds = (monthlyRevenue: number, revenueTolerance?: number) =>
      eigenBijdrage('eigen-bijdrage', [['GM0193', validEigenBijdrage({ monthlyRevenue })]], region, {
        revenueTolerance,
      }).municipalities[0]?.deviations.map((deviation) => deviation.kind);
    // 25 % of 23,330.80 = 5,832.70: from 17,498.10 to 29,163.50 is within.
    expect(kinds(29163.5)).toEqual([]);
    expect(kinds(29163.51)).toEqual(['revenue']);
    expect(kinds(17498.1)).toEqual([]);
    expect(kinds(17498.09)).toEqual(['revenue']);
    // With a 10 % tolerance 18,450.50 (20.9 % below) is flagged.
    expect(kinds(18450.5, 0.1)).toEqual(['revenue']);
  });

  it('counts catering only where a location has it, and leaves maatwerk out of the expectation', () => {
    const result = eigenBijdrage('eigen-bijdrage', [
      [
        'GM0177',
        validEigenBijdrage({
          amountCatering: undefined,
          locations: [{ name: 'Het Hof', capacity: 50, catering: false, residents: 40 }],
          adultsFull: 10,
          adultsPartial: 4,
          adultsCustom: 1,
          monthlyRevenue: 2930.64,
        }),
      ],
      // Hardenberg collects but has nobody paying yet, and still reports revenue.
      [
        'GM0160',
        validEigenBijdrage({ adultsFull: 0, adultsPartial: 0, adultsCustom: 3, monthlyRevenue: 50 }),
      ],
    ]);
    // Raalte, no catering: 10 × 244.22 + 4 × 50 % × 244.22 = 2,442.20 + 488.44 = 2,930.64 → exactly 100 %.
    const raalte = result.municipalities.find((m) => m.code === 'GM0177');
    expect(raalte).toMatchObject({
      hasCatering: false,
      amountCatering: null,
      expectedRevenue: 2930.64,
      revenuePercentOfExpected: 100,
      deviations: [],
    });
    // Hardenberg: 0 full, 0 partial → 0 expected; any revenue is flagged; no percentage of 0.
    const hardenberg = result.municipalities.find((m) => m.code === 'GM0160');
    expect(hardenberg).toMatchObject({ expectedRevenue: 0, revenuePercentOfExpected: null });
    expect(hardenberg?.deviations).toEqual([
      {
        kind: 'revenue',
        field: 'monthlyRevenue',
        reported: 50,
        expected: 0,
        message:
          'Er is een opbrengst gemeld (€ 50,00 per maand), maar geen volwassenen die een volledige of gedeeltelijke bijdrage betalen.',
      },
    ]);
  });

  it('all 11 municipalities of IJsselland: collecting, not collecting, schedules, revenue totals', () => {
    const codes = [
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
    ];
    const submissions = codes.map((code): [string, Record<string, unknown>] => {
      if (code === 'GM0175') return [code, ommen]; // Ommen does not collect
      return [
        code,
        validEigenBijdrage({
          scheduleApplied: code === 'GM0193' ? '2025-01-01' : '2025-10-01', // Zwolle: an older schedule
          amountCatering: undefined,
          locations: [{ name: 'Locatie', capacity: 50, catering: false, residents: 40 }],
          adultsFull: 10,
          adultsPartial: 4,
          adultsCustom: 1,
          monthlyRevenue: code === 'GM0166' ? undefined : 2900, // Kampen reports no revenue
        }),
      ];
    });
    const result = eigenBijdrage('eigen-bijdrage', submissions);
    expect(result.municipalities).toHaveLength(11);
    expect(result.municipalities.find((m) => m.code === 'GM0175')).toMatchObject({
      collects: false,
      expectedRevenue: null,
      revenuePercentOfExpected: null,
      adults: { full: 0, partial: 0, custom: 0, charged: 0 },
      deviations: [],
    });
    // 10 collecting × (10 full, 4 partial, 1 maatwerk) = 100, 40, 10; charged 150.
    // Each expects 2,930.64 (no catering; see above); revenue 2,900 is 30.64 below, within 25 %.
    // Revenue of the 9 that reported it: 9 × 2,900 = 26,100; expected of those 9: 9 × 2,930.64 = 26,375.76;
    // 26100 / 26375.76 = 0.98955 → 99.0 %.
    expect(result.totals).toEqual({
      collecting: 10,
      notCollecting: 1,
      adults: { full: 100, partial: 40, custom: 10, charged: 150 },
      locations: 10,
      capacity: 500,
      residents: 400,
      monthlyRevenue: 26100,
      expectedRevenue: 26375.76,
      revenuePercentOfExpected: 99,
      revenueReported: 9,
      withDeviations: 1, // Zwolle's schedule
    });
    expect(result.bySchedule).toEqual([
      { scheduleApplied: '2025-01-01', municipalities: 1 },
      { scheduleApplied: '2025-10-01', municipalities: 9 },
    ]);
    expect(result.municipalities.find((m) => m.code === 'GM0193')?.deviations.map((d) => d.kind)).toEqual([
      'schedule',
    ]);
  });
});

describe('sociaal domein', () => {
  const contact = { contactName: 'Ambtenaar', contactEmail: 'ambtenaar@gemeente.example' };
  const submissions: [string, Record<string, unknown>][] = [
    ['GM0193', validSociaalDomein()], // Zwolle: onderwijs ernstig, zorg aanzienlijk; asks the Rijk
    [
      'GM0150', // Deventer
      {
        bottlenecks: [
          { domain: 'onderwijs', description: 'Leerlingenvervoer is duur', severity: 'beperkt' },
          { domain: 'werk', description: 'Weinig banen in loondienst', severity: 'aanzienlijk' },
        ],
        supportRequests: [
          {
            domain: 'onderwijs',
            addressee: 'provincie',
            request: 'Regionale afspraken over leerlingenvervoer',
          },
          { domain: 'zorg', addressee: 'ketenpartners', request: 'Meer GGD-capaciteit' },
          { domain: 'werk', addressee: 'rijk', request: 'Ruimere regels voor werk' },
        ],
        pupilsPrimary: 20,
        adultsInWork: 30,
        ...contact,
      },
    ],
    [
      'GM0166', // Kampen
      {
        bottlenecks: [{ domain: 'onderwijs', description: 'ISK vol', severity: 'ernstig' }],
        supportRequests: [],
        ...contact,
      },
    ],
    [
      'GM0153', // Enschede, Twente: only in the province's summary
      {
        bottlenecks: [
          { domain: 'inburgering', description: 'Te weinig taalaanbieders', severity: 'ernstig' },
        ],
        supportRequests: [
          {
            domain: 'inburgering',
            addressee: 'maatschappelijke-organisaties',
            request: 'Vrijwilligers voor taalmaatjes',
          },
        ],
        intakesStarted: 10,
        ...contact,
      },
    ],
  ];
  const zwolle = { code: 'GM0193', name: 'Zwolle', region: 'ijsselland' };
  const deventer = { code: 'GM0150', name: 'Deventer', region: 'ijsselland' };
  const kampen = { code: 'GM0166', name: 'Kampen', region: 'ijsselland' };
  const enschede = { code: 'GM0153', name: 'Enschede', region: 'twente' };
  const severities = (ernstig: number, aanzienlijk: number, beperkt: number) => [
    { severity: 'ernstig', label: 'Ernstig', count: ernstig },
    { severity: 'aanzienlijk', label: 'Aanzienlijk', count: aanzienlijk },
    { severity: 'beperkt', label: 'Beperkt', count: beperkt },
  ];

  it('groups the bottlenecks by domain, most severe first, with who reports them', () => {
    const result = sociaalDomein('sociaal-domein', submissions);
    expect(result.bottlenecksByDomain).toEqual([
      {
        domain: 'zorg',
        label: 'Zorg',
        severities: severities(0, 1, 0),
        highestSeverity: 'aanzienlijk',
        municipalities: [zwolle],
        items: [
          {
            ...zwolle,
            description: 'Geen huisarts voor nieuwkomers',
            severity: 'aanzienlijk',
            severityLabel: 'Aanzienlijk',
          },
        ],
      },
      {
        domain: 'onderwijs',
        label: 'Onderwijs',
        // Kampen and Zwolle ernstig, Deventer beperkt.
        severities: severities(2, 0, 1),
        highestSeverity: 'ernstig',
        municipalities: [deventer, kampen, zwolle],
        items: [
          { ...kampen, description: 'ISK vol', severity: 'ernstig', severityLabel: 'Ernstig' },
          { ...zwolle, description: 'Wachtlijst ISK', severity: 'ernstig', severityLabel: 'Ernstig' },
          {
            ...deventer,
            description: 'Leerlingenvervoer is duur',
            severity: 'beperkt',
            severityLabel: 'Beperkt',
          },
        ],
      },
      {
        domain: 'werk',
        label: 'Werk',
        severities: severities(0, 1, 0),
        highestSeverity: 'aanzienlijk',
        municipalities: [deventer],
        items: [
          {
            ...deventer,
            description: 'Weinig banen in loondienst',
            severity: 'aanzienlijk',
            severityLabel: 'Aanzienlijk',
          },
        ],
      },
      // Enschede's inburgering bottleneck is outside IJsselland.
      {
        domain: 'inburgering',
        label: 'Inburgering',
        severities: severities(0, 0, 0),
        highestSeverity: null,
        municipalities: [],
        items: [],
      },
    ]);
  });

  it('groups the support requests by addressee, so the regietafel sees what to ask of whom', () => {
    const result = sociaalDomein('sociaal-domein', submissions);
    expect(result.supportByAddressee).toEqual([
      {
        addressee: 'rijk',
        label: 'Rijk',
        municipalities: [deventer, zwolle],
        requests: [
          { ...deventer, domain: 'werk', domainLabel: 'Werk', request: 'Ruimere regels voor werk' },
          {
            ...zwolle,
            domain: 'onderwijs',
            domainLabel: 'Onderwijs',
            request: 'Extra bekostiging nieuwkomersonderwijs',
          },
        ],
      },
      {
        addressee: 'provincie',
        label: 'Provincie',
        municipalities: [deventer],
        requests: [
          {
            ...deventer,
            domain: 'onderwijs',
            domainLabel: 'Onderwijs',
            request: 'Regionale afspraken over leerlingenvervoer',
          },
        ],
      },
      {
        addressee: 'ketenpartners',
        label: 'Ketenpartners (COA, GGD, scholen, UWV …)',
        municipalities: [deventer],
        requests: [{ ...deventer, domain: 'zorg', domainLabel: 'Zorg', request: 'Meer GGD-capaciteit' }],
      },
      {
        addressee: 'maatschappelijke-organisaties',
        label: 'Maatschappelijke organisaties (Vluchtelingenwerk …)',
        municipalities: [],
        requests: [],
      },
    ]);
  });

  it('totals every figure of the form, counting who reported it', () => {
    const result = sociaalDomein('sociaal-domein', submissions);
    // Zwolle gave every figure; Deventer two (pupilsPrimary 20, adultsInWork 30); Kampen none.
    expect(result.figures).toEqual([
      { key: 'withoutGp', label: 'Nieuwkomers zonder huisarts', total: 14, reported: 1 },
      {
        key: 'pupilsPrimary',
        label: 'Nieuwkomersleerlingen in het primair onderwijs',
        total: 58,
        reported: 2,
      }, // 38 + 20
      {
        key: 'pupilsSecondary',
        label: 'Nieuwkomersleerlingen in het voortgezet onderwijs (ISK)',
        total: 22,
        reported: 1,
      },
      { key: 'pupilsWaiting', label: 'Leerlingen op een wachtlijst', total: 6, reported: 1 },
      { key: 'adultsAbleToWork', label: 'Volwassenen die kunnen werken', total: 120, reported: 1 },
      { key: 'adultsInWork', label: 'Volwassenen met betaald werk', total: 104, reported: 2 }, // 74 + 30
      { key: 'adultsInRoute', label: 'Volwassenen in een traject naar werk', total: 20, reported: 1 },
      { key: 'intakesStarted', label: 'Brede intakes gestart', total: 40, reported: 1 },
      { key: 'intakesFinished', label: 'Brede intakes afgerond', total: 31, reported: 1 },
      { key: 'plansSet', label: 'Persoonlijke plannen (PIP) vastgesteld', total: 28, reported: 1 },
      { key: 'routeB1', label: 'Inburgeraars in de B1-route', total: 12, reported: 1 },
      { key: 'routeEducation', label: 'Inburgeraars in de onderwijsroute', total: 5, reported: 1 },
      { key: 'routeZ', label: 'Inburgeraars in de Z-route', total: 3, reported: 1 },
    ]);
    expect(result.municipalities.map((m) => [m.name, m.bottlenecks, m.supportRequests])).toEqual([
      ['Deventer', 2, 3],
      ['Kampen', 1, 0],
      ['Zwolle', 2, 1],
    ]);
    expect(result.municipalities[0]?.figures).toMatchObject({
      pupilsPrimary: 20,
      adultsInWork: 30,
      withoutGp: null,
    });
  });

  it('includes Twente in the province’s summary', () => {
    const result = sociaalDomein('sociaal-domein', submissions, province);
    const inburgering = result.bottlenecksByDomain.find((group) => group.domain === 'inburgering');
    expect(inburgering).toMatchObject({ highestSeverity: 'ernstig', municipalities: [enschede] });
    expect(result.supportByAddressee.at(-1)?.requests).toEqual([
      {
        ...enschede,
        domain: 'inburgering',
        domainLabel: 'Inburgering',
        request: 'Vrijwilligers voor taalmaatjes',
      },
    ]);
    // intakesStarted: Zwolle 40 + Enschede 10 = 50, reported by 2.
    expect(result.figures.find((figure) => figure.key === 'intakesStarted')).toMatchObject({
      total: 50,
      reported: 2,
    });
    // Municipalities by region, then name: IJsselland's three, then Enschede.
    expect(result.municipalities.map((m) => m.name)).toEqual(['Deventer', 'Kampen', 'Zwolle', 'Enschede']);
  });
});
