import * as z from 'zod/mini';
import { dateExample, dateMessages, isExistingDate, parseDutchDate } from './dutch-date.js';
import type {
  ChoiceOption,
  Field,
  RawValue,
  RepeatGroup,
  Section,
  SectionItem,
  ShownWhen,
  Widget,
} from './field-types.js';
import { formatDate, formatInteger, formatMoney } from './format.js';
import { textProblem } from './text-safety.js';
import { zodDefaults } from './zod-defaults.js';

export * from './field-types.js';

/**
 * Field builders (their types are in forms/field-types.ts, re-exported here). A field type owns everything
 * about one kind of answer: its validation (with Dutch messages that name the field), how a browser's
 * string becomes a typed value, how a stored value goes back into an input, and how it reads in email, on
 * the check page and in CSV. A form definition only composes them, so one definition drives every output.
 */

interface FieldOptions {
  readonly label: string;
  /** The label's first words, for messages (see {@link Field.name}); a field's builder refuses other words. */
  readonly name?: string;
  readonly hint?: string;
  readonly unit?: string;
  readonly csvHeader?: string;
  readonly optional?: boolean;
  /** Asked only after these answers to an earlier question (see {@link Field.shownWhen}). */
  readonly shownWhen?: ShownWhen;
  /** Not carried over when a round starts from the previous round's answers (see {@link Field.perRound}). */
  readonly perRound?: boolean;
}

const quote = (name: string) => `‘${name}’`;

/** `1 plaats`, `2 plaatsen`: the units the forms use, in the singular. */
const singular: Record<string, string> = {
  plaatsen: 'plaats',
  personen: 'persoon',
  bewoners: 'bewoner',
  volwassenen: 'volwassene',
  leerlingen: 'leerling',
};

function withUnit(text: string, value: number, unit: string | undefined): string {
  if (!unit) return text;
  return `${text} ${Math.abs(value) === 1 ? (singular[unit] ?? unit) : unit}`;
}
const empty = '—';

function isBlank(raw: RawValue | undefined): boolean {
  return raw === undefined || raw.trim() === '';
}

/**
 * A message names a field in the words of its label: an error name that is not the start of the label
 * (`Startdatum eigen bijdrage` for `Sinds wanneer …?`) would send the official looking for a field the page
 * does not show.
 */
