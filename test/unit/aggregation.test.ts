import { describe, expect, it } from 'vitest';
import { aggregateRound } from '../../functions/core/aggregation/aggregate-round.js';
import type { AggregationSnapshot } from '../../functions/core/aggregation/types.js';
import { NotFound } from '../../functions/core/errors.js';
import type { Draft, Round, SubmissionVersion } from '../../functions/core/model.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { validEigenBijdrage, validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * The round-level aggregation: response status, scope, current versions, drafts, late submissions,
 * warnings carried through and what changed since the previous summary. Every expected figure is written
 * out literally, worked out by hand in the comment next to it.
 */

const ijsselland = [
  ['GM0148', 'Dalfsen'],
  ['GM0150', 'Deventer'],
  ['GM0160', 'Hardenberg'],
  ['GM0166', 'Kampen'],
  ['GM1773', 'Olst-Wijhe'],
  ['GM0175', 'Ommen'],
  ['GM0177', 'Raalte'],
  ['GM0180', 'Staphorst'],
  ['GM1708', 'Steenwijkerland'],
  ['GM1896', 'Zwartewaterland'],
  ['GM0193', 'Zwolle'],
] as const;

const round: Round = {
  id: 'voortgang-2026-11',
  formId: 'voortgang-opgaven',
  title: 'Voortgang opgaven november 2026',
  referenceDate: '2026-11-01',
  opensAt: '2026-11-02T08:00:00.000Z',
  deadline: '2026-11-30T16:00:00.000Z',
  regions: ['ijsselland', 'twente'],
  acceptsLate: true,
};

const now = new Date('2026-11-20T12:00:00.000Z');
const region = { type: 'region', id: 'ijsselland' } as const;
const province = { type: 'province', id: 'overijssel' } as const;

function version(
  municipality: string,
  overrides: Partial<SubmissionVersion> = {},
  answers: Record<string, unknown> = validVoortgangOpgaven(),
): SubmissionVersion {
  const number = overrides.version ?? 1;
  return {
    roundId: round.id,
    formId: round.formId,
    municipality,
    version: number,
    submissionId: `${municipality}-${number}`,
    submittedAt: '2026-11-10T09:00:00.000Z',
    submittedBy: { name: 'Henk Bos', email: 'h.bos@gemeente.example' },
    late: false,
    answers,
    warnings: [],
    ...overrides,
  };
}

function draft(municipality: string, overrides: Partial<Draft> = {}): Draft {
  return {
    roundId: round.id,
    formId: round.formId,
    municipality,
    raw: {},
    baseVersion: 0,
    revision: 1,
    savedAt: '2026-11-12T10:00:00.000Z',
    expiresAt: Date.parse('2026-12-30T16:00:00.000Z') / 1000,
    ...overrides,
  };
}

const aggregate = (current: SubmissionVersion[], extra: Partial<Parameters<typeof aggregateRound>[0]> = {}) =>
  aggregateRound({ round, registry: overijssel, scope: region, current, now, ...extra });

const statusOf = (result: ReturnType<typeof aggregate>, code: string) =>
  result.response.municipalities.find((m) => m.code === code);

describe('aggregating an empty round', () => {
  it('lists the 11 IJsselland municipalities as “niets”, with every total 0', () => {
    const result = aggregate([]);
    expect(result.scope).toEqual({
      type: 'region',
      id: 'ijsselland',
      name: 'IJsselland',
      regions: [{ id: 'ijsselland', name: 'IJsselland' }],
    });
    expect(result.response.municipalities.map((m) => [m.code, m.name])).toEqual(ijsselland);
    expect(result.response.municipalities.every((m) => m.status === 'niets' && m.warnings === 0)).toBe(true);
    expect(result.response.totals).toEqual({
      municipalities: 11,
      ingezonden: 0,
      concept: 0,
      niets: 11,
      late: 0,
    });
    expect(result.warnings).toEqual([]);
    expect(result.changes).toBeNull();
    expect(result.generatedAt).toBe('2026-11-20T12:00:00.000Z');
    expect(result.phase).toBe('open');
    expect(result.round).toMatchObject({
      id: round.id,
      formTitle: 'Voortgang opgaven',
      deadline: round.deadline,
    });
  });

  it('lists the 25 municipalities of the province, IJsselland first, then Twente', () => {
    const result = aggregate([], { scope: province });
    expect(result.scope.regions).toEqual([
      { id: 'ijsselland', name: 'IJsselland' },
      { id: 'twente', name: 'Twente' },
    ]);
    expect(result.response.totals).toEqual({
      municipalities: 25,
      ingezonden: 0,
      concept: 0,
      niets: 25,
      late: 0,
    });
    // 11 IJsselland + 14 Twente; Twente starts with Almelo and ends with Wierden.
    expect(result.response.municipalities[10]?.name).toBe('Zwolle');
    expect(result.response.municipalities[11]?.name).toBe('Almelo');
    expect(result.response.municipalities[24]?.name).toBe('Wierden');
  });

  it('refuses a region or province that does not exist', () => {
    expect(() => aggregate([], { scope: { type: 'region', id: 'achterhoek' } })).toThrow(NotFound);
    expect(() => aggregate([], { scope: { type: 'province', id: 'gelderland' } })).toThrow(NotFound);
  });
});

