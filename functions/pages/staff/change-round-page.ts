import type { FieldError } from '../../../forms/definition.js';
import { formatDate, formatDateTime } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import type { RoundChange, RoundChangeImpact } from '../../core/change-round.js';
import type { RoundPhase } from '../../core/form-context.js';
import type { Round } from '../../core/model.js';
import { actionForm, consequences, dateTimeInputs, factList, lateSubmissionChoice } from './components.js';
import { type SignedInStaff, staffPage } from './shell.js';

/**
 * "Sluitingsdatum, sluiten of heropenen" (`/staf/rondes/{roundId}/wijzigen`): the round's deadline moved
 * later or earlier, closing it now, reopening it — each through a confirmation step that says what
 * happens to whom before anything changes.
 */

export const changeRoundPath = (roundId: string) => `/staf/rondes/${encodeURIComponent(roundId)}/wijzigen`;

export const phaseText: Record<RoundPhase, string> = {
  'not-open': 'nog niet open',
  open: 'open',
  late: 'de sluitingsdatum is voorbij, te laat inzenden kan nog',
  closed: 'gesloten',
};

export interface DeadlineInput {
  readonly deadlineDatum: string;
  readonly deadlineTijd: string;
  readonly acceptsLate: string;
}

export interface ChangeRoundModel {
  readonly staff: SignedInStaff;
  readonly round: Round;
  readonly phase: RoundPhase;
  /** What was typed in the form that came back (with its errors), and which form it was. */
  readonly input?: DeadlineInput & { readonly form: 'deadline' | 'reopen' };
  readonly errors: readonly FieldError[];
  readonly token: string;
  readonly notice?: string;
}

function deadlineForm(
  model: ChangeRoundModel,
  form: 'deadline' | 'reopen',
  values: DeadlineInput,
  label: string,
): Html {
  const errors = model.input?.form === form ? model.errors : [];
  return actionForm({
    path: changeRoundPath(model.round.id),
    token: model.token,
    buttons: [{ action: form === 'deadline' ? 'deadline-controleren' : 'heropenen-controleren', label }],
    fields: { basis: model.round.deadline },
    content: html`${dateTimeInputs({ name: 'deadline', label: form === 'deadline' ? 'Nieuwe sluitingsdatum' : 'Open tot', hint: 'In Nederlandse tijd, bijvoorbeeld 18-12-2026 om 17:00.', date: values.deadlineDatum, time: values.deadlineTijd, errors })}
${lateSubmissionChoice(values.acceptsLate, errors)}`,
  });
}

export function renderChangeRoundPage(model: ChangeRoundModel): Html {
  const { round, phase } = model;
  const typed = (form: 'deadline' | 'reopen'): DeadlineInput =>
    model.input?.form === form
      ? model.input
      : { deadlineDatum: '', deadlineTijd: '17:00', acceptsLate: round.acceptsLate ? 'ja' : 'nee' };
  const canMove = phase === 'open' || phase === 'not-open';
  const canReopen = phase === 'closed' || phase === 'late';
  return staffPage(
    {
      staff: model.staff,
      title: `Sluitingsdatum – ${round.title}`,
      back: { href: `/staf/rondes/${encodeURIComponent(round.id)}`, label: round.title },
      errors: model.errors,
      notice: model.notice,
    },
    html`<h1 class="utrecht-heading-1">Sluitingsdatum, sluiten of heropenen</h1>
${factList([
  ['Ronde', round.title],
  ['Peildatum', formatDate(round.referenceDate)],
  ['Sluitingsdatum', formatDateTime(round.deadline)],
  ['Stand', phaseText[phase]],
  ['Te laat inzenden', round.acceptsLate ? 'Toegestaan' : 'Niet toegestaan'],
])}
<p class="utrecht-paragraph">U ziet steeds eerst wat een wijziging doet, en voor wie; pas na uw bevestiging verandert er iets.</p>
${
  canMove
    ? html`<section aria-labelledby="verplaatsen" class="rt-section">
<h2 class="utrecht-heading-2" id="verplaatsen">Sluitingsdatum verplaatsen</h2>
<p class="utrecht-paragraph">Later of eerder. De links van de gemeenten blijven werken en gaan mee; de herinnering gaat voor de nieuwe datum.</p>
${deadlineForm(model, 'deadline', typed('deadline'), 'Controleren')}
</section>`
    : html``
}
${
  canReopen
    ? html`<section aria-labelledby="heropenen" class="rt-section">
<h2 class="utrecht-heading-2" id="heropenen">Ronde heropenen</h2>
<p class="utrecht-paragraph">De gemeenten kunnen dan weer inzenden en wijzigen, tot de nieuwe datum.</p>
${deadlineForm(model, 'reopen', typed('reopen'), 'Controleren')}
</section>`
    : html``
}
${
  phase !== 'closed'
    ? html`<section aria-labelledby="sluiten" class="rt-section">
<h2 class="utrecht-heading-2" id="sluiten">Ronde nu sluiten</h2>
<p class="utrecht-paragraph">Niemand kan daarna nog inzenden of wijzigen; de formulieren zijn alleen nog te lezen.</p>
${actionForm({ path: changeRoundPath(round.id), token: model.token, buttons: [{ action: 'sluiten-controleren', label: 'Ronde nu sluiten…', secondary: true }], fields: { basis: round.deadline } })}
</section>`
    : html``
}`,
  );
}

export interface ChangeRoundCheckModel {
  readonly staff: SignedInStaff;
  readonly impact: RoundChangeImpact;
  readonly input: DeadlineInput;
  readonly token: string;
}

