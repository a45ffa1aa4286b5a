import { checkDependencies, isAsked, scopeFields, withoutIrrelevant } from './conditions.js';
import {
  answerOf,
  type Field,
  isInput,
  type RawValue,
  type RepeatGroup,
  type Section,
  type SectionItem,
} from './field-types.js';

/**
 * A form definition and everything derived from it but its validation (forms/validate.ts): decoding a
 * browser post, the values an input shows, the answers as a person reads them, the CSV columns. Nothing
 * here knows a specific form.
 */

export type Answers = Record<string, unknown>;

/** Where a published figure comes from: confirmed, still to confirm, or generated demo data. */
export type FigureStatus = 'vastgesteld' | 'te-bevestigen' | 'demo';

/**
 * A municipality's published targets (functions/core/targets): shown read-only on its form, never typed
 * by the official, and used by the plausibility checks.
 */
export interface FormTargets {
  readonly asylum?: {
    readonly cycle: string;
    readonly revision: number;
    readonly regular: number;
    readonly amv: number;
    readonly status: FigureStatus;
    readonly source: string;
  };
  /** Per half year (`2026-H1`) the published statushouders task. */
  readonly housing: Readonly<Record<string, { readonly task: number; readonly status: FigureStatus }>>;
}

/** Figures a section shows read-only, with where they come from. */
export interface PublishedFacts {
  readonly title: string;
  readonly rows: readonly { readonly label: string; readonly value: string }[];
  readonly note: string;
}

/** What a round tells a form: its reference date (peildatum), and the municipality's published targets. */
export interface FormContext {
  readonly referenceDate: string;
  readonly targets?: FormTargets;
}

export interface RuleIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

export interface FormDefinitionInput {
  /** Stable machine id, used in URLs and storage. kebab-case. */
  readonly id: string;
  readonly title: string;
  readonly intro: string;
  readonly sections: readonly Section[];
  /** Cross-field rules that reject (e.g. a date required when a yes/no is yes). */
  readonly rules?: (answers: Answers) => RuleIssue[];
  /**
   * Plausibility warnings: shown before submitting and stored with the version, never blocking
   * (e.g. amounts that differ from the national schedule on the reference date).
   */
  readonly warnings?: (answers: Answers, context: FormContext) => RuleIssue[];
  /** Extra text shown at the top of the page for a round, e.g. the schedule in force on its reference date. */
  readonly roundNotice?: (context: FormContext) => string | undefined;
  /**
   * Published figures shown read-only at the top of a section (the municipality's indicative share, its
   * statushouders tasks): never typed by the official, never stored with the answers.
   */
  readonly publishedFacts?: (sectionKey: string, context: FormContext) => PublishedFacts | undefined;
  /** The answer that holds the official's email address, for the confirmation email. */
  readonly contactEmailKey: string;
  /** The answer that holds the official's name, for the version history. */
  readonly contactNameKey: string;
  /**
   * The definition's revision, raised with every change to its fields; every stored version records the
   * revision it was validated against (forms/revisions.ts reads older ones). @default 1
   */
  readonly revision?: number;
  /** What changed at each revision, oldest first: renamed fields and fields that left the form. */
  readonly changes?: readonly DefinitionChange[];
}

/**
 * One revision's changes to a form, so answers stored under an earlier revision are never hidden: a
 * renamed field's answers move to its new key, a removed field keeps its old definition here (label,
 * display, CSV header) so exports, summaries and the official can still read what was stored.
 */
export interface DefinitionChange {
  readonly revision: number;
  /** Why, in a few words (shown to nobody; for the next developer). */
  readonly note?: string;
  /** `{ from: 'pupilsWaiting', to: 'pupilsOnWaitingList' }`; in a repeated group `group.field` on both sides. */
  readonly renamed?: readonly { readonly from: string; readonly to: string }[];
  /** Fields and repeated groups that left the form, as they were defined. */
  readonly removed?: readonly SectionItem[];
  /** Fields that left a repeated group, by the group's key. */
  readonly removedFromGroups?: Readonly<Record<string, readonly Field[]>>;
}

export interface FormDefinition extends FormDefinitionInput {
  readonly revision: number;
  readonly changes: readonly DefinitionChange[];
}

/** Raw state of the page: strings as typed, rows as shown. Kept on every error and re-render. */
export type RawState = Record<string, RawValue | Record<string, RawValue>[]>;

export interface FieldError {
  /** Dotted path, e.g. `locations.1.capacity`. */
  readonly path: string;
  readonly message: string;
}

export function fieldsOf(items: readonly SectionItem[]): Field[] {
  return items.filter((item): item is Field => item.type === 'field');
}

export function allItems(definition: Pick<FormDefinitionInput, 'sections'>): SectionItem[] {
  return definition.sections.flatMap((section) => section.items);
}

