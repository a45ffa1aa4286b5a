import type { FieldError } from '../../../forms/definition.js';
import { formatDate, formatDateTime, formatInteger } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import type { Registry } from '../../core/model.js';
import { compareWithTask, periodLabel, type TargetsCheck } from '../../core/targets/check-targets.js';
import {
  type AsylumTargets,
  figureStatusLabels,
  type HousingTargets,
  type Targets,
  type TargetsCandidate,
} from '../../core/targets/model.js';
import { problemText } from '../../core/targets/publish-targets.js';
import {
  actionForm,
  type Choice,
  cell,
  choiceGroup,
  consequences,
  dataTable,
  factList,
  headerCell,
  hiddenFields,
  numberCell,
  rowHeader,
  selectInput,
  textInput,
  tokenField,
} from './components.js';
import { fileInput, lineErrorsPanel, listErrors, textArea } from './registry-fields.js';
import { type SignedInStaff, staffPage } from './shell.js';

/**
 * "Taakstellingen" (`/staf/taakstellingen`): the targets the province publishes — per Spreidingswet cycle the
 * provincial task and every municipality's indicative share, per half year the statushouders tasks — with
 * the sums per region against the provincial task and every earlier revision. Provincial staff import new
 * figures from a CSV (uploaded or pasted): a form, then a check page that names every problem by its line,
 * the sum against the provincial task with any difference, and what changes against the current revision;
 * only *Publiceren* stores anything (a new revision, audited).
 */

export const targetsPath = '/staf/taakstellingen';

/** The import form as typed (strings), carried unchanged by the check page. */
export interface TargetsInput {
  /** `spreiding` or `huisvesting`. */
  readonly kind: string;
  readonly province: string;
  readonly cycle: string;
  /** As typed: `1-2-2024`. */
  readonly effectiveFrom: string;
  readonly taskPlaces: string;
  readonly taskAmvPlaces: string;
  /** `vastgesteld` or `te-bevestigen`. */
  readonly taskStatus: string;
  /** `2026-H1`. */
  readonly period: string;
  readonly source: string;
  /** The file's text (uploaded or pasted). */
  readonly content: string;
  readonly filename: string;
}

export const targetsInputNames: Record<keyof TargetsInput, string> = {
  kind: 'soort',
  province: 'provincie',
  cycle: 'cyclus',
  effectiveFrom: 'ingangsdatum',
  taskPlaces: 'taak',
  taskAmvPlaces: 'taakAmv',
  taskStatus: 'taakStatus',
  period: 'halfjaar',
  source: 'bron',
  content: 'lijst',
  filename: 'bestandsnaam',
};

export const kindLabels: Record<'spreiding' | 'huisvesting', string> = {
  spreiding: 'Indicatieve aandelen asielopvang (Spreidingswet)',
  huisvesting: 'Taakstelling huisvesting statushouders (per halfjaar)',
};

const count = (n: number, one: string, many: string) => `${formatInteger(n)} ${n === 1 ? one : many}`;

function regionsOf(registry: Registry, province: string) {
  return registry.regions.filter((region) => region.province === province);
}

