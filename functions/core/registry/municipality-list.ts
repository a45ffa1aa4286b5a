import { readCsvRecords } from '../csv-records.js';
import { parseAddresses, quoteList } from './addresses.js';

/**
 * Reads a municipality list in the shape of CBS's (`Gemeenten alfabetisch`): one line per municipality
 * with its code, name and province, plus the regietafel it belongs to (a column CBS does not have), and
 * optionally the coordinator's addresses. Separated by `;` (Excel-NL, as CBS publishes it), `,` or a tab;
 * UTF-8 with or without a BOM. With a header line (column names in any order, CBS's names included) or
 * without one (then the columns are code;naam;provincie;regio[;e-mailadressen]).
 *
 * Every problem is a Dutch sentence naming the line, so a person can fix the file and try again; the
 * list is only used when there is none.
 */

export interface ListedMunicipality {
  /** Line in the file (1 = the first line). */
  readonly line: number;
  readonly code: string;
  readonly name: string;
  readonly province: string;
  readonly region: string;
  /** Only when the file has an address column and the cell is not empty. */
  readonly contacts?: readonly string[];
}

export interface ParsedList {
  readonly rows: readonly ListedMunicipality[];
  readonly errors: readonly string[];
}

type Column = 'code' | 'name' | 'province' | 'region' | 'contacts';

/** Header names per column, most specific first (CBS has both `Gemeentecode` 0193 and `GemeentecodeGM` GM0193). */
const headerNames: Record<Column, readonly string[]> = {
  code: ['gemeentecodegm', 'gemeentecode', 'cbscode', 'cbs-code', 'code'],
  name: ['gemeentenaam', 'naam', 'gemeente', 'name'],
  province: ['provincienaam', 'provincie', 'province'],
  region: ['regio', 'regionaam', 'regietafel', 'region'],
  contacts: ['e-mailadressen', 'e-mailadres', 'e-mail', 'email', 'adressen', 'contacten', 'contact'],
};
const required: readonly Column[] = ['code', 'name', 'province', 'region'];
const withoutHeader: readonly Column[] = ['code', 'name', 'province', 'region', 'contacts'];
const columnLabel: Record<Column, string> = {
  code: 'code',
  name: 'naam',
  province: 'provincie',
  region: 'regio',
  contacts: 'e-mailadressen',
};

/** The most rows a list may have: every municipality of the Netherlands with room to spare. */
export const maxListRows = 1000;

const normalise = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '');

/** `GM0193`, `gm0193`, `0193` and `193` (CBS's numeric code) → `GM0193`; anything else undefined. */
export function municipalityCode(value: string): string | undefined {
  const trimmed = value.trim().toUpperCase();
  const match = /^GM(\d{4})$/.exec(trimmed) ?? /^(\d{1,4})$/.exec(trimmed);
  return match ? `GM${match[1]!.padStart(4, '0')}` : undefined;
}

function delimiterOf(firstLine: string): string {
  const counts = [';', '\t', ','].map((delimiter) => ({
    delimiter,
    count: firstLine.split(delimiter).length - 1,
  }));
  return counts.reduce((best, candidate) => (candidate.count > best.count ? candidate : best)).delimiter;
}

function headerColumns(cells: readonly string[]): Map<Column, number> | undefined {
  const names = cells.map(normalise);
  const found = new Map<Column, number>();
  for (const column of Object.keys(headerNames) as Column[]) {
    for (const name of headerNames[column]) {
      const index = names.indexOf(name);
      if (index >= 0 && ![...found.values()].includes(index)) {
        found.set(column, index);
        break;
      }
    }
  }
  return found.size > 0 ? found : undefined;
}

export function parseMunicipalityList(text: string): ParsedList {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') return { rows: [], errors: ['Het bestand is leeg.'] };
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const read = readCsvRecords(source, delimiterOf(firstLine));
  if ('invalidAt' in read) {
    const line = read.invalidAt;
    return {
      rows: [],
      errors: [
        `${line ? `Regel ${line}: ` : ''}het bestand is geen geldige CSV (bijvoorbeeld een aanhalingsteken dat niet wordt gesloten). Sla het op als CSV met puntkomma’s en probeer het opnieuw.`,
      ],
    };
  }
  const { records } = read;
  const errors: string[] = [];
  const first = records[0]!;
  const header = municipalityCode(first.record[0] ?? '') ? undefined : headerColumns(first.record);
  if (!header && !municipalityCode(first.record[0] ?? '')) {
    return {
      rows: [],
      errors: [
        `Regel ${first.info.lines}: de kolomnamen zijn niet herkend. Begin met een regel als code;naam;provincie;regio (en eventueel e-mailadressen).`,
      ],
    };
  }
  const columns = header ?? new Map(withoutHeader.map((column, index) => [column, index]));
  const missing = required.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    return {
      rows: [],
      errors: [
        `Regel ${first.info.lines}: de kolom${missing.length > 1 ? 'men' : ''} ${quoteList(missing.map((column) => columnLabel[column]))} ontbre${missing.length > 1 ? 'ken' : 'ekt'}. Verwacht: code;naam;provincie;regio (en eventueel e-mailadressen).`,
      ],
    };
  }
  const body = header ? records.slice(1) : records;
  if (body.length === 0)
    return { rows: [], errors: ['Het bestand bevat geen gemeenten, alleen kolomnamen.'] };
  if (body.length > maxListRows) {
    return {
      rows: [],
      errors: [`Het bestand heeft ${body.length} regels; meer dan ${maxListRows} gemeenten kan niet.`],
    };
  }
  const rows: ListedMunicipality[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const cell = (column: Column) => {
      const index = columns.get(column);
      return index === undefined ? '' : (record[index] ?? '').trim();
    };
    const line = info.lines;
    const name = cell('name');
    const where = `Regel ${line}${name ? ` (${name})` : ''}`;
    const rawCode = cell('code');
    const code = municipalityCode(rawCode);
    const problems: string[] = [];
    if (!rawCode) problems.push('de gemeentecode ontbreekt');
    else if (!code)
      problems.push(`de gemeentecode ‘${rawCode}’ is ongeldig; schrijf GM en vier cijfers, zoals GM0193`);
    if (!name) problems.push('de gemeentenaam ontbreekt');
    else if (name.length > 100) problems.push('de gemeentenaam is langer dan 100 tekens');
    if (!cell('province')) problems.push('de provincie ontbreekt');
    if (!cell('region')) problems.push('de regio (de regietafel waar de gemeente bij hoort) ontbreekt');
    if (cell('province').length > 100 || cell('region').length > 100)
      problems.push('de naam van de provincie of regio is langer dan 100 tekens');
    const { addresses, invalid } = parseAddresses(cell('contacts'));
    if (invalid.length > 0)
      problems.push(
        `${quoteList(invalid)} ${invalid.length > 1 ? 'zijn geen geldige e-mailadressen' : 'is geen geldig e-mailadres'}`,
      );
    if (code && seen.has(code)) problems.push(`${code} staat ook al op regel ${seen.get(code)}`);
    if (problems.length > 0) {
      errors.push(`${where}: ${problems.join('; ')}.`);
      continue;
    }
    seen.set(code!, line);
    rows.push({
      line,
      code: code!,
      name,
      province: cell('province'),
      region: cell('region'),
      ...(addresses.length > 0 ? { contacts: addresses } : {}),
    });
  }
  return { rows, errors };
}
