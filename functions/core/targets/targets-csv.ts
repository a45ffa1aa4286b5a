import { readCsvRecords } from '../csv-records.js';
import type { FigureStatus } from './model.js';

/**
 * Reading a targets file as provincial staff have it: a spreadsheet saved as CSV (Excel-NL with `;` and a
 * BOM, or comma- or tab-separated), one row per municipality. Headers are matched loosely (case, accents,
 * spaces and `_`/`-` do not matter; a few synonyms are known), figures may carry Dutch thousands
 * separators (`1.234`). Every problem is reported with the line it is on, in Dutch; nothing is guessed.
 *
 * Aandelen (Spreidingswet), per municipality:
 *   Gemeentecode;Gemeente;Regulier;AMV[;Status]    or    Gemeentecode;Gemeente;Totaal;AMV[;Status]
 * Taakstelling statushouders (one half year), per municipality:
 *   Gemeentecode;Gemeente;Taakstelling[;Status]
 * `Gemeente` is optional (checked against the registry when present); `Status` is `vastgesteld` (default),
 * `te bevestigen` or `demo`.
 */

export type TargetsKind = 'spreiding' | 'huisvesting';

export interface Problem {
  /** Line in the file (the header is line 1); absent for a problem with the whole file. */
  readonly line?: number;
  readonly message: string;
}

export interface ParsedRow {
  readonly line: number;
  readonly code: string;
  readonly name?: string;
  readonly status: FigureStatus;
  /** spreiding: regular and AMV places. */
  readonly regular?: number;
  readonly amv?: number;
  /** huisvesting: persons. */
  readonly task?: number;
}

export interface ParsedTargetsFile {
  readonly rows: readonly ParsedRow[];
  readonly errors: readonly Problem[];
  /** Columns the file has that are not used (listed so nobody thinks they were read). */
  readonly ignoredColumns: readonly string[];
}

/** Files bigger than this are refused: 342 municipalities take about 15 kB. */
export const maxTargetsFileBytes = 256 * 1024;
const maxRows = 1000;

type Column = 'code' | 'name' | 'regular' | 'amv' | 'total' | 'task' | 'status';

const synonyms: Record<Column, readonly string[]> = {
  code: ['gemeentecode', 'cbscode', 'cbs', 'code', 'gmcode'],
  name: ['gemeente', 'gemeentenaam', 'naam'],
  regular: ['regulier', 'reguliereplaatsen', 'aandeelregulier', 'indicatiefaandeelregulier'],
  amv: ['amv', 'amvplaatsen', 'aandeelamv', 'indicatiefaandeelamv', 'waarvanamv'],
  total: ['totaal', 'plaatsen', 'aandeel', 'indicatiefaandeel', 'opvangplaatsen', 'totaalplaatsen'],
  task: ['taakstelling', 'taak', 'personen'],
  status: ['status', 'bron'],
};

const statuses: Record<string, FigureStatus> = {
  vastgesteld: 'vastgesteld',
  '': 'vastgesteld',
  tebevestigen: 'te-bevestigen',
  demo: 'demo',
  demogegevens: 'demo',
};

/** `Aandeel AMV` → `aandeelamv`: how headers and statuses are compared. */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The separator the header line uses most: `;` (Excel-NL), `,` or a tab. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((delimiter) => ({
    delimiter,
    count: firstLine.split(delimiter).length - 1,
  }));
  return counts.sort((a, b) => b.count - a.count)[0]!.count > 0 ? counts[0]!.delimiter : ';';
}

/** `1.234`, `1 234` and `1234` are 1234; anything else (decimals, text, negative) is not a count. */
export function parseCount(text: string): number | undefined {
  const compact = text.trim().replace(/[\s\u00a0]/g, '');
  if (/^\d+$/.test(compact)) return Number(compact);
  if (/^\d{1,3}(\.\d{3})+$/.test(compact)) return Number(compact.replace(/\./g, ''));
  return undefined;
}

function columnsOf(header: readonly string[]): { index: Map<Column, number>; ignored: string[] } {
  const index = new Map<Column, number>();
  const ignored: string[] = [];
  header.forEach((title, position) => {
    const key = normalise(title);
    const column = (Object.keys(synonyms) as Column[]).find((candidate) => synonyms[candidate].includes(key));
    if (column && !index.has(column)) index.set(column, position);
    else if (title.trim() !== '') ignored.push(title.trim());
  });
  return { index, ignored };
}

/**
 * Parses a targets file of a kind. Structural problems (no header, a missing column, a figure that is not
 * a whole number, AMV more than the total) are errors on their line; what the figures mean against the
 * registry and the provincial task is judged by `checkTargets`.
 */
