import * as z from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';
import { missingAnswers, withoutIrrelevant } from './conditions.js';
import { type Answers, allItems, type FieldError, type FormDefinition } from './definition.js';
import { type Field, isInput, type RepeatGroup } from './field-types.js';
import { zodDefaults } from './zod-defaults.js';

/**
 * Validation of a form's answers: the zod schema derived from the definition (strict: unknown fields are
 * rejected, with the form's cross-field rules), and its issues as one Dutch message per field.
 *
 * Schemas are built on first use, per field and per form, and kept (issue 14): a process serves one form
 * per request, and building every form's schemas at import was most of a cold start's CPU.
 */

/** A field's schema in its scope: optional when not required, and when not always asked (conditions.ts). */
export function fieldSchema(field: Field): z.ZodMiniType {
  return field.required && !field.shownWhen ? field.schema : z.optional(field.schema);
}

function repeatSchema(group: RepeatGroup): z.ZodMiniType {
  zodDefaults();
  const row = z.strictObject(
    Object.fromEntries(group.fields.filter(isInput).map((field) => [field.key, fieldSchema(field)])),
  );
  return z
    .array(row, {
      error: (issue) =>
        issue.input === undefined
          ? `‘${group.label}’ ontbreekt: geef een lijst, eventueel leeg.`
          : `‘${group.label}’ moet een lijst zijn.`,
    })
    .check(
      z.minLength(group.min, { error: `Vul minstens ${group.min} ${group.itemLabel.toLowerCase()} in.` }),
      z.maxLength(group.max, {
        error: `U kunt hoogstens ${group.max} regels invullen bij ‘${group.label}’.`,
      }),
    );
}

const schemas = new WeakMap<FormDefinition, z.ZodMiniType<Answers>>();

/**
 * The form's strict schema with its rules, built on the first call for that definition (zod/mini, with
 * English default messages and no compiled fast path: forms/zod-defaults.ts).
 */
export function formSchema(definition: FormDefinition): z.ZodMiniType<Answers> {
  const known = schemas.get(definition);
  if (known) return known;
  zodDefaults();
  const shape = Object.fromEntries(
    allItems(definition)
      .filter((item) => item.type === 'repeat' || isInput(item))
      .map((item) => [item.key, item.type === 'field' ? fieldSchema(item) : repeatSchema(item)]),
  );
  const base = z.strictObject(shape);
  const schema = (definition.rules
    ? base.check(
        z.superRefine((answers, ctx) => {
          for (const issue of definition.rules!(answers as Answers)) {
            ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: answers });
          }
        }),
      )
    : base) as unknown as z.ZodMiniType<Answers>;
  schemas.set(definition, schema);
  return schema;
}

function describePath(definition: FormDefinition, path: readonly PropertyKey[]): string | undefined {
  const [first, index] = path;
  const item = allItems(definition).find((candidate) => candidate.key === first);
  if (item?.type === 'repeat' && typeof index === 'number') return `${item.itemLabel} ${index + 1}`;
  return undefined;
}

/**
 * Maps zod issues to one Dutch message per field path. Messages already name the field; a row of a
 * repeated group is named too (`Opvanglocatie 2: …`).
 */
export function toFieldErrors(definition: FormDefinition, issues: readonly $ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (path: PropertyKey[], message: string) => {
    const key = path.map(String).join('.');
    if (seen.has(key)) return;
    seen.add(key);
    const row = describePath(definition, path);
    errors.push({ path: key, message: row && path.length > 2 ? `${row}: ${message}` : message });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        add([...issue.path, key], `Onbekend veld ‘${key}’: dit formulier kent dit veld niet.`);
      }
      continue;
    }
    add(issue.path, issue.message);
  }
  const order = fieldOrder(definition);
  const rank = (path: string) => {
    const [key, index, field] = path.split('.');
    return (order.get(key!) ?? 1e6) * 1e6 + Number(index ?? 0) * 1e3 + (order.get(`${key}.${field}`) ?? 0);
  };
  return errors.sort((a, b) => rank(a.path) - rank(b.path));
}

/** Position of every field on the page, so errors are listed in the order the official meets them. */
function fieldOrder(definition: FormDefinition): Map<string, number> {
  const order = new Map<string, number>();
  for (const [index, item] of allItems(definition).entries()) {
    order.set(item.key, index);
    if (item.type !== 'repeat') continue;
    for (const [fieldIndex, field] of item.fields.entries())
      order.set(`${item.key}.${field.key}`, fieldIndex);
  }
  return order;
}

export interface ValidationOutcome {
  readonly success: boolean;
  readonly answers?: Answers;
  readonly errors: FieldError[];
}

/**
 * `__proto__` as a key of the answers or of a row: JSON.parse makes it an ordinary key, but zod's output
 * (an object literal) would take it as the prototype and drop it silently. It is no field of any form.
 */
function prototypeKeyIssues(value: unknown, path: (string | number)[] = []): $ZodIssue[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => prototypeKeyIssues(item, [...path, index]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) =>
    key === '__proto__'
      ? [
          {
            code: 'unrecognized_keys' as const,
            keys: [key],
            path,
            input: value as Record<string, unknown>,
            message: '',
          },
        ]
      : prototypeKeyIssues((value as Record<string, unknown>)[key], [...path, key]),
  );
}

/**
 * Validates candidate answers (from a browser post or a JSON client) against the definition. Answers to
 * questions the other answers make irrelevant (after a "nee") are dropped first, never judged or stored;
 * an asked question that is required and empty gets its own message.
 */
export function validateAnswers(definition: FormDefinition, candidate: unknown): ValidationOutcome {
  const hidden = prototypeKeyIssues(candidate);
  const items = allItems(definition);
  const relevant = withoutIrrelevant(items, candidate);
  const parsed = formSchema(definition).safeParse(relevant);
  const missing = missingAnswers(items, relevant).map((issue) => ({
    code: 'custom' as const,
    path: issue.path,
    message: issue.message,
    input: undefined,
  }));
  if (parsed.success && hidden.length === 0 && missing.length === 0)
    return { success: true, answers: parsed.data, errors: [] };
  const issues = parsed.success ? [] : withRuleIssues(definition, relevant, parsed.error.issues);
  return { success: false, errors: toFieldErrors(definition, [...hidden, ...issues, ...missing]) };
}

/**
 * zod skips a form's cross-field rules once a field fails to parse; run them on the fields that did, so
 * the official sees every problem in one round instead of a second list after fixing the first.
 */
function withRuleIssues(
  definition: FormDefinition,
  candidate: unknown,
  issues: readonly $ZodIssue[],
): readonly $ZodIssue[] {
  if (!definition.rules || typeof candidate !== 'object' || candidate === null) return issues;
  const partial: Answers = {};
  for (const item of allItems(definition)) {
    if (item.type === 'field' && !isInput(item)) continue;
    const schema = item.type === 'field' ? fieldSchema(item) : repeatSchema(item);
    const result = schema.safeParse((candidate as Answers)[item.key]);
    if (result.success && result.data !== undefined) partial[item.key] = result.data;
  }
  const ruleIssues = definition.rules(partial).map((issue) => ({
    code: 'custom' as const,
    path: issue.path,
    message: issue.message,
    input: undefined,
  }));
  return [...issues, ...ruleIssues];
}
