import { type Answers, allItems, type DefinitionChange, type FormDefinition } from './definition.js';
import { type Field, isInput, type RepeatGroup, type SectionItem } from './field-types.js';
import { fieldSchema } from './validate.js';

/**
 * Reading answers stored under an earlier revision of a form with the current definition, so a changed
 * form never hides stored data:
 * - a renamed field's answer moves to its new key (renames of every later revision, in order);
 * - an answer to a field that left the form is kept apart (`retired`), read with the definition it had
 *   (forms keep it in `changes[].removed`), or by its raw key when nobody declared it;
 * - an answer the current field would no longer accept (a choice that is no longer an option, a figure
 *   past a new limit) stays where it is but is listed (`invalid`), so the aggregation can skip it and say
 *   so, and an amendment can leave it empty and tell the official.
 * Nothing is dropped: `answers` + `retired` hold every stored value.
 */

/** An answer stored for a field the form no longer has. */
export interface RetiredAnswer {
  /** As stored, rows from 0: `regularShare`, `asylumLocations.1.operator`. */
  readonly path: string;
  /** In the form's words, rows from 1: `Indicatief aandeel regulier`, `Asiellocatie 2 – Beheerder`. */
  readonly label: string;
  /** How it reads (`717 plaatsen`). */
  readonly value: string;
  readonly raw: unknown;
  /** The field as it was defined, when the form declares it (undefined for an unknown key). */
  readonly field?: Field;
  /** The repeated group it belongs to (for a row's field). */
  readonly group?: string;
}

/** An answer to a current field that the field would no longer accept. */
export interface InvalidAnswer {
  /** Current path, rows from 0. */
  readonly path: string;
  readonly label: string;
  readonly value: string;
  /** Dutch: why it cannot be used any more. */
  readonly reason: string;
}

export interface StoredReading {
  /** The revision the answers were stored under. */
  readonly revision: number;
  /** Every stored answer of a current field under its current key, also those listed in `invalid`. */
  readonly answers: Answers;
  readonly retired: readonly RetiredAnswer[];
  readonly invalid: readonly InvalidAnswer[];
}

/** The revision a stored version was validated against (versions from before revisions: 1). */
export function revisionOf(stored: { readonly definitionRevision?: number }): number {
  return stored.definitionRevision ?? 1;
}

function laterChanges(definition: FormDefinition, revision: number): DefinitionChange[] {
  return definition.changes.filter((change) => change.revision > revision);
}

/**
 * Applies the renames of every revision after `revision`, in order, to a copy of the answers (or of a
 * draft's page state, which has the same shape: keys, and rows of keys).
 */
export function applyRenames<T extends Record<string, unknown>>(
  definition: FormDefinition,
  answers: T,
  revision: number,
): T {
  const moved = structuredClone(answers) as Answers;
  for (const change of laterChanges(definition, revision)) {
    for (const { from, to } of change.renamed ?? []) {
      const [fromGroup, fromField] = from.split('.');
      const [toGroup, toField] = to.split('.');
      if (fromField === undefined || toField === undefined) {
        if (from in moved && !(to in moved)) {
          moved[to] = moved[from];
          delete moved[from];
        }
        continue;
      }
      const rows = moved[fromGroup!];
      if (fromGroup !== toGroup || !Array.isArray(rows)) continue;
      for (const row of rows as Answers[]) {
        if (row && typeof row === 'object' && fromField in row && !(toField in row)) {
          row[toField] = row[fromField];
          delete row[fromField];
        }
      }
    }
  }
  return moved as T;
}

/** The definitions of fields and groups that left the form, by key (top level) and by group. */
function removedDefinitions(definition: FormDefinition) {
  const items = new Map<string, SectionItem>();
  const rowFields = new Map<string, Map<string, Field>>();
  for (const change of definition.changes) {
    for (const item of change.removed ?? []) items.set(item.key, item);
    for (const [group, fields] of Object.entries(change.removedFromGroups ?? {})) {
      const known = rowFields.get(group) ?? new Map<string, Field>();
      for (const field of fields) known.set(field.key, field);
      rowFields.set(group, known);
    }
  }
  return { items, rowFields };
}

function rawText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function describeRemoved(item: SectionItem | undefined, value: unknown): string {
  if (!item) return rawText(value);
  if (item.type === 'field') return item.display(value);
  const rows = Array.isArray(value) ? value.length : 0;
  return rows === 1 ? `1 ${item.itemLabel.toLowerCase()}` : `${rows} regels`;
}