function municipalitiesOf(registry: Registry, province: string) {
  const regions = new Set(regionsOf(registry, province).map((region) => region.id));
  return registry.municipalities
    .filter((municipality) => regions.has(municipality.region))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

const regionName = (registry: Registry, id: string) =>
  registry.regions.find((region) => region.id === id)?.name ?? id;

/** Per region of the province: municipalities with a figure, and the sums (a region's task is its shares' sum). */
function regionTable(id: string, registry: Registry, targets: Targets | TargetsCandidate): Html {
  const rows = regionsOf(registry, targets.province).map((region) => {
    const codes = new Set(registry.municipalities.filter((m) => m.region === region.id).map((m) => m.code));
    if (targets.kind === 'spreiding') {
      const shares = targets.shares.filter((share) => codes.has(share.municipality));
      const regular = shares.reduce((total, share) => total + share.regular, 0);
      const amv = shares.reduce((total, share) => total + share.amv, 0);
      return html`${rowHeader(region.name)}${numberCell(`${shares.length} van ${codes.size}`)}${numberCell(formatInteger(regular))}${numberCell(formatInteger(amv))}${numberCell(formatInteger(regular + amv))}`;
    }
    const tasks = targets.tasks.filter((task) => codes.has(task.municipality));
    return html`${rowHeader(region.name)}${numberCell(`${tasks.length} van ${codes.size}`)}${numberCell(formatInteger(tasks.reduce((total, task) => total + task.task, 0)))}`;
  });
  const head =
    targets.kind === 'spreiding'
      ? [
          headerCell('Regio'),
          headerCell('Gemeenten met een aandeel', true),
          headerCell('Regulier', true),
          headerCell('AMV', true),
          headerCell('Taak van de regio', true),
        ]
      : [
          headerCell('Regio'),
          headerCell('Gemeenten met een taakstelling', true),
          headerCell('Taakstelling (personen)', true),
        ];
  return dataTable({ id, caption: 'Per regio', head, rows });
}

/** Every municipality of the province with its figure (or none). */
function municipalityTable(id: string, registry: Registry, targets: Targets | TargetsCandidate): Html {
  const rows = municipalitiesOf(registry, targets.province).map((municipality) => {
    const region = regionName(registry, municipality.region);
    if (targets.kind === 'spreiding') {
      const share = targets.shares.find((candidate) => candidate.municipality === municipality.code);
      return share
        ? html`${rowHeader(municipality.name)}${cell(municipality.code)}${cell(region)}${numberCell(formatInteger(share.regular))}${numberCell(formatInteger(share.amv))}${numberCell(formatInteger(share.regular + share.amv))}${cell(figureStatusLabels[share.status])}`
        : html`${rowHeader(municipality.name)}${cell(municipality.code)}${cell(region)}${numberCell('—')}${numberCell('—')}${numberCell('—')}${cell('geen aandeel')}`;
    }
    const task = targets.tasks.find((candidate) => candidate.municipality === municipality.code);
    return task
      ? html`${rowHeader(municipality.name)}${cell(municipality.code)}${cell(region)}${numberCell(formatInteger(task.task))}${cell(figureStatusLabels[task.status])}`
      : html`${rowHeader(municipality.name)}${cell(municipality.code)}${cell(region)}${numberCell('—')}${cell('geen taakstelling')}`;
  });
  const head =
    targets.kind === 'spreiding'
      ? [
          headerCell('Gemeente'),
          headerCell('Code'),
          headerCell('Regio'),
          headerCell('Regulier', true),
          headerCell('AMV', true),
          headerCell('Aandeel', true),
          headerCell('Status'),
        ]
      : [
          headerCell('Gemeente'),
          headerCell('Code'),
          headerCell('Regio'),
          headerCell('Taakstelling', true),
          headerCell('Status'),
        ];
  return dataTable({ id, caption: 'Per gemeente', head, rows });
}

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
    (a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.revision - a.revision,
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
${[...province.asylum].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)).map((targets) => asylumSection(model.registry, targets))}
<h2 class="utrecht-heading-${several ? '3' : '2'} rt-heading-spaced">Taakstelling huisvesting statushouders</h2>
${province.housing.length === 0 ? html`<p class="utrecht-paragraph">Er is nog geen taakstelling gepubliceerd.</p>` : html``}
${[...province.housing].sort((a, b) => b.period.localeCompare(a.period)).map((targets) => housingSection(model.registry, targets))}
<h2 class="utrecht-heading-${several ? '3' : '2'} rt-heading-spaced">Eerdere versies</h2>
${province.all.length === 0 ? html`<p class="utrecht-paragraph">Nog niets gepubliceerd.</p>` : historyTable(`versies-${province.id}`, province.all)}`,
)}`,
  );
}

/** `2026-H1` … for the half years around today: the previous, this one and the next two. */
export function halfYearChoices(today: Date): Choice[] {
  const year = today.getUTCFullYear();
  const half = today.getUTCMonth() < 6 ? 1 : 2;
  const index = year * 2 + (half - 1);
  return [-1, 0, 1, 2].map((offset) => {
    const n = index + offset;
    const period = `${Math.floor(n / 2)}-H${(n % 2) + 1}`;
    return { value: period, label: periodLabel(period) };
  });
}

export interface TargetsFormModel {
  readonly staff: SignedInStaff;
  readonly input: TargetsInput;
  readonly provinces: readonly Choice[];
  readonly periods: readonly Choice[];
  /** Field errors; those of the file (`lijst`) are listed by line under it. */
  readonly errors: readonly FieldError[];
  readonly token: string;
}

