import { stringify } from 'csv-stringify/sync';
import { dutchOrder } from '../../forms/order.js';
import type {
  AreaPlaces,
  LocationStanding,
  MunicipalityPlaces,
  PlacesAvailable,
} from './aggregation/places-available.js';
import {
  blankIfNull,
  type Cell,
  type CsvColumnDescription,
  type CsvDialect,
  csvOptions,
  dialects,
} from './csv-format.js';

/**
 * The export of places on a date, in both CSV dialects (csv-format.ts), as two tables:
 *
 * - `gebieden`: one row per municipality (one that did not submit: its share, empty figures, Ingezonden 0),
 *   by region and name, then per region and for the province, with the task,
 *   the places guaranteed and with intentions, each as a percentage of the task, and what was there at
 *   the window's start already — the figures of the page and of the province's summary;
 * - `locaties`: one row per asylum location of a reporting municipality, with where it stands in the
 *   window and whether it counts, so every figure can be checked by hand.
 *
 * Dutch headers (people open these in a spreadsheet; the keys below are for code that reads them back).
 * Dates are ISO (`2025-07-01`); percentages are numbers with one decimal (`61,1` in the Excel dialect).
 * Pure: no I/O, no clock.
 */

export type PlacesTable = 'gebieden' | 'locaties';
export const placesTables: readonly PlacesTable[] = ['gebieden', 'locaties'];

export const placesAreaColumns: readonly CsvColumnDescription[] = [
  { key: 'niveau', header: 'Niveau' },
  { key: 'code', header: 'Code' },
  { key: 'naam', header: 'Naam' },
  { key: 'regio', header: 'Regio' },
  { key: 'gemeenten', header: 'Gemeenten' },
  { key: 'ingezonden', header: 'Ingezonden' },
  { key: 'taak', header: 'Taak (plaatsen)' },
  { key: 'gegarandeerd', header: 'Gegarandeerd' },
  { key: 'gegarandeerd_pct', header: 'Gegarandeerd (% van de taak)' },
  { key: 'inclusief_voornemens', header: 'Inclusief voornemens' },
  { key: 'inclusief_voornemens_pct', header: 'Inclusief voornemens (% van de taak)' },
  { key: 'bij_begin', header: 'Waarvan al beschikbaar bij het begin' },
  { key: 'periode_van', header: 'Periode van' },
  { key: 'periode_tot', header: 'Periode tot en met' },
];

export const placesLocationColumns: readonly CsvColumnDescription[] = [
  { key: 'gemeente_code', header: 'Gemeentecode' },
  { key: 'gemeente', header: 'Gemeente' },
  { key: 'regio', header: 'Regio' },
  { key: 'versie', header: 'Versie' },
  { key: 'nr', header: 'Nr' },
  { key: 'locatie', header: 'Locatie' },
  { key: 'capaciteit', header: 'Capaciteit' },
  { key: 'fase', header: 'Fase' },
  { key: 'beschikbaar_vanaf', header: 'Beschikbaar vanaf' },
  { key: 'beschikbaar_tot', header: 'Beschikbaar tot en met' },
  { key: 'telt_mee', header: 'Telt mee' },
  { key: 'gegarandeerd', header: 'Gegarandeerd' },
  { key: 'stand', header: 'Stand in de periode' },
];

/** Where a location stands in the window, in words (page and export). */
export const standingLabels: Record<LocationStanding, string> = {
  'from-start': 'al beschikbaar bij het begin',
  during: 'komt tijdens de periode',
  'too-late': 'pas na de periode beschikbaar',
  'ends-early': 'stopt voor het einde van de periode',
};

const yesNo = (value: boolean) => (value ? 'ja' : 'nee');
function areaRow(area: AreaPlaces, regionName: string, places: PlacesAvailable): Cell[] {
  return [
    area.type === 'region' ? 'regio' : 'provincie',
    area.id,
    area.name,
    regionName,
    area.municipalities,
    area.reported,
    blankIfNull(area.task),
    area.guaranteed,
    blankIfNull(area.guaranteedPercent),
    area.withIntentions,
    blankIfNull(area.withIntentionsPercent),
    area.fromStart,
    places.window.from,
    places.window.until,
  ];
}

/** A municipality's row; one that did not submit has its share and empty figures (Ingezonden 0). */
function municipalityRow(
  m: MunicipalityPlaces | PlacesAvailable['notReported'][number],
  regionName: string,
  places: PlacesAvailable,
): Cell[] {
  const figures: Cell[] =
    'locations' in m
      ? [
          m.guaranteed,
          blankIfNull(m.guaranteedPercent),
          m.withIntentions,
          blankIfNull(m.withIntentionsPercent),
          m.fromStart,
        ]
      : ['', '', '', '', ''];
  return [
    'gemeente',
    m.code,
    m.name,
    regionName,
    1,
    'locations' in m ? 1 : 0,
    blankIfNull(m.task),
    ...figures,
    places.window.from,
    places.window.until,
  ];
}

export function placesCsv(
  places: PlacesAvailable,
  table: PlacesTable,
  dialect: CsvDialect = 'excel-nl',
): string {
  const regionName = (id: string) => places.regions.find((region) => region.id === id)?.name ?? id;
  const regionOrder = (id: string) => places.regions.findIndex((region) => region.id === id);
  const columns = table === 'gebieden' ? placesAreaColumns : placesLocationColumns;
  const rows: Cell[][] =
    table === 'gebieden'
      ? [
          ...[...places.municipalities, ...places.notReported]
            .sort((a, b) => regionOrder(a.region) - regionOrder(b.region) || dutchOrder(a.name, b.name))
            .map((m) => municipalityRow(m, regionName(m.region), places)),
          ...places.regions.map((region) => areaRow(region, region.name, places)),
          ...(places.province ? [areaRow(places.province, '', places)] : []),
        ]
      : places.municipalities.flatMap((m) =>
          m.locations.map((location, index): Cell[] => [
            m.code,
            m.name,
            regionName(m.region),
            m.version,
            index + 1,
            location.name,
            location.capacity,
            location.phaseLabel,
            location.availableFrom ?? '',
            location.availableUntil ?? '',
            yesNo(location.counts),
            yesNo(location.guaranteed),
            standingLabels[location.standing],
          ]),
        );
  return stringify([columns.map((column) => column.header), ...rows], csvOptions(dialects[dialect], []));
}

/** `plaatsen_overijssel-2026-q4_provincie-overijssel_2025-07-01_2026-02-01_gebieden_excel-nl.csv`. */
export function placesFilename(places: PlacesAvailable, table: PlacesTable, dialect: CsvDialect): string {
  const scope = `${places.scope.type === 'region' ? 'regio' : 'provincie'}-${places.scope.id}`;
  return `plaatsen_${places.roundId}_${scope}_${places.window.from}_${places.window.until}_${table}_${dialect}.csv`;
}
