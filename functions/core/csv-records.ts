import { parse } from 'csv-parse/sync';

/** One row of an uploaded CSV, with the line it ends on (the importers' messages name the line). */
export interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * An uploaded CSV's rows as the importers read them (municipality lists, targets files): cells trimmed,
 * blank lines skipped, rows of any length (the importer names what is missing). A file that is not valid
 * CSV (a quote that is never closed) gives the line where reading stopped, when known.
 */
export function readCsvRecords(
  text: string,
  delimiter: string,
): { records: CsvRecord[] } | { invalidAt: number | undefined } {
  try {
    return {
      records: parse(text, {
        delimiter,
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
      }) as unknown as CsvRecord[],
    };
  } catch (error) {
    return { invalidAt: (error as { lines?: number }).lines };
  }
}
