import { catalogue } from '../../forms/catalogue.js';
import type { FieldError } from '../../forms/definition.js';
import { readDutchDate } from '../../forms/dutch-date.js';
import { fromAmsterdam, parseTimeOfDay } from '../core/dutch-time.js';
import type { Registry } from '../core/model.js';
import { type RoundDraft, regionsToOpenFor } from '../core/open-round.js';
import type { Principal } from '../core/policy.js';
import { defaultReminderDaysBefore } from '../core/reminders.js';
import type { Choice } from '../pages/staff/components.js';
import type { NewRoundInput } from '../pages/staff/open-round-page.js';

/** The new-round form as typed, from a post (or the defaults for an empty form). */
export function readNewRoundInput(
  fields: URLSearchParams,
  defaults: Partial<NewRoundInput> = {},
): NewRoundInput {
  const get = (name: keyof NewRoundInput, fallback = '') =>
    (fields.get(name) ?? defaults[name] ?? fallback) as string;
  return {
    formId: get('formId'),
    title: get('title').trim(),
    referenceDate: get('referenceDate').trim(),
    deadlineDatum: get('deadlineDatum').trim(),
    deadlineTijd: get('deadlineTijd', '17:00').trim(),
    regions: fields.has('regions') ? fields.getAll('regions') : (defaults.regions ?? []),
    acceptsLate: get('acceptsLate', 'nee'),
    prefill: get('prefill', 'ja'),
    reminderDaysBefore: get('reminderDaysBefore', String(defaultReminderDaysBefore)).trim(),
    invite: get('invite', 'nu'),
  };
}

/**
 * A deadline from the two inputs (Amsterdam time); the field error when they do not make a moment. The
 * date is read as the forms read one (`18-12-2026`, `18 december 2026`, …), its message naming `label`.
 */
export function deadlineFrom(
  date: string,
  time: string,
  label = 'Sluitingsdatum',
): { deadline?: string; error?: FieldError } {
  const read = readDutchDate(date, label);
  if ('error' in read) return { error: { path: 'deadline', message: read.error } };
  const day = read.iso;
  const clock = parseTimeOfDay(time || '17:00');
  if (!clock)
    return {
      error: {
        path: 'deadline',
        message: 'Vul de tijd van de sluitingsdatum in als uu:mm, bijvoorbeeld 17:00.',
      },
    };
  const [y, m, d] = day.split('-').map(Number);
  const deadline = fromAmsterdam(y!, m!, d!, clock.hh, clock.mm);
  return deadline
    ? { deadline }
    : { error: { path: 'deadline', message: 'Deze tijd bestaat niet op die dag (zomertijd).' } };
}

/**
 * The draft round from the typed form, with the errors of what could not be read (a date that is no
 * date, a number that is no number). The use case checks the rest (`checkRoundDraft`).
 */
export function draftFromInput(input: NewRoundInput): { draft: RoundDraft; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const reference = readDutchDate(input.referenceDate, 'Peildatum');
  const referenceDate = 'iso' in reference ? reference.iso : undefined;
  if ('error' in reference) errors.push({ path: 'referenceDate', message: reference.error });
  const { deadline, error } = deadlineFrom(input.deadlineDatum, input.deadlineTijd);
  if (error) errors.push(error);
  const days = /^\d{1,2}$/.test(input.reminderDaysBefore) ? Number(input.reminderDaysBefore) : Number.NaN;
  if (!input.formId) errors.push({ path: 'formId', message: 'Kies een formulier.' });
  if (!['ja', 'nee'].includes(input.acceptsLate))
    errors.push({ path: 'acceptsLate', message: 'Kies of te laat inzenden is toegestaan.' });
  if (!['ja', 'nee'].includes(input.prefill))
    errors.push({ path: 'prefill', message: 'Kies of de formulieren vooraf ingevuld beginnen.' });
  if (!['nu', 'later'].includes(input.invite))
    errors.push({ path: 'invite', message: 'Kies of de uitnodigingen meteen of later gaan.' });
  return {
    draft: {
      formId: input.formId,
      title: input.title || undefined,
      referenceDate: referenceDate ?? '',
      deadline: deadline ?? '',
      regions: input.regions,
      acceptsLate: input.acceptsLate === 'ja',
      prefill: input.prefill !== 'nee',
      reminderDaysBefore: Number.isNaN(days) ? -1 : days,
    },
    errors,
  };
}

/** Only the errors a person can act on once: the reading errors first, then the use case's for other fields. */
export function mergeErrors(reading: readonly FieldError[], checking: readonly FieldError[]): FieldError[] {
  const read = new Set(reading.map((error) => error.path));
  return [...reading, ...checking.filter((error) => !read.has(error.path))];
}

export const formChoices = (): Choice[] =>
  [...catalogue.values()].map((definition) => ({ value: definition.id, label: definition.title }));

export const regionChoices = (principal: Principal, registry: Registry): Choice[] =>
  regionsToOpenFor(principal, registry).map((region) => ({ value: region.id, label: region.name }));
