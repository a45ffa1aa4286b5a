import { amsterdamWallClock } from './amsterdam-time.js';
import { lazy } from './lazy.js';

/**
 * Dutch formatting for everything a person reads: `15 maart 2024`, `€ 1.234,56`, `1.234`.
 *
 * Dates, amounts and counts are written out here rather than by `Intl`: the forms' definitions format
 * dates and amounts when they are imported, and the first `Intl` formatter of a process costs 10–40 ms of
 * its cold start while ICU loads its data (issue 14). The output is ICU's for `nl-NL`, character for
 * character (test/unit/format.test.ts compares them); ICU itself is asked only for what is not written
 * out: years outside 1996–2037 (amsterdam-time.ts), and numbers too large or not finite.
 */

/** The months as Dutch writes them, `januari` first. */
export const dutchMonths: readonly string[] = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

const dateFormat = lazy(
  () => new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
);
/** ICU's `15 maart 2024 om 14:05` in Dutch time, which formatDateTime writes out. */
export const dateTimeOptions: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
};
const dateTimeFormat = lazy(() => new Intl.DateTimeFormat('nl-NL', dateTimeOptions));
const moneyFormat = lazy(() => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }));
const wholeMoneyFormat = lazy(
  () => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
);
const integerFormat = lazy(() => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }));

/** `2024-03-15` → `15 maart 2024`. */
export function formatDate(isoDate: string): string {
  const parsed = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return isoDate;
  const year = parsed.getUTCFullYear();
  if (year < 1000) return dateFormat().format(parsed);
  return `${parsed.getUTCDate()} ${dutchMonths[parsed.getUTCMonth()]} ${year}`;
}

/** An ISO timestamp → `15 maart 2024 om 14:05` in Dutch time. */
export function formatDateTime(isoTimestamp: string): string {
  const parsed = new Date(isoTimestamp);
  if (Number.isNaN(parsed.getTime())) return isoTimestamp;
  const clock = amsterdamWallClock(parsed);
  if (!clock) return dateTimeFormat().format(parsed);
  const twoDigits = (n: number) => String(n).padStart(2, '0');
  return `${clock.d} ${dutchMonths[clock.m - 1]} ${clock.y} om ${twoDigits(clock.hh)}:${twoDigits(clock.mm)}`;
}

/**
 * `|value|` rounded to `digits` decimals as ICU rounds: half away from zero, on the shortest decimal that
 * reads back as the number (`1.005` → `1.01`, where `toFixed` sees 1.00499… and gives `1.00`). Undefined
 * when JavaScript writes the number with an exponent (below 1e-6, from 1e21 up) or it is not finite.
 */
function roundedDigits(value: number, digits: number): { whole: string; fraction: string } | undefined {
  const shortest = String(Math.abs(value));
  if (!/^\d+(\.\d+)?$/.test(shortest)) return undefined;
  const [whole = '0', fraction = ''] = shortest.split('.');
  const kept = BigInt(whole + fraction.slice(0, digits).padEnd(digits, '0'));
  const rounded = (fraction[digits] ?? '0') >= '5' ? kept + 1n : kept;
  const text = rounded.toString().padStart(digits + 1, '0');
  return { whole: text.slice(0, text.length - digits), fraction: text.slice(text.length - digits) };
}

/** `1234567` → `1.234.567`. */
const grouped = (whole: string) => whole.replace(/\B(?=(\d{3})+$)/g, '.');
/** ICU writes a minus for every negative number, also one that rounds to 0, and for -0. */
const minus = (value: number) => (value < 0 || Object.is(value, -0) ? '-' : '');

/** Euros with `digits` decimals, as ICU writes them for nl-NL (ICU itself for what is not written out). */
function euros(amount: number, digits: number, icu: () => Intl.NumberFormat): string {
  if (!roundedDigits(amount, digits))
    return icu()
      .format(amount)
      .replace(/\u00a0/g, ' ');
  return `€ ${formatDecimal(amount, digits)}`;
}

/** `1234.5` → `€ 1.234,50` (with an ordinary space, so it copies cleanly). */
export function formatMoney(amount: number): string {
  return euros(amount, 2, moneyFormat);
}

/** `1234.56, 1` → `1.234,6`: exactly `digits` decimals, as ICU writes them for nl-NL. */
export function formatDecimal(value: number, digits: number): string {
  const rounded = roundedDigits(value, digits);
  if (!rounded) {
    const icu = new Intl.NumberFormat('nl-NL', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    return icu.format(value);
  }
  return `${minus(value)}${grouped(rounded.whole)}${digits > 0 ? `,${rounded.fraction}` : ''}`;
}

/** `1234.5` → `€ 1.235`: an amount in a headline, where the cents are noise. */
export function formatWholeMoney(amount: number): string {
  return euros(amount, 0, wholeMoneyFormat);
}

/** `6325` → `6.325`. */
export function formatInteger(value: number): string {
  const digits = roundedDigits(value, 0);
  if (!digits) return integerFormat().format(value);
  return `${minus(value)}${grouped(digits.whole)}`;
}

/**
 * A label with what follows it: `Capaciteit: 80 → 95`, but `Wilt u nog iets toelichten? Vanaf juli → …`
 * (a question mark is its own separator; `toelichten?:` reads as a typo).
 */
export function labelled(label: string, text: string): string {
  const trimmed = label.trim();
  return /[?:]$/.test(trimmed) ? `${trimmed} ${text}` : `${trimmed}: ${text}`;
}
