import { describe, expect, it } from 'vitest';
import { isExistingDate, parseDutchDate, readExistingDate } from '../../forms/dutch-date.js';
import { date } from '../../forms/fields.js';
import { formatDate } from '../../forms/format.js';

describe('dates as a Dutch official writes them', () => {
  it.each([
    ['1 juli 2024', '2024-07-01'],
    ['1 Juli 2024', '2024-07-01'],
    ['1 jul 2024', '2024-07-01'],
    ['1 jul. 2024', '2024-07-01'],
    ['15 mrt 2024', '2024-03-15'],
    ['3 sept 2025', '2025-09-03'],
    ['  1  juli   2024 ', '2024-07-01'],
    ['01-07-2024', '2024-07-01'],
    ['1-7-2024', '2024-07-01'],
    ['1/7/2024', '2024-07-01'],
    ['1.7.2024', '2024-07-01'],
    ['2024-07-01', '2024-07-01'],
    ['2024-7-1', '2024-07-01'],
  ])('reads %j as %s', (typed, iso) => {
    expect(parseDutchDate(typed)).toBe(iso);
  });

  it('reads back every date the pages show', () => {
    const field = date('since', { label: 'Sinds' });
    for (const iso of ['2024-01-31', '2024-02-29', '2024-03-15', '2025-05-01', '2026-12-31']) {
      expect(field.schema.safeParse(field.fromForm(formatDate(iso))).data).toBe(iso);
      expect(field.schema.safeParse(field.fromForm(field.toForm(iso))).data).toBe(iso);
    }
  });

  it('keeps what is no date as typed, and gives a date that does not exist in ISO form', () => {
    expect(parseDutchDate('morgen')).toBe('morgen');
    expect(parseDutchDate('1 juliet 2024')).toBe('1 juliet 2024');
    expect(parseDutchDate('31-2-2024')).toBe('2024-02-31');
    expect(isExistingDate('2024-02-31')).toBe(false);
    expect(isExistingDate('2024-13-01')).toBe(false);
    expect(isExistingDate('2024-02-29')).toBe(true);
    expect(isExistingDate('2023-02-29')).toBe(false);
  });

  it('reads an existing day, or nothing, optionally within given years', () => {
    expect(readExistingDate('1 januari 2027')).toBe('2027-01-01');
    expect(readExistingDate('1\tjanuari\t2027')).toBe('2027-01-01');
    expect(readExistingDate('1-1-1899')).toBe('1899-01-01');
    expect(readExistingDate('31-2-2024')).toBeUndefined();
    expect(readExistingDate('morgen')).toBeUndefined();
    const years = { from: 1900, to: 2200 };
    expect(readExistingDate('1-1-1900', { years })).toBe('1900-01-01');
    expect(readExistingDate('31-12-2200', { years })).toBe('2200-12-31');
    expect(readExistingDate('31-12-1899', { years })).toBeUndefined();
    expect(readExistingDate('1-1-2201', { years })).toBeUndefined();
  });

  it('tells a date that is not written as one from one that does not exist', () => {
    const field = date('since', { label: 'Startdatum' });
    const message = (typed: string) =>
      field.schema.safeParse(field.fromForm(typed)).error?.issues[0]?.message;
    expect(message('morgen')).toBe('Vul bij ‘Startdatum’ een datum in als 1-7-2024 of 1 juli 2024.');
    expect(message('31 februari 2024')).toBe(
      '‘Startdatum’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.',
    );
    expect(message('1-13-2024')).toContain('moet een bestaande datum zijn');
    expect(message('1-1-1999')).toBe('‘Startdatum’ moet tussen 2000 en 2100 liggen.');
    expect(field.hint).toBe('Bijvoorbeeld 1-7-2024 of 1 juli 2024.');
  });
});
