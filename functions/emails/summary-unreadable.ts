import { type Html, html } from '../../forms/render/html.js';
import type { RoundAggregate } from '../core/aggregation/types.js';

/**
 * The part of a summary that says what it could not read: answers of versions stored under an earlier
 * revision of the form that today's form no longer accepts (a choice that is no longer offered, a figure
 * past a new limit). They are left out of the figures above; this names them, so nothing is skipped
 * silently. Empty when everything could be read.
 */
export function unreadablePart(aggregate: RoundAggregate): { html: Html; text: string[] } {
  if (aggregate.unreadable.length === 0) return { html: html``, text: [] };
  const title = 'Niet meegeteld: antwoorden uit een eerdere versie van het formulier';
  const intro =
    'Het formulier is veranderd nadat deze gemeenten hebben ingezonden. Deze antwoorden passen niet bij het formulier van nu en tellen daarom niet mee in de cijfers hierboven; ze blijven bewaard en staan in de export.';
  const font = 'font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;';
  return {
    html: html`<h2 style="${font}font-size:18px;margin:24px 0 8px 0;">${title}</h2>
<p style="${font}margin:0 0 8px 0;font-size:13px;">${intro}</p>
<ul style="${font}margin:0 0 12px 0;padding-left:20px;font-size:14px;">${aggregate.unreadable.map(
      (m) =>
        html`<li style="margin:0 0 4px 0;">${m.name} (versie ${m.version}): ${m.answers.map((answer, index) => html`${index > 0 ? '; ' : ''}${answer.label}: ${answer.value} — ${answer.reason}`)}</li>`,
    )}</ul>`,
    text: [
      '',
      title.toUpperCase(),
      '='.repeat(Math.min(title.length, 72)),
      intro,
      ...aggregate.unreadable.map(
        (m) =>
          `- ${m.name} (versie ${m.version}): ${m.answers.map((answer) => `${answer.label}: ${answer.value} — ${answer.reason}`).join('; ')}`,
      ),
    ],
  };
}