function checkedName(key: string, options: FieldOptions): string {
  const name = options.name ?? options.label;
  const startsLabel =
    options.label === name ||
    (options.label.startsWith(name) && /^[\s?,:(]/.test(options.label.slice(name.length)));
  if (!startsLabel)
    throw new Error(
      `Veld ${key}: de naam in foutmeldingen (‘${name}’) moet het begin van het label zijn (‘${options.label}’)`,
    );
  return name;
}

function base(key: string, widget: Widget, options: FieldOptions) {
  const name = checkedName(key, options);
  return {
    type: 'field' as const,
    key,
    widget,
    label: options.label,
    name,
    hint: options.hint,
    unit: options.unit,
    csvHeader: options.csvHeader ?? name,
    required: !options.optional,
    shownWhen: options.shownWhen,
    perRound: options.perRound,
  };
}

/** Dutch "required" message per widget family, in the label's words. */
export function requiredMessage(widget: Widget, name: string): string {
  if (widget === 'yes-no' || widget === 'radio' || widget === 'select')
    return `Kies een antwoord bij ${quote(name)}.`;
  if (widget === 'date') return dateMessages(name).missing;
  // A question is answered, not filled in: `Vul een antwoord in bij ‘Wilt u nog iets toelichten?’.`
  if (name.trim().endsWith('?')) return `Vul een antwoord in bij ${quote(name)}.`;
  return `Vul ${quote(name)} in.`;
}

/** Wraps a value schema so that a missing value gets the field's own required message. */
function withPresence<T>(schema: z.ZodMiniType<T>, widget: Widget, name: string): z.ZodMiniType<T> {
  return z.pipe(
    z.any().check(
      z.superRefine((value, ctx) => {
        if (value === undefined || value === null || value === '') {
          ctx.addIssue({ code: 'custom', message: requiredMessage(widget, name), input: value });
        }
      }),
    ),
    schema,
  ) as unknown as z.ZodMiniType<T>;
}

/**
 * The field with its schema built on first use and kept: a process validates one form per request, and
 * building every field's zod schema at import was most of a cold start's CPU (issue 14). Spreading a
 * field (`{ ...field }`) builds it.
 */
function withSchema<T, F extends Omit<Field<T>, 'schema'>>(
  field: F,
  build: () => z.ZodMiniType<T>,
): Field<T> {
  let built: z.ZodMiniType<T> | undefined;
  return Object.defineProperty(field, 'schema', {
    enumerable: true,
    get: () => {
      if (!built) zodDefaults();
      built ??= build();
      return built;
    },
  }) as F & Field<T>;
}

export function text(key: string, options: FieldOptions & { maxLength?: number }): Field<string> {
  return textField(key, options, 'text');
}

function textField(
  key: string,
  options: FieldOptions & { maxLength?: number },
  widget: 'text' | 'textarea',
): Field<string> {
  const meta = base(key, widget, options);
  const multiLine = widget === 'textarea';
  const maxLength = options.maxLength ?? 200;
  const schema = () =>
    z.string({ error: `${quote(meta.name)} moet tekst zijn.` }).check(
      z.trim(),
      z.minLength(1, { error: requiredMessage('text', meta.name) }),
      z.maxLength(maxLength, {
        error: `${quote(meta.name)} mag maximaal ${formatInteger(maxLength)} tekens lang zijn.`,
      }),
      z.superRefine((value: string, ctx) => {
        const problem = textProblem(value, meta.name, multiLine);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
      }),
    );
  return withSchema(
    {
      ...meta,
      maxLength,
      fromForm: (raw) => (isBlank(raw) ? undefined : raw.trim()),
      toForm: (value) => (typeof value === 'string' ? value : ''),
      display: (value) => (typeof value === 'string' && value !== '' ? value : empty),
      toCsv: (value) => (typeof value === 'string' ? value : ''),
    },
    () => withPresence(schema(), 'text', meta.name),
  );
}

export function textarea(key: string, options: FieldOptions & { maxLength?: number }): Field<string> {
  return textField(key, { ...options, maxLength: options.maxLength ?? 2000 }, 'textarea');
}

export function email(key: string, options: FieldOptions): Field<string> {
  const meta = base(key, 'email', options);
  const schema = () =>
    z.pipe(
      z
        .string({ error: `${quote(meta.name)} moet tekst zijn.` })
        .check(z.trim(), z.maxLength(254, { error: `${quote(meta.name)} is te lang.` })),
      z.email({ error: `${quote(meta.name)} moet een geldig e-mailadres zijn, zoals naam@gemeente.nl.` }),
    );
  return withSchema(
    {
      ...meta,
      maxLength: 254,
      fromForm: (raw) => (isBlank(raw) ? undefined : raw.trim()),
      toForm: (value) => (typeof value === 'string' ? value : ''),
      display: (value) => (typeof value === 'string' && value !== '' ? value : empty),
      toCsv: (value) => (typeof value === 'string' ? value : ''),
    },
    () => withPresence(schema(), 'email', meta.name),
  );
}

/** Accepts `1200`, `1.200` and `1 200` (Dutch thousands separators); anything else stays a string. */
function parseDutchInteger(raw: RawValue): number | string {
  const compact = raw.trim().replace(/\s/g, '');
  if (/^-?\d+$/.test(compact)) return Number(compact);
  if (/^-?\d{1,3}(\.\d{3})+$/.test(compact)) return Number(compact.replace(/\./g, ''));
  return raw.trim();
}

export function integer(key: string, options: FieldOptions & { min?: number; max?: number }): Field<number> {
  const meta = base(key, 'integer', options);
  const min = options.min ?? 0;
  const max = options.max ?? 1_000_000;
  const schema = () =>
    z.number({ error: `${quote(meta.name)} moet een heel getal zijn, bijvoorbeeld 12.` }).check(
      z.int({ error: `${quote(meta.name)} moet een heel getal zijn, zonder komma.` }),
      z.gte(min, {
        error:
          min === 0
            ? `${quote(meta.name)} mag niet negatief zijn.`
            : `${quote(meta.name)} moet ${min} of meer zijn.`,
      }),
      z.lte(max, { error: `${quote(meta.name)} mag niet groter zijn dan ${formatInteger(max)}.` }),
    );
  return withSchema(
    {
      ...meta,
      fromForm: (raw) => (isBlank(raw) ? undefined : parseDutchInteger(raw)),
      toForm: (value) => (typeof value === 'number' ? String(value) : ''),
      display: (value) =>
        typeof value === 'number' ? withUnit(formatInteger(value), value, meta.unit) : empty,
      toCsv: (value) => (typeof value === 'number' ? value : ''),
    },
    () => withPresence(schema(), 'integer', meta.name),
  );
}

/**
 * Accepts Dutch (`1.234,56`, `105,00`, `€ 105`) and plain (`105.5`) amounts. A dot followed by exactly three
 * digits and no comma is a thousands separator, as a Dutch reader means it.
 */
function parseMoney(raw: RawValue): number | string {
  const compact = raw.trim().replace(/[€\s]/g, '');
  if (/^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$/.test(compact) || /^-?\d+(,\d{1,2})?$/.test(compact)) {
    return Number(compact.replace(/\./g, '').replace(',', '.'));
  }
  if (/^-?\d+(\.\d{1,2})?$/.test(compact)) return Number(compact);
  return raw.trim();
}

/** The amount a money field gives as its example, in its hint and in its messages, unless it names its own. */
export const moneyExample = '1.250,00';

export function money(
  key: string,
  options: FieldOptions & {
    max?: number;
    /** The amount the hint and the messages give as an example. @default {@link moneyExample} */
    example?: string;
  },
): Field<number> {
  // One example, in the hint the official reads before typing and in every message after.
  const example = options.example ?? moneyExample;
  const hint = `${options.hint ? `${options.hint} ` : ''}Bijvoorbeeld ${example}.`;
  const meta = base(key, 'money', { ...options, hint });
  const max = options.max ?? 100_000_000;
  const schema = () =>
    z.number({ error: `${quote(meta.name)} moet een bedrag in euro’s zijn, bijvoorbeeld ${example}.` }).check(
      z.gte(0, { error: `${quote(meta.name)} mag niet negatief zijn.` }),
      z.lte(max, { error: `${quote(meta.name)} mag niet hoger zijn dan ${formatMoney(max)}.` }),
      // Exactly cents: 0.30000000000000004 or 1e-320 is not an amount anyone typed (and DynamoDB cannot
      // store the latter), so only a value that is its own rounding to cents passes.
      z.refine((value: number) => Math.round(value * 100) / 100 === value, {
        error: `${quote(meta.name)} mag hoogstens twee cijfers achter de komma hebben, bijvoorbeeld ${example}.`,
      }),
    );
  return withSchema(
    {
      ...meta,
      fromForm: (raw) => (isBlank(raw) ? undefined : parseMoney(raw)),
      toForm: (value) => (typeof value === 'number' ? value.toFixed(2).replace('.', ',') : ''),
      display: (value) =>
        typeof value === 'number' ? `${formatMoney(value)}${meta.unit ? ` ${meta.unit}` : ''}` : empty,
      toCsv: (value) => (typeof value === 'number' ? value : ''),
    },
    () => withPresence(schema(), 'money', meta.name),
  );
}

/**
 * A date, typed the way a Dutch official writes it (forms/dutch-date.ts: `1-7-2024`, `1 juli 2024`,
 * `2024-07-01`), stored as an ISO date. The messages tell a date that is not written as one (`morgen`)
 * from one that does not exist (`31-2-2024`).
 */
export function date(key: string, options: FieldOptions): Field<string> {
  const example = `Bijvoorbeeld ${dateExample}.`;
  const meta = base(key, 'date', { ...options, hint: options.hint ? `${options.hint} ${example}` : example });
  const schema = () => {
    const messages = dateMessages(meta.name);
    return z.string({ error: messages.notADate }).check(
      z.superRefine((value: string, ctx) => {
        const problem = !/^\d{4}-\d{2}-\d{2}$/.test(value)
          ? messages.notADate
          : !isExistingDate(value)
            ? messages.notADay
            : value < '2000-01-01' || value > '2100-12-31'
              ? messages.outOfRange
              : undefined;
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
      }),
    );
  };
  return withSchema(
    {
      ...meta,
      fromForm: (raw) => (isBlank(raw) ? undefined : parseDutchDate(raw)),
      // Shown the Dutch way (1-7-2024): a text input, because a browser's date input follows the browser's
      // language and would show an English browser month/day/year.
      toForm: (value) =>
        typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? `${Number(value.slice(8, 10))}-${Number(value.slice(5, 7))}-${value.slice(0, 4)}`
          : '',
      display: (value) => (typeof value === 'string' ? formatDate(value) : empty),
      toCsv: (value) => (typeof value === 'string' ? value : ''),
    },
    () => withPresence(schema(), 'date', meta.name),
  );
}

export function yesNo(key: string, options: FieldOptions): Field<boolean> {
  const meta = base(key, 'yes-no', options);
  const schema = () => z.boolean({ error: `Kies ‘ja’ of ‘nee’ bij ${quote(meta.name)}.` });
  return withSchema(
    {
      ...meta,
      options: [
        { value: 'ja', label: 'Ja' },
        { value: 'nee', label: 'Nee' },
      ],
      fromForm: (raw) => (isBlank(raw) ? undefined : raw === 'ja' ? true : raw === 'nee' ? false : raw),
      toForm: (value) => (value === true ? 'ja' : value === false ? 'nee' : ''),
      display: (value) => (value === true ? 'Ja' : value === false ? 'Nee' : empty),
      toCsv: (value) => (value === true ? 'ja' : value === false ? 'nee' : ''),
    },
    () => withPresence(schema(), 'yes-no', meta.name),
  );
}

export function choice<const V extends string>(
  key: string,
  options: FieldOptions & {
    options: readonly { value: V; label: string }[];
    widget?: 'radio' | 'select';
    /** Options of an earlier revision: stored answers keep their label, new answers cannot choose them. */
    formerOptions?: readonly ChoiceOption[];
  },
): Field<V> {
  const meta = base(key, options.widget ?? 'radio', options);
  const values = options.options.map((option) => option.value) as [V, ...V[]];
  const schema = () =>
    z.enum(values, {
      error: `Kies bij ${quote(meta.name)} een van de mogelijkheden: ${options.options.map((o) => o.label).join(', ')}.`,
    });
  const known = [...options.options, ...(options.formerOptions ?? [])];
  const labelOf = (value: unknown) => known.find((option) => option.value === value)?.label;
  return withSchema(
    {
      ...meta,
      options: options.options,
      formerOptions: options.formerOptions,
      fromForm: (raw) => (isBlank(raw) ? undefined : raw),
      toForm: (value) => (typeof value === 'string' ? value : ''),
      display: (value) => labelOf(value) ?? (typeof value === 'string' && value !== '' ? value : empty),
      toCsv: (value) => (typeof value === 'string' ? value : ''),
      csvLabel: (value) => labelOf(value) ?? (typeof value === 'string' ? value : ''),
    },
    () => withPresence(schema(), meta.widget, meta.name) as z.ZodMiniType<V>,
  );
}

/**
 * A figure computed from other answers (e.g. balance = backlog + task − housed). Shown on the check
 * page, in emails and in CSV; never an input, so a client that posts it gets "unknown field".
 */
export function derived(
  key: string,
  options: Omit<FieldOptions, 'optional'> & {
    compute: (scope: Record<string, unknown>) => number | undefined;
    /** How it is computed, in words, shown where the input would be. */
    explanation: string;
  },
): Field<number> {
  const meta = base(key, 'derived', { ...options, optional: true });
  const shown = integer(key, options);
  return withSchema(
    {
      ...meta,
      hint: options.explanation,
      compute: options.compute,
      fromForm: () => undefined,
      toForm: () => '',
      display: shown.display,
      toCsv: shown.toCsv,
    },
    () => z.never() as unknown as z.ZodMiniType<number>,
  );
}

export function repeat(
  key: string,
  options: { label: string; itemLabel: string; hint?: string; min?: number; max: number; fields: Field[] },
): RepeatGroup {
  return {
    type: 'repeat',
    key,
    label: options.label,
    itemLabel: options.itemLabel,
    hint: options.hint,
    min: options.min ?? 0,
    max: options.max,
    fields: options.fields,
  };
}

export function section(key: string, title: string, items: SectionItem[], intro?: string): Section {
  return { key, title, intro, items };
}
