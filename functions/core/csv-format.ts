import { amsterdamMinute } from './dutch-time.js';

/**
 * The two CSV dialects every file of regietafel is written in (summary attachments and staff exports), and
 * the csv-stringify options that produce them. One place, so an attachment and an export of the same data
 * are byte-for-byte the same kind of file.
 *
 * - `excel-nl` (the default: Dutch staff double-click it): `;`-separated, UTF-8 with a BOM, CRLF, decimal
 *   comma, timestamps as Dutch time `2026-11-10 10:00` (Excel reads that as a date and time);
 * - `rfc4180`: comma-separated, UTF-8 without BOM, CRLF (as RFC 4180 says), decimal point, ISO timestamps.
 *
 * Every cell is safe against spreadsheet formula injection (OWASP "CSV Injection"): a text cell that starts
 * with `=`, `+`, `-`, `@`, TAB or CR (or their full-width forms) gets a leading `'`; numbers are written as
 * numbers, so a negative figure stays a number. That is csv-stringify's `escape_formulas`, which looks at
 * the type of the value before `cast` formats it.
 */

export type CsvDialect = 'excel-nl' | 'rfc4180';
export const csvDialects: readonly CsvDialect[] = ['excel-nl', 'rfc4180'];
/** What a wrong `dialect` in an address is told: the names the pages give the two, with their values. */
export const dialectChoice =
  'kies dialect=excel-nl (‘voor Excel’: puntkomma’s) of dialect=rfc4180 (‘voor andere programma’s’: komma’s)';

export type Cell = string | number;

/** A figure that is not known (null) is an empty cell, never a 0. */
export const blankIfNull = (value: number | null): Cell => (value === null ? '' : value);

export interface CsvColumnDescription {
  readonly key: string;
  readonly header: string;
}

export interface Dialect {
  readonly delimiter: string;
  readonly bom: boolean;
  readonly decimal: string;
  readonly timestamp: (iso: string) => string;
}

export const dialects: Record<CsvDialect, Dialect> = {
  'excel-nl': {
    delimiter: ';',
    bom: true,
    decimal: ',',
    timestamp: (iso) => {
      const parsed = new Date(iso);
      return Number.isNaN(parsed.getTime()) ? iso : amsterdamMinute(parsed);
    },
  },
  rfc4180: { delimiter: ',', bom: false, decimal: '.', timestamp: (iso) => iso },
};

/**
 * csv-stringify options for a dialect (the same for its sync and its stream API). `money[i]` marks the
 * columns written with two decimals.
 */
export function csvOptions(dialect: Dialect, money: readonly boolean[]) {
  return {
    delimiter: dialect.delimiter,
    bom: dialect.bom,
    record_delimiter: '\r\n',
    escape_formulas: true,
    cast: {
      number: (value: number, context: { column?: number | string; index: number }) => {
        const index = typeof context.column === 'number' ? context.column : context.index;
        const text = money[index] ? value.toFixed(2) : String(value);
        return dialect.decimal === '.' ? text : text.replace('.', dialect.decimal);
      },
    },
  };
}

/** `Taakstelling per halfjaar` → `taakstelling-per-halfjaar`. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
