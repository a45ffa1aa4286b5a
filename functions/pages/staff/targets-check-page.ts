import { formatDate, formatDateTime, formatInteger } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import type { Registry } from '../../core/model.js';
import { periodLabel, type TargetsCheck } from '../../core/targets/check-targets.js';
import { figureStatusLabels, type TargetsCandidate } from '../../core/targets/model.js';
import { problemText } from '../../core/targets/publish-targets.js';
import {
  actionForm,
  consequences,
  dataTable,
  factList,
  headerCell,
  numberCell,
  rowHeader,
} from './components.js';
import { type SignedInStaff, staffPage } from './shell.js';
import { kindLabels, type TargetsInput, targetsFields, targetsPath } from './targets-input.js';
import { count, municipalityTable, regionTable } from './targets-tables.js';

/** The check page of a targets import: nothing is stored until *Publiceren*. */

export interface TargetsCheckModel {
  readonly staff: SignedInStaff;
  readonly registry: Registry;
  readonly input: TargetsInput;
  readonly check: TargetsCheck & { readonly candidate: TargetsCandidate };
  readonly token: string;
}

export function renderTargetsCheck(model: TargetsCheckModel): Html {
  const { check, registry } = model;
  const candidate = check.candidate;
  const current = check.current;
  const revision = (current?.revision ?? 0) + 1;
  const what =
    candidate.kind === 'spreiding'
      ? `de aandelen van cyclus ${candidate.cycle}`
      : `de taakstelling statushouders van de ${periodLabel(candidate.period)}`;
  const exact = candidate.kind === 'spreiding' && check.summary?.comparison?.includes('precies');
  const province = registry.provinces.find((p) => p.id === candidate.province)?.name ?? candidate.province;
  // The comparison has its own panel; the other warnings are listed.
  const warnings = check.warnings.filter((warning) => warning.message !== check.summary?.comparison);
  return staffPage(
    {
      staff: model.staff,
      title: 'Controleer de taakstellingen',
      back: { href: targetsPath, label: 'Taakstellingen' },
    },
    html`<h1 class="utrecht-heading-1">Controleer de taakstellingen</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">Er is nog niets opgeslagen. Klopt alles? Publiceer dan ${what} als versie ${revision}.</p>
${factList([
  ['Soort', kindLabels[candidate.kind]],
  ['Provincie', province],
  ...(candidate.kind === 'spreiding'
    ? ([
        ['Cyclus', candidate.cycle],
        ['Geldt vanaf', formatDate(candidate.effectiveFrom)],
        [
          'Provinciale taak',
          `${formatInteger(candidate.task.places)} plaatsen, waarvan ${formatInteger(candidate.task.amvPlaces)} AMV (${figureStatusLabels[candidate.task.status]})`,
        ],
      ] as [string, string][])
    : ([['Halfjaar', periodLabel(candidate.period)]] as [string, string][])),
  ['Bron', candidate.source],
  ...(candidate.filename ? ([['Bestand', candidate.filename]] as [string, string][]) : []),
  [
    'Gemeenten',
    `${check.summary?.municipalities ?? 0} van de ${check.summary?.provinceMunicipalities ?? 0} gemeenten van de provincie`,
  ],
])}
${
  candidate.kind === 'spreiding' && check.summary?.comparison
    ? html`<div class="utrecht-alert utrecht-alert--${exact ? 'ok' : 'warning'} rt-panel"><h2 class="utrecht-heading-3">Som tegenover de provinciale taak</h2><p class="utrecht-paragraph">${check.summary.comparison}</p></div>`
    : candidate.kind === 'huisvesting'
      ? html`<p class="utrecht-paragraph">In totaal ${count(check.summary?.task ?? 0, 'persoon', 'personen')}.</p>`
      : html``
}
${
  warnings.length > 0
    ? html`<div class="utrecht-alert utrecht-alert--warning rt-panel"><h2 class="utrecht-heading-3">Let op (u kunt toch publiceren)</h2><ul class="utrecht-unordered-list">${warnings.map((warning) => html`<li class="utrecht-unordered-list__item">${problemText(warning)}</li>`)}</ul></div>`
    : html``
}
<h2 class="utrecht-heading-2 rt-heading-spaced">Wat er verandert</h2>
${
  !current
    ? html`<p class="utrecht-paragraph">Dit is de eerste versie van ${what}.</p>`
    : check.changes.length === 0
      ? html`<p class="utrecht-paragraph">Geen enkel cijfer verandert tegenover versie ${current.revision} (gepubliceerd ${formatDateTime(current.publishedAt)} door ${current.publishedBy}).</p>`
      : dataTable({
          id: 'wijzigingen',
          caption: `Tegenover versie ${current.revision} (gepubliceerd ${formatDateTime(current.publishedAt)} door ${current.publishedBy})`,
          head: [headerCell('Gemeente'), headerCell('Was', true), headerCell('Wordt', true)],
          rows: check.changes.map(
            (change) =>
              html`${rowHeader(change.code ? `${change.name} (${change.code})` : change.name)}${numberCell(change.before)}${numberCell(change.after)}`,
          ),
        })
}
${regionTable('controle-regio', registry, candidate)}
${municipalityTable('controle-gemeenten', registry, candidate)}
${consequences('Wat er gebeurt als u publiceert', [
  `De cijfers worden versie ${revision} van ${what}${current ? `; versie ${current.revision} blijft bewaard` : ''}.`,
  candidate.kind === 'spreiding'
    ? `Het voortgangsformulier toont iedere gemeente haar aandeel, en het dashboard, de overzichten en de exports rekenen ermee — voor rondes met een peildatum vanaf ${formatDate(candidate.effectiveFrom)}, ook lopende.`
    : `Het voortgangsformulier toont iedere gemeente haar taakstelling voor de ${periodLabel(candidate.period)}, en de waarschuwingen en overzichten rekenen ermee.`,
  'De publicatie komt in het logboek, met uw naam, de sommen en het verschil met de provinciale taak.',
])}
${actionForm({
  path: targetsPath,
  token: model.token,
  fields: { ...targetsFields(model.input), basisversie: String(current?.revision ?? 0) },
  buttons: [
    { action: 'publiceren', label: 'Publiceren' },
    { action: 'wijzigen', label: 'Terug naar het formulier', secondary: true },
  ],
})}`,
  );
}
