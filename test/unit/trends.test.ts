import { describe, expect, it } from 'vitest';
import {
  aggregateSeries,
  type MunicipalityTrend,
  roundTrends,
  type SeriesRound,
} from '../../functions/core/aggregation/trends.js';
import type { AggregationScope } from '../../functions/core/aggregation/types.js';
import type { Round, SubmissionVersion } from '../../functions/core/model.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { asylumTargets, published, roundFor, submittedVersion } from '../support/aggregation-fixtures.js';
import { validSociaalDomein, validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * Trends across rounds: three rounds of the voortgang form (March, July and November 2026), the first in
 * the Spreidingswet cycle 2024-2026 and the other two in a new cycle with other shares. Every expected
 * figure is worked out by hand next to it.
 */

const now = new Date('2026-11-20T12:00:00.000Z');
const province: AggregationScope = { type: 'province', id: 'overijssel' };
const ijsselland: AggregationScope = { type: 'region', id: 'ijsselland' };

const march = roundFor('voortgang-opgaven', {
  id: 'voortgang-2026-03',
  title: 'Stand maart 2026',
  referenceDate: '2026-03-01',
  opensAt: '2026-03-02T08:00:00.000Z',
  deadline: '2026-03-31T15:00:00.000Z',
});
const july = roundFor('voortgang-opgaven', {
  id: 'voortgang-2026-07',
  title: 'Stand juli 2026',
  referenceDate: '2026-07-01',
  opensAt: '2026-07-02T08:00:00.000Z',
  deadline: '2026-07-31T15:00:00.000Z',
});
const november = roundFor('voortgang-opgaven', { id: 'voortgang-2026-11' });

// Cycle 2024-2026: Zwolle 717 (660 + 57), every other municipality 217 (200 + 17); the task 6.325.
// Cycle 2026-2028 from 1 June 2026: Zwolle 760 (700 + 60), the others 238 (220 + 18); the task 7.000.
const targets = published(
  asylumTargets({ GM0193: [660, 57] }),
  asylumTargets(
    { GM0193: [700, 60] },
    {
      cycle: '2026-2028',
      effectiveFrom: '2026-06-01',
      rest: [220, 18],
      task: { places: 7000, amvPlaces: 600, status: 'vastgesteld' },
    },
  ),
);

/** A submitted version with committed and realised as [regular, amv] pairs. */
function places(
  round: Round,
  code: string,
  committed: readonly [number, number],
  realised: readonly [number, number],
): SubmissionVersion {
  return submittedVersion(
    round,
    code,
    validVoortgangOpgaven({
      regularCommitted: committed[0],
      amvCommitted: committed[1],
      regularRealised: realised[0],
      amvRealised: realised[1],
    }),
  );
}

// Zwolle submits every round; Deventer in March and November, not in July; Kampen only in November;
// Enschede (Twente) only in March.
const versions: Record<string, SubmissionVersion[]> = {
  [march.id]: [
    places(march, 'GM0193', [500, 40], [300, 20]), // 540 committed, 320 realised
    places(march, 'GM0150', [100, 10], [50, 5]), // 110, 55
    places(march, 'GM0153', [300, 20], [100, 10]), // 320, 110
  ],
  [july.id]: [places(july, 'GM0193', [600, 40], [350, 24])], // 640, 374
  [november.id]: [
    places(november, 'GM0193', [650, 40], [400, 24]), // 690, 424
    places(november, 'GM0150', [150, 10], [80, 5]), // 160, 85
    places(november, 'GM0166', [60, 0], [30, 0]), // 60, 30
  ],
};

const series = (rounds: readonly Round[]): SeriesRound[] =>
  rounds.map((round) => ({ round, current: versions[round.id] ?? [] }));

function trendsOf(scope: AggregationScope, rounds: readonly Round[]) {
  const [last, ...before] = [...rounds].reverse();
  const input = { round: last!, registry: overijssel, scope, current: versions[last!.id]!, targets, now };
  return roundTrends(aggregateSeries(input, series(before.reverse())));
}

const municipality = (trends: { municipalities: readonly MunicipalityTrend[] }, code: string) =>
  trends.municipalities.find((candidate) => candidate.code === code)!;

describe('trends across rounds', () => {
  it('gives per region and for the province task, committed and realised in each of three rounds', () => {
    const trends = trendsOf(province, [march, july, november])!;
    expect(trends.rounds.map((round) => [round.id, round.cycle])).toEqual([
      ['voortgang-2026-03', '2024-2026'],
      ['voortgang-2026-07', '2026-2028'],
      ['voortgang-2026-11', '2026-2028'],
    ]);
    expect(trends.areas.map((area) => [area.type, area.name])).toEqual([
      ['region', 'IJsselland'],
      ['region', 'Twente'],
      ['province', 'Overijssel'],
    ]);
    const figures = (index: number) =>
      trends.areas[index]!.points.map((p) => p && [p.reported, p.task, p.committed, p.realised]);
    // IJsselland: task 717 + 10 × 217 = 2.887, then 760 + 10 × 238 = 3.140; March 540 + 110, 320 + 55;
    // July Zwolle alone; November 690 + 160 + 60, 424 + 85 + 30.
    expect(figures(0)).toEqual([
      [2, 2887, 650, 375],
      [1, 3140, 640, 374],
      [3, 3140, 910, 539],
    ]);
    // Twente: 14 × 217 = 3.038, then 14 × 238 = 3.332; only Enschede in March.
    expect(figures(1)).toEqual([
      [1, 3038, 320, 110],
      [0, 3332, 0, 0],
      [0, 3332, 0, 0],
    ]);
    // The province against its task: 6.325 in the first cycle, 7.000 in the next.
    expect(figures(2)).toEqual([
      [3, 6325, 970, 485],
      [1, 7000, 640, 374],
      [3, 7000, 910, 539],
    ]);
    // 970 / 6.325 = 15,3 %; 910 / 7.000 = 13,0 %.
    expect(trends.areas[2]!.points[0]!.committedPercent).toBe(15.3);
    expect(trends.areas[2]!.points[2]!.committedPercent).toBe(13);
  });

  it('gives per municipality the change since its previous round, also past a round it missed', () => {
    const trends = trendsOf(province, [march, july, november])!;
    expect(municipality(trends, 'GM0193')).toMatchObject({
      kind: 'vergeleken',
      comparedWith: { id: 'voortgang-2026-07' },
      share: { before: 760, now: 760, change: 0 },
      committed: { before: 640, now: 690, change: 50 },
      realised: { before: 374, now: 424, change: 50 },
    });
    // Deventer missed July: compared with March, and said so.
    expect(municipality(trends, 'GM0150')).toMatchObject({
      kind: 'niet-ingezonden-vorige',
      comparedWith: { id: 'voortgang-2026-03', title: 'Stand maart 2026' },
      committed: { before: 110, now: 160, change: 50 },
      realised: { before: 55, now: 85, change: 30 },
    });
    // Kampen took part in every round and submits for the first time.
    expect(municipality(trends, 'GM0166')).toMatchObject({
      kind: 'niet-ingezonden-vorige',
      comparedWith: null,
      committed: { before: null, now: 60, change: null },
    });
    // Enschede has not submitted in November: its March figures stay visible.
    expect(municipality(trends, 'GM0153')).toMatchObject({
      kind: 'niet-ingezonden',
      comparedWith: { id: 'voortgang-2026-03' },
      committed: { before: 320, now: null, change: null },
    });
    expect(trends.municipalities).toHaveLength(25);
  });

  it('shows a target that changed between cycles in the share', () => {
    const trends = trendsOf(ijsselland, [march, july])!;
    expect(trends.areas.map((area) => area.name)).toEqual(['IJsselland']);
    expect(trends.areas[0]!.points.map((p) => p?.task)).toEqual([2887, 3140]);
    expect(municipality(trends, 'GM0193').share).toEqual({ before: 717, now: 760, change: 43 });
    expect(municipality(trends, 'GM0148').share).toEqual({ before: 217, now: 238, change: 21 });
  });

  it('has one point per area in a first round, and every submitter as a first round', () => {
    const trends = trendsOf(province, [november])!;
    expect(trends.rounds).toHaveLength(1);
    expect(trends.areas.every((area) => area.points.length === 1)).toBe(true);
    expect(municipality(trends, 'GM0193')).toMatchObject({
      kind: 'eerste-ronde',
      comparedWith: null,
      committed: { before: null, now: 690, change: null },
    });
    expect(municipality(trends, 'GM0148').kind).toBe('niet-ingezonden');
  });

  it('leaves a gap where a region did not take part in a round', () => {
    const onlyIjsselland = { ...march, regions: ['ijsselland'] };
    const trends = trendsOf(province, [onlyIjsselland, november])!;
    expect(trends.areas[1]!.name).toBe('Twente');
    expect(trends.areas[1]!.points[0]).toBeNull();
    // Enschede did not take part in March: November is its first round.
    expect(municipality(trends, 'GM0153').kind).toBe('niet-ingezonden');
    expect(municipality(trends, 'GM0153').comparedWith).toBeNull();
    expect(municipality(trends, 'GM0166').kind).toBe('niet-ingezonden-vorige');
  });

  it('has no trend for a form without places against a task, and refuses rounds of two forms', () => {
    const social = roundFor('sociaal-domein');
    const input = {
      round: social,
      registry: overijssel,
      scope: province,
      current: [submittedVersion(social, 'GM0193', validSociaalDomein())],
      now,
    };
    expect(roundTrends(aggregateSeries(input, []))).toBeNull();
    const mixed = aggregateSeries({ ...input, round: november, current: versions[november.id]! }, [
      { round: { ...july, formId: 'eigen-bijdrage' }, current: [] },
    ]);
    expect(() => roundTrends(mixed)).toThrow(
      'Ronde voortgang-2026-07 is van een ander formulier dan ronde voortgang-2026-11',
    );
  });
});
