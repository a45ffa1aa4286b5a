import { pipeline, type Readable, Readable as ReadableStream } from 'node:stream';
import { stringify } from 'csv-stringify';
import { findForm } from '../../forms/catalogue.js';
import { dutchOrder } from '../../forms/order.js';
import { summaryDate } from '../emails/summary-email.js';
import { type Cell, type CsvDialect, csvOptions, dialects, slug } from './csv-format.js';
import { BadRequest, Forbidden, NotFound } from './errors.js';
import type { ValueStyle } from './export-columns.js';
import { sharesTable, usesShares } from './export-shares.js';
import {
  type Entry,
  type ExportFormat,
  type ExportScope,
  type ExportTable,
  type ExportVersions,
  exportTables,
  mainTable,
  type RowOptions,
  warningsTable,
} from './export-tables.js';
import type { Registry, Round, SubmissionVersion } from './model.js';
import type { Principal } from './policy.js';
import type { Clock, Store } from './ports.js';
import { takesPart } from './registry/membership.js';
import { type ResponseStatus, roundNotVisible, visibleRegions } from './round-status.js';
import { latestRevisions } from './targets/model.js';

/**
 * Staff exports: the stored submissions of a form as spreadsheet files, for the regietafel (its own region)
 * and the province (everything in it): who may export what (`exportScope`), the entries read page by page,
 * the CSV and the file names. What the tables are is export-tables.ts. Nothing here holds more than one
 * round's current versions (at most one per municipality) or one DynamoDB page of versions.
 */

/**
 * What a staff member may export of a form: the rounds of that form (one, or all of them) that cover a
 * region of theirs, each with the municipalities of those regions. Someone who may see none of it gets a
 * 403; an unknown form or round a 404.
 */
export async function exportScope(
  deps: { store: Store },
  input: { principal: Principal; formId: string; roundId?: string; registry?: Registry },
): Promise<ExportScope> {
  const definition = findForm(input.formId);
  if (!definition) throw new NotFound(`Er is geen formulier ‘${input.formId}’.`);
  let rounds: Round[];
  if (input.roundId) {
    const round = await deps.store.getRound(input.roundId);
    if (!round || round.formId !== definition.id) throw roundNotVisible(input.roundId);
    rounds = [round];
  } else {
    rounds = (await deps.store.listRounds()).filter((round) => round.formId === definition.id);
  }
  const registry = input.registry ?? (await deps.store.getRegistry());
  const regionNames = new Map(registry.regions.map((region) => [region.id, region.name]));
  const inScope = rounds.map((round) => {
    const regions = new Set(
      visibleRegions(input.principal, round, registry.regions, 'export:download').map((region) => region.id),
    );
    const municipalities = registry.municipalities
      .filter((municipality) => regions.has(municipality.region) && takesPart(municipality, round))
      .sort((a, b) => dutchOrder(a.region, b.region) || dutchOrder(a.name, b.name));
    return { round, municipalities };
  });
  const visible = inScope.filter((entry) => entry.municipalities.length > 0);
  if (visible.length === 0) {
    if (input.roundId) throw roundNotVisible(input.roundId);
    throw new Forbidden(`Er zijn geen rondes van ‘${definition.title}’ in uw regio of provincie.`);
  }
  const regionName = (id: string) => regionNames.get(id) ?? id;
  if (!usesShares(definition)) return { definition, rounds: visible, regionName };
  // One Query per province in the export: the shares published for each round's reference date.
  const provinceOf = new Map(registry.regions.map((region) => [region.id, region.province]));
  const provinces = new Set(
    visible.flatMap(({ municipalities }) => municipalities.map((m) => provinceOf.get(m.region) ?? '')),
  );
  const targets = latestRevisions(
    (await Promise.all([...provinces].map((province) => deps.store.listTargets(province)))).flat(),
  );
  return {
    definition,
    rounds: visible,
    regionName,
    shares: { targets, provinceOf: (region) => provinceOf.get(region) ?? '' },
  };
}

/**
 * The entries of the export, round by round. `huidige`: every municipality in scope once (also those
 * without a submission), from the round's current versions, read page by page. `alle`: every stored
 * version, streamed page by page in key order (municipality code, then version number); the last version
 * of a municipality is its current one.
 */
async function* entries(store: Store, scope: ExportScope, versions: ExportVersions): AsyncGenerator<Entry> {
  for (const { round, municipalities } of scope.rounds) {
    const visible = new Map(municipalities.map((municipality) => [municipality.code, municipality]));
    if (versions === 'huidige') {
      const current = new Map<string, SubmissionVersion>();
      for await (const page of store.currentPages(round.id, round.formId)) {
        for (const version of page)
          if (visible.has(version.municipality)) current.set(version.municipality, version);
      }
      const drafts = new Set(
        (await store.listDrafts(round.id))
          .filter((draft) => draft.formId === round.formId)
          .map((draft) => draft.municipality),
      );
      for (const municipality of municipalities) {
        const version = current.get(municipality.code);
        const status: ResponseStatus = version
          ? 'ingezonden'
          : drafts.has(municipality.code)
            ? 'concept'
            : 'niets';
        yield { round, municipality, status, version, current: true };
      }
      continue;
    }
    let previous: SubmissionVersion | undefined;
    const entryOf = (version: SubmissionVersion, current: boolean): Entry => ({
      round,
      municipality: visible.get(version.municipality)!,
      status: 'ingezonden',
      version,
      current,
    });
    for await (const page of store.versionPages(round.id, round.formId)) {
      for (const version of page) {
        if (!visible.has(version.municipality)) continue;
        if (previous) yield entryOf(previous, previous.municipality !== version.municipality);
        previous = version;
      }
    }
    if (previous) yield entryOf(previous, true);
  }
}

