import {
  type Answers,
  allItems,
  type FieldError,
  type FormContext,
  type FormDefinition,
} from './definition.js';
import { type Field, isInput } from './field-types.js';
import { formatInteger, formatMoney } from './format.js';

/**
 * Plausibility warnings: never blocking, shown to the official on the check page and stored with the
 * version. The form's own checks, plus one for every form: a figure that changed by more than a factor
 * since the previous version (configurable per round; default below).
 */

/** A figure that grows or shrinks by more than this factor since the previous version gets a warning. */
export const defaultChangeFactor = 3;

export interface PlausibilityContext extends FormContext {
  readonly previous?: Answers;
  readonly changeFactor?: number;
}

function isFigure(field: Field): boolean {
  return isInput(field) && (field.widget === 'integer' || field.widget === 'money');
}

function figure(field: Field, value: number): string {
  return field.widget === 'money' ? formatMoney(value) : formatInteger(value);
}

function changeWarning(
  field: Field,
  path: string,
  before: unknown,
  after: unknown,
  factor: number,
  prefix = '',
): FieldError[] {
  if (typeof before !== 'number' || typeof after !== 'number' || before <= 0 || after <= 0) return [];
  const ratio = after / before;
  if (ratio <= factor && ratio >= 1 / factor) return [];
  return [
    {
      path,
      message: `${prefix}‘${field.name}’ is sterk veranderd sinds de vorige versie: van ${figure(field, before)} naar ${figure(field, after)}. Klopt dat?`,
    },
  ];
}

export function plausibilityWarnings(
  definition: FormDefinition,
  answers: Answers,
  context: PlausibilityContext,
): FieldError[] {
  const own = (definition.warnings?.(answers, context) ?? []).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const previous = context.previous;
  if (!previous) return own;
  const factor = context.changeFactor ?? defaultChangeFactor;
  const changes: FieldError[] = [];
  for (const item of allItems(definition)) {
    if (item.type === 'field') {
      if (isFigure(item))
        changes.push(...changeWarning(item, item.key, previous[item.key], answers[item.key], factor));
      continue;
    }
    const before = Array.isArray(previous[item.key]) ? (previous[item.key] as Answers[]) : [];
    const after = Array.isArray(answers[item.key]) ? (answers[item.key] as Answers[]) : [];
    after.forEach((row, index) => {
      for (const field of item.fields.filter(isFigure)) {
        changes.push(
          ...changeWarning(
            field,
            `${item.key}.${index}.${field.key}`,
            before[index]?.[field.key],
            row[field.key],
            factor,
            `${item.itemLabel} ${index + 1}: `,
          ),
        );
      }
    });
  }
  return [...own, ...changes];
}
