import { pipeline, type Readable, Readable as ReadableStream } from 'node:stream';
import { stringify } from 'csv-stringify';
import { findForm } from '../../forms/catalogue.js';
import { type FormDefinition, repeatGroups } from '../../forms/definition.js';
import type { RepeatGroup } from '../../forms/field-types.js';
import { dutchOrder } from '../../forms/order.js';
import { readStored, revisionOf, type StoredReading } from '../../forms/revisions.js';
import { summaryDate } from '../emails/summary-email.js';
import { type Cell, type CsvDialect, csvOptions, dialects, slug } from './csv-format.js';
import { BadRequest, Forbidden, NotFound } from './errors.js';
import {
  answerColumns,
  type ColumnDescription,
  groupRows,
  pathLabel,
  removedGroups,
  rowColumns,
  type ValueStyle,
} from './export-columns.js';
import { type ShareContext, shareCells, sharesColumns, sharesTable, usesShares } from './export-shares.js';
import type { Municipality, Registry, Round, SubmissionVersion } from './model.js';
import type { Principal } from './policy.js';
import type { Clock, Store } from './ports.js';
import { takesPart } from './registry/membership.js';
import { type ResponseStatus, roundNotVisible, visibleRegions } from './round-status.js';
import { latestRevisions } from './targets/model.js';

/**
 * Staff exports: the stored submissions of a form as spreadsheet files, for the regietafel (its own region)
 * and the province (everything in it). Pure table logic plus page-by-page reading: nothing here holds more
 * than one round's current versions (at most one per municipality) or one DynamoDB page of versions.
 *
 * Tables of a form (each its own CSV, or a sheet of the XLSX):
 * - `gemeenten`: one row per municipality and round (current versions), or per stored version (`alle`);
 * - one long-format table per repeated group (asylum locations, bottlenecks, support requests …): one row
 *   per item, keyed by municipality, round and version, so nothing is squeezed into one cell;
 * - a table per repeated group that has left the form since (marked vervallen), while data has it;
 * - `aandelen` (forms measured against the published shares, the voortgang form): per municipality and
 *   round its published share next to what it committed and realised and what is still to realise;
 * - `waarschuwingen`: the plausibility warnings the official saw, one row per warning, the field named by
 *   its Dutch label and row number from 1.
 *
 * Every table starts with the same key columns (gemeente_code, gemeente, regio, ronde), so the files join
 * on them in a spreadsheet or a script. The answer columns come from the form definition and its history
 * (export-columns.ts): a column per current field, per field that has left the form (vervallen) and one
 * for anything else stored; stable machine keys and Dutch headers. Each version is read with today's
 * definition (forms/revisions.ts), so a renamed field's older answers are in its current column.
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
  /** The published targets, for a form measured against the shares (see export-shares.ts). */
  readonly shares?: ShareContext;
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
  readonly columns: readonly ColumnDescription[];
  /** Per column: an amount in euro (two decimals). */
  readonly money: readonly boolean[];
  /** The rows of one entry; timestamps as the dialect writes them, choices as codes or labels. */
  readonly rows: (entry: Entry, options: RowOptions) => Cell[][];
}

export interface RowOptions {
  readonly timestamp: (iso: string) => string;
  readonly values: ValueStyle;
}

const keyColumns: readonly ColumnDescription[] = [
  { key: 'gemeente_code', header: 'Gemeentecode', type: 'text' },
  { key: 'gemeente', header: 'Gemeente', type: 'text' },
  { key: 'regio', header: 'Regio', type: 'text' },
  { key: 'ronde', header: 'Ronde', type: 'text' },
];

const mainLeading: readonly ColumnDescription[] = [
  ...keyColumns,
  { key: 'status', header: 'Status', type: 'text' },
  { key: 'versie', header: 'Versie', type: 'number' },
  { key: 'huidige_versie', header: 'Huidige versie', type: 'text' },
  { key: 'ingezonden_op', header: 'Ingezonden op', type: 'timestamp' },
  { key: 'te_laat', header: 'Te laat', type: 'text' },
  { key: 'waarschuwingen', header: 'Waarschuwingen', type: 'number' },
  { key: 'formulierrevisie', header: 'Formulierrevisie', type: 'number' },
];

const itemLeading: readonly ColumnDescription[] = [
  ...keyColumns,
  { key: 'versie', header: 'Versie', type: 'number' },
  { key: 'nr', header: 'Nr.', type: 'number' },
];