/**
 * Builds the definition and checks it (unique keys, conditions that refer to earlier questions, ordered
 * revisions). Its zod schema is built on first validation only (forms/validate.ts): a request uses one
 * form, and building the schemas of every form at import was most of a cold start's CPU (issue 14).
 */
export function defineForm(input: FormDefinitionInput): FormDefinition {
  const keys = allItems(input)
    .filter((item) => item.type === 'repeat' || isInput(item))
    .map((item) => item.key);
  if (new Set(keys).size !== keys.length) throw new Error(`Formulier ${input.id}: dubbele veldsleutels`);
  checkDependencies(input.id, fieldsOf(allItems(input)));
  for (const group of allItems(input)) if (group.type === 'repeat') checkDependencies(input.id, group.fields);
  const revision = input.revision ?? 1;
  const changes = input.changes ?? [];
  for (const [index, change] of changes.entries()) {
    if (
      change.revision < 2 ||
      change.revision > revision ||
      (index > 0 && change.revision <= changes[index - 1]!.revision)
    )
      throw new Error(
        `Formulier ${input.id}: wijziging van revisie ${change.revision} past niet bij revisie ${revision}`,
      );
  }
  return { ...input, revision, changes };
}

const rowName = /^(\w+)\[(\d+)\]\[(\w+)\]$/;

export interface DecodedPost {
  readonly raw: RawState;
  /** Names posted that the form does not know. */
  readonly unknownNames: string[];
  /** Names of answer fields posted more than once (a browser sends each once; which value would count?). */
  readonly repeatedNames: string[];
  /** Hidden control fields (`_action`, `_submissionId`, `_baseVersion`). */
  readonly control: Record<string, string>;
}

/** What makes a decoded post unusable as answers: fields the form does not know, or fields sent twice. */
export function postProblems(decoded: DecodedPost): FieldError[] {
  return [
    ...decoded.unknownNames.map((name) => ({
      path: '',
      message: `Onbekend veld ‘${name}’: dit formulier kent dit veld niet.`,
    })),
    ...[...new Set(decoded.repeatedNames)].map((name) => ({
      path: '',
      message: `Het veld ‘${name}’ is meer dan één keer verstuurd: er is niets opgeslagen. Vul het formulier opnieuw in.`,
    })),
  ];
}

/**
 * Turns a browser post (`locations[1][capacity]=12`) into the raw page state. Repeated rows keep their
 * order; names the form does not know are reported, never silently dropped. What a chosen answer makes
 * irrelevant (typed under ‘ja’, then ‘nee’ chosen) is dropped, so it is never kept in a draft either.
 */
export function decodeFormPost(definition: FormDefinition, params: URLSearchParams): DecodedPost {
  const items = new Map(allItems(definition).map((item) => [item.key, item]));
  const raw: RawState = {};
  const rows = new Map<string, Map<number, Record<string, RawValue>>>();
  const unknownNames: string[] = [];
  const repeatedNames: string[] = [];
  // Without a prototype: a posted `__proto__` is a key like any other (and refused as an unknown one).
  const control: Record<string, string> = Object.create(null);
  for (const [name, posted] of params) {
    // Browsers send a textarea's line breaks as CRLF: count them as one character, as the field did.
    const value = posted.replace(/\r\n?/g, '\n');
    if (name.startsWith('_')) {
      control[name] = value;
      continue;
    }
    const rowMatch = rowName.exec(name);
    if (rowMatch) {
      const [, groupKey, index, fieldKey] = rowMatch as unknown as [string, string, string, string];
      const group = items.get(groupKey);
      if (
        group?.type === 'repeat' &&
        group.fields.some((field) => field.key === fieldKey) &&
        Number(index) < 1000
      ) {
        const groupRows = rows.get(groupKey) ?? new Map<number, Record<string, RawValue>>();
        const row = groupRows.get(Number(index)) ?? {};
        if (fieldKey in row) repeatedNames.push(name);
        row[fieldKey] = value;
        groupRows.set(Number(index), row);
        rows.set(groupKey, groupRows);
        continue;
      }
    } else if (items.get(name)?.type === 'field' && isInput(items.get(name) as Field)) {
      if (Object.hasOwn(raw, name)) repeatedNames.push(name);
      raw[name] = value;
      continue;
    }
    unknownNames.push(name);
  }
  for (const item of items.values()) {
    if (item.type !== 'repeat') continue;
    const groupRows = rows.get(item.key);
    raw[item.key] = groupRows ? [...groupRows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row) : [];
  }
  return { raw: withoutIrrelevant(allItems(definition), raw, 'typed'), unknownNames, repeatedNames, control };
}