export function parseTargetsFile(kind: TargetsKind, content: string): ParsedTargetsFile {
  const errors: Problem[] = [];
  if (Buffer.byteLength(content, 'utf8') > maxTargetsFileBytes) {
    return {
      rows: [],
      errors: [{ message: `Het bestand is te groot: de grens is ${maxTargetsFileBytes / 1024} kB.` }],
      ignoredColumns: [],
    };
  }
  const text = content.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    return { rows: [], errors: [{ message: 'Het bestand is leeg.' }], ignoredColumns: [] };
  }
  const read = readCsvRecords(text, detectDelimiter(text));
  if ('invalidAt' in read) {
    const line = read.invalidAt;
    return {
      rows: [],
      errors: [
        {
          line,
          message:
            'Het bestand is geen leesbare CSV (bijvoorbeeld een aanhalingsteken dat niet wordt gesloten). Sla het in uw spreadsheet op als ‘CSV (puntkomma gescheiden)’.',
        },
      ],
      ignoredColumns: [],
    };
  }
  const [header, ...body] = read.records;
  const { index, ignored } = columnsOf(header!.record);
  const need: Column[] =
    kind === 'spreiding'
      ? ['code', index.has('regular') || !index.has('total') ? 'regular' : 'total', 'amv']
      : ['code', 'task'];
  const names: Record<Column, string> = {
    code: 'Gemeentecode',
    name: 'Gemeente',
    regular: 'Regulier (of Totaal)',
    total: 'Totaal',
    amv: 'AMV',
    task: 'Taakstelling',
    status: 'Status',
  };
  const missing = need.filter((column) => !index.has(column));
  if (missing.length > 0) {
    return {
      rows: [],
      errors: [
        {
          line: 1,
          message: `De kopregel mist ${missing.length === 1 ? 'de kolom' : 'de kolommen'} ${missing.map((column) => `‘${names[column]}’`).join(' en ')}. Verwacht: ${kind === 'spreiding' ? 'Gemeentecode;Gemeente;Regulier;AMV (of Totaal in plaats van Regulier)' : 'Gemeentecode;Gemeente;Taakstelling'}.`,
        },
      ],
      ignoredColumns: ignored,
    };
  }
  if (body.length > maxRows) {
    return {
      rows: [],
      errors: [{ message: `Het bestand heeft ${body.length} regels; meer dan ${maxRows} kan niet.` }],
      ignoredColumns: ignored,
    };
  }
  const rows: ParsedRow[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    const cell = (column: Column) => {
      const position = index.get(column);
      return position === undefined ? '' : (record[position] ?? '').trim();
    };
    if (record.every((value) => value.trim() === '')) continue;
    const code = cell('code').toUpperCase();
    if (!/^GM\d{4}$/.test(code)) {
      errors.push({
        line,
        message: `‘${cell('code')}’ is geen gemeentecode; die ziet eruit als GM0193.`,
      });
      continue;
    }
    const statusText = normalise(cell('status'));
    const status = statuses[statusText];
    if (!status) {
      errors.push({
        line,
        message: `${code}: status ‘${cell('status')}’ is onbekend; gebruik vastgesteld, te bevestigen of demo (of laat leeg).`,
      });
      continue;
    }
    const count = (column: Column, label: string): number | undefined => {
      const value = parseCount(cell(column));
      if (value === undefined) {
        errors.push({
          line,
          message: `${code}: ${label} ‘${cell(column)}’ is geen heel getal van 0 of meer.`,
        });
      } else if (value > 100_000) {
        errors.push({ line, message: `${code}: ${label} ${value} is onwaarschijnlijk groot.` });
        return undefined;
      }
      return value;
    };
    const name = cell('name') || undefined;
    if (kind === 'huisvesting') {
      const task = count('task', 'taakstelling');
      if (task !== undefined) rows.push({ line, code, name, status, task });
      continue;
    }
    const amv = count('amv', 'AMV');
    if (index.has('regular')) {
      const regular = count('regular', 'regulier');
      if (regular !== undefined && amv !== undefined) rows.push({ line, code, name, status, regular, amv });
      continue;
    }
    const total = count('total', 'totaal');
    if (total === undefined || amv === undefined) continue;
    if (amv > total) {
      errors.push({ line, message: `${code}: AMV (${amv}) is meer dan het totaal (${total}).` });
      continue;
    }
    rows.push({ line, code, name, status, regular: total - amv, amv });
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ message: 'Het bestand heeft een kopregel maar geen gemeenten.' });
  }
  return { rows, errors, ignoredColumns: ignored };
}
