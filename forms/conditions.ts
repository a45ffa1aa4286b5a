import { type Field, isInput, requiredMessage, type SectionItem, type ShownWhen } from './fields.js';

/**
 * Questions asked only after a certain answer (`shownWhen`): which of them are asked given the answers,
 * what a "nee" makes irrelevant (dropped, never stored), and which asked ones are still missing. A scope is
 * the form's own fields or one row of a repeated group; a dependency never crosses from one to the other.
 */

type Scope = Record<string, unknown>;

const isRecord = (value: unknown): value is Scope =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of a scope by key: the form's own fields, or a repeated group's. */
export function scopeFields(items: readonly SectionItem[]): ReadonlyMap<string, Field> {
  return new Map(
    items.filter((item): item is Field => item.type === 'field').map((field) => [field.key, field]),
  );
}

/**
 * Whether a field is asked with these answers: it has no condition, or its question is asked and has one
 * of the answers it waits for (a question's value as its input sends it: `ja`, an option's value).
 */
export function isAsked(field: Field, scope: Scope, fields: ReadonlyMap<string, Field>): boolean {
  return askedBy(field, fields, (question) => question.toForm(scope[question.key]));
}

/**
 * Whether a field is asked, its questions' answers read as their inputs send them (`answerOf`); a question
 * not yet answered (`undefined`) leaves its fields asked.
 */
function askedBy(
  field: Field,
  fields: ReadonlyMap<string, Field>,
  answerOf: (question: Field) => string | undefined,
): boolean {
  const when = field.shownWhen;
  if (!when) return true;
  const question = fields.get(when.field);
  if (!question || !askedBy(question, fields, answerOf)) return false;
  const answer = answerOf(question);
  return answer === undefined || when.answers.includes(answer);
}

/**
 * How a scope's answers read: stored or candidate answers (`answers`: a question left open asks nothing
 * further), or a post's strings as typed (`typed`: only a chosen answer drops what it makes irrelevant, so
 * what was typed before the question was answered waits for it).
 */
type Reading = 'answers' | 'typed';

function withoutUnasked(scope: Scope, fields: ReadonlyMap<string, Field>, reading: Reading): Scope {
  const answerOf = (question: Field) => {
    if (reading === 'answers') return question.toForm(scope[question.key]);
    const typed = scope[question.key];
    return typeof typed === 'string' && typed !== '' ? typed : undefined;
  };
  const kept: Scope = { ...scope };
  for (const field of fields.values()) {
    if (field.shownWhen && !askedBy(field, fields, answerOf)) delete kept[field.key];
  }
  return kept;
}

/**
 * The answers without those the other answers make irrelevant (`collectingSince` after "nee"), in the
 * form's fields and in each row of its repeated groups: such an answer is ignored and never stored — not in
 * a version, and (`typed`: a post's strings) not in a draft either. Anything that is not an object of
 * answers is left for the schema to refuse.
 */
export function withoutIrrelevant<T>(
  items: readonly SectionItem[],
  candidate: T,
  reading: Reading = 'answers',
): T {
  if (!isRecord(candidate)) return candidate;
  const kept = withoutUnasked(candidate, scopeFields(items), reading);
  for (const group of items) {
    if (group.type !== 'repeat' || !Array.isArray(kept[group.key])) continue;
    const fields = scopeFields(group.fields);
    kept[group.key] = (kept[group.key] as unknown[]).map((row) =>
      isRecord(row) ? withoutUnasked(row, fields, reading) : row,
    );
  }
  return kept as T;
}

export interface MissingAnswer {
  readonly path: (string | number)[];
  readonly message: string;
}

const isMissing = (value: unknown) => value === undefined || value === null || value === '';

/**
 * The asked questions that are required but not answered: one message per field, in the words of its
 * label (a required dependent field is optional in the schema, because it is not always asked).
 */
export function missingAnswers(items: readonly SectionItem[], answers: unknown): MissingAnswer[] {
  if (!isRecord(answers)) return [];
  const missing: MissingAnswer[] = [];
  const check = (scope: Scope, fields: ReadonlyMap<string, Field>, path: (string | number)[]) => {
    for (const field of fields.values()) {
      if (field.shownWhen && field.required && isAsked(field, scope, fields) && isMissing(scope[field.key]))
        missing.push({ path: [...path, field.key], message: requiredMessage(field.widget, field.name) });
    }
  };
  check(answers, scopeFields(items), []);
  for (const group of items) {
    if (group.type !== 'repeat' || !Array.isArray(answers[group.key])) continue;
    const fields = scopeFields(group.fields);
    (answers[group.key] as unknown[]).forEach((row, index) => {
      if (isRecord(row)) check(row, fields, [group.key, index]);
    });
  }
  return missing;
}

/**
 * Refuses a dependency the page could not show: the question must come earlier in the same scope, be a
 * choice (yes/no, radios, a list), and the answers must be its options.
 */
export function checkDependencies(formId: string, fields: readonly Field[]): void {
  const earlier = new Map<string, Field>();
  for (const field of fields) {
    const when = field.shownWhen;
    if (when) {
      const question = earlier.get(when.field);
      const problem = !question
        ? `hangt af van ‘${when.field}’, dat er niet eerder staat`
        : !question.options || !isInput(question)
          ? `hangt af van ‘${when.field}’, dat geen keuzevraag is`
          : when.answers.length === 0 ||
              when.answers.some((answer) => !question.options!.some((option) => option.value === answer))
            ? `wacht op antwoorden die ‘${when.field}’ niet kent (${when.answers.join(', ')})`
            : undefined;
      if (problem) throw new Error(`Formulier ${formId}: veld ${field.key} ${problem}`);
    }
    earlier.set(field.key, field);
  }
}

/** How a conditional block says when to fill it in, without JavaScript: `Alleen invullen als u ‘ja’ koos …`. */
export function whenToFillIn(when: ShownWhen, question: Field): string {
  const labels = when.answers.map((answer) => {
    const label = question.options?.find((option) => option.value === answer)?.label ?? answer;
    return `‘${question.widget === 'yes-no' ? label.toLowerCase() : label}’`;
  });
  const chosen = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} of ${labels.at(-1)}`;
  return `Alleen invullen als u ${chosen} koos bij ‘${question.name}’.`;
}
