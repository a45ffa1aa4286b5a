import { type Answers, allItems, type FormDefinition } from '../../../forms/definition.js';
import { answerOf, type ChoiceOption, type Field, type RepeatGroup } from '../../../forms/field-types.js';

/**
 * Reading answers through the form definitions: every figure the aggregation uses is looked up by its key
 * in the definition (a renamed or removed field fails loudly here instead of silently counting zero), and
 * read with `answerOf`, so derived fields (the statushouders balance) are computed the way the form does.
 */

export function fieldOf(definition: FormDefinition, key: string): Field {
  const item = allItems(definition).find((candidate) => candidate.key === key);
  if (item?.type !== 'field') throw new Error(`Formulier ${definition.id} heeft geen veld ‘${key}’.`);
  return item;
}

export function groupOf(definition: FormDefinition, key: string): RepeatGroup {
  const item = allItems(definition).find((candidate) => candidate.key === key);
  if (item?.type !== 'repeat') throw new Error(`Formulier ${definition.id} heeft geen lijst ‘${key}’.`);
  return item;
}

export function rowFieldOf(group: RepeatGroup, key: string): Field {
  const field = group.fields.find((candidate) => candidate.key === key);
  if (!field) throw new Error(`De lijst ‘${group.key}’ heeft geen veld ‘${key}’.`);
  return field;
}

export function optionsOf(field: Field): readonly ChoiceOption[] {
  if (!field.options) throw new Error(`Veld ‘${field.key}’ heeft geen keuzes.`);
  return field.options;
}

export function labelOf(field: Field, value: string): string {
  return field.options?.find((option) => option.value === value)?.label ?? value;
}

export function rowsOf(answers: Answers, group: RepeatGroup): Answers[] {
  const rows = answers[group.key];
  return Array.isArray(rows) ? (rows as Answers[]) : [];
}

/** A number answer, or undefined when empty. */
export function numberOf(field: Field, scope: Answers): number | undefined {
  const value = answerOf(field, scope);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringOf(field: Field, scope: Answers): string | undefined {
  const value = answerOf(field, scope);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function booleanOf(field: Field, scope: Answers): boolean | undefined {
  const value = answerOf(field, scope);
  return typeof value === 'boolean' ? value : undefined;
}

/** part / whole as a percentage with one decimal (83.7), or null when the whole is 0. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** Rounded to cents, so sums of amounts do not drift (0.1 + 0.2). */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
