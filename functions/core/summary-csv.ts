import { stringify } from 'csv-stringify/sync';
import { findForm } from '../../forms/catalogue.js';
import { type FormDefinition, repeatGroups } from '../../forms/definition.js';
import type { RepeatGroup } from '../../forms/field-types.js';
import { readStored, revisionOf } from '../../forms/revisions.js';
import { summaryDate } from '../emails/summary-format.js';
import type { MunicipalityResponse, RoundAggregate } from './aggregation/types.js';
import {
  type Cell,
  type CsvColumnDescription,
  type CsvDialect,
  csvOptions,
  type Dialect,
  dialects,
  slug,
} from './csv-format.js';
import { answerColumns, groupRows, removedGroups, rowColumns } from './export-columns.js';
import type { SubmissionVersion } from './model.js';

/**
 * The CSV attachments of a compiled summary: per form one file with ONE ROW PER MUNICIPALITY in scope (also
 * those that submitted nothing: their answer cells stay empty), and one long-format file per repeated group
 * (asylum locations, bottlenecks, support requests …) with one row per item, keyed by municipality code.
 * Pure: no I/O, no clock (the date in the file names is the aggregate's `generatedAt`).
 *
 * Header row: Dutch headers only, because people open these files in a spreadsheet. The columns are stable
 * and each has a machine key (exported as `summaryCsvColumns` / `groupCsvColumns` for code that reads the
 * files back). The leading columns of the main file, in this order:
 *
 *   key             header           value
 *   gemeente_code   Gemeentecode     CBS code, e.g. GM0193
 *   gemeente        Gemeente         name
 *   regio           Regio            region name, e.g. IJsselland
 *   status          Status           `ingezonden` | `concept` (a draft only) | `niets`
 *   versie          Versie           number of the current version; empty when not submitted
 *   ingezonden_op   Ingezonden op    excel-nl: `2026-11-10 10:00` Dutch time (Excel reads it as a date);
 *                                    rfc4180: the stored ISO timestamp (UTC); empty when not submitted
 *   te_laat         Te laat          `ja` | `nee`; empty when not submitted
 *   waarschuwingen  Waarschuwingen   number of plausibility warnings of the current version
 *
 * followed by `answerColumns(definition)`: one column per single-value field, keyed by the field key, headed
 * by its `csvHeader`, then one per field that has left the form (`… (vervallen)`) and `overig` (see
 * export-columns.ts; versions of an earlier revision are read with today's definition). A group file leads
 * with gemeente_code, gemeente, regio, versie and `nr` (the item's position, from 1), followed by
 * `rowColumns(definition, group)` (keys `group.field`).
 *
 * Dialects: `excel-nl` (default; Dutch staff double-click the attachment) is `;`-separated, UTF-8 with a BOM,
 * CRLF, decimal comma; `rfc4180` is comma-separated, no BOM, CRLF (as RFC 4180 says), decimal point. Numbers
 * are written as plain numbers (no thousands separators; amounts in euro with two decimals).
 *
 * Every cell is safe against spreadsheet formula injection (OWASP "CSV Injection"): a text cell that starts
 * with `=`, `+`, `-`, `@`, TAB or CR (or their full-width forms) gets a leading `'`, so a spreadsheet shows
 * it as text instead of running it. Numeric cells are written as numbers and a negative number (a
 * statushouders lead of -4) stays a number, never prefixed. This is csv-stringify's `escape_formulas`, which
 * looks at the type of the value before casting.
 */

export type { CsvColumnDescription, CsvDialect } from './csv-format.js';

export interface SummaryAttachment {
  readonly filename: string;
  readonly content: string;
  readonly contentType: string;
}

/**
 * Attachments larger than this (in bytes, summed) are left out of the email in favour of a staff download.
 * SES refuses messages over 10 MB (headers, both bodies and attachments, after encoding); attachments are
 * base64-encoded, which inflates them by 4/3 (plus line breaks, about 3 %), so 7 MB of CSV becomes about
 * 9.6 MB and leaves room for the HTML and text bodies.
 */
export const maxAttachmentBytes = 7 * 1024 * 1024;

/** The size of the attachments as sent, before encoding: UTF-8 bytes, the BOM included. */
export function attachmentsSize(attachments: readonly Pick<SummaryAttachment, 'content'>[]): number {
  return attachments.reduce((total, attachment) => total + Buffer.byteLength(attachment.content, 'utf8'), 0);
}

const leadingColumns: readonly CsvColumnDescription[] = [
  { key: 'gemeente_code', header: 'Gemeentecode' },
  { key: 'gemeente', header: 'Gemeente' },
  { key: 'regio', header: 'Regio' },
  { key: 'status', header: 'Status' },
  { key: 'versie', header: 'Versie' },
  { key: 'ingezonden_op', header: 'Ingezonden op' },
  { key: 'te_laat', header: 'Te laat' },
  { key: 'waarschuwingen', header: 'Waarschuwingen' },
];

const leadingGroupColumns: readonly CsvColumnDescription[] = [
  { key: 'gemeente_code', header: 'Gemeentecode' },
  { key: 'gemeente', header: 'Gemeente' },
  { key: 'regio', header: 'Regio' },
  { key: 'versie', header: 'Versie' },
  { key: 'nr', header: 'Nr.' },
];

