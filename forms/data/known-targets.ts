import type { FigureStatus } from '../definition.js';

/**
 * The published targets known from public sources, as seed data (../shared/DOMAIN.md: Stb. 2024, 12 and 13;
 * nieuws.nl 2024-02-01; the CdK's provincial report of 1 November 2024). Staff publish the real figures on
 * `/staf/taakstellingen` (or `npm run admin -- import-targets`); this file only seeds a table that has none,
 * so a local run and a fresh deployment start from what is known. Figures from a single secondary source
 * are marked `te-bevestigen`.
 */
export interface KnownAsylumTargets {
  readonly province: string;
  readonly cycle: string;
  readonly effectiveFrom: string;
  /** The provincial task: all places (regular and AMV together), of which AMV. */
  readonly task: { readonly places: number; readonly amvPlaces: number; readonly status: FigureStatus };
  /** Municipalities whose indicative share (all places) is known. */
  readonly shares: readonly {
    readonly municipality: string;
    readonly places: number;
    readonly status: FigureStatus;
  }[];
  readonly source: string;
}

export const knownAsylumTargets: readonly KnownAsylumTargets[] = [
  {
    province: 'overijssel',
    cycle: '2024-2026',
    effectiveFrom: '2024-02-01',
    task: { places: 6325, amvPlaces: 538, status: 'te-bevestigen' },
    shares: [
      { municipality: 'GM0193', places: 717, status: 'te-bevestigen' }, // Zwolle
      { municipality: 'GM0153', places: 638, status: 'te-bevestigen' }, // Enschede
    ],
    source:
      'Spreidingswet, eerste cyclus (provinciale taak gepubliceerd 1 februari 2024); AMV-aantal en de aandelen van Zwolle en Enschede nog te bevestigen',
  },
];
