import type { SincePreviousRound } from '../diff.js';
import { labelled } from '../format.js';
import { type Html, html } from './html.js';

/**
 * What changed since the municipality's answers of the previous round of the form (check page and
 * confirmation page): the round is one of a cycle, and the regietafel reads the changes, not the copy.
 */
export function sincePreviousRoundSection(since: SincePreviousRound | undefined): Html {
  if (!since) return html``;
  return html`<section aria-labelledby="sinds-vorige-ronde">
<h2 class="utrecht-heading-2" id="sinds-vorige-ronde">Wat is er veranderd sinds de vorige ronde</h2>
<p class="utrecht-paragraph">Vergeleken met uw antwoorden in de ronde ‘${since.roundTitle}’.</p>
${
  since.changes.length === 0
    ? html`<p class="utrecht-paragraph">Niets: uw antwoorden zijn gelijk aan die van de vorige ronde.</p>`
    : html`<ul class="utrecht-unordered-list">${since.changes.map((change) => html`<li class="utrecht-unordered-list__item">${labelled(change.label, `${change.before} → ${change.after}`)}</li>`)}</ul>`
}
</section>`;
}
