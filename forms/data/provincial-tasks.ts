/**
 * The provincial asylum task under the Spreidingswet, per cycle and province: the number of reception
 * places the municipalities of a province together must provide, of which places for unaccompanied minors
 * (AMV). Data, not code: a new cycle or another province is one more row. Sources in ../shared/DOMAIN.md
 * (Stb. 2024, 12 and 13; nieuws.nl 2024-02-01; the CdK's provincial report of 1 November 2024).
 */
export interface ProvincialTask {
  /** Registry id of the province, e.g. `overijssel`. */
  readonly province: string;
  /** Name of the Spreidingswet cycle, e.g. `2024-2026`. */
  readonly cycle: string;
  /** ISO date from which this task applies; it holds until the province's next cycle starts. */
  readonly effectiveFrom: string;
  /** All places, regular and AMV together. */
  readonly places: number;
  /** Of which places for unaccompanied minors (alleenstaande minderjarige vreemdelingen). */
  readonly amvPlaces: number;
  /** The figures that come from a single secondary source and still need confirming. */
  readonly toConfirm?: readonly ('places' | 'amvPlaces')[];
  /** Where the figures come from. */
  readonly source: string;
}

export const provincialTasks: readonly ProvincialTask[] = [
  {
    province: 'overijssel',
    cycle: '2024-2026',
    effectiveFrom: '2024-02-01',
    places: 6325,
    amvPlaces: 538,
    toConfirm: ['amvPlaces'],
    source: 'Spreidingswet, eerste cyclus (taak gepubliceerd 1 februari 2024); AMV-aantal nog te bevestigen',
  },
];

/**
 * The task of a province in force on a date (a round's reference date): the latest cycle that started on
 * or before it, or undefined when the province has none yet.
 */
export function provincialTaskOn(
  province: string,
  isoDate: string,
  tasks: readonly ProvincialTask[] = provincialTasks,
): ProvincialTask | undefined {
  return [...tasks]
    .filter((task) => task.province === province && task.effectiveFrom <= isoDate)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .at(-1);
}