/** Every column of a form's main file, in order: machine key and Dutch header. */
export function summaryCsvColumns(definition: FormDefinition): CsvColumnDescription[] {
  return [...leadingColumns, ...answerColumns(definition).map(({ key, header }) => ({ key, header }))];
}

/** Every column of a repeated group's long-format file, in order. */
export function groupCsvColumns(definition: FormDefinition, group: RepeatGroup): CsvColumnDescription[] {
  return [
    ...leadingGroupColumns,
    ...rowColumns(definition, group).map(({ key, header }) => ({ key, header })),
  ];
}

/** Writes rows with csv-stringify in the dialect (see csv-format.ts). */
function writeCsv(
  dialect: Dialect,
  header: readonly string[],
  rows: readonly Cell[][],
  money: readonly boolean[],
) {
  return stringify([[...header], ...rows], csvOptions(dialect, money));
}

/** `voortgang-opgaven_ijsselland_2026-11-27.csv`, or with the group: `…_asiellocaties_ijsselland_…`. */
export function summaryFilename(aggregate: RoundAggregate, part?: string): string {
  const pieces = [aggregate.round.formId, ...(part ? [slug(part)] : []), slug(aggregate.scope.id)];
  return `${pieces.join('_')}_${summaryDate(aggregate.generatedAt)}.csv`;
}

/**
 * The current version behind each submitted municipality of the aggregate, exactly the one the summary
 * counted. A version the summary counted but that is missing from `versions` is a mistake of the caller
 * (the CSV would disagree with the email), so it fails loudly.
 */
function versionsOf(
  aggregate: RoundAggregate,
  versions: readonly SubmissionVersion[],
): Map<string, SubmissionVersion> {
  const found = new Map<string, SubmissionVersion>();
  for (const row of aggregate.response.municipalities) {
    if (row.status !== 'ingezonden' || row.version === undefined) continue;
    const version = versions.find(
      (candidate) =>
        candidate.municipality === row.code &&
        candidate.roundId === aggregate.round.id &&
        candidate.formId === aggregate.round.formId &&
        candidate.version === row.version,
    );
    if (!version) {
      throw new Error(
        `Versie ${row.version} van ${row.name} (${row.code}) ontbreekt bij de versies voor de CSV-bijlage van ronde ${aggregate.round.id}.`,
      );
    }
    found.set(row.code, version);
  }
  return found;
}

/**
 * The CSV attachments of a summary: the form's main file (one row per municipality in scope), then one
 * long-format file per repeated group of the form, in the form's order. `versions` are the current versions
 * in scope (the same list the aggregate was made from).
 */
export function summaryAttachments(
  aggregate: RoundAggregate,
  versions: readonly SubmissionVersion[],
  options: { dialect?: CsvDialect } = {},
): SummaryAttachment[] {
  const definition = findForm(aggregate.round.formId);
  if (!definition) throw new Error(`Het formulier ‘${aggregate.round.formId}’ bestaat niet.`);
  const dialect = dialects[options.dialect ?? 'excel-nl'];
  const contentType = 'text/csv; charset=utf-8';
  const current = versionsOf(aggregate, versions);
  const regionName = new Map(aggregate.scope.regions.map((region) => [region.id, region.name]));
  const region = (code: string) => regionName.get(code) ?? code;

  const columns = answerColumns(definition);
  const readingOf = (code: string) => {
    const version = current.get(code);
    return version ? readStored(definition, version.answers, revisionOf(version)) : undefined;
  };
  const mainRows = aggregate.response.municipalities.map((row: MunicipalityResponse): Cell[] => {
    const version = current.get(row.code);
    const submitted = row.status === 'ingezonden' && version !== undefined;
    const reading = submitted ? readingOf(row.code) : undefined;
    return [
      row.code,
      row.name,
      region(row.region),
      row.status,
      submitted ? version.version : '',
      submitted ? dialect.timestamp(version.submittedAt) : '',
      submitted ? (version.late ? 'ja' : 'nee') : '',
      submitted ? row.warnings : '',
      ...columns.map((column) => (reading ? column.cell(reading, 'code') : '')),
    ];
  });
  const attachments: SummaryAttachment[] = [
    {
      filename: summaryFilename(aggregate),
      contentType,
      content: writeCsv(
        dialect,
        summaryCsvColumns(definition).map((column) => column.header),
        mainRows,
        [...leadingColumns.map(() => false), ...columns.map((column) => column.type === 'money')],
      ),
    },
  ];

  const groups = [
    ...repeatGroups(definition).map((group) => ({ group, removed: false })),
    ...removedGroups(definition).map((group) => ({ group, removed: true })),
  ];
  for (const { group, removed } of groups) {
    const groupColumns = rowColumns(definition, group);
    const rows = aggregate.response.municipalities.flatMap((row): Cell[][] => {
      const version = current.get(row.code);
      const reading = readingOf(row.code);
      if (!version || !reading) return [];
      return groupRows(reading, group, removed).map((item, index) => [
        row.code,
        row.name,
        region(row.region),
        version.version,
        index + 1,
        ...groupColumns.map((column) => column.cell(item, 'code')),
      ]);
    });
    attachments.push({
      filename: summaryFilename(aggregate, removed ? `${group.label} vervallen` : group.label),
      contentType,
      content: writeCsv(
        dialect,
        groupCsvColumns(definition, group).map((column) => column.header),
        rows,
        [...leadingGroupColumns.map(() => false), ...groupColumns.map((column) => column.type === 'money')],
      ),
    });
  }
  return attachments;
}
