import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trendRoundsLimit } from '../../functions/core/aggregation/trends.js';
import type { AggregationScope, AggregationSnapshot } from '../../functions/core/aggregation/types.js';
import type { Draft, Municipality, Registry, Round, SubmissionVersion } from '../../functions/core/model.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { summaryModel } from '../../functions/core/summary-model.js';
import { renderSummaryEmail } from '../../functions/emails/summary-email.js';
import { roundFor, savedDraft, submittedVersion } from '../support/aggregation-fixtures.js';
import { validEigenBijdrage, validSociaalDomein, validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * The size of the summary email, at the 25 municipalities of Overijssel and at 342 (every municipality of
 * the Netherlands in one province of 25 regions): Gmail clips a message body beyond about 102 KB, so the
 * province's HTML must stay under 100 KB. The answers are the heaviest the forms allow where it matters:
 * 30 locations, 20 bottlenecks and 20 support requests of 500 characters each, two warnings per
 * municipality, deviations everywhere, a third missing and a sixth with a draft, a previous summary so
 * that "what changed" names the amendments, and the seven earlier rounds of the longest trend, so the
 * trend block and "changed since the previous round" are as long as they get.
 */

const now = new Date('2026-11-27T09:00:00.000Z');

/** 342 municipalities in 25 regions of one province. */
function nationalRegistry(): Registry {
  const regions = Array.from({ length: 25 }, (_, r) => ({
    id: `regio-${String(r + 1).padStart(2, '0')}`,
    name: `Veiligheidsregio ${r + 1}`,
    province: 'nederland',
    boardName: `Regietafel ${r + 1}`,
    addresses: [`regio${r + 1}@size.example`],
  }));
  const municipalities: Municipality[] = Array.from({ length: 342 }, (_, i) => ({
    code: `GM${String(1000 + i)}`,
    name: `Gemeente Langenaam-aan-de-${i + 1}`,
    region: regions[i % regions.length]!.id,
    contacts: [`gemeente${i + 1}@size.example`],
  }));
  return {
    provinces: [{ id: 'nederland', name: 'Nederland', addresses: ['provincie@size.example'] }],
    regions,
    municipalities,
  };
}

const text500 = (what: string, i: number) =>
  `${what} ${i}: ${'de wachtlijst groeit, de capaciteit is op en de samenwerking met de ketenpartners vraagt meer tijd dan er is. '.repeat(5)}`.slice(
    0,
    500,
  );

const heavy: Record<string, (i: number) => Record<string, unknown>> = {
  'voortgang-opgaven': (i) =>
    validVoortgangOpgaven({
      regularCommitted: 500 + i,
      asylumLocations: Array.from({ length: 30 }, (_, n) => ({
        name: `Locatie ${n + 1}, Voorbeeldstraat ${n + 1}`,
        type: 'azc',
        capacity: 100 + n,
        availableFrom: n % 2 === 0 ? '2025-08-01' : '2026-06-01',
        phase: n % 3 === 0 ? 'voornemen' : 'realisatie',
      })),
    }),
  'sociaal-domein': (i) =>
    validSociaalDomein({
      bottlenecks: Array.from({ length: 20 }, (_, n) => ({
        domain: ['zorg', 'onderwijs', 'werk', 'inburgering'][n % 4],
        description: text500('Knelpunt', i * 100 + n),
        severity: ['ernstig', 'aanzienlijk', 'beperkt'][n % 3],
      })),
      supportRequests: Array.from({ length: 20 }, (_, n) => ({
        domain: ['zorg', 'onderwijs', 'werk', 'inburgering'][n % 4],
        addressee: ['rijk', 'provincie', 'ketenpartners', 'maatschappelijk'][n % 4],
        request: text500('Vraag', i * 100 + n),
      })),
    }),
  'eigen-bijdrage': () => validEigenBijdrage({ amountOperatingCosts: 105, monthlyRevenue: 1000 }),
};

const warnings = [
  {
    path: 'regularRealised',
    message: 'Er zijn meer reguliere plaatsen gerealiseerd (120) dan toegezegd (100). Klopt dat?',
  },
  { path: 'ukraineOccupied', message: 'Er zijn meer plaatsen bezet (430) dan er zijn (420). Klopt dat?' },
];

function emailsFor(formId: string, registry: Registry) {
  const round: Round = roundFor(formId, { regions: registry.regions.map((region) => region.id) });
  const current: SubmissionVersion[] = [];
  const drafts: Draft[] = [];
  registry.municipalities.forEach((municipality, i) => {
    if (i % 3 === 2) return;
    if (i % 6 === 1) {
      drafts.push(savedDraft(round, municipality.code));
      return;
    }
    current.push(
      submittedVersion(round, municipality.code, heavy[formId]!(i), {
        version: i % 2 === 0 ? 2 : 1,
        warnings,
      }),
    );
  });
  const province: AggregationScope = { type: 'province', id: registry.provinces[0]!.id };
  // The previous summary saw every municipality at version 1: the even ones are amendments since.
  const previous: AggregationSnapshot = {
    roundId: round.id,
    scope: province,
    takenAt: '2026-11-20T09:00:00.000Z',
    municipalities: Object.fromEntries(
      current.map((v) => [v.municipality, { status: 'ingezonden', version: 1 }]),
    ),
  };
  // The longest trend a summary shows: seven earlier rounds of the form (each a month earlier), in which
  // every municipality that submits now had submitted other figures.
  const earlierRounds = Array.from({ length: trendRoundsLimit - 1 }, (_, n) => {
    const month = String(4 + n).padStart(2, '0');
    const earlier: Round = {
      ...round,
      id: `${round.id}-eerder-${n + 1}`,
      title: `Stand ${month}-2026`,
      referenceDate: `2026-${month}-01`,
      opensAt: `2026-${month}-02T08:00:00.000Z`,
      deadline: `2026-${month}-20T16:00:00.000Z`,
    };
    // Only the round just before is compared answer by answer ("changed since the previous round"): it has
    // the heaviest answers; the trend reads just the figures of the others (and only for voortgang).
    const answers = (i: number): Record<string, unknown> | undefined =>
      n === trendRoundsLimit - 2
        ? heavy[formId]!(i * (n + 2))
        : formId === 'voortgang-opgaven'
          ? validVoortgangOpgaven({ regularCommitted: 500 + i * (n + 2) })
          : undefined;
    return {
      round: earlier,
      current: current.flatMap((version, i) => {
        const given = answers(i);
        return given ? [submittedVersion(earlier, version.municipality, given, { warnings })] : [];
      }),
    };
  });
  const render = (scope: AggregationScope, snapshot?: AggregationSnapshot) =>
    renderSummaryEmail(
      summaryModel({
        round,
        registry,
        scope,
        current,
        drafts,
        previous: snapshot,
        previousRound: earlierRounds.at(-1),
        earlierRounds,
        now,
      }),
      {
        recipientLabel: 'Ontvanger',
        dashboardUrl: 'https://regietafel.example/staf/rondes/ronde',
        attachments: [{ filename: `${formId}_provincie_2026-11-27.csv` }],
      },
    );
  return {
    province: render(province, previous),
    region: render({ type: 'region', id: registry.regions[0]!.id }),
  };
}

const kb = (html: string) => Math.round((Buffer.byteLength(html, 'utf8') / 1024) * 10) / 10;

describe('the size of the summary email', () => {
  const figures: Record<string, Record<string, number>> = {};

  for (const formId of Object.keys(heavy)) {
    it(`stays under 100 KB of HTML for the province at 25 and at 342 municipalities: ${formId}`, () => {
      const small = emailsFor(formId, overijssel);
      const large = emailsFor(formId, nationalRegistry());
      figures[formId] = {
        'provincie, 25 gemeenten (KB)': kb(small.province.html),
        'provincie, 342 gemeenten (KB)': kb(large.province.html),
        'regio (KB)': kb(small.region.html),
        'tekst provincie 342 (KB)': kb(large.province.text),
      };
      expect(kb(small.province.html)).toBeLessThan(100);
      expect(kb(large.province.html)).toBeLessThan(100);
      expect(kb(small.region.html)).toBeLessThan(100);
      // It grows with the regions and the names of who needs chasing, never with a row per municipality:
      // well under 200 bytes per extra municipality (the old email took about 5 KB for each).
      const perMunicipality =
        (Buffer.byteLength(large.province.html) - Buffer.byteLength(small.province.html)) / (342 - 25);
      expect(perMunicipality).toBeLessThan(200);
      // Rendering eight rounds at 342 municipalities twice takes a few seconds on a shared machine.
    }, 30_000);
  }

  it('records the figures the README quotes', () => {
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/summary-sizes.json', `${JSON.stringify(figures, null, 2)}\n`);
    console.log(figures);
    expect(Object.keys(figures)).toHaveLength(3);
  });
});
