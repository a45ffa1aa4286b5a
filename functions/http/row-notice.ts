import { type FormDefinition, type RawState, repeatGroups } from '../../forms/definition.js';
import type { RepeatGroup } from '../../forms/field-types.js';
import { type GroupNotice, groupNoticeId } from '../../forms/render/form-page.js';

/**
 * The row buttons of a repeated group by post/redirect/get: the post stores the input with the row added
 * or removed as the draft and redirects to the form, a GET, whose address says what happened
 * (`?melding=rij-toegevoegd&groep=locations&rij=2#f-locations-melding`), so Reload, Back and Forward never
 * ask to resend. The address is read against the form's definition and the draft: anything else is
 * ignored, and no text from it is ever shown.
 */

export type RowChange = 'rij-toegevoegd' | 'rij-verwijderd';

const texts: Record<RowChange, (group: RepeatGroup, number: number) => string> = {
  'rij-toegevoegd': (group, number) =>
    `${group.itemLabel} ${number} is toegevoegd. Vul de gegevens hieronder in.`,
  'rij-verwijderd': (group, number) => `${group.itemLabel} ${number} is verwijderd.`,
};

/** Where a row button leads: the form, with the change and the row's number (1-based). */
export function rowNoticePath(
  formPath: string,
  change: RowChange,
  group: RepeatGroup,
  number: number,
): string {
  const query = new URLSearchParams({ melding: change, groep: group.key, rij: String(number) });
  return `${formPath}?${query}#${groupNoticeId(group.key)}`;
}

/**
 * The notice the address asks for, if it fits the draft's input (`raw`): a group of this form, an added
 * row that is one of the draft's rows, a removed one that stood at most just after them.
 */
export function rowNoticeFrom(
  definition: FormDefinition,
  query: Record<string, string | undefined>,
  raw: RawState,
): GroupNotice | undefined {
  const change = query.melding;
  if (change !== 'rij-toegevoegd' && change !== 'rij-verwijderd') return undefined;
  const group = repeatGroups(definition).find((candidate) => candidate.key === query.groep);
  if (!group || !/^[1-9]\d{0,2}$/.test(query.rij ?? '')) return undefined;
  const number = Number(query.rij);
  const rows = Array.isArray(raw[group.key]) ? raw[group.key]!.length : 0;
  if (number > group.max || number > (change === 'rij-toegevoegd' ? rows : rows + 1)) return undefined;
  return { group: group.key, text: texts[change](group, number), row: number - 1 };
}
