import { type AnswerRow, type Answers, describeAnswers, type FormDefinition } from '../definition.js';
import type { AnswerChange } from '../diff.js';
import { formatDateTime, labelled } from '../format.js';
import type { InvalidAnswer, RetiredAnswer } from '../revisions.js';
import type { ConfirmedVersion } from './confirmed-version.js';
import { compoundHeading, type Html, html } from './html.js';
import { layout } from './layout.js';
import { retiredAnswersList } from './retired-answers.js';
import { sincePreviousRoundSection } from './since-previous-round.js';

export interface ConfirmationModel extends ConfirmedVersion {
  readonly confirmationSentTo?: string;
  /** Whether that confirmation has gone out already (else it follows from the outbox). */
  readonly confirmationSent?: boolean;
  /** Link back to the form to amend (absent once the round is closed). */
  readonly amendUrl?: string;
  /** Every version with what changed, oldest first. */
  readonly history?: readonly HistoryEntry[];
  /** Link to a version's page, e.g. `?versie=2`. */
  readonly versionUrl?: (version: number) => string;
  /** Stored answers the form no longer asks or accepts (the version is of an earlier revision). */
  readonly retired?: {
    readonly retired: readonly RetiredAnswer[];
    readonly invalid: readonly InvalidAnswer[];
  };
}

export interface HistoryEntry {
  readonly version: number;
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly late: boolean;
  /** Undefined for the first version. */
  readonly changes?: readonly AnswerChange[];
}

function historyTable(model: ConfirmationModel): Html {
  const entries = model.history ?? [];
  if (entries.length < 2) return html``;
  // Four columns do not fit a phone: there what changed goes under the version, its date and who sent it
  // (`rt-versions`); the table stays in a region of its own (named by its heading, reachable by keyboard)
  // that scrolls sideways if it must, never the page (WCAG 1.4.10).
  return html`<h2 class="utrecht-heading-2" id="alle-versies">Alle versies</h2>
<div class="rt-table-scroll" role="region" aria-labelledby="alle-versies" tabindex="0">
<table class="utrecht-table utrecht-table--html-table rt-history rt-versions">
<caption class="utrecht-table__caption">Elke ingezonden versie blijft bewaard.</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Versie</th><th class="utrecht-table__header-cell" scope="col">Ingezonden</th><th class="utrecht-table__header-cell" scope="col">Door</th><th class="utrecht-table__header-cell" scope="col">Wat is er veranderd</th></tr></thead>
<tbody class="utrecht-table__body">
${[...entries]
  .reverse()
  .map(
    (entry) =>
      html`<tr class="utrecht-table__row"><td class="utrecht-table__cell">${
        model.versionUrl && entry.version !== model.version
          ? html`<a class="utrecht-link utrecht-link--html-a" href="${model.versionUrl(entry.version)}">Versie ${entry.version}</a>`
          : html`Versie ${entry.version}`
      }</td><td class="utrecht-table__cell">${formatDateTime(entry.submittedAt)}${entry.late ? ' (te laat)' : ''}</td><td class="utrecht-table__cell">${entry.submittedBy}</td><td class="utrecht-table__cell">${
        entry.changes === undefined
          ? 'Eerste versie'
          : entry.changes.length === 0
            ? 'Niets gewijzigd'
            : html`<ul class="utrecht-unordered-list">${entry.changes.map((change) => html`<li class="utrecht-unordered-list__item">${labelled(change.label, `${change.before} → ${change.after}`)}</li>`)}</ul>`
      }</td></tr>`,
  )}
</tbody>
</table>
</div>`;
}

/**
 * How an answer row links back to where it is typed (the check page's "Wijzigen"): given the row's path and
 * a name that says which answer it is (for the visually hidden part of the link text).
 */
export type ChangeControl = (path: string, name: string) => Html;

function answerRows(rows: readonly AnswerRow[], change: ChangeControl | undefined, context?: string): Html {
  return html`<dl class="utrecht-data-list rt-answer-list">
${rows.map(
  (row) =>
    html`<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">${row.label}</dt><dd class="utrecht-data-list__item-value">${row.value}</dd>${
      change && row.path
        ? html`<dd class="rt-answer-change">${change(row.path, context ? `${row.label} (${context})` : row.label)}</dd>`
        : ''
    }</div>`,
)}
</dl>`;
}

/**
 * The answers as definition lists, section by section (also used on the check page, with `change`: a
 * "Wijzigen" per answer, GOV.UK's summary list).
 */
export function answersSummary(definition: FormDefinition, answers: Answers, change?: ChangeControl): Html {
  return html`${describeAnswers(definition, answers).map(
    (section) => html`<section class="rt-answers">
<h3 class="utrecht-heading-3">${compoundHeading(section.title)}</h3>
${answerRows(section.rows, change)}
${section.groups.map(
  (group) => html`<h4 class="utrecht-heading-4">${compoundHeading(group.title)}</h4>
${answerRows(group.rows, change, group.title)}`,
)}
</section>`,
  )}`;
}

