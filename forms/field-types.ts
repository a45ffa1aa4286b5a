import type * as z from 'zod/mini';

/**
 * What a form is made of: fields (one answer each, with everything that answer needs: its schema, how a
 * browser's string becomes a value and how a value is shown), repeated groups of fields and sections.
 * forms/fields.ts builds them; the rest of the code reads them through these types.
 */

export type Widget =
  | 'text'
  | 'email'
  | 'textarea'
  | 'integer'
  | 'money'
  | 'date'
  | 'yes-no'
  | 'radio'
  | 'select'
  | 'derived';

/** A value as it sits in a form input: always a string (missing = ''). */
export type RawValue = string;

/**
 * A dependency on an earlier question of the same scope (the form, or the same row of a repeated group):
 * `{ field: 'collects', answers: ['ja'] }`. Answers are written as the inputs send them (`ja`/`nee`, an
 * option's value).
 */
export interface ShownWhen {
  readonly field: string;
  readonly answers: readonly string[];
}

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
}

export interface Field<T = unknown> {
  readonly type: 'field';
  readonly key: string;
  readonly widget: Widget;
  /** Dutch question or label shown above the input. */
  readonly label: string;
  /**
   * What error messages call the field: the label itself, or the label's first words when it is a long
   * question (`Vraagt uw gemeente een eigen bijdrage` for `Vraagt uw gemeente een eigen bijdrage van
   * werkende ontheemden?`), so a message always uses the words the official sees.
   */
  readonly name: string;
  readonly hint?: string;
  /** Unit shown next to the input and in summaries, e.g. `plaatsen` or `per maand`. */
  readonly unit?: string;
  /** Dutch column header in CSV exports; the machine key is `key`. */
  readonly csvHeader: string;
  readonly required: boolean;
  readonly options?: readonly ChoiceOption[];
  /** Longest accepted text, shown as `maxlength`. */
  readonly maxLength?: number;
  /**
   * The question this field belongs to: it is asked only when that question has one of these answers.
   * Otherwise the page hides it (with JavaScript; without, it says when to fill it in), and the server
   * ignores and drops its answer. `required` then means required when asked (forms/conditions.ts).
   */
  readonly shownWhen?: ShownWhen;
  /**
   * The answer belongs to the round itself (who fills it in, the half year it is about): a new round that
   * starts from the previous round's answers leaves it empty.
   */
  readonly perRound?: boolean;
  /** Typed value schema, with Dutch messages. */
  readonly schema: z.ZodMiniType<T>;
  /** Turns a browser's string into a candidate value for the schema (undefined when empty). */
  fromForm(raw: RawValue): unknown;
  /** Turns a stored value back into an input's string. */
  toForm(value: unknown): RawValue;
  /** Dutch display text for email, check page and confirmation (empty answer → `—`). */
  display(value: unknown): string;
  /** Cell value for CSV: strings and numbers as is, booleans as ja/nee. */
  toCsv(value: unknown): string | number;
  /** Cell value for an export with labels instead of codes (choices: the option's label); else `toCsv`. */
  readonly csvLabel?: (value: unknown) => string | number;
  /**
   * Options a choice had under an earlier revision of the form: stored answers still read with their label,
   * but a new answer cannot choose them (see forms/revisions.ts).
   */
  readonly formerOptions?: readonly ChoiceOption[];
  /** Only for derived fields: computes the value from the answers around it (never typed in). */
  readonly compute?: (scope: Record<string, unknown>) => unknown;
}

/** Whether the official types this field (derived fields are computed, never posted). */
export function isInput(field: Field): boolean {
  return field.widget !== 'derived';
}

/** The value of a field in its scope (the answers, or one row of a repeated group). */
export function answerOf(field: Field, scope: Record<string, unknown>): unknown {
  return field.compute ? field.compute(scope) : scope[field.key];
}

export interface RepeatGroup {
  readonly type: 'repeat';
  readonly key: string;
  /** Heading of the group, e.g. `Opvanglocaties`. */
  readonly label: string;
  /** Name of one row, e.g. `Opvanglocatie` (rows read `Opvanglocatie 2`). */
  readonly itemLabel: string;
  readonly hint?: string;
  readonly min: number;
  readonly max: number;
  readonly fields: readonly Field[];
}

export type SectionItem = Field | RepeatGroup;

export interface Section {
  readonly key: string;
  readonly title: string;
  readonly intro?: string;
  readonly items: readonly SectionItem[];
}