export function renderTargetsForm(model: TargetsFormModel): Html {
  const { input } = model;
  const names = targetsInputNames;
  const list = listErrors(
    names.content,
    model.errors,
    (count) => `Het bestand heeft ${count === 1 ? 'een fout' : `${count} fouten`}; ze staan onder het veld.`,
  );
  const spreiding = input.kind !== 'huisvesting';
  return staffPage(
    {
      staff: model.staff,
      title: 'Taakstellingen inlezen',
      back: { href: targetsPath, label: 'Taakstellingen' },
      errors: list.page,
    },
    html`<h1 class="utrecht-heading-1">Taakstellingen inlezen</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">Lees de gepubliceerde cijfers in als CSV, zoals een spreadsheet die opslaat (‘CSV (puntkomma gescheiden)’). U ziet eerst wat er verandert; pas met Publiceren worden ze een nieuwe versie.</p>
<p class="utrecht-paragraph">Aandelen: <code class="rt-code-wrap">Gemeentecode;Gemeente;Regulier;AMV</code> (of <code class="rt-code-wrap">Totaal</code> in plaats van <code class="rt-code-wrap">Regulier</code>). Taakstelling statushouders: <code class="rt-code-wrap">Gemeentecode;Gemeente;Taakstelling</code>. Een kolom <code class="rt-code-wrap">Status</code> (vastgesteld, te bevestigen of demo) mag erbij; duizendtallen met een punt (1.056) mogen.</p>
<form method="post" action="${targetsPath}" class="rt-form" enctype="multipart/form-data" novalidate>
${hiddenFields({ [tokenField]: model.token, [names.filename]: input.filename || undefined })}
${choiceGroup({
  type: 'radio',
  name: names.kind,
  label: 'Soort cijfers',
  choices: [
    {
      value: 'spreiding',
      label: kindLabels.spreiding,
      hint: 'Per cyclus: de provinciale taak en het aandeel van iedere gemeente.',
    },
    {
      value: 'huisvesting',
      label: kindLabels.huisvesting,
      hint: 'Per halfjaar: hoeveel vergunninghouders iedere gemeente huisvest.',
    },
  ],
  selected: [spreiding ? 'spreiding' : 'huisvesting'],
  errors: model.errors,
})}
${
  model.provinces.length === 1
    ? hiddenFields({ [names.province]: model.provinces[0]!.value })
    : selectInput({
        name: names.province,
        label: 'Provincie',
        choices: model.provinces,
        value: input.province,
        errors: model.errors,
      })
}
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset rt-subform">
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend rt-legend">Alleen bij aandelen (Spreidingswet)</legend>
${textInput({ name: names.cycle, label: 'Cyclus', hint: 'Twee jaartallen, bijvoorbeeld 2024-2026.', value: input.cycle, width: 's', errors: model.errors })}
${textInput({ name: names.effectiveFrom, label: 'Geldt vanaf', hint: 'De dag waarop de aandelen zijn gepubliceerd, bijvoorbeeld 1-2-2024. Rondes met een peildatum vanaf die dag rekenen ermee.', value: input.effectiveFrom, width: 's', inputMode: 'numeric', errors: model.errors })}
${textInput({ name: names.taskPlaces, label: 'Provinciale taak (plaatsen, regulier en AMV samen)', hint: 'Bijvoorbeeld 6325.', value: input.taskPlaces, width: 's', inputMode: 'numeric', errors: model.errors })}
${textInput({ name: names.taskAmvPlaces, label: 'Waarvan AMV-plaatsen', value: input.taskAmvPlaces, width: 's', inputMode: 'numeric', errors: model.errors })}
${choiceGroup({
  type: 'radio',
  name: names.taskStatus,
  label: 'Status van de provinciale taak',
  choices: [
    { value: 'vastgesteld', label: 'Vastgesteld' },
    { value: 'te-bevestigen', label: 'Nog te bevestigen' },
  ],
  selected: [input.taskStatus || 'vastgesteld'],
  inline: true,
  errors: model.errors,
})}
</fieldset>
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset rt-subform">
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend rt-legend">Alleen bij taakstelling statushouders</legend>
${selectInput({ name: names.period, label: 'Halfjaar', choices: model.periods, value: input.period, errors: model.errors })}
</fieldset>
${textInput({ name: names.source, label: 'Bron', hint: 'Waar de cijfers vandaan komen, bijvoorbeeld: Staatscourant 31 januari 2024, nr. 20260.', value: input.source, errors: model.errors })}
${fileInput({ name: 'bestand', label: 'Bestand (CSV)', hint: input.filename ? `Gelezen: ${input.filename}. Kies een ander bestand om het te vervangen.` : 'Een regel per gemeente, met een kopregel.', accept: '.csv,text/csv,text/plain' })}
${textArea({ name: names.content, label: 'Of plak de regels hier', hint: html`Bijvoorbeeld: <code class="rt-code-wrap">GM0193;Zwolle;656;61</code>. Een gekozen bestand gaat voor.`, value: input.content, rows: 8, errors: list.field })}
${lineErrorsPanel(names.content, 'Wat er niet klopt in het bestand', list.lines)}
<div class="utrecht-button-group rt-actions">
<button type="submit" class="utrecht-button utrecht-button--primary-action" name="_action" value="controleren">Controleren</button>
</div>
</form>`,
  );
}

/** The form's fields, so *Publiceren* and *Terug* post them back unchanged. */
export function targetsFields(input: TargetsInput): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, name] of Object.entries(targetsInputNames))
    fields[name] = input[key as keyof TargetsInput];
  return fields;
}

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
