import { describe, expect, it } from 'vitest';
import { knownAsylumTargets } from '../../forms/data/known-targets.js';
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
import type { PublishedTargets } from '../../functions/core/targets/model.js';
import { demoAsylumTargets } from '../../functions/local/demo-targets.js';
import {
  asylumTargets,
  housingTargets,
  published,
  roundFor,
  submittedVersion as version,
} from '../support/aggregation-fixtures.js';
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
    targets?: PublishedTargets;
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
    targets: options.targets,
    options: { revenueTolerance: options.revenueTolerance },
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
/** The totals of a group of `n` municipalities with shares adding up to `task`, none of which reported. */
const nothingReported = (n: number, task: number) => ({
  municipalities: n,
  reported: 0,
  task,
  withoutShare: 0,
  committed: 0,
  realised: 0,
  committedPercent: task > 0 ? 0 : null,
  realisedPercent: task > 0 ? 0 : null,
  reportedTask: 0,
  reportedCommittedPercent: null,
  reportedRealisedPercent: null,
  remaining: 0,
  unreportedTask: task,
});

describe('an empty round, per form', () => {
  it('voortgang opgaven: every municipality listed with its share, nothing reported, the task still shown', () => {
    // Every municipality 200 regular + 17 AMV: 25 × 217 = 5,425 places (5,000 + 425 AMV).
    const result = voortgang('voortgang-opgaven', [], province, { targets: published(asylumTargets()) });
    expect(result.kind).toBe('voortgang-opgaven');
    expect(result.municipalities).toHaveLength(25);
    expect(result.municipalities.every((m) => !m.reported && m.version === null)).toBe(true);
    expect(result.municipalities[0]).toMatchObject({
      reported: false,
      total: { share: 217, committed: null, realised: null, remaining: null, committedPercent: null },
      locationsByPhase: emptyPhases,
      ukraine: null,
      housing: [],
    });
    expect(result.totals).toEqual({
      regular: nothingReported(25, 5000),
      amv: nothingReported(25, 425),
      total: nothingReported(25, 5425),
      locations: 0,
      capacity: 0,
      ukraine: { capacity: 0, occupied: 0 },
    });
    expect(result.regions.map((region) => [region.id, region.places.total.task])).toEqual([
      ['ijsselland', 11 * 217],
      ['twente', 14 * 217],
    ]);
    expect(result.locationsByPhase).toEqual(emptyPhases);
    expect(result.housing).toEqual([]);
    // 0 of 6,325 = 0 %; the shares (5,425, of which 425 AMV) fall short of the task, and it says by how much.
    expect(result.provincialTask?.total).toEqual({ ...nothingReported(25, 5425), task: 6325 });
    expect(result.provincialTask?.shares).toEqual({ places: 5425, amv: 425 });
    expect(result.provincialTask?.difference).toBe(
      'De aandelen tellen op tot 5.425 plaatsen (waarvan 425 AMV); de provinciale taak is 6.325 (waarvan 538 AMV). Verschil: 900 plaatsen minder dan de taak, 113 AMV-plaatsen minder.',
    );
  });

  it('voortgang opgaven without published targets: no task, no percentages', () => {
    const result = voortgang('voortgang-opgaven', [['GM0193', validVoortgangOpgaven()]], province);
    expect(result.targets).toBeNull();
    expect(result.provincialTask).toBeNull();
    expect(result.totals.total).toMatchObject({
      task: 0,
      withoutShare: 25,
      committed: 640,
      committedPercent: null,
    });
    expect(result.municipalities.find((m) => m.code === 'GM0193')?.total).toMatchObject({
      share: null,
      committed: 640,
      committedPercent: null,
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
  // Zwolle 717 regular + 61 AMV; every other municipality 200 + 17 (test/support/aggregation-fixtures.ts).
  const targets = published(asylumTargets({ GM0193: [717, 61] }), housingTargets('2026-H2', { GM0193: 90 }));

  it('one municipality of eleven: its share against its places, the region against the task of all eleven', () => {
    const result = voortgang('voortgang-opgaven', [['GM0193', validVoortgangOpgaven()]], region, { targets });
    // regular 600/717 = 0.83682 → 83.7 %; 350/717 = 0.48815 → 48.8 %; still to realise 717 − 350 = 367
    // AMV     40/61 = 0.65574 → 65.6 %;   24/61 = 0.39344 → 39.3 %;   61 − 24 = 37
    // total   717+61 = 778, 600+40 = 640, 374; 640/778 = 0.82262 → 82.3 %; 374/778 = 0.48072 → 48.1 %; 404
    const regular = {
      share: 717,
      committed: 600,
      realised: 350,
      remaining: 367,
      committedPercent: 83.7,
      realisedPercent: 48.8,
    };
    const amv = {
      share: 61,
      committed: 40,
      realised: 24,
      remaining: 37,
      committedPercent: 65.6,
      realisedPercent: 39.3,
    };
    const total = {
      share: 778,
      committed: 640,
      realised: 374,
      remaining: 404,
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
    expect(result.municipalities).toHaveLength(11);
    expect(result.municipalities.find((m) => m.code === 'GM0193')).toEqual({
      code: 'GM0193',
      name: 'Zwolle',
      region: 'ijsselland',
      reported: true,
      version: 1,
      regular,
      amv,
      total,
      shareStatus: 'vastgesteld',
      locationsByPhase: phases,
      ukraine: { capacity: 420, occupied: 388 },
      // balance = backlog + task − housed = 12 + 96 − 80 = 28; the province published 90 for Zwolle.
      housing: [
        {
          period: '2026-H2',
          periodLabel: '2e helft 2026',
          task: 96,
          publishedTask: 90,
          backlog: 12,
          housed: 80,
          balance: 28,
          ibtColour: 'oranje',
        },
      ],
    });
    // A municipality that did not submit still has its share; what it did is not known.
    expect(result.municipalities.find((m) => m.code === 'GM0148')).toMatchObject({
      reported: false,
      version: null,
      total: { share: 217, committed: null, realised: null, remaining: null, committedPercent: null },
    });
    // The region's task is the sum of its eleven shares: 778 + 10 × 217 = 2,948. One of eleven reported:
    //   640/2948 = 0.21710 → 21.7 % of the task, 374/2948 = 0.12687 → 12.7 %;
    //   over the reporting municipality only 82.3 % and 48.1 % (of 778); 2,948 − 778 = 2,170 not known.
    const ijsselland = {
      municipalities: 11,
      reported: 1,
      task: 2948,
      withoutShare: 0,
      committed: 640,
      realised: 374,
      committedPercent: 21.7,
      realisedPercent: 12.7,
      reportedTask: 778,
      reportedCommittedPercent: 82.3,
      reportedRealisedPercent: 48.1,
      remaining: 404,
      unreportedTask: 2170,
    };
    expect(result.totals.total).toEqual(ijsselland);
    expect(result.regions).toEqual([
      {
        id: 'ijsselland',
        name: 'IJsselland',
        places: result.totals.regular && expect.objectContaining({ total: ijsselland }),
      },
    ]);
    // regular: 717 + 10 × 200 = 2,717; 600/2717 = 0.22083 → 22.1 %
    expect(result.totals.regular).toMatchObject({ task: 2717, committed: 600, committedPercent: 22.1 });
    // AMV: 61 + 10 × 17 = 231; 40/231 = 0.17316 → 17.3 %
    expect(result.totals.amv).toMatchObject({ task: 231, committed: 40, committedPercent: 17.3 });
    expect(result.totals).toMatchObject({
      locations: 2,
      capacity: 374,
      ukraine: { capacity: 420, occupied: 388 },
    });
    expect(result.locationsByPhase).toEqual(phases);
    // The published statushouders tasks of IJsselland for 2026-H2: 90 + 10 × 10 = 190.
    expect(result.housing).toEqual([
      {
        period: '2026-H2',
        label: '2e helft 2026',
        municipalities: 1,
        of: 11,
        task: 96,
        publishedTask: 190,
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
    expect(result.targets).toEqual({
      province: 'overijssel',
      cycle: '2024-2026',
      effectiveFrom: '2024-02-01',
      revision: 1,
      publishedAt: '2026-10-01T08:00:00.000Z',
      publishedBy: 'provincie@test.example',
      source: 'test',
      demoShares: 0,
      sharesToConfirm: 0,
    });
    // A region is not compared with the provincial task.
    expect(result.provincialTask).toBeNull();
  });

  it('ignores a share typed into the answers: the published share is the task', () => {
    const result = voortgang(
      'voortgang-opgaven',
      [['GM0193', validVoortgangOpgaven({ regularShare: 5000, amvShare: 400 })]],
      region,
      { targets },
    );
    expect(result.municipalities.find((m) => m.code === 'GM0193')?.total.share).toBe(778);
  });

  it('all 25 municipalities of the province, against the provincial task of 6,325 places (538 AMV)', () => {
    const phaseOrder = ['voornemen', 'besluit', 'ruimtelijke-procedure', 'realisatie', 'operationeel'];
    const submissions = overijssel.municipalities.map((m, index): [string, Record<string, unknown>] => [
      m.code,
      validVoortgangOpgaven({
        regularCommitted: 200,
        regularRealised: 120,
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
    // Every share 232 regular + 21 AMV: 25 × 253 = 6,325 places, but only 25 × 21 = 525 AMV (the task: 538).
    const result = voortgang('voortgang-opgaven', submissions, province, {
      targets: published(asylumTargets({}, { rest: [232, 21] })),
    });
    expect(result.municipalities).toHaveLength(25);
    // regular: 25 × 232 = 5,800 task, 25 × 200 = 5,000 committed, 25 × 120 = 3,000 realised;
    //   5000/5800 = 0.86207 → 86.2 %, 3000/5800 = 0.51724 → 51.7 %; still to realise 25 × 112 = 2,800
    // AMV: 525, 500, 300; 500/525 = 0.95238 → 95.2 %, 300/525 = 0.57143 → 57.1 %; 25 × 9 = 225
    // total: 6,325, 5,500, 3,300; 5500/6325 = 0.86957 → 87.0 %, 3300/6325 = 0.52174 → 52.2 %; 25 × 121 = 3,025
    const all = (
      task: number,
      committed: number,
      realised: number,
      c: number,
      r: number,
      remaining: number,
    ) => ({
      municipalities: 25,
      reported: 25,
      task,
      withoutShare: 0,
      committed,
      realised,
      committedPercent: c,
      realisedPercent: r,
      reportedTask: task,
      reportedCommittedPercent: c,
      reportedRealisedPercent: r,
      remaining,
      unreportedTask: 0,
    });
    expect(result.totals.regular).toEqual(all(5800, 5000, 3000, 86.2, 51.7, 2800));
    expect(result.totals.amv).toEqual(all(525, 500, 300, 95.2, 57.1, 225));
    expect(result.totals.total).toEqual(all(6325, 5500, 3300, 87, 52.2, 3025));
    // Per region: IJsselland 11 × 253 = 2,783, Twente 14 × 253 = 3,542.
    expect(result.regions.map((r) => [r.name, r.places.total.task, r.places.total.reported])).toEqual([
      ['IJsselland', 2783, 11],
      ['Twente', 3542, 14],
    ]);
    // Provincial task: 6,325 places; AMV 538; regular 6325 − 538 = 5,787.
    //   regular 5000/5787 = 0.86401 → 86.4 %, 3000/5787 = 0.51840 → 51.8 %
    //   AMV     500/538 = 0.92937 → 92.9 %,   300/538 = 0.55762 → 55.8 %
    expect(result.provincialTask).toMatchObject({
      province: 'overijssel',
      cycle: '2024-2026',
      effectiveFrom: '2024-02-01',
      status: 'te-bevestigen',
      total: { task: 6325, committed: 5500, realised: 3300, committedPercent: 87, realisedPercent: 52.2 },
      regular: { task: 5787, committed: 5000, realised: 3000, committedPercent: 86.4, realisedPercent: 51.8 },
      amv: { task: 538, committed: 500, realised: 300, committedPercent: 92.9, realisedPercent: 55.8 },
      shares: { places: 6325, amv: 525 },
      difference:
        'De aandelen tellen op tot 6.325 plaatsen (waarvan 525 AMV); de provinciale taak is 6.325 (waarvan 538 AMV). Verschil: in totaal evenveel plaatsen als de taak, 13 AMV-plaatsen minder.',
    });
    // 25 locations, one per municipality, phases in turn: 5 per phase, 5 × 120 = 600 places each.
    expect(result.locationsByPhase).toEqual(
      emptyPhases.map((phase) => ({ ...phase, locations: 5, capacity: 600 })),
    );
    expect(result.totals.locations).toBe(25);
    expect(result.totals.capacity).toBe(3000);
    // Ukraine: 25 × 40 = 1,000 places, 25 × 30 = 750 occupied.
    expect(result.totals.ukraine).toEqual({ capacity: 1000, occupied: 750 });
    // Half years in the form's order: 2026-H1 before 2026-H2; no published tasks here.
    //   H1: Zwolle only, 0 + 12 − 14 = −2.
    //   H2: 25 × 10 = 250 task, 25 × 2 = 50 backlog, 25 × 8 = 200 housed, 25 × (2 + 10 − 8) = 100 balance.
    expect(result.housing).toEqual([
      {
        period: '2026-H1',
        label: '1e helft 2026',
        municipalities: 1,
        of: 25,
        task: 12,
        publishedTask: null,
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
        of: 25,
        task: 250,
        publishedTask: null,
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

  it('reproduces the CdK’s report from the seeded shares: 5,699 places (90 %) planned, 3,864 (61 %) guaranteed', () => {
    // The local run's seed: Zwolle 717 and Enschede 638 (to confirm), the other 23 shares DEMO, all adding up
    // to the provincial task exactly.
    const seeded = demoAsylumTargets(knownAsylumTargets[0]!, overijssel, now);
    const shareOf = (code: string) => seeded.shares.find((share) => share.municipality === code);
    // AMV part of a known share: the provincial ratio 538/6325 = 0.08506; 717 × 0.08506 = 60.99 → 61, 638 → 54.27 → 54.
    expect(shareOf('GM0193')).toEqual({
      municipality: 'GM0193',
      regular: 656,
      amv: 61,
      status: 'te-bevestigen',
    });
    expect(shareOf('GM0153')).toEqual({
      municipality: 'GM0153',
      regular: 584,
      amv: 54,
      status: 'te-bevestigen',
    });
    expect(seeded.shares.reduce((t, s) => t + s.regular + s.amv, 0)).toBe(6325);
    expect(seeded.shares.reduce((t, s) => t + s.amv, 0)).toBe(538);
    expect(seeded.shares.filter((share) => share.status === 'demo')).toHaveLength(23);
    expect(seeded.source).toMatch(/DEMO/);

    const result = voortgang(
      'voortgang-opgaven',
      [
        [
          'GM0193',
          validVoortgangOpgaven({
            regularCommitted: 3000,
            regularRealised: 2000,
            amvCommitted: 250,
            amvRealised: 150,
            asylumLocations: [],
            housing: [],
          }),
        ],
        [
          'GM0153',
          validVoortgangOpgaven({
            regularCommitted: 2200,
            regularRealised: 1564,
            amvCommitted: 249,
            amvRealised: 150,
            asylumLocations: [],
            housing: [],
          }),
        ],
      ],
      province,
      { targets: published(seeded) },
    );
    // committed: 3000 + 250 + 2200 + 249 = 5,699; 5699/6325 = 0.90103 → 90.1 %
    // realised:  2000 + 150 + 1564 + 150 = 3,864; 3864/6325 = 0.61091 → 61.1 %
    // regular:   5,200 and 3,564 of 5,787: 0.89857 → 89.9 %, 0.61586 → 61.6 %
    // AMV:       499 and 300 of 538: 0.92751 → 92.8 %, 0.55762 → 55.8 %
    // Two of 25 reported, with shares 717 + 638 = 1,355; the other 23 have 4,970 between them.
    expect(result.provincialTask?.total).toMatchObject({
      task: 6325,
      committed: 5699,
      realised: 3864,
      committedPercent: 90.1,
      realisedPercent: 61.1,
      reported: 2,
      municipalities: 25,
      reportedTask: 1355,
      unreportedTask: 4970,
    });
    expect(result.provincialTask?.regular).toMatchObject({
      task: 5787,
      committed: 5200,
      realised: 3564,
      committedPercent: 89.9,
      realisedPercent: 61.6,
    });
    expect(result.provincialTask?.amv).toMatchObject({
      task: 538,
      committed: 499,
      realised: 300,
      committedPercent: 92.8,
      realisedPercent: 55.8,
    });
    expect(result.provincialTask?.difference).toBeNull();
    expect(result.targets).toMatchObject({ demoShares: 23, sharesToConfirm: 2 });
  });

  it('chooses the published cycle by the round’s reference date, and the latest revision of it', () => {
    const first = asylumTargets({}, { rest: [200, 17] });
    const corrected = asylumTargets({}, { rest: [230, 20], revision: 2, importId: 'correction' });
    const next = asylumTargets(
      {},
      {
        cycle: '2026-2028',
        effectiveFrom: '2026-07-01',
        task: { places: 7000, amvPlaces: 600, status: 'vastgesteld' },
      },
    );
    const elsewhere = asylumTargets({}, { province: 'gelderland', effectiveFrom: '2020-01-01' });
    const targets = published(first, corrected, next, elsewhere);
    const submissions: [string, Record<string, unknown>][] = [['GM0193', validVoortgangOpgaven()]];
    // 640 committed of 7,000 = 0.09143 → 9.1 %.
    const later = voortgang('voortgang-opgaven', submissions, province, { targets });
    expect(later.provincialTask).toMatchObject({
      cycle: '2026-2028',
      total: { task: 7000, committedPercent: 9.1 },
    });
    const during = voortgang('voortgang-opgaven', submissions, province, {
      targets,
      round: { referenceDate: '2026-06-30' },
    });
    // Revision 2 of 2024-2026: 25 × 250 = 6,250.
    expect(during.targets).toMatchObject({ cycle: '2024-2026', revision: 2 });
    expect(during.totals.total.task).toBe(6250);
    const before = voortgang('voortgang-opgaven', submissions, province, {
      targets,
      round: { referenceDate: '2024-01-15' },
    });
    expect(before.provincialTask).toBeNull();
    expect(before.targets).toBeNull();
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