const describe = (columns: readonly ColumnDescription[]): ColumnDescription[] =>
  columns.map(({ key, header, type }) => ({ key, header, type }));
const moneyOf = (columns: readonly ColumnDescription[]) => columns.map((column) => column.type === 'money');

/** A version read with today's definition (renamed fields moved, removed ones kept apart). */
function readingOf(definition: FormDefinition, version: SubmissionVersion): StoredReading {
  return readStored(definition, version.answers, revisionOf(version));
}

/**
 * The tables of a form, in order: gemeenten, one per repeated group, one per repeated group that has left
 * the form (marked vervallen), waarschuwingen. Every column the stored data may have is there, also for
 * fields that have left the form since (see export-columns.ts).
 */
export function exportTables(
  definition: FormDefinition,
  regionName: (id: string) => string,
  shares?: ShareContext,
): ExportTable[] {
  const keys = (entry: Entry): Cell[] => [
    entry.municipality.code,
    entry.municipality.name,
    regionName(entry.municipality.region),
    entry.round.id,
  ];
  const fields = answerColumns(definition);
  const mainColumns = [...mainLeading, ...describe(fields)];
  const main: ExportTable = {
    key: mainTable,
    title: 'Gemeenten',
    columns: mainColumns,
    money: moneyOf(mainColumns),
    rows: (entry, options) => {
      const version = entry.version;
      if (!version) return [[...keys(entry), entry.status, '', '', '', '', '', '', ...fields.map(() => '')]];
      const reading = readingOf(definition, version);
      return [
        [
          ...keys(entry),
          entry.status,
          version.version,
          entry.current ? 'ja' : 'nee',
          options.timestamp(version.submittedAt),
          version.late ? 'ja' : 'nee',
          version.warnings?.length ?? 0,
          revisionOf(version),
          ...fields.map((column) => column.cell(reading, options.values)),
        ],
      ];
    },
  };
  const groupTable = (group: RepeatGroup, removed: boolean): ExportTable => {
    const columns = rowColumns(definition, group);
    const all = [...itemLeading, ...describe(columns)];
    return {
      key: group.key,
      title: removed ? `${group.label} (vervallen)` : group.label,
      columns: all,
      money: moneyOf(all),
      rows: (entry, options) => {
        const version = entry.version;
        if (!version) return [];
        return groupRows(readingOf(definition, version), group, removed).map((row, index) => [
          ...keys(entry),
          version.version,
          index + 1,
          ...columns.map((column) => column.cell(row, options.values)),
        ]);
      },
    };
  };
  const sharesColumnsAll = [...keyColumns, ...sharesColumns];
  const sharesOf: ExportTable = {
    key: sharesTable,
    title: 'Aandeel en voortgang',
    columns: sharesColumnsAll,
    money: moneyOf(sharesColumnsAll),
    rows: (entry) => [[...keys(entry), ...shareCells(definition, shares, entry)]],
  };
  const warningColumns: ColumnDescription[] = [
    ...itemLeading,
    { key: 'veld', header: 'Veld', type: 'text' },
    { key: 'rij', header: 'Rij', type: 'number' },
    { key: 'veld_sleutel', header: 'Veldsleutel', type: 'text' },
    { key: 'melding', header: 'Melding', type: 'text' },
  ];
  const warnings: ExportTable = {
    key: warningsTable,
    title: 'Waarschuwingen',
    columns: warningColumns,
    money: moneyOf(warningColumns),
    rows: (entry) =>
      (entry.version?.warnings ?? []).map((warning, index) => {
        // `housing.0.housed` → `Halfjaar 1 – Gehuisvest in dit halfjaar`, row 1, key `housing.housed`.
        const [key, row, field] = warning.path.split('.');
        const inRow = row !== undefined && /^\d+$/.test(row);
        return [
          ...keys(entry),
          entry.version!.version,
          index + 1,
          warning.path ? pathLabel(definition, warning.path) : '',
          inRow ? Number(row) + 1 : '',
          inRow ? [key, field].filter(Boolean).join('.') : warning.path,
          warning.message,
        ];
      }),
  };
  return [
    main,
    ...(usesShares(definition) ? [sharesOf] : []),
    ...repeatGroups(definition).map((group) => groupTable(group, false)),
    ...removedGroups(definition).map((group) => groupTable(group, true)),
    warnings,
  ];
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
