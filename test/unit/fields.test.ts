import { describe, expect, it } from 'vitest';
import { date, integer, money, text, yesNo } from '../../forms/fields.js';

describe('field types read what a Dutch official types', () => {
  it('reads integers with Dutch thousands separators and keeps anything else for a clear error', () => {
    const field = integer('places', { label: 'Plaatsen' });
    expect(field.fromForm('1.200')).toBe(1200);
    expect(field.fromForm(' 1 200 ')).toBe(1200);
    expect(field.fromForm('-3')).toBe(-3);
    expect(field.fromForm('')).toBeUndefined();
    expect(field.fromForm('12,5')).toBe('12,5');
    expect(field.schema.safeParse(field.fromForm('12,5')).error?.issues[0]?.message).toBe(
      '‘Plaatsen’ moet een heel getal zijn, bijvoorbeeld 12.',
    );
    expect(field.schema.safeParse(-3).error?.issues[0]?.message).toBe('‘Plaatsen’ mag niet negatief zijn.');
    expect(field.schema.safeParse(undefined).error?.issues[0]?.message).toBe('Vul ‘Plaatsen’ in.');
  });

  it('reads money in Dutch and plain notation, with at most two decimals', () => {
    const field = money('amount', { label: 'Bedrag' });
    expect(field.fromForm('244,22')).toBe(244.22);
    expect(field.fromForm('€ 1.234,56')).toBe(1234.56);
    expect(field.fromForm('1.234')).toBe(1234);
    expect(field.fromForm('105.5')).toBe(105.5);
    expect(field.fromForm('105')).toBe(105);
    expect(field.schema.safeParse(field.fromForm('twaalf')).success).toBe(false);
    expect(field.schema.safeParse(1.234).error?.issues[0]?.message).toBe(
      '‘Bedrag’ mag hoogstens twee cijfers achter de komma hebben, bijvoorbeeld 1.250,00.',
    );
    expect(field.toForm(244.2)).toBe('244,20');
    expect(field.display(1234.5)).toBe('€ 1.234,50');
  });

  it('reads ISO dates from a date input and Dutch dates typed by hand; rejects impossible dates', () => {
    const field = date('since', { label: 'Startdatum' });
    expect(field.fromForm('2024-07-01')).toBe('2024-07-01');
    expect(field.fromForm('1-7-2024')).toBe('2024-07-01');
    expect(field.schema.safeParse('2024-02-30').success).toBe(false);
    expect(field.schema.safeParse('1899-01-01').error?.issues[0]?.message).toBe(
      '‘Startdatum’ moet tussen 2000 en 2100 liggen.',
    );
    expect(field.display('2024-03-15')).toBe('15 maart 2024');
  });

  it('reads yes/no radios and names the question when none is chosen', () => {
    const field = yesNo('catering', { label: 'Is er catering?' });
    expect(field.fromForm('ja')).toBe(true);
    expect(field.fromForm('nee')).toBe(false);
    expect(field.schema.safeParse(undefined).error?.issues[0]?.message).toBe(
      'Kies een antwoord bij ‘Is er catering?’.',
    );
    expect(field.schema.safeParse('misschien').error?.issues[0]?.message).toBe(
      'Kies ‘ja’ of ‘nee’ bij ‘Is er catering?’.',
    );
    expect(field.toCsv(true)).toBe('ja');
  });

  it('limits text length with a message that says the limit', () => {
    const field = text('name', { label: 'Naam', maxLength: 5 });
    expect(field.schema.safeParse('  Zwolle  ').error?.issues[0]?.message).toBe(
      '‘Naam’ mag maximaal 5 tekens lang zijn.',
    );
    expect(field.schema.safeParse('  Ommen ').data).toBe('Ommen');
    expect(field.schema.safeParse('   ').error?.issues[0]?.message).toBe('Vul ‘Naam’ in.');
  });
});
