import type { FormDefinition } from '../../../forms/definition.js';
import { formatDateTime, labelled } from '../../../forms/format.js';
import { answersSummary } from '../../../forms/render/confirmation-page.js';
import { type Html, html } from '../../../forms/render/html.js';
import { retiredAnswersList } from '../../../forms/render/retired-answers.js';
import { readStored, revisionOf } from '../../../forms/revisions.js';
import type { SubmissionVersion } from '../../core/model.js';
import type { SubmissionRecord } from '../../core/staff-submission.js';
import { cell, dataTable, factList, headerCell, rowHeader } from './components.js';
import { type SignedInStaff, staffPage } from './shell.js';

/** A version's answers read with today's form, and what the form no longer asks or accepts. */
function storedAnswers(definition: FormDefinition, version: SubmissionVersion): Html {
  const reading = readStored(definition, version.answers, revisionOf(version));
  return html`${answersSummary(definition, reading.answers)}${retiredAnswersList(reading.retired, reading.invalid)}`;
}

/**
 * One municipality's submission as staff read it (`/staf/rondes/{roundId}/gemeenten/{code}`), read-only:
 * the current answers, the warnings, whether a draft waits, every version with what changed and who sent
 * it. The round page's warning count links here. Opening this page is written to the audit trail.
 */

export interface SubmissionPageModel {
  readonly staff: SignedInStaff;
  readonly record: SubmissionRecord;
}

export function renderSubmissionPage(model: SubmissionPageModel): Html {
  const { round, definition, municipality, current, history, draft } = model.record;
  const warnings = current?.warnings ?? [];
  return staffPage(
    {
      staff: model.staff,
      title: `Gemeente ${municipality.name} – ${round.title}`,
      back: { href: `/staf/rondes/${encodeURIComponent(round.id)}`, label: round.title },
    },
    html`<p class="utrecht-pre-heading rt-pre-heading">${round.title} · ${definition.title}</p>
<h1 class="utrecht-heading-1">Gemeente ${municipality.name}</h1>
${factList([
  [
    'Stand',
    current
      ? `Ingezonden: versie ${current.version}${current.late ? ' (te laat)' : ''}`
      : 'Nog niet ingezonden',
  ],
  ...(current
    ? ([
        ['Ingezonden op', formatDateTime(current.submittedAt)],
        ['Door', `${current.submittedBy.name} (${current.submittedBy.email})`],
      ] as [string, string][])
    : []),
  [
    'Concept',
    draft
      ? `Er staat een concept klaar, bewaard op ${formatDateTime(draft.savedAt)}; het telt niet mee tot de gemeente het inzendt.`
      : 'Geen concept',
  ],
  ['Waarschuwingen', current ? String(warnings.length) : '—'],
])}
<p class="utrecht-paragraph rt-hint">Alleen lezen. Dat u deze gegevens bekijkt, staat in het logboek van de ronde.</p>
${
  warnings.length > 0
    ? html`<div class="utrecht-alert utrecht-alert--warning rt-notice" role="region" aria-labelledby="waarschuwingen">
<h2 class="utrecht-heading-2" id="waarschuwingen">Waarschuwingen bij versie ${current!.version}</h2>
<p class="utrecht-paragraph">Opvallende antwoorden; de gemeente zag ze voor het inzenden en heeft ze zo verstuurd.</p>
<ul class="utrecht-unordered-list">${warnings.map((warning) => html`<li class="utrecht-unordered-list__item">${warning.message}</li>`)}</ul>
</div>`
    : html``
}
${
  current
    ? html`<h2 class="utrecht-heading-2">De antwoorden (versie ${current.version})</h2>
${storedAnswers(definition, current)}
<h2 class="utrecht-heading-2" id="versies">Alle versies</h2>
${dataTable({
  id: 'versies-tabel',
  caption: 'Elke ingezonden versie, nieuwste eerst',
  layout: 'rt-versions',
  head: [
    headerCell('Versie'),
    headerCell('Ingezonden'),
    headerCell('Door'),
    headerCell('Wat is er veranderd'),
  ],
  rows: [...history]
    .reverse()
    .map(
      ({ version, changes }) =>
        html`${rowHeader(`Versie ${version.version}`)}${cell(`${formatDateTime(version.submittedAt)}${version.late ? ' (te laat)' : ''}`)}${cell(`${version.submittedBy.name} (${version.submittedBy.email})`)}${cell(
          changes === undefined
            ? 'Eerste versie'
            : changes.length === 0
              ? 'Niets gewijzigd'
              : html`<ul class="utrecht-unordered-list">${changes.map((change) => html`<li class="utrecht-unordered-list__item">${labelled(change.label, `${change.before} → ${change.after}`)}</li>`)}</ul>`,
        )}`,
    ),
})}`
    : html`<p class="utrecht-paragraph">Gemeente ${municipality.name} heeft voor deze ronde nog niets ingezonden.</p>`
}`,
  );
}