function isBlankRow(row: Record<string, RawValue>): boolean {
  return Object.values(row).every((value) => value.trim() === '');
}

/** The candidate answers for the schema: typed where the input could be read, blank rows left out. */
export function rawToCandidate(definition: FormDefinition, raw: RawState): Answers {
  const answers: Answers = {};
  for (const item of allItems(definition)) {
    if (item.type === 'field') {
      const value = item.fromForm(typeof raw[item.key] === 'string' ? (raw[item.key] as string) : '');
      if (value !== undefined) answers[item.key] = value;
      continue;
    }
    const rows = Array.isArray(raw[item.key]) ? (raw[item.key] as Record<string, RawValue>[]) : [];
    answers[item.key] = rows
      .filter((row) => !isBlankRow(row))
      .map((row) => {
        const candidate: Answers = {};
        for (const field of item.fields) {
          const value = field.fromForm(row[field.key] ?? '');
          if (value !== undefined) candidate[field.key] = value;
        }
        return candidate;
      });
  }
  return answers;
}

/** The page state for stored answers (prefill on amendment), or an empty page. */
export function answersToRaw(definition: FormDefinition, answers: Answers = {}): RawState {
  const raw: RawState = {};
  for (const item of allItems(definition)) {
    if (item.type === 'field') {
      if (isInput(item)) raw[item.key] = item.toForm(answers[item.key]);
      continue;
    }
    const rows = Array.isArray(answers[item.key]) ? (answers[item.key] as Answers[]) : [];
    raw[item.key] = rows.map((row) =>
      Object.fromEntries(
        item.fields.filter(isInput).map((field) => [field.key, field.toForm(row[field.key])]),
      ),
    );
  }
  return raw;
}

/** An empty row of a repeated group. */
export function emptyRow(group: RepeatGroup): Record<string, RawValue> {
  return Object.fromEntries(group.fields.filter(isInput).map((field) => [field.key, '']));
}

export interface AnswerRow {
  readonly label: string;
  readonly value: string;
  /** Where the answer is typed (`locations.0.name`, a group's key for its "Geen"); none for a derived figure. */
  readonly path?: string;
}

export interface AnswerGroup {
  readonly title: string;
  readonly rows: AnswerRow[];
}

export interface AnswerSection {
  readonly title: string;
  readonly rows: AnswerRow[];
  readonly groups: AnswerGroup[];
}

/** The answers as a person reads them (check page, confirmation page, email), section by section. */
export function describeAnswers(definition: FormDefinition, answers: Answers): AnswerSection[] {
  const formFields = scopeFields(allItems(definition));
  return definition.sections.map((section) => {
    const rows: AnswerRow[] = [];
    const groups: AnswerGroup[] = [];
    for (const item of section.items) {
      if (item.type === 'field') {
        // A question the answers made irrelevant was not asked: it is no part of the answers.
        if (isAsked(item, answers, formFields)) {
          const path = isInput(item) ? item.key : undefined;
          rows.push({ label: item.label, value: item.display(answerOf(item, answers)), path });
        }
        continue;
      }
      const rowFields = scopeFields(item.fields);
      const list = Array.isArray(answers[item.key]) ? (answers[item.key] as Answers[]) : [];
      if (list.length === 0) rows.push({ label: item.label, value: 'Geen', path: item.key });
      list.forEach((row, index) => {
        groups.push({
          title: `${item.itemLabel} ${index + 1}`,
          rows: item.fields
            .filter((field) => isAsked(field, row, rowFields))
            .map((field) => ({
              label: field.label,
              value: field.display(answerOf(field, row)),
              path: isInput(field) ? `${item.key}.${index}.${field.key}` : undefined,
            })),
        });
      });
    }
    return { title: section.title, rows, groups };
  });
}

export interface CsvColumn {
  /** Stable machine key. */
  readonly key: string;
  /** Dutch header. */
  readonly header: string;
  readonly value: (answers: Answers) => string | number;
}

/** One column per single-value field (repeated groups are exported in long format of their own). */
export function csvColumns(definition: FormDefinition): CsvColumn[] {
  return fieldsOf(allItems(definition)).map((field) => ({
    key: field.key,
    header: field.csvHeader,
    value: (answers) => field.toCsv(answerOf(field, answers)),
  }));
}

/** Columns of one repeated group in long format (one row per item). */
export function csvGroupColumns(group: RepeatGroup): CsvColumn[] {
  return group.fields.map((field) => ({
    key: `${group.key}.${field.key}`,
    header: field.csvHeader,
    value: (row) => field.toCsv(answerOf(field, row)),
  }));
}

export function repeatGroups(definition: FormDefinition): RepeatGroup[] {
  return allItems(definition).filter((item): item is RepeatGroup => item.type === 'repeat');
}
