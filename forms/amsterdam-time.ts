/**
 * The wall clock in Amsterdam without ICU: the first `Intl.DateTimeFormat` of a process costs a cold start
 * 10–40 ms while ICU loads its time-zone data (issue 14), and most pages show a deadline. The Netherlands
 * follow the EU's summer time since 1996: CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last
 * Sunday of October 01:00 UTC, CET (UTC+1) otherwise. Outside 1996–2037 this answers undefined and the
 * callers ask ICU; test/unit/format.test.ts compares the two around every change of those years, so a
 * change of the rule (the EU has discussed ending summer time) fails there when Node's time-zone data
 * has it.
 */

/** 01:00 UTC on the last Sunday of a month (0-based). */
function lastSundayOneUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}

export interface WallClock {
  readonly y: number;
  readonly m: number;
  readonly d: number;
  readonly hh: number;
  readonly mm: number;
  readonly ss: number;
}

/** The wall-clock fields of a moment in Amsterdam; undefined outside 1996–2037. */
export function amsterdamWallClock(moment: Date): WallClock | undefined {
  const at = moment.getTime();
  const year = moment.getUTCFullYear();
  if (!(year >= 1996 && year <= 2037)) return undefined;
  const summer = at >= lastSundayOneUtc(year, 2) && at < lastSundayOneUtc(year, 9);
  const local = new Date(at + (summer ? 2 : 1) * 3_600_000);
  return {
    y: local.getUTCFullYear(),
    m: local.getUTCMonth() + 1,
    d: local.getUTCDate(),
    hh: local.getUTCHours(),
    mm: local.getUTCMinutes(),
    ss: local.getUTCSeconds(),
  };
}