describe('response status', () => {
  it('shows one submitted municipality with its version, time, submitter and warnings', () => {
    const result = aggregate([
      version('GM0193', {
        warnings: [{ path: 'regularRealised', message: 'Meer gerealiseerd dan toegezegd. Klopt dat?' }],
      }),
    ]);
    expect(statusOf(result, 'GM0193')).toEqual({
      code: 'GM0193',
      name: 'Zwolle',
      region: 'ijsselland',
      status: 'ingezonden',
      version: 1,
      submittedAt: '2026-11-10T09:00:00.000Z',
      submittedBy: 'Henk Bos',
      late: false,
      warnings: 1,
    });
    // 11 municipalities: 1 submitted, 10 nothing.
    expect(result.response.totals).toEqual({
      municipalities: 11,
      ingezonden: 1,
      concept: 0,
      niets: 10,
      late: 0,
    });
  });

  it('counts only the current version: of two versions of one municipality, the highest, whatever the order', () => {
    const v1 = version('GM0193', { version: 1 });
    const v2 = version('GM0193', {
      version: 2,
      submittedAt: '2026-11-15T09:00:00.000Z',
      answers: validVoortgangOpgaven({ regularCommitted: 650 }),
    });
    for (const current of [
      [v1, v2],
      [v2, v1],
    ]) {
      const result = aggregate(current);
      expect(statusOf(result, 'GM0193')).toMatchObject({
        version: 2,
        submittedAt: '2026-11-15T09:00:00.000Z',
      });
      expect(result.response.totals.ingezonden).toBe(1);
      // Version 2's 650 committed regular places, not version 1's 600 (and not 1,250).
      expect(result.form?.kind === 'voortgang-opgaven' && result.form.totals.regular.committed).toBe(650);
    }
  });

  it('never counts a draft as submitted: a draft only is “concept”', () => {
    const result = aggregate([version('GM0193')], {
      drafts: [
        draft('GM0150'), // Deventer: a draft only
        draft('GM0193', { baseVersion: 1, savedAt: '2026-11-18T08:00:00.000Z' }), // Zwolle amends
        draft('GM0166', { expiresAt: Date.parse('2026-11-01T00:00:00.000Z') / 1000 }), // Kampen: expired
        draft('GM0177', { formId: 'eigen-bijdrage' }), // Raalte: another form
        draft('GM0153'), // Enschede: outside the region
      ],
    });
    expect(statusOf(result, 'GM0150')).toMatchObject({
      status: 'concept',
      draftSavedAt: '2026-11-12T10:00:00.000Z',
    });
    expect(statusOf(result, 'GM0150')?.version).toBeUndefined();
    expect(statusOf(result, 'GM0193')).toMatchObject({
      status: 'ingezonden',
      version: 1,
      draftSavedAt: '2026-11-18T08:00:00.000Z',
    });
    expect(statusOf(result, 'GM0166')?.status).toBe('niets');
    expect(statusOf(result, 'GM0177')?.status).toBe('niets');
    // 1 submitted (Zwolle), 1 draft only (Deventer), 11 − 2 = 9 nothing.
    expect(result.response.totals).toEqual({
      municipalities: 11,
      ingezonden: 1,
      concept: 1,
      niets: 9,
      late: 0,
    });
    // Only Zwolle's answers count (the draft's never do): 600 regular places committed, 1 reported.
    expect(result.form?.kind === 'voortgang-opgaven' && result.form.totals.regular).toMatchObject({
      committed: 600,
      reported: 1,
    });
  });

  it('shows no amendment in progress for a draft older than the current version', () => {
    const result = aggregate([version('GM0193', { version: 2 })], {
      drafts: [draft('GM0193', { baseVersion: 1 })],
    });
    expect(statusOf(result, 'GM0193')?.draftSavedAt).toBeUndefined();
  });

  it('marks late submissions and counts them', () => {
    const result = aggregate(
      [
        version('GM0193', { late: true, submittedAt: '2026-12-01T09:00:00.000Z' }),
        version('GM0150', { late: false }),
      ],
      { now: new Date('2026-12-02T00:00:00.000Z') },
    );
    expect(statusOf(result, 'GM0193')?.late).toBe(true);
    expect(statusOf(result, 'GM0150')?.late).toBe(false);
    expect(result.response.totals).toEqual({
      municipalities: 11,
      ingezonden: 2,
      concept: 0,
      niets: 9,
      late: 1,
    });
    expect(result.phase).toBe('late');
  });

  it('ignores municipalities outside the scope, other rounds, other forms and unknown codes', () => {
    const current = [
      version('GM0193'),
      version('GM0153'), // Enschede, Twente
      version('GM0150', { roundId: 'another-round' }),
      version('GM0148', { formId: 'eigen-bijdrage', answers: validEigenBijdrage() }),
      version('GM9999'), // not in the registry
    ];
    const regional = aggregate(current);
    expect(regional.response.totals).toEqual({
      municipalities: 11,
      ingezonden: 1,
      concept: 0,
      niets: 10,
      late: 0,
    });
    // Every municipality of the region is listed; only Zwolle's version counts as reported.
    expect(
      regional.form?.kind === 'voortgang-opgaven' &&
        regional.form.municipalities.filter((m) => m.reported).map((m) => m.name),
    ).toEqual(['Zwolle']);
    const provincial = aggregate(current, { scope: province });
    // Zwolle and Enschede; 25 − 2 = 23 nothing.
    expect(provincial.response.totals).toEqual({
      municipalities: 25,
      ingezonden: 2,
      concept: 0,
      niets: 23,
      late: 0,
    });
  });

  it('leaves out the regions of a province that do not take part in the round', () => {
    const result = aggregate([version('GM0193'), version('GM0153')], {
      round: { ...round, regions: ['ijsselland'] },
      scope: province,
    });
    expect(result.scope.regions).toEqual([{ id: 'ijsselland', name: 'IJsselland' }]);
    // Only IJsselland's 11; Enschede's version does not count.
    expect(result.response.totals).toEqual({
      municipalities: 11,
      ingezonden: 1,
      concept: 0,
      niets: 10,
      late: 0,
    });
  });

  it('covers all 11 municipalities of IJsselland when all submitted', () => {
    const result = aggregate(ijsselland.map(([code]) => version(code)));
    expect(result.response.totals).toEqual({
      municipalities: 11,
      ingezonden: 11,
      concept: 0,
      niets: 0,
      late: 0,
    });
  });

  it('covers all 25 municipalities of the province when all submitted', () => {
    const result = aggregate(
      overijssel.municipalities.map((m, index) => version(m.code, { late: index >= 23 })),
      { scope: province },
    );
    // The last two (Twenterand, Wierden) were late.
    expect(result.response.totals).toEqual({
      municipalities: 25,
      ingezonden: 25,
      concept: 0,
      niets: 0,
      late: 2,
    });
  });
});

