import { Readable } from 'node:stream';
import type { Sheet, Cell as XlsxCell } from 'write-excel-file/node';
import type { Cell } from './csv-format.js';
import { inAmsterdam } from './dutch-time.js';
import type { ColumnDescription } from './export-columns.js';
import { type ExportScope, exportTables, type RowOptions } from './export-tables.js';
import { type ExportFile, type ExportRequest, exportFilename, headerRow, tableRows } from './exports.js';
import type { Clock, Store } from './ports.js';

/**
 * The XLSX export (`formaat=xlsx`): the tables of exports.ts as one workbook, a sheet per table, with
 * numbers as numbers and dates as real spreadsheet dates.
 */

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/**
 * An ISO timestamp as the Dutch clock showed it, as a Date whose UTC fields are that wall time: a
 * spreadsheet date has no time zone, and write-excel-file writes a Date by its UTC value.
 */
export function amsterdamWallTime(iso: string): Date | undefined {
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return undefined;
  const { y, m, d, hh, mm, ss } = inAmsterdam(parsed);
  return new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
}

/** A stored ISO date (`2025-07-01`) as a spreadsheet date. */
function isoDate(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const parsed = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** One cell of a sheet: numbers as numbers (amounts with two decimals), dates and timestamps as real dates. */
function xlsxCell(value: Cell, type: ColumnDescription['type'] | undefined): XlsxCell {
  if (typeof value === 'number')
    return { value, type: Number, format: type === 'money' ? '#,##0.00' : undefined };
  if (type === 'date' && value !== '') {
    const date = isoDate(value);
    if (date) return { value: date, type: Date, format: 'dd-mm-yyyy' };
  }
  if (type === 'timestamp' && value !== '') {
    const date = amsterdamWallTime(value);
    if (date) return { value: date, type: Date, format: 'dd-mm-yyyy hh:mm' };
  }
  return { value, type: String };
}

/**
 * Every table of the export as one workbook, a sheet per table (write-excel-file). A workbook is a zip
 * that is written at the end, so it is built in memory: meant for a round, not for every version of every
 * round (CSV streams those). Dates and timestamps are real spreadsheet dates (Dutch time, `dd-mm-jjjj`).
 * write-excel-file and its zip library are loaded here, on the first XLSX export, so a CSV export never
 * pays for them.
 */
export async function xlsxExport(
  deps: { store: Store; clock: Clock },
  scope: ExportScope,
  request: Pick<ExportRequest, 'versions' | 'header' | 'values'>,
): Promise<ExportFile> {
  const sheets: Sheet<never>[] = [];
  // Timestamps stay ISO here; xlsxCell turns them into dates in Dutch time.
  const options: RowOptions = { timestamp: (iso) => iso, values: request.values ?? 'code' };
  for (const table of exportTables(scope.definition, scope.regionName, scope.shares)) {
    const data: XlsxCell[][] = [
      headerRow(table, request.header).map((value) => ({ value, fontWeight: 'bold' as const })),
    ];
    for await (const row of tableRows(deps.store, scope, table, request.versions, options)) {
      data.push(row.map((value, index) => xlsxCell(value, table.columns[index]?.type)));
    }
    sheets.push({
      data,
      sheet: sheetName(table.title),
      stickyRowsCount: 1,
      // Wide enough for the header (in characters), within reason; dates need about 16.
      columns: table.columns.map((column) => ({
        width: Math.min(40, Math.max(column.type === 'timestamp' ? 17 : 10, column.header.length + 2)),
      })),
    });
  }
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const buffer = await writeXlsxFile(sheets).toBuffer();
  return {
    filename: exportFilename(scope, { ...request, format: 'xlsx' }, deps.clock.now()),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Readable.from([buffer]),
  };
}
