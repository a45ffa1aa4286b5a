import { describe, expect, it } from 'vitest';
import { catalogue } from '../../forms/catalogue.js';
import { type Answers, decodeFormPost, rawToCandidate } from '../../forms/definition.js';
import { isInput } from '../../forms/field-types.js';
import { validateAnswers } from '../../forms/validate.js';
import { validEigenBijdrage, validSociaalDomein, validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * Every message names its field in the words the official sees: for every field of every form, the
 * message for a missing answer (when required) and for an unreadable one contains the field's error name,
 * and that name is the start of its label.
 */

const valid: Record<string, () => Answers> = {
  'eigen-bijdrage': () => validEigenBijdrage({ executedBy: 'extern', executorName: 'Regio IJssel' }),
  'sociaal-domein': () => validSociaalDomein(),
  'voortgang-opgaven': () => validVoortgangOpgaven(),
};

/** What an official could type that the field cannot read, per widget, as a browser posts it. */
const unreadable: Record<string, string> = {
  text: 'a\u0007b',
  textarea: '\u202Eomgekeerd',
  email: 'geen-adres',
  integer: 'twaalf',
  money: 'twaalf euro',
  date: 'morgen',
  'yes-no': 'misschien',
  radio: 'iets-anders',
  select: 'iets-anders',
};

interface Case {
  readonly form: string;
  /** Dotted path: `collects`, `locations.0.catering`. */
  readonly path: string;
  readonly name: string;
  readonly label: string;
  readonly widget: string;
  readonly required: boolean;
}

const cases: Case[] = [...catalogue.values()].flatMap((definition) =>
  definition.sections.flatMap((section) =>
    section.items.flatMap((item) =>
      (item.type === 'field'
        ? [{ field: item, path: item.key }]
        : item.fields.map((field) => ({ field, path: `${item.key}.0.${field.key}` }))
      )
        .filter(({ field }) => isInput(field))
        .map(({ field, path }) => ({
          form: definition.id,
          path,
          name: field.name,
          label: field.label,
          widget: field.widget,
          required: field.required,
        })),
    ),
  ),
);

/** The answers as a browser would post them, with one field set to `value` ('' = left empty). */
function postWith(form: string, path: string, value: string): URLSearchParams {
  const params = new URLSearchParams();
  const answers = valid[form]!();
  const toForm = (key: string, field: string | undefined, stored: unknown) => {
    const definition = catalogue.get(form)!;
    const item = definition.sections
      .flatMap((section) => section.items)
      .find((candidate) => candidate.key === key)!;
    const target = item.type === 'field' ? item : item.fields.find((candidate) => candidate.key === field)!;
    return target.toForm(stored);
  };
  for (const [key, stored] of Object.entries(answers)) {
    if (Array.isArray(stored)) {
      stored.forEach((row: Answers, index) => {
        for (const [field, value] of Object.entries(row))
          params.set(`${key}[${index}][${field}]`, toForm(key, field, value));
      });
    } else params.set(key, toForm(key, undefined, stored));
  }
  const [key, index, field] = path.split('.');
  params.set(field === undefined ? key! : `${key}[${index}][${field}]`, value);
  return params;
}

function messageAt(form: string, path: string, value: string): string | undefined {
  const definition = catalogue.get(form)!;
  const candidate = rawToCandidate(definition, decodeFormPost(definition, postWith(form, path, value)).raw);
  return validateAnswers(definition, candidate).errors.find((error) => error.path === path)?.message;
}

describe('error messages in the words of the labels', () => {
  it('covers every field of the three forms', () => {
    expect(new Set(cases.map((entry) => entry.form))).toEqual(new Set(Object.keys(valid)));
    expect(cases.length).toBeGreaterThan(50);
  });

  it.each(cases)('$form $path: the error name is the start of its label', ({ name, label }) => {
    expect(label.startsWith(name)).toBe(true);
    // A recognisable part: the whole label, or at least its first two words.
    expect(name === label || name.split(' ').length >= 2).toBe(true);
  });

  it.each(cases.filter((entry) => entry.required))(
    '$form $path: left empty, the message names it',
    (entry) => {
      expect(messageAt(entry.form, entry.path, '')).toContain(`‘${entry.name}’`);
    },
  );

  it.each(cases)('$form $path: unreadable, the message names it', (entry) => {
    expect(messageAt(entry.form, entry.path, unreadable[entry.widget]!)).toContain(`‘${entry.name}’`);
  });

  it('says what a date looks like, and that 31-2-2024 does not exist', () => {
    const path = 'collectingSince';
    expect(messageAt('eigen-bijdrage', path, 'morgen')).toBe(
      'Vul bij ‘Sinds wanneer vraagt uw gemeente de eigen bijdrage?’ een datum in als 1-7-2024 of 1 juli 2024.',
    );
    expect(messageAt('eigen-bijdrage', path, '31-2-2024')).toBe(
      '‘Sinds wanneer vraagt uw gemeente de eigen bijdrage?’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.',
    );
    expect(messageAt('eigen-bijdrage', path, '')).toBe(
      'Vul bij ‘Sinds wanneer vraagt uw gemeente de eigen bijdrage?’ een datum in, bijvoorbeeld 1-7-2024 of 1 juli 2024.',
    );
    for (const typed of ['1 juli 2024', '1 jul 2024', '01-07-2024', '1-7-2024', '2024-07-01'])
      expect(messageAt('eigen-bijdrage', path, typed), typed).toBeUndefined();
  });

  it.each(cases.filter((entry) => entry.widget === 'money'))(
    '$form $path: one example of an amount, in its hint and in its message',
    (entry) => {
      const item = catalogue
        .get(entry.form)!
        .sections.flatMap((section) => section.items)
        .find((candidate) => candidate.key === entry.path)!;
      const example = item.type === 'field' ? /Bijvoorbeeld ([\d.,]+)\.$/.exec(item.hint ?? '')?.[1] : '';
      expect(example, 'the hint ends with an example').toMatch(/^\d/);
      expect(messageAt(entry.form, entry.path, 'twaalf euro')).toBe(
        `‘${entry.name}’ moet een bedrag in euro’s zijn, bijvoorbeeld ${example}.`,
      );
      // Three decimals come only from a JSON client (a browser's '12,345' is unreadable, as above).
      expect(item.type === 'field' && item.schema.safeParse(1.234).error?.issues[0]?.message).toBe(
        `‘${entry.name}’ mag hoogstens twee cijfers achter de komma hebben, bijvoorbeeld ${example}.`,
      );
    },
  );

  it('gives a money field one example, in its hint and in its message', () => {
    const field = catalogue
      .get('eigen-bijdrage')!
      .sections[0]!.items.find((item) => item.key === 'amountOperatingCosts');
    expect(field?.type === 'field' && field.hint).toContain('Bijvoorbeeld 244,22.');
    expect(messageAt('eigen-bijdrage', 'amountOperatingCosts', 'twaalf euro')).toBe(
      '‘Bedrag voor exploitatie en nutsvoorzieningen’ moet een bedrag in euro’s zijn, bijvoorbeeld 244,22.',
    );
  });

  it('names the fields in a rule about two of them, and the row', () => {
    expect(messageAt('voortgang-opgaven', 'asylumLocations.0.availableUntil', '1-1-2025')).toBe(
      'Asiellocatie 1: ‘Beschikbaar tot’ moet na ‘Beschikbaar vanaf’ liggen.',
    );
  });
});