describe('plausibility warnings', () => {
  it('carries the warnings stored with the current version, per municipality', () => {
    const warnings = [
      {
        path: 'regularRealised',
        message: 'Er zijn meer reguliere plaatsen gerealiseerd (700) dan toegezegd (600). Klopt dat?',
      },
    ];
    const result = aggregate([version('GM0193', { version: 3, warnings }), version('GM0150')]);
    expect(result.warnings).toEqual([
      { code: 'GM0193', name: 'Zwolle', region: 'ijsselland', version: 3, warnings },
    ]);
  });

  it('recomputes the form’s own checks for a version stored without warnings', () => {
    const result = aggregate([
      version('GM0193', { warnings: undefined, answers: validVoortgangOpgaven({ regularRealised: 700 }) }),
    ]);
    expect(result.warnings).toEqual([
      {
        code: 'GM0193',
        name: 'Zwolle',
        region: 'ijsselland',
        version: 1,
        warnings: [
          {
            path: 'regularRealised',
            message: 'Er zijn meer reguliere plaatsen gerealiseerd (700) dan toegezegd (600). Klopt dat?',
          },
        ],
      },
    ]);
    expect(statusOf(result, 'GM0193')?.warnings).toBe(1);
  });
});

describe('what changed since the previous summary', () => {
  const previous: AggregationSnapshot = {
    roundId: round.id,
    scope: region,
    takenAt: '2026-11-13T07:00:00.000Z',
    municipalities: {
      GM0193: { status: 'ingezonden', version: 1 }, // Zwolle
      GM0150: { status: 'concept' }, // Deventer
      GM0166: { status: 'niets' }, // Kampen
      GM0148: { status: 'ingezonden', version: 2 }, // Dalfsen
      // Raalte (GM0177) missing: new to the round since then.
    },
  };

  it('lists new submissions, amendments with their versions, and status moves', () => {
    const result = aggregate(
      [
        version('GM0193', { version: 3, submittedAt: '2026-11-19T10:00:00.000Z' }), // amended twice
        version('GM0150', { submittedAt: '2026-11-14T10:00:00.000Z', late: false }), // draft → submitted
        version('GM0148', { version: 2 }), // unchanged
        version('GM0177', { submittedAt: '2026-11-15T10:00:00.000Z' }), // new to the snapshot
      ],
      { previous, drafts: [draft('GM0166')] }, // Kampen: nothing → draft
    );
    expect(result.changes).toEqual({
      since: '2026-11-13T07:00:00.000Z',
      newSubmissions: [
        {
          code: 'GM0150',
          name: 'Deventer',
          region: 'ijsselland',
          version: 1,
          submittedAt: '2026-11-14T10:00:00.000Z',
          late: false,
        },
        {
          code: 'GM0177',
          name: 'Raalte',
          region: 'ijsselland',
          version: 1,
          submittedAt: '2026-11-15T10:00:00.000Z',
          late: false,
        },
      ],
      amendments: [
        {
          code: 'GM0193',
          name: 'Zwolle',
          region: 'ijsselland',
          fromVersion: 1,
          toVersion: 3,
          submittedAt: '2026-11-19T10:00:00.000Z',
        },
      ],
      statusChanges: [
        { code: 'GM0150', name: 'Deventer', region: 'ijsselland', from: 'concept', to: 'ingezonden' },
        { code: 'GM0166', name: 'Kampen', region: 'ijsselland', from: 'niets', to: 'concept' },
        { code: 'GM0177', name: 'Raalte', region: 'ijsselland', from: 'niets', to: 'ingezonden' },
      ],
      any: true,
    });
  });

  it('returns a snapshot that, given back (as JSON), shows nothing changed', () => {
    const current = [version('GM0193', { version: 2 }), version('GM0150')];
    const first = aggregate(current, { drafts: [draft('GM0166')] });
    expect(first.snapshot.municipalities).toMatchObject({
      GM0193: { status: 'ingezonden', version: 2 },
      GM0150: { status: 'ingezonden', version: 1 },
      GM0166: { status: 'concept' },
      GM0148: { status: 'niets' },
    });
    expect(Object.keys(first.snapshot.municipalities)).toHaveLength(11);
    const stored = JSON.parse(JSON.stringify(first.snapshot)) as AggregationSnapshot;
    const second = aggregate(current, {
      drafts: [draft('GM0166')],
      previous: stored,
      now: new Date('2026-11-27T12:00:00.000Z'),
    });
    expect(second.changes).toEqual({
      since: '2026-11-20T12:00:00.000Z',
      newSubmissions: [],
      amendments: [],
      statusChanges: [],
      any: false,
    });
    expect(second.snapshot.takenAt).toBe('2026-11-27T12:00:00.000Z');
  });

  it('refuses a snapshot of another round or scope instead of comparing the wrong things', () => {
    expect(() => aggregate([], { previous: { ...previous, roundId: 'another-round' } })).toThrow(/ronde/);
    expect(() => aggregate([], { previous, scope: province })).toThrow(/ronde/);
  });

  it('keeps the whole result plain JSON', () => {
    const result = aggregate([version('GM0193')], { previous });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