const confirmLabels: Record<RoundChange['kind'], { action: string; label: string; title: string }> = {
  deadline: {
    action: 'deadline-wijzigen',
    label: 'Sluitingsdatum wijzigen',
    title: 'Sluitingsdatum verplaatsen',
  },
  close: { action: 'sluiten', label: 'Ronde sluiten', title: 'Ronde nu sluiten' },
  reopen: { action: 'heropenen', label: 'Ronde heropenen', title: 'Ronde heropenen' },
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the change does, to whom: the sentences of the confirmation step. */
export function changeConsequences(impact: RoundChangeImpact): string[] {
  const { round, after, change } = impact;
  const missing = plural(impact.missing, 'gemeente zonder inzending', 'gemeenten zonder inzending');
  const drafts = impact.drafts > 0 ? ` (${plural(impact.drafts, 'met een concept', 'met een concept')})` : '';
  const lines: string[] = [];
  if (change.kind === 'close') {
    lines.push(
      `De ronde sluit nu (${formatDateTime(after.deadline)}). Niemand kan nog inzenden of wijzigen; de formulieren zijn alleen nog te lezen.`,
      impact.missing > 0
        ? `${missing}${drafts} kan dan niet meer inzenden; concepten tellen niet mee.`
        : 'Alle gemeenten hebben ingezonden.',
      `De ${plural(impact.links, 'link', 'links')} van de gemeenten ${impact.links === 1 ? 'blijft' : 'blijven'} werken om terug te lezen, tot ${formatDateTime(impact.linksExpireAt)}.`,
      'Er gaan geen herinneringen meer. Het overzicht na de sluitingsdatum gaat met de volgende dagelijkse ronde naar de regietafel en de provincie.',
    );
  } else {
    const earlier = after.deadline < round.deadline;
    lines.push(
      change.kind === 'reopen'
        ? `De ronde gaat weer open, tot ${formatDateTime(after.deadline)}.`
        : `De sluitingsdatum gaat van ${formatDateTime(round.deadline)} naar ${formatDateTime(after.deadline)}${earlier ? ': eerder, de gemeenten krijgen minder tijd' : ''}.`,
      impact.missing > 0
        ? `${missing}${drafts} ${impact.missing === 1 ? 'kan' : 'kunnen'} tot ${formatDateTime(after.deadline)} inzenden; ${plural(impact.submitted, 'gemeente die al heeft', 'gemeenten die al hebben')} ingezonden ${impact.submitted === 1 ? 'kan' : 'kunnen'} tot dan wijzigen.`
        : `Alle gemeenten hebben ingezonden; zij kunnen tot ${formatDateTime(after.deadline)} wijzigen.`,
      `De ${plural(impact.links, 'link', 'links')} van de gemeenten ${impact.links === 1 ? 'blijft' : 'blijven'} werken en ${impact.links === 1 ? 'verloopt' : 'verlopen'} nu op ${formatDateTime(impact.linksExpireAt)}.`,
      impact.reminderFrom
        ? `De automatische herinnering gaat vanaf ${formatDateTime(impact.reminderFrom)} naar wie dan nog niet heeft ingezonden.`
        : 'Er gaat geen automatische herinnering meer.',
      `Na de sluitingsdatum: ${after.acceptsLate ? 'te laat inzenden blijft mogelijk, als ‘te laat’ gemarkeerd' : 'niet meer inzenden, alleen lezen'}.`,
      'De gemeenten krijgen hierover geen aparte e-mail. Wilt u het ze laten weten, stuur dan een herinnering: die noemt de nieuwe datum.',
    );
  }
  lines.push('De wijziging komt in het logboek van de ronde, met uw naam, de oude en de nieuwe waarde.');
  return lines;
}

export function renderChangeRoundCheck(model: ChangeRoundCheckModel): Html {
  const { impact } = model;
  const { round, after } = impact;
  const labels = confirmLabels[impact.change.kind];
  return staffPage(
    {
      staff: model.staff,
      title: `${labels.title} – ${round.title}`,
      back: { href: changeRoundPath(round.id), label: 'Sluitingsdatum, sluiten of heropenen' },
    },
    html`<h1 class="utrecht-heading-1">${labels.title}: controleer wat er gebeurt</h1>
${factList([
  ['Ronde', round.title],
  ['Sluitingsdatum nu', formatDateTime(round.deadline)],
  ['Sluitingsdatum straks', formatDateTime(after.deadline)],
  [
    'Te laat inzenden',
    `${round.acceptsLate ? 'toegestaan' : 'niet toegestaan'} → ${after.acceptsLate ? 'toegestaan' : 'niet toegestaan'}`,
  ],
  ['Stand', `${phaseText[impact.phaseBefore]} → ${phaseText[impact.phaseAfter]}`],
])}
${consequences('Wat er gebeurt, en voor wie', changeConsequences(impact))}
${actionForm({
  path: changeRoundPath(round.id),
  token: model.token,
  buttons: [
    { action: labels.action, label: labels.label },
    { action: 'terug', label: 'Terug, niets wijzigen', secondary: true },
  ],
  fields: {
    basis: round.deadline,
    ...(impact.change.kind === 'close'
      ? {}
      : {
          deadlineDatum: model.input.deadlineDatum,
          deadlineTijd: model.input.deadlineTijd,
          acceptsLate: model.input.acceptsLate,
          form: impact.change.kind === 'reopen' ? 'reopen' : 'deadline',
        }),
  },
})}`,
  );
}
