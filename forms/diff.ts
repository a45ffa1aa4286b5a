import { type Answers, allItems, type FormDefinition } from './definition.js';
import { answerOf } from './field-types.js';
import { readStored, revisionOf } from './revisions.js';

/** One readable change between two versions: `Opvanglocatie 2 – Capaciteit: 40 plaatsen → 45 plaatsen`. */
export interface AnswerChange {
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/** What changed between two versions, in the words of the form (for the confirmation email and history). */
export function diffAnswers(definition: FormDefinition, before: Answers, after: Answers): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const item of allItems(definition)) {
    if (item.type === 'field') {
      const [old, now] = [item.display(answerOf(item, before)), item.display(answerOf(item, after))];
      if (old !== now) changes.push({ label: item.label, before: old, after: now });
      continue;
    }
    const oldRows = Array.isArray(before[item.key]) ? (before[item.key] as Answers[]) : [];
    const newRows = Array.isArray(after[item.key]) ? (after[item.key] as Answers[]) : [];
    for (let index = 0; index < Math.max(oldRows.length, newRows.length); index++) {
      const rowLabel = `${item.itemLabel} ${index + 1}`;
      const [oldRow, newRow] = [oldRows[index], newRows[index]];
      const summary = (row: Answers) =>
        item.fields.map((field) => field.display(answerOf(field, row))).join(', ');
      if (!oldRow && newRow)
        changes.push({ label: rowLabel, before: 'niet ingevuld', after: `toegevoegd: ${summary(newRow)}` });
      else if (oldRow && !newRow)
        changes.push({ label: rowLabel, before: summary(oldRow), after: 'verwijderd' });
      else if (oldRow && newRow) {
        for (const field of item.fields) {
          const [old, now] = [field.display(answerOf(field, oldRow)), field.display(answerOf(field, newRow))];
          if (old !== now) changes.push({ label: `${rowLabel} – ${field.label}`, before: old, after: now });
        }
      }
    }
  }
  return changes;
}

/** What changed since the municipality's answers of the previous round of the same form. */
export interface SincePreviousRound {
  /** `Stand november 2026`. */
  readonly roundTitle: string;
  readonly changes: readonly AnswerChange[];
}

/** Stored answers and the revision of the form they were validated against (absent: 1). */
export interface StoredAnswers {
  readonly answers: Answers;
  readonly definitionRevision?: number;
}

/**
 * What changed between two stored versions, each read with the current definition (forms/revisions.ts):
 * a renamed field is not a change, and an answer to a field that has left the form since shows as
 * no longer asked.
 */
export function diffStored(
  definition: FormDefinition,
  before: StoredAnswers,
  after: StoredAnswers,
): AnswerChange[] {
  const [old, now] = [
    readStored(definition, before.answers, revisionOf(before)),
    readStored(definition, after.answers, revisionOf(after)),
  ];
  const gone = old.retired
    .filter((answer) => !now.retired.some((candidate) => candidate.path === answer.path))
    .map((answer) => ({
      label: `${answer.label} (staat niet meer in het formulier)`,
      before: answer.value,
      after: '—',
    }));
  return [...diffAnswers(definition, old.answers, now.answers), ...gone];
}
