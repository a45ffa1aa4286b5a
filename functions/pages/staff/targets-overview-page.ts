import { formatDate, formatDateTime, formatInteger } from '../../../forms/format.js';
import { codePointOrder, dutchOrder } from '../../../forms/order.js';
import { type Html, html } from '../../../forms/render/html.js';
import type { Registry } from '../../core/model.js';
import { compareWithTask, periodLabel } from '../../core/targets/check-targets.js';
import {
  type AsylumTargets,
  figureStatusLabels,
  type HousingTargets,
  type Targets,
} from '../../core/targets/model.js';
import { cell, dataTable, factList, headerCell, numberCell } from './components.js';
import { type SignedInStaff, staffPage } from './shell.js';
import { targetsPath } from './targets-input.js';
import { count, municipalityTable, regionTable } from './targets-tables.js';

/** `/staf/taakstellingen`: every published revision of the province(s) this person sees. */

/** The sum of the shares against the provincial task, in words. */
export function asylumComparison(targets: Pick<AsylumTargets, 'shares' | 'task'>): string {
  const regular = targets.shares.reduce((total, share) => total + share.regular, 0);
  const amv = targets.shares.reduce((total, share) => total + share.amv, 0);
  return compareWithTask({ regular, amv }, targets.task);
}

function demoNote(targets: Targets): Html {
  const figures =
    targets.kind === 'spreiding'
      ? targets.shares.map((share) => share.status)
      : targets.tasks.map((task) => task.status);
  const demo = figures.filter((status) => status === 'demo').length;
  const toConfirm = figures.filter((status) => status === 'te-bevestigen').length;
  const parts = [
    demo > 0 ? `${count(demo, 'cijfer is', 'cijfers zijn')} demogegevens (niet echt)` : '',
    toConfirm > 0 ? `${count(toConfirm, 'cijfer moet', 'cijfers moeten')} nog bevestigd worden` : '',
  ].filter(Boolean);
  return parts.length > 0
    ? html`<div class="utrecht-alert utrecht-alert--warning rt-panel"><p class="utrecht-paragraph">Let op: ${parts.join('; ')}. Lees de gepubliceerde cijfers in om ze te vervangen.</p></div>`
    : html``;
}

function publicationFacts(targets: Targets): Html {
  return factList([
    [
      'Versie',
      `${targets.revision} (gepubliceerd ${formatDateTime(targets.publishedAt)} door ${targets.publishedBy})`,
    ],
    ['Bron', targets.source],
    ...(targets.filename ? ([['Bestand', targets.filename]] as [string, string][]) : []),
    ...(targets.kind === 'spreiding'
      ? ([
          ['Geldt vanaf', formatDate(targets.effectiveFrom)],
          [
            'Provinciale taak',
            `${formatInteger(targets.task.places)} plaatsen, waarvan ${formatInteger(targets.task.amvPlaces)} AMV (${figureStatusLabels[targets.task.status]})`,
          ],
        ] as [string, string][])
      : []),
  ]);
}

function asylumSection(registry: Registry, targets: AsylumTargets): Html {
  const id = `aandelen-${targets.province}-${targets.cycle}`;
  return html`<section aria-labelledby="${id}">
<h3 class="utrecht-heading-3" id="${id}">Cyclus ${targets.cycle}</h3>
${publicationFacts(targets)}
<p class="utrecht-paragraph">${asylumComparison(targets)}</p>
${demoNote(targets)}
${regionTable(`${id}-regio`, registry, targets)}
${municipalityTable(`${id}-gemeenten`, registry, targets)}
</section>`;
}

function housingSection(registry: Registry, targets: HousingTargets): Html {
  const id = `taakstelling-${targets.province}-${targets.period}`;
  const total = targets.tasks.reduce((sum, task) => sum + task.task, 0);
  return html`<section aria-labelledby="${id}">
<h3 class="utrecht-heading-3" id="${id}">${periodLabel(targets.period)}</h3>
${publicationFacts(targets)}
<p class="utrecht-paragraph">In totaal ${count(total, 'persoon', 'personen')} voor ${count(targets.tasks.length, 'gemeente', 'gemeenten')}.</p>
${demoNote(targets)}
${regionTable(`${id}-regio`, registry, targets)}
${municipalityTable(`${id}-gemeenten`, registry, targets)}
</section>`;
}

