import { type Answers, allItems, type FormDefinition } from '../../forms/definition.js';
import { answerOf, type Field, type RepeatGroup } from '../../forms/field-types.js';
import type { RetiredAnswer, StoredReading } from '../../forms/revisions.js';
import type { Cell, CsvColumnDescription } from './csv-format.js';

/**
 * The answer columns of every file regietafel writes (staff exports and summary attachments), derived from
 * the form definition — and from its history, so a changed form never hides stored data: one column per
 * current field (a renamed field's older answers land in it), one per field that left the form, marked
 * `(vervallen)`, and one `overig` column for anything stored that no definition declares. Values are read
 * from a `StoredReading` (forms/revisions.ts), never straight from the stored answers.
 */

/** What a column holds, so XLSX writes real numbers and dates and CSV two decimals for amounts. */
export type ColumnType = 'text' | 'number' | 'money' | 'date' | 'timestamp';

export interface ColumnDescription extends CsvColumnDescription {
  readonly type: ColumnType;
}

/** How a choice is written: its stable code (`operationeel`) or the label the official saw (`Operationeel`). */
export type ValueStyle = 'code' | 'label';

/** A column of the main table: one value per version. */
export interface AnswerColumn extends ColumnDescription {
  cell(reading: StoredReading, style: ValueStyle): Cell;
}

/** One row of a repeated group as read from a version: its current answers and what has left the form. */
export interface GroupRow {
  readonly answers: Answers;
  readonly retired: ReadonlyMap<string, RetiredAnswer>;
}

/** A column of a repeated group's long-format table: one value per row. */
export interface RowColumn extends ColumnDescription {
  cell(row: GroupRow, style: ValueStyle): Cell;
}

export const otherColumn = { key: 'overig', header: 'Overige gegevens (niet in het formulier)' } as const;

export function columnType(field: Field): ColumnType {
  switch (field.widget) {
    case 'money':
      return 'money';
    case 'integer':
    case 'derived':
      return 'number';
    case 'date':
      return 'date';
    default:
      return 'text';
  }
}

function cellOf(field: Field, value: unknown, style: ValueStyle): Cell {
  return style === 'label' && field.csvLabel ? field.csvLabel(value) : field.toCsv(value);
}

function rawText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const retiredHeader = (field: Field) => `${field.csvHeader} (vervallen)`;

/** Single-value fields that left the form, in the order they left (the last definition of each). */
function removedFields(definition: FormDefinition): Field[] {
  const removed = new Map<string, Field>();
  const current = new Set(allItems(definition).map((item) => item.key));
  for (const change of definition.changes) {
    for (const item of change.removed ?? []) {
      if (item.type === 'field' && !current.has(item.key)) removed.set(item.key, item);
    }
  }
  return [...removed.values()];
}

/** Repeated groups that left the form: each still has its own long-format table, marked `(vervallen)`. */
export function removedGroups(definition: FormDefinition): RepeatGroup[] {
  const removed = new Map<string, RepeatGroup>();
  const current = new Set(allItems(definition).map((item) => item.key));
  for (const change of definition.changes) {
    for (const item of change.removed ?? []) {
      if (item.type === 'repeat' && !current.has(item.key)) removed.set(item.key, item);
    }
  }
  return [...removed.values()];
}

/** The answer columns of the main table: current fields, removed fields (vervallen), `overig`. */
export function answerColumns(definition: FormDefinition): AnswerColumn[] {
  const current = allItems(definition)
    .filter((item): item is Field => item.type === 'field')
    .map(
      (field): AnswerColumn => ({
        key: field.key,
        header: field.csvHeader,
        type: columnType(field),
        cell: (reading, style) => cellOf(field, answerOf(field, reading.answers), style),
      }),
    );
  const removed = removedFields(definition).map(
    (field): AnswerColumn => ({
      key: field.key,
      header: retiredHeader(field),
      type: columnType(field),
      cell: (reading, style) => {
        const answer = reading.retired.find((candidate) => candidate.path === field.key);
        return answer ? cellOf(field, answer.raw, style) : '';
      },
    }),
  );
  const declaredGroups = new Set(removedGroups(definition).map((group) => group.key));
  const other: AnswerColumn = {
    ...otherColumn,
    type: 'text',
    cell: (reading) =>
      reading.retired
        .filter((answer) => !answer.field && !answer.group && !declaredGroups.has(answer.path))
        .map((answer) => `${answer.path}: ${rawText(answer.raw)}`)
        .join('; '),
  };
  return [...current, ...removed, other];
}

/** The rows of a repeated group (current or removed) in a version, with what has left each row. */
export function groupRows(reading: StoredReading, group: RepeatGroup, removed = false): GroupRow[] {
  if (removed) {
    const stored = reading.retired.find((answer) => answer.path === group.key)?.raw;
    return (Array.isArray(stored) ? (stored as Answers[]) : []).map((answers) => ({
      answers: answers ?? {},
      retired: new Map(),
    }));
  }
  const rows = Array.isArray(reading.answers[group.key]) ? (reading.answers[group.key] as Answers[]) : [];
  return rows.map((answers, index) => {
    const prefix = `${group.key}.${index}.`;
    const retired = new Map(
      reading.retired
        .filter((answer) => answer.path.startsWith(prefix))
        .map((answer) => [answer.path.slice(prefix.length), answer] as const),
    );
    return { answers, retired };
  });
}

/** The columns of a repeated group's table: its current fields, the fields that left it, `overig`. */
export function rowColumns(definition: FormDefinition, group: RepeatGroup): RowColumn[] {
  const current = group.fields.map(
    (field): RowColumn => ({
      key: `${group.key}.${field.key}`,
      header: field.csvHeader,
      type: columnType(field),
      cell: (row, style) => cellOf(field, answerOf(field, row.answers), style),
    }),
  );
  const left = new Map<string, Field>();
  for (const change of definition.changes) {
    for (const field of change.removedFromGroups?.[group.key] ?? []) {
      if (!group.fields.some((candidate) => candidate.key === field.key)) left.set(field.key, field);
    }
  }
  const removed = [...left.values()].map(
    (field): RowColumn => ({
      key: `${group.key}.${field.key}`,
      header: retiredHeader(field),
      type: columnType(field),
      cell: (row, style) => {
        const answer = row.retired.get(field.key);
        return answer ? cellOf(field, answer.raw, style) : '';
      },
    }),
  );
  const other: RowColumn = {
    key: `${group.key}.${otherColumn.key}`,
    header: otherColumn.header,
    type: 'text',
    cell: (row) =>
      [...row.retired.entries()]
        .filter(([, answer]) => !answer.field)
        .map(([key, answer]) => `${key}: ${rawText(answer.raw)}`)
        .join('; '),
  };
  return [...current, ...removed, other];
}

/** `housing.0.housed` → `Halfjaar 1 – Gehuisvest in dit halfjaar`: a path as the official reads it. */
export function pathLabel(definition: FormDefinition, path: string): string {
  const [key, index, fieldKey] = path.split('.');
  const item = allItems(definition).find((candidate) => candidate.key === key);
  if (!item) return path;
  if (item.type === 'field') return item.label;
  if (index === undefined) return item.label;
  const field = item.fields.find((candidate) => candidate.key === fieldKey);
  const row = `${item.itemLabel} ${Number(index) + 1}`;
  return field ? `${row} – ${field.label}` : row;
}
