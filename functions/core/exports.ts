import { pipeline, type Readable, Readable as ReadableStream } from 'node:stream';
import { stringify } from 'csv-stringify';
import writeXlsxFile, { type Sheet, type Cell as XlsxCell } from 'write-excel-file/node';
import { findForm } from '../../forms/catalogue.js';
import {
  type Answers,
  type CsvColumn,
  csvColumns,
  csvGroupColumns,
  type FormDefinition,
  repeatGroups,
} from '../../forms/definition.js';
import { summaryDate } from '../emails/summary-email.js';
import {
  type Cell,
  type CsvColumnDescription,
  type CsvDialect,
  csvOptions,
  dialects,
  moneyColumns,
} from './csv-format.js';
import { BadRequest, Forbidden, NotFound } from './errors.js';
import type { Municipality, Registry, Round, SubmissionVersion } from './model.js';
import type { Principal } from './policy.js';
import type { Clock, Store } from './ports.js';
import { takesPart } from './registry/membership.js';
import { type ResponseStatus, roundNotVisible, visibleRegions } from './round-status.js';

/**
 * Staff exports: the stored submissions of a form as spreadsheet files, for the regietafel (its own region)
 * and the province (everything in it). Pure table logic plus page-by-page reading: nothing here holds more
 * than one round's current versions (at most one per municipality) or one DynamoDB page of versions.
 *
 * Tables of a form (each its own CSV, or a sheet of the XLSX):
 * - `gemeenten`: one row per municipality and round (current versions), or per stored version (`alle`);
 * - one long-format table per repeated group (asylum locations, bottlenecks, support requests …): one row
 *   per item, keyed by municipality, round and version, so nothing is squeezed into one cell;
 * - `waarschuwingen`: the plausibility warnings the official saw, one row per warning.
 *
 * Every table starts with the same key columns (gemeente_code, gemeente, regio, ronde), so the files join
 * on them in a spreadsheet or a script. The answer columns come from the form definition (`csvColumns`):
 * stable machine keys (exported as `columns` with each table) and Dutch headers.
 */

export type ExportVersions = 'huidige' | 'alle';
export type ExportFormat = 'csv' | 'xlsx';

export const mainTable = 'gemeenten';
export const warningsTable = 'waarschuwingen';

export interface ExportScope {
  readonly definition: FormDefinition;
  /** The rounds in the export, each with the municipalities the principal may see (by region, then name). */
  readonly rounds: readonly { readonly round: Round; readonly municipalities: readonly Municipality[] }[];
  readonly regionName: (id: string) => string;
}

/** One municipality's entry in the export: its version (current or one of all), or nothing submitted. */
interface Entry {
  readonly round: Round;
  readonly municipality: Municipality;
  readonly status: ResponseStatus;
  readonly version?: SubmissionVersion;
  /** Whether `version` is the municipality's current (latest) one. */
  readonly current: boolean;
}

export interface ExportTable {
  readonly key: string;
  /** Dutch name: the sheet name in the XLSX and the button on the dashboard. */
  readonly title: string;
  readonly columns: readonly CsvColumnDescription[];
  /** Per column: an amount in euro (two decimals). */
  readonly money: readonly boolean[];
  readonly rows: (entry: Entry, timestamp: (iso: string) => string) => Cell[][];
}

const keyColumns: readonly CsvColumnDescription[] = [
  { key: 'gemeente_code', header: 'Gemeentecode' },
  { key: 'gemeente', header: 'Gemeente' },
  { key: 'regio', header: 'Regio' },
  { key: 'ronde', header: 'Ronde' },
];

const mainLeading: readonly CsvColumnDescription[] = [
  ...keyColumns,
  { key: 'status', header: 'Status' },
  { key: 'versie', header: 'Versie' },
  { key: 'huidige_versie', header: 'Huidige versie' },
  { key: 'ingezonden_op', header: 'Ingezonden op' },
  { key: 'te_laat', header: 'Te laat' },
  { key: 'waarschuwingen', header: 'Waarschuwingen' },
];

const itemLeading: readonly CsvColumnDescription[] = [
  ...keyColumns,
  { key: 'versie', header: 'Versie' },
  { key: 'nr', header: 'Nr.' },
];

const describe = (columns: readonly CsvColumn[]) => columns.map(({ key, header }) => ({ key, header }));