/** Why a current field would not accept a stored value, in Dutch (the field's own message). */
function rejection(field: Field, value: unknown): string | undefined {
  const parsed = fieldSchema(field).safeParse(value);
  if (parsed.success) return undefined;
  const former = field.formerOptions?.find((option) => option.value === value);
  if (former) return `‘${former.label}’ is geen keuze meer bij ‘${field.label}’.`;
  return parsed.error.issues[0]?.message ?? `Dit antwoord past niet meer bij ‘${field.label}’.`;
}

/**
 * Reads stored answers with the current definition (see the top of this file). Answers of the current
 * revision were validated against this very definition when they were stored: they are read as they are.
 */
export function readStored(definition: FormDefinition, stored: Answers, revision = 1): StoredReading {
  if (revision >= definition.revision) return { revision, answers: stored, retired: [], invalid: [] };
  const moved = applyRenames(definition, stored, revision);
  const current = new Map(allItems(definition).map((item) => [item.key, item]));
  const removed = removedDefinitions(definition);
  const answers: Answers = {};
  const retired: RetiredAnswer[] = [];
  const invalid: InvalidAnswer[] = [];
  // Current fields in the form's order first, so lists read like the page; then what left the form.
  for (const [key, item] of current) {
    if (!(key in moved) || (item.type === 'field' && !isInput(item))) continue;
    const value = moved[key];
    if (item.type === 'field') {
      answers[key] = value;
      const reason = value === undefined ? undefined : rejection(item, value);
      if (reason) invalid.push({ path: key, label: item.label, value: item.display(value), reason });
      continue;
    }
    answers[key] = readRows(item, value, removed.rowFields.get(key), retired, invalid);
  }
  for (const [key, value] of Object.entries(moved)) {
    const item = current.get(key);
    if (item && !(item.type === 'field' && !isInput(item))) continue;
    const old = removed.items.get(key);
    retired.push({
      path: key,
      label: old?.label ?? key,
      value: describeRemoved(old, value),
      raw: value,
      field: old?.type === 'field' ? old : undefined,
    });
  }
  return { revision, answers, retired, invalid };
}

function readRows(
  group: RepeatGroup,
  value: unknown,
  removedFields: Map<string, Field> | undefined,
  retired: RetiredAnswer[],
  invalid: InvalidAnswer[],
): Answers[] {
  if (!Array.isArray(value)) return [];
  const fields = new Map(group.fields.filter(isInput).map((field) => [field.key, field]));
  return (value as unknown[]).map((candidate, index) => {
    const row: Answers = {};
    if (!candidate || typeof candidate !== 'object') return row;
    const rowLabel = `${group.itemLabel} ${index + 1}`;
    for (const [key, answer] of Object.entries(candidate as Answers)) {
      const field = fields.get(key);
      const path = `${group.key}.${index}.${key}`;
      if (!field) {
        const old = removedFields?.get(key);
        retired.push({
          path,
          label: `${rowLabel} – ${old?.label ?? key}`,
          value: old ? old.display(answer) : rawText(answer),
          raw: answer,
          field: old,
          group: group.key,
        });
        continue;
      }
      row[key] = answer;
      const reason = answer === undefined ? undefined : rejection(field, answer);
      if (reason)
        invalid.push({ path, label: `${rowLabel} – ${field.label}`, value: field.display(answer), reason });
    }
    return row;
  });
}

/** The answers without the values the current form would not accept: what an amendment can start from. */
export function usableAnswers(reading: StoredReading): Answers {
  const answers: Answers = structuredClone(reading.answers);
  for (const { path } of reading.invalid) {
    const [key, index, field] = path.split('.');
    if (field === undefined) delete answers[key!];
    else delete (answers[key!] as Answers[])[Number(index)]![field];
  }
  return answers;
}

/** The keys of every field a form ever had, current or removed, per group too: for the revision guard test. */
export function knownKeys(definition: FormDefinition): string[] {
  const keys = new Set<string>();
  const add = (item: SectionItem) => {
    keys.add(item.key);
    if (item.type === 'repeat') for (const field of item.fields) keys.add(`${item.key}.${field.key}`);
  };
  allItems(definition).forEach(add);
  for (const change of definition.changes) {
    (change.removed ?? []).forEach(add);
    for (const [group, fields] of Object.entries(change.removedFromGroups ?? {}))
      for (const field of fields) keys.add(`${group}.${field.key}`);
    for (const { from } of change.renamed ?? []) keys.add(from);
  }
  return [...keys].sort();
}
