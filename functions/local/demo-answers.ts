import type { Municipality } from '../core/model.js';
import { halfYearOf } from './demo-targets.js';

/**
 * The answers `npm run demo` submits per form, first and amended: realistic, clearly labelled DEMO figures,
 * the same on every run (derived from the municipality's code). A form without an entry here is skipped by
 * the demo; `test/unit/demo-answers.test.ts` holds every entry against its form's definition, so a field
 * added to a form tells you here, not in a demo that silently submits nothing.
 */

/** A small deterministic number from a municipality code, so every run gives the same demo figures. */
export function figure(code: string, salt: number, min: number, max: number): number {
  let hash = salt;
  for (const char of code) hash = (hash * 31 + char.charCodeAt(0)) % 100_003;
  return min + (hash % (max - min + 1));
}

function contact(municipality: Municipality) {
  return {
    contactName: `DEMO – coördinator ${municipality.name}`,
    contactEmail: municipality.contacts[0] ?? `demo@${municipality.code.toLowerCase()}.example`,
  };
}

export const answersFor: Record<string, (m: Municipality, amended: boolean) => Record<string, unknown>> = {
  'eigen-bijdrage': (m, amended) => {
    const collects = figure(m.code, 1, 0, 9) > 1;
    const adults = figure(m.code, 2, 8, 90) + (amended ? 5 : 0);
    return collects
      ? {
          collects: true,
          collectingSince: `2024-${String(figure(m.code, 3, 7, 12)).padStart(2, '0')}-01`,
          scheduleApplied: '2025-10-01',
          amountOperatingCosts: figure(m.code, 4, 0, 9) === 0 ? 105 : 244.22,
          amountCatering: 252.18,
          incomeVerification: (['eigen-verklaring', 'uwv', 'beide'] as const)[figure(m.code, 5, 0, 2)],
          executedBy: 'gemeente',
          locations: [
            {
              name: `DEMO Opvang ${m.name}`,
              capacity: adults * 2,
              catering: figure(m.code, 6, 0, 1) === 1,
              residents: adults * 2 - 4,
            },
          ],
          adultsFull: adults,
          adultsPartial: figure(m.code, 7, 0, 20),
          adultsCustom: figure(m.code, 8, 0, 3),
          monthlyRevenue: Math.round(adults * 244.22 * 0.9 * 100) / 100,
          remarks: 'DEMO-gegevens, niet echt.',
          ...contact(m),
        }
      : { collects: false, locations: [], remarks: 'DEMO-gegevens, niet echt.', ...contact(m) };
  },
  'sociaal-domein': (m, amended) => ({
    careSituation: 'DEMO: wachtlijsten bij de huisarts voor nieuwkomers.',
    withoutGp: figure(m.code, 11, 0, 40),
    pupilsPrimary: figure(m.code, 12, 5, 120),
    pupilsSecondary: figure(m.code, 13, 2, 60),
    pupilsWaiting: figure(m.code, 14, 0, 15) + (amended ? 3 : 0),
    intakesStarted: figure(m.code, 15, 10, 80),
    intakesFinished: figure(m.code, 16, 5, 60),
    bottlenecks: [
      {
        domain: (['zorg', 'onderwijs', 'werk', 'inburgering'] as const)[figure(m.code, 17, 0, 3)],
        description: 'DEMO: te weinig capaciteit.',
        severity: (['beperkt', 'aanzienlijk', 'ernstig'] as const)[figure(m.code, 18, 0, 2)],
      },
    ],
    supportRequests: [
      {
        domain: 'onderwijs',
        addressee: (['rijk', 'provincie', 'ketenpartners', 'maatschappelijke-organisaties'] as const)[
          figure(m.code, 19, 0, 3)
        ],
        request: 'DEMO: extra middelen voor nieuwkomersonderwijs.',
      },
    ],
    ...contact(m),
  }),
  'voortgang-opgaven': (m, amended) => {
    // The share itself is published data (seeded, see demo-targets.ts); the demo commits a part of a
    // figure of the same size, so the progress bars have something to show.
    const share = figure(m.code, 21, 80, 720);
    const committed = Math.round(share * (figure(m.code, 22, 40, 110) / 100));
    return {
      regularCommitted: committed,
      regularRealised: Math.round(committed * (figure(m.code, 23, 20, 90) / 100)) + (amended ? 10 : 0),
      amvCommitted: Math.round(share * 0.07),
      amvRealised: Math.round(share * 0.04),
      asylumLocations: [
        {
          name: `DEMO Locatie ${m.name}`,
          type: 'azc',
          capacity: committed,
          availableFrom: '2025-07-01',
          phase: (['voornemen', 'besluit', 'ruimtelijke-procedure', 'realisatie', 'operationeel'] as const)[
            figure(m.code, 24, 0, 4)
          ],
        },
      ],
      ukraineCapacity: figure(m.code, 25, 20, 400),
      ukraineOccupied: figure(m.code, 26, 10, 380),
      housing: [
        {
          period: halfYearOf(new Date()),
          task: figure(m.code, 27, 10, 120),
          backlog: figure(m.code, 28, -5, 30),
          housed: figure(m.code, 29, 5, 110),
          ibtColour: (['groen', 'oranje', 'rood'] as const)[figure(m.code, 30, 0, 2)],
        },
      ],
      ...contact(m),
    };
  },
};