function historyTable(id: string, all: readonly Targets[]): Html {
  const sorted = [...all].sort(
    (a, b) => codePointOrder(b.publishedAt, a.publishedAt) || b.revision - a.revision,
  );
  return dataTable({
    id,
    caption: 'Alle versies (ook de vervangen)',
    head: [
      headerCell('Gepubliceerd'),
      headerCell('Soort'),
      headerCell('Cyclus of halfjaar'),
      headerCell('Versie', true),
      headerCell('Door'),
      headerCell('Totaal', true),
      headerCell('Bron'),
    ],
    rows: sorted.map((targets) => {
      const total =
        targets.kind === 'spreiding'
          ? targets.shares.reduce((sum, share) => sum + share.regular + share.amv, 0)
          : targets.tasks.reduce((sum, task) => sum + task.task, 0);
      return html`${cell(formatDateTime(targets.publishedAt))}${cell(targets.kind === 'spreiding' ? 'Aandelen' : 'Statushouders')}${cell(targets.kind === 'spreiding' ? targets.cycle : periodLabel(targets.period))}${numberCell(String(targets.revision))}${cell(targets.publishedBy)}${numberCell(formatInteger(total))}${cell(`${targets.source}${targets.filename ? ` (${targets.filename})` : ''}`)}`;
    }),
  });
}

export interface TargetsOverviewModel {
  readonly staff: SignedInStaff;
  readonly registry: Registry;
  readonly provinces: readonly {
    readonly id: string;
    readonly name: string;
    /** Latest revision per cycle / half year. */
    readonly asylum: readonly AsylumTargets[];
    readonly housing: readonly HousingTargets[];
    /** Every revision. */
    readonly all: readonly Targets[];
  }[];
  /** Provincial staff may import. */
  readonly mayImport: boolean;
  readonly notice?: string;
}

export function renderTargetsOverview(model: TargetsOverviewModel): Html {
  const several = model.provinces.length > 1;
  return staffPage(
    {
      staff: model.staff,
      title: 'Taakstellingen',
      back: { href: '/staf/rondes', label: 'Alle rondes' },
      notice: model.notice,
    },
    html`<h1 class="utrecht-heading-1">Taakstellingen</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">De cijfers die de provincie publiceert: per cyclus van de Spreidingswet de provinciale taak en het indicatieve aandeel van iedere gemeente, per halfjaar de taakstelling huisvesting statushouders. Gemeenten vullen ze niet zelf in: hun formulier toont hun aandeel, en het dashboard, de overzichten en de exports rekenen ermee.</p>
${
  model.mayImport
    ? html`<ul class="utrecht-button-group rt-actions rt-plain-list">
<li><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${targetsPath}?inlezen=spreiding">Aandelen inlezen</a></li>
<li><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${targetsPath}?inlezen=huisvesting">Taakstelling statushouders inlezen</a></li>
</ul>`
    : html`<p class="utrecht-paragraph">Alleen de provincie leest nieuwe cijfers in.</p>`
}
${model.provinces.map(
  (
    province,
  ) => html`${several ? html`<h2 class="utrecht-heading-2 rt-heading-spaced">Provincie ${province.name}</h2>` : html``}
<h2 class="utrecht-heading-${several ? '3' : '2'} rt-heading-spaced">Aandelen asielopvang (Spreidingswet)</h2>
${province.asylum.length === 0 ? html`<p class="utrecht-paragraph">Er zijn nog geen aandelen gepubliceerd.</p>` : html``}
${[...province.asylum].sort((a, b) => codePointOrder(b.effectiveFrom, a.effectiveFrom)).map((targets) => asylumSection(model.registry, targets))}
<h2 class="utrecht-heading-${several ? '3' : '2'} rt-heading-spaced">Taakstelling huisvesting statushouders</h2>
${province.housing.length === 0 ? html`<p class="utrecht-paragraph">Er is nog geen taakstelling gepubliceerd.</p>` : html``}
${[...province.housing].sort((a, b) => dutchOrder(b.period, a.period)).map((targets) => housingSection(model.registry, targets))}
<h2 class="utrecht-heading-${several ? '3' : '2'} rt-heading-spaced">Eerdere versies</h2>
${province.all.length === 0 ? html`<p class="utrecht-paragraph">Nog niets gepubliceerd.</p>` : historyTable(`versies-${province.id}`, province.all)}`,
)}`,
  );
}
