/** Dutch formatting for everything a person reads: `15 maart 2024`, `€ 1.234,56`, `1.234`. */

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});
const moneyFormat = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const wholeMoneyFormat = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const integerFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });

/** `2024-03-15` → `15 maart 2024`. */
export function formatDate(isoDate: string): string {
  const parsed = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? isoDate : dateFormat.format(parsed);
}

/** An ISO timestamp → `15 maart 2024 om 14:05` in Dutch time. */
export function formatDateTime(isoTimestamp: string): string {
  const parsed = new Date(isoTimestamp);
  return Number.isNaN(parsed.getTime()) ? isoTimestamp : dateTimeFormat.format(parsed);
}

/** `1234.5` → `€ 1.234,50` (with an ordinary space, so it copies cleanly). */
export function formatMoney(amount: number): string {
  return moneyFormat.format(amount).replace(/\u00a0/g, ' ');
}

/** `1234.5` → `€ 1.235`: an amount in a headline, where the cents are noise. */
export function formatWholeMoney(amount: number): string {
  return wholeMoneyFormat.format(amount).replace(/\u00a0/g, ' ');
}

/** `6325` → `6.325`. */
export function formatInteger(value: number): string {
  return integerFormat.format(value);
}