/** A table's rows, read page by page (what the CSV and the XLSX writer both stream). */
export async function* tableRows(
  store: Store,
  scope: ExportScope,
  table: ExportTable,
  versions: ExportVersions,
  options: RowOptions,
): AsyncGenerator<Cell[]> {
  for await (const entry of entries(store, scope, versions)) yield* table.rows(entry, options);
}

export interface ExportRequest {
  readonly table: string;
  readonly versions: ExportVersions;
  readonly dialect: CsvDialect;
  readonly format: ExportFormat;
  /** Header row: Dutch headers (people) or the stable machine keys (scripts). @default 'nl' */
  readonly header?: 'nl' | 'sleutel';
  /** Choices as their stable code or as the label the official saw. @default 'code' */
  readonly values?: ValueStyle;
}

export interface ExportFile {
  readonly filename: string;
  readonly contentType: string;
  /** The file, produced while it is read. */
  readonly body: Readable;
}

/**
 * `eigen-bijdrage_eb-2026-2_gemeenten_2026-11-27_excel-nl.csv`: form, round (`alle-rondes`), table,
 * `alle-versies`, date, then what kind of file it is — the CSV dialect, `sleutels` for machine-key headers,
 * `labels` for choices as labels — so two different exports never download under the same name.
 */
export function exportFilename(
  scope: ExportScope,
  request: Pick<ExportRequest, 'versions' | 'format' | 'header' | 'values'> & {
    table?: string;
    dialect?: CsvDialect;
  },
  now: Date,
): string {
  const rounds = scope.rounds.length === 1 ? scope.rounds[0]!.round.id : 'alle-rondes';
  const pieces = [
    scope.definition.id,
    rounds,
    ...(request.table ? [tableSlug(scope, request.table)] : []),
    ...(request.versions === 'alle' ? ['alle-versies'] : []),
    summaryDate(now.toISOString()),
    ...(request.format === 'csv' ? [request.dialect ?? 'excel-nl'] : []),
    ...(request.header === 'sleutel' ? ['sleutels'] : []),
    ...(request.values === 'label' ? ['labels'] : []),
  ];
  return `${pieces.join('_')}.${request.format}`;
}

/**
 * A repeated group's table in a file name by its Dutch name, as the dashboard's button and the XLSX sheet
 * call it (`opvanglocaties`, not the group's key `locations`; csv-format.ts's `slug`). The form's own tables keep their Dutch keys (`gemeenten`, `aandelen` — as the summary's
 * attachment names it —, `waarschuwingen`), and a name another table of the form has falls back to the key,
 * so two exports never download under the same name.
 */
function tableSlug(scope: ExportScope, key: string): string {
  const own = [mainTable, sharesTable, warningsTable];
  if (own.includes(key)) return key;
  const names = exportTables(scope.definition, scope.regionName, scope.shares).map((table) => ({
    key: table.key,
    name: own.includes(table.key) ? table.key : slug(table.title),
  }));
  const name = names.find((table) => table.key === key)?.name;
  return name && names.filter((table) => table.name === name).length === 1 ? name : key;
}

/** The table `tabel` names; 400 naming the parameter when the form has no such table (any format). */
export function tableOf(scope: ExportScope, key: string): ExportTable {
  const tables = exportTables(scope.definition, scope.regionName, scope.shares);
  const table = tables.find((candidate) => candidate.key === key);
  if (!table) {
    throw new BadRequest(
      `tabel: de tabel ‘${key}’ bestaat niet bij ‘${scope.definition.title}’. Kies uit: ${tables.map((t) => t.key).join(', ')}.`,
    );
  }
  return table;
}

/** The header row: the Dutch column names, or the machine keys (`kop=sleutel`). */
export const headerRow = (table: ExportTable, header: ExportRequest['header']) =>
  table.columns.map((column) => (header === 'sleutel' ? column.key : column.header));

/**
 * One table as CSV, streamed: rows are read page by page from the store and written by csv-stringify's
 * stream API, so memory stays flat however many rounds and versions the export covers.
 */
export function csvExport(
  deps: { store: Store; clock: Clock },
  scope: ExportScope,
  request: Omit<ExportRequest, 'format'>,
): ExportFile {
  const table = tableOf(scope, request.table);
  const dialect = dialects[request.dialect];
  const options: RowOptions = { timestamp: dialect.timestamp, values: request.values ?? 'code' };
  async function* records(): AsyncGenerator<Cell[]> {
    yield headerRow(table, request.header);
    yield* tableRows(deps.store, scope, table, request.versions, options);
  }
  const body = pipeline(ReadableStream.from(records()), stringify(csvOptions(dialect, table.money)), () => {
    // Errors reach the reader of `body` (pipeline destroys it with the error).
  });
  return {
    filename: exportFilename(scope, { ...request, format: 'csv' }, deps.clock.now()),
    contentType: 'text/csv; charset=utf-8',
    body,
  };
}