/** The tables of a form, in order: gemeenten, one per repeated group, waarschuwingen. */
export function exportTables(definition: FormDefinition, regionName: (id: string) => string): ExportTable[] {
  const keys = (entry: Entry): Cell[] => [
    entry.municipality.code,
    entry.municipality.name,
    regionName(entry.municipality.region),
    entry.round.id,
  ];
  const fields = csvColumns(definition);
  const main: ExportTable = {
    key: mainTable,
    title: 'Gemeenten',
    columns: [...mainLeading, ...describe(fields)],
    money: [...mainLeading.map(() => false), ...moneyColumns(definition, fields)],
    rows: (entry, timestamp) => {
      const version = entry.version;
      if (!version) return [[...keys(entry), entry.status, '', '', '', '', '', ...fields.map(() => '')]];
      return [
        [
          ...keys(entry),
          entry.status,
          version.version,
          entry.current ? 'ja' : 'nee',
          timestamp(version.submittedAt),
          version.late ? 'ja' : 'nee',
          version.warnings?.length ?? 0,
          ...fields.map((column) => column.value(version.answers)),
        ],
      ];
    },
  };
  const groups = repeatGroups(definition).map((group): ExportTable => {
    const columns = csvGroupColumns(group);
    return {
      key: group.key,
      title: group.label,
      columns: [...itemLeading, ...describe(columns)],
      money: [...itemLeading.map(() => false), ...moneyColumns(definition, columns, group.key)],
      rows: (entry) => {
        const version = entry.version;
        if (!version) return [];
        const items = Array.isArray(version.answers[group.key])
          ? (version.answers[group.key] as Answers[])
          : [];
        return items.map((item, index) => [
          ...keys(entry),
          version.version,
          index + 1,
          ...columns.map((column) => column.value(item)),
        ]);
      },
    };
  });
  const warnings: ExportTable = {
    key: warningsTable,
    title: 'Waarschuwingen',
    columns: [...itemLeading, { key: 'veld', header: 'Veld' }, { key: 'melding', header: 'Melding' }],
    money: [...itemLeading.map(() => false), false, false],
    rows: (entry) =>
      (entry.version?.warnings ?? []).map((warning, index) => [
        ...keys(entry),
        entry.version!.version,
        index + 1,
        warning.path,
        warning.message,
      ]),
  };
  return [main, ...groups, warnings];
}

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
      .sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name, 'nl'));
    return { round, municipalities };
  });
  const visible = inScope.filter((entry) => entry.municipalities.length > 0);
  if (visible.length === 0) {
    if (input.roundId) throw roundNotVisible(input.roundId);
    throw new Forbidden(`Er zijn geen rondes van ‘${definition.title}’ in uw regio of provincie.`);
  }
  return { definition, rounds: visible, regionName: (id) => regionNames.get(id) ?? id };
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

async function* tableRows(
  store: Store,
  scope: ExportScope,
  table: ExportTable,
  versions: ExportVersions,
  timestamp: (iso: string) => string,
): AsyncGenerator<Cell[]> {
  for await (const entry of entries(store, scope, versions)) yield* table.rows(entry, timestamp);
}

export interface ExportRequest {
  readonly table: string;
  readonly versions: ExportVersions;
  readonly dialect: CsvDialect;
  readonly format: ExportFormat;
  /** Header row: Dutch headers (people) or the stable machine keys (scripts). @default 'nl' */
  readonly header?: 'nl' | 'sleutel';
}

export interface ExportFile {
  readonly filename: string;
  readonly contentType: string;
  /** The file, produced while it is read. */
  readonly body: Readable;
}

/** `eigen-bijdrage_eb-2026-2_gemeenten_2026-11-27.csv`; all rounds: `…_alle-rondes_…`; `_alle-versies`. */
export function exportFilename(
  scope: ExportScope,
  request: Pick<ExportRequest, 'versions' | 'format'> & { table?: string },
  now: Date,
): string {
  const rounds = scope.rounds.length === 1 ? scope.rounds[0]!.round.id : 'alle-rondes';
  const pieces = [
    scope.definition.id,
    rounds,
    ...(request.table ? [request.table] : []),
    ...(request.versions === 'alle' ? ['alle-versies'] : []),
    summaryDate(now.toISOString()),
  ];
  return `${pieces.join('_')}.${request.format}`;
}

/** The table `tabel` names; 400 naming the parameter when the form has no such table (any format). */
export function tableOf(scope: ExportScope, key: string): ExportTable {
  const tables = exportTables(scope.definition, scope.regionName);
  const table = tables.find((candidate) => candidate.key === key);
  if (!table) {
    throw new BadRequest(
      `tabel: de tabel ‘${key}’ bestaat niet bij ‘${scope.definition.title}’. Kies uit: ${tables.map((t) => t.key).join(', ')}.`,
    );
  }
  return table;
}

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
  async function* records(): AsyncGenerator<Cell[]> {
    yield table.columns.map((column) => (request.header === 'sleutel' ? column.key : column.header));
    yield* tableRows(deps.store, scope, table, request.versions, dialect.timestamp);
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

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/**
 * Every table of the export as one workbook, a sheet per table (write-excel-file). A workbook is a zip
 * that is written at the end, so it is built in memory: meant for a round, not for every version of every
 * round (CSV streams those).
 */
export async function xlsxExport(
  deps: { store: Store; clock: Clock },
  scope: ExportScope,
  request: Pick<ExportRequest, 'versions'>,
): Promise<ExportFile> {
  const sheets: Sheet<never>[] = [];
  const timestamp = dialects['excel-nl'].timestamp;
  for (const table of exportTables(scope.definition, scope.regionName)) {
    const data: XlsxCell[][] = [
      table.columns.map((column) => ({ value: column.header, fontWeight: 'bold' })),
    ];
    for await (const row of tableRows(deps.store, scope, table, request.versions, timestamp)) {
      data.push(
        row.map(
          (value, index): XlsxCell =>
            typeof value === 'number'
              ? { value, type: Number, format: table.money[index] ? '#,##0.00' : undefined }
              : { value, type: String },
        ),
      );
    }
    sheets.push({
      data,
      sheet: sheetName(table.title),
      stickyRowsCount: 1,
      // Wide enough for the header (in characters), within reason.
      columns: table.columns.map((column) => ({
        width: Math.min(40, Math.max(10, column.header.length + 2)),
      })),
    });
  }
  const buffer = await writeXlsxFile(sheets).toBuffer();
  return {
    filename: exportFilename(scope, { ...request, format: 'xlsx' }, deps.clock.now()),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: ReadableStream.from([buffer]),
  };
}
