import { describe, expect, it } from 'vitest';
import {
  dateTimeOptions,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatInteger,
  formatMoney,
  formatWholeMoney,
  labelled,
} from '../../forms/format.js';
import { secretariatOf } from '../../forms/render/layout.js';
import { amsterdamDate, amsterdamMinute } from '../../functions/core/dutch-time.js';

/**
 * forms/format.ts writes dates, amounts and counts itself (no ICU at a cold start's import, issue 14): the
 * output must stay ICU's for nl-NL, character for character.
 */
const icuDate = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const icuMoney = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const icuWholeMoney = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const icuInteger = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const icuOneDecimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const icuAmsterdam = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Deterministic pseudo-random numbers (a test that fails must fail again). */
function* numbers(count: number): Generator<number> {
  let seed = 14;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < count; i++) {
    const magnitude = 10 ** Math.floor(next() * 12 - 3);
    const value = (next() - 0.3) * magnitude;
    yield value;
    yield Math.round(value * 100) / 100;
    yield Math.round(value * 1000) / 1000;
  }
}

const edges = [
  0,
  -0,
  -0.001,
  0.005,
  0.015,
  0.125,
  1.005,
  2.5,
  -2.5,
  0.5,
  -0.5,
  1234,
  1234.5,
  -1234.567,
  999.995,
  999999.995,
  1e6,
  123456789.125,
  9007199254740991,
  1e20,
  1e21,
  1e-7,
  0.000001,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

describe('Dutch formatting without ICU', () => {
  it('writes every day from 1999 to 2040 as ICU does', () => {
    for (let day = Date.UTC(1999, 0, 1); day <= Date.UTC(2040, 11, 31); day += 86_400_000) {
      const iso = new Date(day).toISOString().slice(0, 10);
      expect(formatDate(iso), iso).toBe(icuDate.format(new Date(day)));
    }
    expect(formatDate('0800-05-01')).toBe(icuDate.format(new Date('0800-05-01T00:00:00Z')));
    expect(formatDate('geen datum')).toBe('geen datum');
  });

  it('writes amounts and counts as ICU does, rounding included', () => {
    for (const value of [...edges, ...numbers(3000)]) {
      expect(formatMoney(value), String(value)).toBe(icuMoney.format(value).replace(/\u00a0/g, ' '));
      expect(formatWholeMoney(value), String(value)).toBe(
        icuWholeMoney.format(value).replace(/\u00a0/g, ' '),
      );
      expect(formatInteger(value), String(value)).toBe(icuInteger.format(value));
      expect(formatDecimal(value, 1), String(value)).toBe(icuOneDecimal.format(value));
    }
  });

  it('writes Amsterdam times as ICU does around every clock change from 1996 to 2037, and beyond', () => {
    const icuDateTime = new Intl.DateTimeFormat('nl-NL', dateTimeOptions);
    for (let year = 1994; year <= 2039; year++) {
      // Every half hour of the last eight days of March and of October, and of New Year's Eve.
      for (const [month, day] of [
        [2, 24],
        [9, 24],
        [11, 31],
      ] as const) {
        const from = Date.UTC(year, month, day) - 86_400_000;
        for (let at = from; at < from + 9 * 86_400_000; at += 30 * 60_000) {
          const moment = new Date(at);
          const icu = icuAmsterdam.format(moment);
          expect(amsterdamMinute(moment), moment.toISOString()).toBe(icu);
          expect(formatDateTime(moment.toISOString()), moment.toISOString()).toBe(icuDateTime.format(moment));
        }
      }
    }
  });

  it('writes Amsterdam dates and minutes as ICU does, across the clock changes', () => {
    // Every hour of 2025–2027: both changes of each year, and the nights around them.
    for (let at = Date.UTC(2025, 0, 1); at < Date.UTC(2028, 0, 1); at += 60 * 60_000) {
      const moment = new Date(at);
      const icu = icuAmsterdam.format(moment);
      expect(amsterdamMinute(moment), moment.toISOString()).toBe(icu);
      expect(amsterdamDate(moment), moment.toISOString()).toBe(icu.slice(0, 10));
    }
  });
});

describe('a label with what follows it', () => {
  it('a colon after a name, none after a question', () => {
    expect(labelled('Capaciteit', '80 → 95')).toBe('Capaciteit: 80 → 95');
    expect(labelled('Wilt u nog iets toelichten?', 'Vanaf juli → Sinds juli')).toBe(
      'Wilt u nog iets toelichten? Vanaf juli → Sinds juli',
    );
  });
});

describe('whose secretariat', () => {
  it('the organisation with its article', () => {
    expect(secretariatOf('Regionale Regietafel Vluchtelingen IJsselland')).toBe(
      'het secretariaat van de Regionale Regietafel Vluchtelingen IJsselland',
    );
    expect(secretariatOf('Provincie Overijssel')).toBe('het secretariaat van de Provincie Overijssel');
    expect(secretariatOf('de Regietafel Twente')).toBe('het secretariaat van de Regietafel Twente');
  });
});
