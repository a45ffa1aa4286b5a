import { labelled } from '../format.js';
import type { InvalidAnswer, RetiredAnswer } from '../revisions.js';
import { type Html, html } from './html.js';

/**
 * What a stored version holds that the form no longer asks (a field removed since), or no longer accepts
 * (a choice that is no longer an option): shown under the answers on the confirmation page and when the
 * official amends an older version, so a changed form never hides what was sent.
 */
export function retiredAnswersList(
  retired: readonly RetiredAnswer[],
  invalid: readonly InvalidAnswer[] = [],
): Html {
  if (retired.length === 0 && invalid.length === 0) return html``;
  return html`<section class="rt-answers rt-retired" aria-labelledby="vervallen-titel">
<h3 class="utrecht-heading-3" id="vervallen-titel">Niet meer in het formulier</h3>
<p class="utrecht-paragraph">Het formulier is veranderd nadat deze versie is ingezonden. Deze antwoorden blijven bewaard${retired.length > 0 ? ', maar worden niet meer gevraagd' : ''}.</p>
<dl class="utrecht-data-list rt-answer-list">
${retired.map((answer) => html`<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">${answer.label}</dt><dd class="utrecht-data-list__item-value">${answer.value}</dd></div>`)}
${invalid.map((answer) => html`<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">${answer.label}</dt><dd class="utrecht-data-list__item-value">${answer.value} <span class="rt-hint">(${answer.reason})</span></dd></div>`)}
</dl>
</section>`;
}

/** The same for the official who amends: in one sentence per answer, for the notice at the top of the form. */
export function retiredNotice(
  retired: readonly RetiredAnswer[],
  invalid: readonly InvalidAnswer[],
  /** Where the answers come from, e.g. `uw vorige versie` or `ronde ‘Stand november 2026’`. */
  source = 'uw vorige versie',
): string | undefined {
  const parts: string[] = [];
  if (retired.length > 0)
    parts.push(
      `Deze antwoorden uit ${source} staan niet meer in het formulier; ze blijven bij die versie bewaard, maar gaan niet mee in een nieuwe: ${retired.map((answer) => labelled(answer.label, answer.value)).join('; ')}.`,
    );
  if (invalid.length > 0)
    parts.push(
      `Deze antwoorden passen niet meer en zijn leeggemaakt, vul ze opnieuw in: ${invalid.map((answer) => `${answer.label} (${answer.reason})`).join('; ')}`,
    );
  return parts.length > 0 ? `Het formulier is veranderd sinds ${source}. ${parts.join(' ')}` : undefined;
}
