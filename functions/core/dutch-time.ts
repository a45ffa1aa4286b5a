import { amsterdamWallClock } from '../../forms/amsterdam-time.js';
import { lazy } from '../../forms/lazy.js';
/**
 * Dates and times as Dutch staff type them (Amsterdam time, `18-12-2026` and `17:00`), to and from the ISO
 * timestamps the rounds store. The time zone database decides the offset (CET +1, CEST +2).
 */

/** Whether y-m-d (and h:m) name a moment that exists, e.g. not 2026-02-30 or 25:00. */
export function existingDate(y: number, m: number, d: number, hh = 0, mm = 0): boolean {
  const date = new Date(Date.UTC(y, m - 1, d, hh, mm));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === hh &&
    date.getUTCMinutes() === mm
  );
}

const amsterdamParts = lazy(
  () =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }),
);

/** The wall-clock fields of a moment in Amsterdam (ICU only outside the years forms/amsterdam-time.ts knows). */
export function inAmsterdam(moment: Date): Record<'y' | 'm' | 'd' | 'hh' | 'mm' | 'ss', number> {
  const known = amsterdamWallClock(moment);
  if (known) return { ...known };
  const parts = amsterdamParts().formatToParts(moment);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return {
    y: get('year'),
    m: get('month'),
    d: get('day'),
    hh: get('hour'),
    mm: get('minute'),
    ss: get('second'),
  };
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** A moment's date in Amsterdam as an ISO date, `2026-12-31`. */
export function amsterdamDate(moment: Date): string {
  const { y, m, d } = inAmsterdam(moment);
  return `${y}-${twoDigits(m)}-${twoDigits(d)}`;
}

/** A moment in Amsterdam to the minute, `2026-12-31 17:05`. */
export function amsterdamMinute(moment: Date): string {
  const { hh, mm } = inAmsterdam(moment);
  return `${amsterdamDate(moment)} ${twoDigits(hh)}:${twoDigits(mm)}`;
}

/** Amsterdam wall-clock time → ISO in UTC; undefined when that date or time does not exist. */
export function fromAmsterdam(y: number, m: number, d: number, hh = 0, mm = 0): string | undefined {
  if (!existingDate(y, m, d, hh, mm)) return undefined;
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  const shown = inAmsterdam(new Date(asUtc));
  const offset = Date.UTC(shown.y, shown.m - 1, shown.d, shown.hh, shown.mm) - asUtc;
  return new Date(asUtc - offset).toISOString();
}

/** `2026-12-18T17:00` or `2026-12-18` (Amsterdam time) or a full ISO timestamp with zone → ISO in UTC. */
export function parseAmsterdamTime(value: string): string | undefined {
  if (/[zZ]|[+-]\d{2}:\d{2}$/.test(value)) {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [, y, m, d, hh = '00', mm = '00'] = match;
  return fromAmsterdam(Number(y), Number(m), Number(d), Number(hh), Number(mm));
}

/** A time as typed: `17:00`, `9.30`, `17` → minutes since midnight; undefined when no time of day. */
export function parseTimeOfDay(value: string): { hh: number; mm: number } | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [hh, mm] = [Number(match[1]), Number(match[2] ?? '0')];
  return hh < 24 && mm < 60 ? { hh, mm } : undefined;
}

/** An ISO moment as the two inputs show it: `{ date: '18-12-2026', time: '17:00' }` in Amsterdam time. */
export function toDutchInputs(iso: string): { date: string; time: string } {
  const { y, m, d, hh, mm } = inAmsterdam(new Date(iso));
  return { date: `${d}-${m}-${y}`, time: `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}` };
}

const amsterdamClock = lazy(
  () =>
    new Intl.DateTimeFormat('nl-NL', {
      timeZone: 'Europe/Amsterdam',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }),
);

/** A moment's time of day in Amsterdam, `07:05:09`, as log lines show it (the machine may run in UTC). */
export function amsterdamTimeOfDay(moment: Date): string {
  return amsterdamClock().format(moment);
}
