import { type FormDefinition, repeatGroups } from '../../forms/definition.js';
import type { RepeatGroup } from '../../forms/field-types.js';
import { readStored, revisionOf, type StoredReading } from '../../forms/revisions.js';
import type { Cell } from './csv-format.js';
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
import type { Municipality, Round, SubmissionVersion } from './model.js';
import type { ResponseStatus } from './round-status.js';

/**
 * What the tables of a form's export are (`exportTables`): their columns, from the form definition and its
 * history, and how one entry (a municipality's version in a round) becomes their rows. exports.ts reads a
 * scope's entries and writes them as CSV; xlsx-export.ts as sheets.
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
export interface Entry {
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
