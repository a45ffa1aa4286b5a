import { describe, expect, it } from 'vitest';
import { aggregateRound } from '../../functions/core/aggregation/aggregate-round.js';
import type { Round } from '../../functions/core/model.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { summaryModel } from '../../functions/core/summary-model.js';
import { roundFor, submittedVersion } from '../support/aggregation-fixtures.js';
import { validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * A province's summary model: the province's aggregate compares with the previous round, its regions'
 * lines do not (nothing shows a region's "what changed"; diffing every version again per region doubled
 * the cost of a province summary, bench:summary), and each region's figures are those of the region's own
 * aggregate — also for versions of an older revision of the form, read once for the province and reused
 * for the region.
 */
const now = new Date('2026-11-27T10:00:00Z');
const round = roundFor('voortgang-opgaven');
const previousRound: Round = {
  ...round,
  id: 'voortgang-opgaven-2026-09',
  title: 'Stand september 2026',
  referenceDate: '2026-09-01',
  opensAt: '2026-09-02T08:00:00.000Z',
  deadline: '2026-09-30T16:00:00.000Z',
};
const codes = overijssel.municipalities.map((municipality) => municipality.code);
// No definitionRevision: stored as of revision 1, re-read field by field with today's definition.
const current = codes.map((code, i) =>
  submittedVersion(round, code, validVoortgangOpgaven({ regularCommitted: 100 + i })),
);
const before = codes.map((code, i) =>
  submittedVersion(previousRound, code, validVoortgangOpgaven({ regularCommitted: 90 + i })),
);
const input = { round, registry: overijssel, current, now };

describe('a province summary model', () => {
  const model = summaryModel({
    ...input,
    scope: { type: 'province', id: 'overijssel' },
    previousRound: { round: previousRound, current: before },
    earlierRounds: [{ round: previousRound, current: before }],
  });

  it('compares the province with the previous round, not each region again', () => {
    expect(model.aggregate.sincePreviousRound?.municipalities).toHaveLength(codes.length);
    expect(model.regions.length).toBeGreaterThan(1);
    for (const region of model.regions) expect(region.sincePreviousRound).toBeNull();
  });

  it("gives each region the figures of the region's own aggregate", () => {
    for (const region of model.regions) {
      const alone = aggregateRound({ ...input, scope: { type: 'region', id: region.scope.id } });
      expect(region.response).toEqual(alone.response);
      expect(region.form).toEqual(alone.form);
      expect(region.unreadable).toEqual(alone.unreadable);
    }
  });
});
