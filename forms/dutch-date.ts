/**
 * Reading a date the way a Dutch official writes it: `1-7-2024`, `01-07-2024`, `1/7/2024`, `1.7.2024`,
 * `1 juli 2024`, `1 jul 2024`, `1 jul. 2024` and the ISO `2024-07-01`. The check page and the emails show
 * `1 juli 2024` (forms/format.ts), so what a page shows can always be typed back.
 */

const months: Readonly<Record<string, number>> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  maart: 3,
  mrt: 3,
  mar: 3,
  mei: 5,
  april: 4,
  apr: 4,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const iso = (year: string, month: number | string, day: string) =>
  `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;

/**
 * The ISO form (`2024-07-01`) of a typed Dutch date, or the trimmed text when it is not written as a date
 * at all. A date that is written as one but does not exist (`31-2-2024`) comes back in ISO form
 * (`2024-02-31`), so the field can say that this day does not exist instead of that it is no date.
 */
export function parseDutchDate(raw: string): string {
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(trimmed);
  if (numeric) return iso(numeric[3]!, numeric[2]!, numeric[1]!);
  const written = /^(\d{1,2})\.? ([a-z]+)\.? (\d{4})$/i.exec(trimmed);
  const month = written ? months[written[2]!.toLowerCase()] : undefined;
  if (written && month) return iso(written[3]!, month, written[1]!);
  const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (isoDate) return iso(isoDate[1]!, isoDate[2]!, isoDate[3]!);
  return trimmed;
}

/**
 * The ISO day of a typed date in every format `parseDutchDate` reads, or undefined when it is no date or
 * no day that exists (`31-2-2024`). With `years`, also undefined outside those years: a registry import's
 * effective date may lie in 1900–2200 (functions/core/registry/import-plan.ts), wider than the 2000–2100 of
 * a form or staff field (`readDutchDate`).
 */
export function readExistingDate(
  raw: string,
  options: { readonly years?: { readonly from: number; readonly to: number } } = {},
): string | undefined {
  const iso = parseDutchDate(raw);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !isExistingDate(iso)) return undefined;
  const year = Number(iso.slice(0, 4));
  const { years } = options;
  return years && (year < years.from || year > years.to) ? undefined : iso;
}

/** Whether an ISO-shaped `yyyy-mm-dd` names a day that exists (not 31 February, not month 13). */
export function isExistingDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return (
    parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day
  );
}

/** The example every date field gives, in its hint and in its messages. */
export const dateExample = '1-7-2024 of 1 juli 2024';

/**
 * The messages of a date field named `name` (its label), per kind of mistake — the same on the forms and
 * on the staff pages: empty, not written as a date (`morgen`), a day that does not exist (`31-2-2024`),
 * outside 2000–2100.
 */
export const dateMessages = (name: string) => ({
  missing: `Vul bij ‘${name}’ een datum in, bijvoorbeeld ${dateExample}.`,
  notADate: `Vul bij ‘${name}’ een datum in als ${dateExample}.`,
  notADay: `‘${name}’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.`,
  outOfRange: `‘${name}’ moet tussen 2000 en 2100 liggen.`,
});

/**
 * A typed date for a field named `name` (a staff page's input): the ISO day, or the message that says
 * what is wrong with it, naming the field. Reads every format `parseDutchDate` reads.
 */
export function readDutchDate(raw: string, name: string): { iso: string } | { error: string } {
  const messages = dateMessages(name);
  if (raw.trim() === '') return { error: messages.missing };
  const iso = parseDutchDate(raw);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return { error: messages.notADate };
  if (!isExistingDate(iso)) return { error: messages.notADay };
  if (iso < '2000-01-01' || iso > '2100-12-31') return { error: messages.outOfRange };
  return { iso };
}
