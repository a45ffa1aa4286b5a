import { describe, expect, it } from 'vitest';
import {
  locationStanding,
  type PlacesAvailable,
  placesAvailable,
} from '../../functions/core/aggregation/places-available.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import {
  asylumTargets,
  published,
  roundFor,
  submittedVersion as version,
} from '../support/aggregation-fixtures.js';
import { validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * Places on a date, worked out by hand. The fixture is built so that the province's figures are the ones
 * the Commissaris van de Koning reported on 1 November 2024 for 1 July 2025 – 1 February 2026: 3.864 places
 * guaranteed (61 % of 6.325) and 5.699 with plans and intentions (90 %).
 */

const round = roundFor('voortgang-opgaven');
const now = new Date('2026-11-27T09:00:00.000Z');
const spreidingswet = { from: '2025-07-01', until: '2026-02-01' };

type Location = {
  name: string;
  capacity: number;
  phase: string;
  availableFrom: string;
  availableUntil?: string;
};
const at = (
  name: string,
  capacity: number,
  phase: string,
  availableFrom: string,
  availableUntil?: string,
): Location => ({ name, capacity, phase, availableFrom, ...(availableUntil ? { availableUntil } : {}) });

/**
 * The published shares (regular + AMV) of the seven that report; every other municipality 200 + 17. Region
 * tasks: IJsselland 778 + 435 + 195 + 163 + 7 × 217 = 3.090; Twente 638 + 434 + 358 + 11 × 217 = 3.817.
 */
const targets = published(
  asylumTargets({
    GM0193: [717, 61],
    GM0150: [400, 35],
    GM0166: [180, 15],
    GM0177: [150, 13],
    GM0153: [584, 54],
    GM0164: [400, 34],
    GM0141: [330, 28],
  }),
);

const answers = (locations: Location[]) =>
  validVoortgangOpgaven({ asylumLocations: locations.map((location) => ({ type: 'azc', ...location })) });

const current = [
  // IJsselland. Zwolle: 700 there from the start (operationeel), 400 intended during the window.
  version(
    round,
    'GM0193',
    answers([
      at('Hanzelaan', 700, 'operationeel', '2024-01-01', '2034-01-01'),
      at('Stadshagen', 400, 'voornemen', '2025-10-01'),
    ]),
  ),
  // Deventer: 500 in the zoning procedure, during the window; 200 emergency places that close before its end.
  version(
    round,
    'GM0150',
    answers([
      at('Zuidbroek', 500, 'ruimtelijke-procedure', '2025-12-01'),
      at('Noodopvang sporthal', 200, 'operationeel', '2025-01-01', '2025-10-01'),
    ]),
  ),
  // Kampen: 764 decided, available on the window's last day exactly (it counts).
  version(round, 'GM0166', answers([at('IJsselmuiden', 764, 'besluit', '2026-02-01')])),
  // Raalte: 700 intended from before the window; 300 intended only after it (does not count).
  version(
    round,
    'GM0177',
    answers([
      at('Heino', 700, 'voornemen', '2025-05-01'),
      at('Raalte-Noord', 300, 'voornemen', '2026-06-01'),
    ]),
  ),
  // Twente. Enschede: 600 being built and 300 decided, both during the window.
  version(
    round,
    'GM0153',
    answers([at('Usselo', 600, 'realisatie', '2025-09-01'), at('Boekelo', 300, 'besluit', '2026-01-15')]),
  ),
  // Hengelo: 735 intended from the window's first day; 450 decided but only after the window.
  version(
    round,
    'GM0164',
    answers([
      at('Hasseler Es', 735, 'voornemen', '2025-07-01'),
      at('Tuindorp', 450, 'besluit', '2026-03-01'),
    ]),
  ),
  // Almelo: 1.000 operational for years.
  version(round, 'GM0141', answers([at('Schelfhorst', 1000, 'operationeel', '2023-05-01')])),
];

function province(window = spreidingswet): PlacesAvailable {
  return placesAvailable({
    round,
    registry: overijssel,
    scope: { type: 'province', id: 'overijssel' },
    current,
    window,
    now,
    targets,
  });
}

describe('places on a date', () => {
  it('reproduces the provincial report: 3.864 guaranteed (61,1 %), 5.699 with intentions (90,1 %)', () => {
    const result = province();
    // Guaranteed (besluit or further, counted): Zwolle 700 + Deventer 500 + Kampen 764 + Enschede 600 + 300
    // + Almelo 1.000 = 3.864. Intentions counted: Zwolle 400 + Raalte 700 + Hengelo 735 = 1.835;
    // 3.864 + 1.835 = 5.699. Against 6.325: 3.864 / 6.325 = 61,09 % → 61,1; 5.699 / 6.325 = 90,10 % → 90,1.
    expect(result.province).toMatchObject({
      task: 6325,
      municipalities: 25,
      reported: 7,
      guaranteed: 3864,
      withIntentions: 5699,
      guaranteedPercent: 61.1,
      withIntentionsPercent: 90.1,
    });
  });

  it('splits the figures per region, against the region’s task from the aggregation', () => {
    const [ijsselland, twente] = province().regions;
    // IJsselland: guaranteed 700 + 500 + 764 = 1.964; with intentions + 400 + 700 = 3.064; there from the
    // start: Zwolle 700 + Raalte 700 = 1.400. Task: the shares of all eleven, 3.090: 1.964 / 3.090 = 63,6 %,
    // 3.064 / 3.090 = 99,2 %.
    expect(ijsselland).toMatchObject({
      id: 'ijsselland',
      municipalities: 11,
      reported: 4,
      task: 3090,
      guaranteed: 1964,
      withIntentions: 3064,
      fromStart: 1400,
      guaranteedPercent: 63.6,
      withIntentionsPercent: 99.2,
    });
    // Twente: guaranteed 600 + 300 + 1.000 = 1.900; with intentions + 735 = 2.635; from the start: Almelo
    // 1.000 + Hengelo 735 = 1.735. Task 3.817: 1.900 / 3.817 = 49,8 %, 2.635 / 3.817 = 69,0 %.
    expect(twente).toMatchObject({
      id: 'twente',
      municipalities: 14,
      reported: 3,
      task: 3817,
      guaranteed: 1900,
      withIntentions: 2635,
      fromStart: 1735,
      guaranteedPercent: 49.8,
      withIntentionsPercent: 69,
    });
  });

  it('lists every location with why it does or does not count', () => {
    const deventer = province().municipalities.find((m) => m.code === 'GM0150')!;
    expect(deventer.locations.map((l) => [l.name, l.standing, l.counts, l.guaranteed])).toEqual([
      ['Zuidbroek', 'during', true, true],
      ['Noodopvang sporthal', 'ends-early', false, true],
    ]);
    const hengelo = province().municipalities.find((m) => m.code === 'GM0164')!;
    expect(hengelo).toMatchObject({ guaranteed: 0, withIntentions: 735, fromStart: 735 });
    expect(hengelo.locations[1]).toMatchObject({
      name: 'Tuindorp',
      standing: 'too-late',
      phaseLabel: 'Besluit (college of raad)',
    });
  });

  it('moves with the window', () => {
    // Ending on 31 December 2025 drops Kampen's 764 (from 1 February) and Enschede's 300 (from 15 January):
    // guaranteed 3.864 − 764 − 300 = 2.800 (44,3 %); with intentions 5.699 − 1.064 = 4.635 (73,3 %).
    expect(province({ from: '2025-07-01', until: '2025-12-31' }).province).toMatchObject({
      guaranteed: 2800,
      withIntentions: 4635,
      guaranteedPercent: 44.3,
      withIntentionsPercent: 73.3,
    });
  });

  it('gives a region only its own municipalities, and no provincial row', () => {
    const twente = placesAvailable({
      round,
      registry: overijssel,
      scope: { type: 'region', id: 'twente' },
      current,
      window: spreidingswet,
      now,
    });
    expect(twente.province).toBeNull();
    expect(twente.regions).toHaveLength(1);
    expect(twente.municipalities.map((m) => m.name)).toEqual(['Almelo', 'Enschede', 'Hengelo']);
  });

  it('places a location by its dates: the window’s days are included, no end date is for good', () => {
    const w = spreidingswet;
    expect(locationStanding(w, '2025-07-01', null)).toBe('from-start');
    expect(locationStanding(w, '2025-07-02', null)).toBe('during');
    expect(locationStanding(w, '2026-02-01', '2026-02-01')).toBe('during');
    expect(locationStanding(w, '2026-02-02', null)).toBe('too-late');
    expect(locationStanding(w, '2024-01-01', '2026-01-31')).toBe('ends-early');
  });

  it('refuses a round of another form', () => {
    expect(() =>
      placesAvailable({
        round: roundFor('eigen-bijdrage'),
        registry: overijssel,
        scope: { type: 'province', id: 'overijssel' },
        current: [],
        window: spreidingswet,
        now,
      }),
    ).toThrow(/geen asiellocaties/);
  });
});