/**
 * An earlier version, opened from the history (`?versie=1`): what it was, and that another replaced it —
 * not "Uw antwoorden zijn ontvangen" with its warnings to correct, as if it were what counts now.
 */
function replacedVersionPage(model: ConfirmationModel, latest: HistoryEntry): Html {
  const title = `Versie ${model.version} (vervangen)`;
  const content = html`<p class="utrecht-pre-heading rt-pre-heading">Gemeente ${model.municipalityName} · ${model.roundTitle}</p>
<div class="utrecht-alert utrecht-alert--info rt-panel">
<h1 class="utrecht-heading-1">${title}</h1>
<p class="utrecht-paragraph">${model.definition.title} — versie ${model.version}, ingezonden op ${formatDateTime(model.submittedAt)} door ${model.submittedBy}.${model.late ? ' Deze inzending kwam na de sluitingsdatum binnen en is als te laat gemarkeerd.' : ''}</p>
<p class="utrecht-paragraph">Deze versie is vervangen. Wat nu geldt, is ${
    model.versionUrl
      ? html`<a class="utrecht-link utrecht-link--html-a" href="${model.versionUrl(latest.version)}">versie ${latest.version}</a>`
      : html`versie ${latest.version}`
  }, ingezonden op ${formatDateTime(latest.submittedAt)} door ${latest.submittedBy}.</p>
</div>
${
  model.warnings && model.warnings.length > 0
    ? html`<div class="utrecht-alert utrecht-alert--warning rt-notice"><h2 class="utrecht-heading-2">Waarschuwingen bij deze versie</h2><ul class="utrecht-unordered-list">${model.warnings.map((warning) => html`<li class="utrecht-unordered-list__item">${warning.message}</li>`)}</ul></div>`
    : ''
}
<h2 class="utrecht-heading-2">De antwoorden van versie ${model.version}</h2>
${answersSummary(model.definition, model.answers)}
${model.retired ? retiredAnswersList(model.retired.retired, model.retired.invalid) : ''}
${historyTable(model)}`;
  return layout(
    { title, organisation: model.organisation, contacts: model.contact ? [model.contact] : undefined },
    content,
  );
}

export function renderConfirmationPage(model: ConfirmationModel): Html {
  const latest = model.history?.reduce<HistoryEntry | undefined>(
    (newest, entry) => (!newest || entry.version > newest.version ? entry : newest),
    undefined,
  );
  if (latest && latest.version > model.version) return replacedVersionPage(model, latest);
  const content = html`<p class="utrecht-pre-heading rt-pre-heading">Gemeente ${model.municipalityName} · ${model.roundTitle}</p>
<div class="utrecht-alert utrecht-alert--ok rt-panel">
<h1 class="utrecht-heading-1">Uw antwoorden zijn ontvangen</h1>
<p class="utrecht-paragraph">${model.definition.title} — versie ${model.version}, ingezonden op ${formatDateTime(model.submittedAt)} door ${model.submittedBy}.${model.late ? ' Deze inzending kwam na de sluitingsdatum binnen en is als te laat gemarkeerd.' : ''}</p>
</div>
${
  model.confirmationSentTo
    ? model.confirmationSent
      ? html`<p class="utrecht-paragraph">De bevestiging met uw antwoorden is per e-mail verstuurd naar ${model.confirmationSentTo}.</p>`
      : html`<p class="utrecht-paragraph">Uw antwoorden zijn opgeslagen. De bevestiging volgt per e-mail naar ${model.confirmationSentTo}.</p>`
    : ''
}
${
  model.amendUrl
    ? html`<p class="utrecht-paragraph">Klopt er iets niet? U kunt uw antwoorden tot de sluitingsdatum <a class="utrecht-link utrecht-link--html-a" href="${model.amendUrl}">wijzigen</a>. Eerdere versies blijven bewaard.</p>`
    : ''
}
${
  model.warnings && model.warnings.length > 0
    ? html`<div class="utrecht-alert utrecht-alert--warning rt-notice"><h2 class="utrecht-heading-2">Controleer deze antwoorden</h2><p class="utrecht-paragraph">Ze zijn wel opgeslagen. Klopt een antwoord niet, wijzig het dan.</p><ul class="utrecht-unordered-list">${model.warnings.map((warning) => html`<li class="utrecht-unordered-list__item">${warning.message}</li>`)}</ul></div>`
    : ''
}
<h2 class="utrecht-heading-2">Uw antwoorden</h2>
${answersSummary(model.definition, model.answers)}
${model.retired ? retiredAnswersList(model.retired.retired, model.retired.invalid) : ''}
${sincePreviousRoundSection(model.sincePreviousRound)}
${historyTable(model)}`;
  return layout(
    {
      title: 'Uw antwoorden zijn ontvangen',
      organisation: model.organisation,
      contacts: model.contact ? [model.contact] : undefined,
    },
    content,
  );
}
