import { formatDateTime } from '../../forms/format.js';
import { type Html, html } from '../../forms/render/html.js';
import type { MailProblem } from '../core/mail-problems.js';

/** How staff read a suppressed address: what went wrong and what to do. */
const reasonLabels: Record<MailProblem['reason'], string> = {
  bounce: 'onbestelbaar (het adres bestaat niet of weigert onze e-mail)',
  complaint: 'de ontvanger heeft onze e-mail als spam gemeld',
};

const roleLabels: Record<MailProblem['role'], string> = {
  contact: 'Contactadres van de gemeente',
  invuller: 'Adres van wie het formulier invulde',
};

/** The short warning in the municipality's row of the round page. */
export function mailProblemNote(problems: readonly MailProblem[] | undefined): Html {
  if (!problems || problems.length === 0) return html``;
  return html`${problems.map(
    (problem) =>
      html`<span class="rt-mail-problem">E-mail komt niet aan: ${problem.address} (${problem.reason === 'bounce' ? 'onbestelbaar' : 'spam gemeld'})</span>`,
  )}`;
}

/**
 * The list of addresses that do not work, above the municipality table: whose address it is, what SES
 * reported and since when, so staff can get the right address from the municipality.
 */
export function mailProblemsSection(
  problems: ReadonlyMap<string, readonly MailProblem[]>,
  municipalityName: (code: string) => string,
): Html {
  if (problems.size === 0) return html``;
  const rows = [...problems].flatMap(([code, own]) => own.map((problem) => ({ code, problem })));
  return html`<div class="utrecht-alert utrecht-alert--warning rt-panel" role="status" aria-labelledby="mailproblemen">
<h3 class="utrecht-heading-3" id="mailproblemen">E-mailadressen die niet werken</h3>
<p class="utrecht-paragraph">Naar deze adressen sturen we niets meer: uitnodigingen, herinneringen en bevestigingen komen niet aan. Vraag de gemeente om het juiste adres en pas het contact aan.</p>
<div class="rt-mail-scroll" tabindex="0" role="region" aria-label="E-mailadressen die niet werken">
<table class="utrecht-table utrecht-table--html-table rt-table">
<caption class="utrecht-table__caption">Adressen op de blokkeerlijst</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Gemeente</th><th class="utrecht-table__header-cell" scope="col">Adres</th><th class="utrecht-table__header-cell" scope="col">Wat</th><th class="utrecht-table__header-cell" scope="col">Sinds</th></tr></thead>
<tbody class="utrecht-table__body">
${rows.map(
  ({ code, problem }) =>
    html`<tr class="utrecht-table__row"><td class="utrecht-table__cell">${municipalityName(code)}</td><td class="utrecht-table__cell">${problem.address}<br><span class="rt-mail-detail">${roleLabels[problem.role]}</span></td><td class="utrecht-table__cell">${reasonLabels[problem.reason]}${problem.detail ? html`<br><span class="rt-mail-detail">${problem.detail}</span>` : html``}</td><td class="utrecht-table__cell">${formatDateTime(problem.at)}</td></tr>`,
)}
</tbody>
</table>
</div>
</div>`;
}
