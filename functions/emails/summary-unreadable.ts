import { labelled } from '../../forms/format.js';
import { html } from '../../forms/render/html.js';
import type { RoundAggregate } from '../core/aggregation/types.js';
import { h2, list, type Part, p, part, textTitle } from './summary-blocks.js';
import { nameIn } from './summary-format.js';

/**
 * The part of a summary that says what it could not read: answers of versions stored under an earlier
 * revision of the form that today's form no longer accepts (a choice that is no longer offered, a figure
 * past a new limit). They are left out of the figures; this names them, so nothing is skipped silently.
 * Null when everything could be read.
 */
export function unreadablePart(aggregate: RoundAggregate): Part | null {
  if (aggregate.unreadable.length === 0) return null;
  const title = 'Niet meegeteld: antwoorden uit een eerdere versie van het formulier';
  const intro =
    'Het formulier is veranderd nadat deze gemeenten hebben ingezonden. Deze antwoorden passen niet bij het formulier van nu en tellen daarom niet mee in de cijfers; ze blijven bewaard en staan in de export.';
  const lines = aggregate.unreadable.map(
    (m) =>
      `${nameIn(aggregate, m)}, versie ${m.version}: ${m.answers.map((answer) => labelled(answer.label, `${answer.value} — ${answer.reason}`)).join('; ')}`,
  );
  return part(html`${h2(title)}${p(intro, 'small')}${list(lines)}`, [
    ...textTitle(title),
    intro,
    ...lines.map((line) => `- ${line}`),
  ]);
}
