import { describe, expect, it } from 'vitest';
import { readDutchDate, readExistingDate } from '../../forms/dutch-date.js';
import { deadlineFrom, draftFromInput, readNewRoundInput } from '../../functions/http/new-round-form.js';
import { readWindow } from '../../functions/http/places-pages.js';
import { importFromInput, readTargetsInput } from '../../functions/http/targets-form.js';
import { newRoundFields } from '../support/pipeline.js';

/**
 * Every date a staff page asks for (new round, change of deadline, places window, targets) reads the
 * formats the forms read — `1-7-2024`, `1/7/2024`, `1 juli 2024`, `1 jul. 2024`, `2024-07-01` — with the
 * forms' messages per kind of mistake, each naming the field.
 */

const formats = [
  '1-7-2024',
  '01-07-2024',
  '1/7/2024',
  '1.7.2024',
  '1 juli 2024',
  '1 jul 2024',
  '1 jul. 2024',
  '2024-07-01',
];

describe('a staff date input', () => {
  it.each(formats)('reads %s as the forms do', (typed) => {
    expect(readDutchDate(typed, 'Peildatum')).toEqual({ iso: '2024-07-01' });
    expect(readExistingDate(typed)).toBe('2024-07-01');
  });

  it('says per kind of mistake what is wrong, naming the field', () => {
    expect(readDutchDate('', 'Peildatum')).toEqual({
      error: 'Vul bij ‘Peildatum’ een datum in, bijvoorbeeld 1-7-2024 of 1 juli 2024.',
    });
    expect(readDutchDate('morgen', 'Peildatum')).toEqual({
      error: 'Vul bij ‘Peildatum’ een datum in als 1-7-2024 of 1 juli 2024.',
    });
    expect(readDutchDate('31 februari 2024', 'Peildatum')).toEqual({
      error:
        '‘Peildatum’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.',
    });
    expect(readDutchDate('1-1-1990', 'Peildatum')).toEqual({
      error: '‘Peildatum’ moet tussen 2000 en 2100 liggen.',
    });
    expect(readExistingDate('31-2-2024')).toBeUndefined();
  });

  it('opens a new round from written-out dates, and names the field of each mistake', () => {
    const read = draftFromInput(
      readNewRoundInput(
        new URLSearchParams(
          newRoundFields({ referenceDate: '1 december 2099', deadlineDatum: '18 dec. 2099' }),
        ),
      ),
    );
    expect(read.errors).toEqual([]);
    expect(read.draft.referenceDate).toBe('2099-12-01');
    expect(read.draft.deadline).toBe('2099-12-18T16:00:00.000Z');
    const wrong = draftFromInput(
      readNewRoundInput(
        new URLSearchParams(
          newRoundFields({ referenceDate: 'volgende week', deadlineDatum: '30 februari 2099' }),
        ),
      ),
    );
    expect(wrong.errors).toEqual([
      { path: 'referenceDate', message: 'Vul bij ‘Peildatum’ een datum in als 1-7-2024 of 1 juli 2024.' },
      {
        path: 'deadline',
        message:
          '‘Sluitingsdatum’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.',
      },
    ]);
  });

  it('moves a deadline to a written-out date, naming the field as the page labels it', () => {
    expect(deadlineFrom('1 maart 2099', '9:30', 'Nieuwe sluitingsdatum')).toEqual({
      deadline: '2099-03-01T08:30:00.000Z',
    });
    expect(deadlineFrom('', '17:00', 'Open tot').error).toEqual({
      path: 'deadline',
      message: 'Vul bij ‘Open tot’ een datum in, bijvoorbeeld 1-7-2024 of 1 juli 2024.',
    });
  });

  it('reads a places window from written-out dates', () => {
    expect(readWindow({ van: '1 juli 2025', tot: '1 feb 2026' }, null)).toMatchObject({
      window: { from: '2025-07-01', until: '2026-02-01' },
      errors: [],
    });
    expect(readWindow({ van: '1 juli 2025', tot: 'later' }, null).errors).toEqual([
      { path: 'tot', message: 'Vul bij ‘Tot en met’ een datum in als 1-7-2024 of 1 juli 2024.' },
    ]);
  });

  it('reads ‘Geldt vanaf’ of published targets from a written-out date', () => {
    const fields = (effectiveFrom: string) =>
      new URLSearchParams({
        soort: 'spreiding',
        cyclus: '2024-2026',
        ingangsdatum: effectiveFrom,
        taak: '6325',
        taakAmv: '400',
        bron: 'Besluit',
        lijst: 'x',
        provincie: 'overijssel',
      });
    const input = (effectiveFrom: string) => readTargetsInput(fields(effectiveFrom));
    expect(
      importFromInput(input('1 februari 2024')).errors.filter((error) => error.path === 'ingangsdatum'),
    ).toEqual([]);
    expect(importFromInput(input('31-2-2024')).errors).toContainEqual({
      path: 'ingangsdatum',
      message:
        '‘Geldt vanaf’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.',
    });
  });
});
