import { formatDate, formatInteger, formatMoney, formatWholeMoney } from '../../forms/format.js';
import { html } from '../../forms/render/html.js';
import type { AreaPlaces, PlacesAvailable } from '../core/aggregation/places-available.js';
import type { PlacesTotals, RoundAggregate, VoortgangAggregate } from '../core/aggregation/types.js';
import type { SummaryModel } from '../core/summary-model.js';
import {
  barPair,
  colours,
  h2,
  joinParts,
  legend,
  link,
  type Part,
  p,
  part,
  type Row,
  soft,
  table,
  textTitle,
  withNote,
} from './summary-blocks.js';
import { count, formatPercent } from './summary-format.js';

/**
 * The headline of a summary, what a board member reads first: how many municipalities reported, and the
 * form's key figures per region (and for the province in total) — for voortgang the task against committed,
 * realised and still to realise, and the places available in the Spreidingswet window.
 */

/** One line of a table per area: a region, or the province's total. */
export interface Area {
  readonly label: string;
  readonly aggregate: RoundAggregate;
  readonly total: boolean;
}

/** The areas of a summary: its region, or each region of the province and then the province. */
export function areas(model: SummaryModel): Area[] {
  const { aggregate } = model;
  if (aggregate.scope.type === 'region') return [{ label: aggregate.scope.name, aggregate, total: false }];
  return [
    ...model.regions.map((region) => ({ label: region.scope.name, aggregate: region, total: false })),
    { label: `Provincie ${aggregate.scope.name}`, aggregate, total: true },
  ];
}

const reportedOf = (aggregate: RoundAggregate) =>
  `${formatInteger(aggregate.response.totals.ingezonden)} van ${formatInteger(aggregate.response.totals.municipalities)}`;

// Response -----------------------------------------------------------------------------------------------

function responseSentence(aggregate: RoundAggregate): string {
  const { totals } = aggregate.response;
  return `${formatInteger(totals.ingezonden)} van de ${count(totals.municipalities, 'gemeente heeft', 'gemeenten hebben')} ingezonden${totals.late > 0 ? ` (waarvan ${formatInteger(totals.late)} te laat)` : ''}; ${formatInteger(totals.concept)} alleen een concept; ${formatInteger(totals.niets)} nog niets.`;
}

function responsePart(model: SummaryModel): Part {
  const { aggregate } = model;
  const sentence = responseSentence(aggregate);
  if (aggregate.scope.type === 'region') return part(p(html`<strong>${sentence}</strong>`), ['', sentence]);
  const rows: Row[] = areas(model).map(({ label, aggregate: area, total }) => ({
    total,
    cells: [
      label,
      reportedOf(area),
      formatInteger(area.response.totals.concept),
      formatInteger(area.response.totals.niets),
    ],
  }));
  return part(
    html`${p(html`<strong>${sentence}</strong>`)}${table(
      [
        { label: 'Gebied', width: '40%' },
        { label: 'Ingezonden', number: true, width: '22%' },
        { label: 'Alleen concept', number: true, width: '19%' },
        { label: 'Nog niets', number: true, width: '19%' },
      ],
      rows,
    )}`,
    [
      '',
      sentence,
      ...model.regions.map(
        (region) =>
          `- ${region.scope.name}: ${reportedOf(region)} ingezonden, ${formatInteger(region.response.totals.concept)} alleen concept, ${formatInteger(region.response.totals.niets)} nog niets`,
      ),
    ],
  );
}

// Voortgang ---------------------------------------------------------------------------------------------

/** The totals of an area as the aggregation gives them: against the provincial task, else the shares. */
function totalsOf(aggregate: RoundAggregate): PlacesTotals | null {
  const form = aggregate.form;
  if (form?.kind !== 'voortgang-opgaven') return null;
  return form.provincialTask?.total ?? form.totals.total;
}

/** `1 van 11 ingezonden`. */
const reportedText = (totals: PlacesTotals) =>
  `${formatInteger(totals.reported)} van ${formatInteger(totals.municipalities)} ingezonden`;

/**
 * An area's totals in words, honest about who reported: committed and realised against the whole task,
 * still to realise at the reporting municipalities, and — when not all reported — over those only, and
 * how much of the task is not known yet.
 */
function totalsLine(label: string, totals: PlacesTotals): string {
  const line = `- ${label} (${reportedText(totals)}): taak ${formatInteger(totals.task)}, toegezegd ${formatInteger(totals.committed)} (${formatPercent(totals.committedPercent)}), gerealiseerd ${formatInteger(totals.realised)} (${formatPercent(totals.realisedPercent)}), nog te realiseren ${formatInteger(totals.remaining)}`;
  if (totals.reported === totals.municipalities) return line;
  return `${line}; over de ingezonden gemeenten ${formatPercent(totals.reportedCommittedPercent)} toegezegd en ${formatPercent(totals.reportedRealisedPercent)} gerealiseerd van hun aandeel (${formatInteger(totals.reportedTask)}); van ${formatInteger(totals.unreportedTask)} plaatsen is de stand nog niet bekend`;
}

/** Where the task comes from, and what is not certain about it (demo shares, a task to confirm). */
function taskNotes(form: VoortgangAggregate): string[] {
  const targets = form.targets;
  const task = form.provincialTask;
  return [
    task
      ? `Taak: voor de provincie de provinciale taak ${task.cycle}; voor een regio de som van de indicatieve aandelen van al haar gemeenten.`
      : 'Taak: de som van de indicatieve aandelen van alle gemeenten, ook die nog niet hebben ingezonden.',
    'Toegezegd en gerealiseerd tellen de ingezonden gemeenten, in procenten van de hele taak; nog te realiseren: hun aandeel min gerealiseerd. Regulier en AMV samen.',
    targets
      ? `Aandelen: Spreidingswet, cyclus ${targets.cycle}, gepubliceerd door de provincie (versie ${targets.revision}).${targets.demoShares > 0 ? ` Let op: ${count(targets.demoShares, 'aandeel is', 'aandelen zijn')} DEMOGEGEVENS, niet echt.` : ''}${targets.sharesToConfirm > 0 ? ` ${count(targets.sharesToConfirm, 'aandeel is', 'aandelen zijn')} nog te bevestigen.` : ''}`
      : 'Er zijn (nog) geen indicatieve aandelen gepubliceerd voor de peildatum van deze ronde.',
    ...(task?.difference ? [task.difference] : []),
    ...(task?.status === 'te-bevestigen' ? ['De provinciale taak is nog te bevestigen.'] : []),
  ];
}

function voortgangPart(model: SummaryModel, form: VoortgangAggregate): Part {
  const lines = areas(model).map((area) => ({ ...area, totals: totalsOf(area.aggregate) }));
  const rows: Row[] = lines.map(({ label, total, totals }) => ({
    total,
    cells: totals
      ? [
          withNote(label, reportedText(totals)),
          totals.task > 0 ? formatInteger(totals.task) : '—',
          withNote(formatInteger(totals.committed), formatPercent(totals.committedPercent)),
          withNote(formatInteger(totals.realised), formatPercent(totals.realisedPercent)),
          formatInteger(totals.remaining),
        ]
      : [label, '—', '—', '—', '—'],
    below: totals
      ? barPair(
          { percent: totals.committedPercent, colour: colours.committed },
          { percent: totals.realisedPercent, colour: colours.realised },
        )
      : undefined,
  }));
  const notes = taskNotes(form);
  const title = 'Asielopvang: taak en voortgang';
  return part(
    html`${h2(title)}${table(
      [
        { label: 'Gebied', width: '28%' },
        { label: 'Taak', number: true, width: '15%' },
        { label: soft('Toege|zegd'), number: true, width: '19%' },
        { label: soft('Ge|reali|seerd'), number: true, width: '19%' },
        { label: soft('Nog te reali|seren'), number: true, width: '19%' },
      ],
      rows,
    )}${legend(
      [
        { colour: colours.committed, label: 'toegezegd' },
        { colour: colours.realised, label: 'gerealiseerd' },
      ],
      'als deel van de taak',
    )}${p(notes.join(' '), 'small')}`,
    [
      ...textTitle(title),
      ...lines.map(({ label, totals }) => (totals ? totalsLine(label, totals) : `- ${label}: geen cijfers`)),
      ...notes,
    ],
  );
}

/** `1 juli 2025 – 1 februari 2026`. */
export function windowLabel(places: Pick<PlacesAvailable, 'window'>): string {
  return `${formatDate(places.window.from)} – ${formatDate(places.window.until)}`;
}

function placesRows(places: PlacesAvailable): { label: string; area: AreaPlaces; total: boolean }[] {
  return [
    ...places.regions.map((area) => ({ label: area.name, area, total: false })),
    ...(places.province
      ? [{ label: `Provincie ${places.province.name}`, area: places.province, total: true }]
      : []),
  ];
}

/**
 * Places on a date: per region and for the province, guaranteed and with intentions, against the task;
 * with the round page's address (`roundUrl`), a link to the staff page per municipality and location.
 */
export function placesPart(places: PlacesAvailable, roundUrl?: string): Part {
  const title = `Plaatsen beschikbaar ${windowLabel(places)}`;
  const rows = placesRows(places);
  const explanation =
    'Gegarandeerd: locaties vanaf het besluit (besluit, ruimtelijke procedure, realisatie, operationeel). Met voornemens: ook de voornemens. Een locatie telt mee als zij op de laatste dag van de periode beschikbaar is; alleen de gemeenten die hebben ingezonden.';
  const percentText = (value: number | null) => (value === null ? '' : ` (${formatPercent(value)})`);
  const detail = roundUrl ? `${roundUrl}/plaatsen` : undefined;
  return part(
    html`${h2(title)}${table(
      [
        { label: 'Gebied', width: '34%' },
        { label: 'Taak', number: true, width: '18%' },
        { label: soft('Gegaran|deerd'), number: true, width: '24%' },
        { label: 'Met voornemens', number: true, width: '24%' },
      ],
      rows.map(({ label, area, total }) => ({
        total,
        cells: [
          label,
          area.task === null ? '—' : formatInteger(area.task),
          withNote(formatInteger(area.guaranteed), formatPercent(area.guaranteedPercent)),
          withNote(formatInteger(area.withIntentions), formatPercent(area.withIntentionsPercent)),
        ],
        below: barPair(
          { percent: area.guaranteedPercent, colour: colours.guaranteed },
          { percent: area.withIntentionsPercent, colour: colours.intentions },
        ),
      })),
    )}${legend(
      [
        { colour: colours.guaranteed, label: 'gegarandeerd' },
        { colour: colours.intentions, label: 'met voornemens' },
      ],
      'als deel van de taak',
    )}${p(explanation, 'small')}${detail ? p(html`Per gemeente en per locatie, ook voor een andere periode: ${link(detail, 'plaatsen beschikbaar')}.`, 'small') : ''}`,
    [
      ...textTitle(title),
      ...rows.map(
        ({ label, area }) =>
          `- ${label}: gegarandeerd ${formatInteger(area.guaranteed)}${percentText(area.guaranteedPercent)}, met voornemens ${formatInteger(area.withIntentions)}${percentText(area.withIntentionsPercent)}${area.task === null ? '' : ` van de taak ${formatInteger(area.task)}`}`,
      ),
      explanation,
      ...(detail ? [`Per gemeente en per locatie, ook voor een andere periode: ${detail}`] : []),
    ],
  );
}

// Eigen bijdrage ------------------------------------------------------------------------------------------

function eigenBijdragePart(model: SummaryModel): Part {
  const title = 'Eigen bijdrage: wie vraagt, wie betaalt, wat het oplevert';
  const lines = areas(model).flatMap(({ label, aggregate, total }) => {
    const form = aggregate.form;
    return form?.kind === 'eigen-bijdrage'
      ? [{ label, total, form, submitted: form.municipalities.length }]
      : [];
  });
  const revenue = (t: (typeof lines)[number]['form']['totals']) =>
    t.revenueReported > 0 ? formatWholeMoney(t.monthlyRevenue) : '—';
  return part(
    html`${h2(title)}${table(
      [
        { label: 'Gebied', width: '30%' },
        { label: 'Vragen een bijdrage', number: true, width: '22%' },
        { label: soft('Volwas|senen betalen'), number: true, width: '20%' },
        { label: 'Opbrengst per maand', number: true, width: '28%' },
      ],
      lines.map(({ label, total, form, submitted }) => ({
        total,
        cells: [
          label,
          `${formatInteger(form.totals.collecting)} van ${formatInteger(submitted)}`,
          formatInteger(form.totals.adults.charged),
          form.totals.revenueReported > 0
            ? withNote(
                revenue(form.totals),
                `${formatPercent(form.totals.revenuePercentOfExpected)} van verwacht`,
              )
            : '—',
        ],
      })),
    )}${p('Van de gemeenten die hebben ingezonden. Opbrengst: van wie die meldde, met het deel van wat op grond van de landelijke bedragen te verwachten was.', 'small')}`,
    [
      ...textTitle(title),
      ...lines.map(
        ({ label, form, submitted }) =>
          `- ${label}: ${formatInteger(form.totals.collecting)} van ${formatInteger(submitted)} ingezonden gemeenten vragen een bijdrage; ${count(form.totals.adults.charged, 'volwassene betaalt', 'volwassenen betalen')}; opbrengst ${form.totals.revenueReported > 0 ? `${formatMoney(form.totals.monthlyRevenue)} per maand (${formatPercent(form.totals.revenuePercentOfExpected)} van verwacht)` : 'nog niet gemeld'}`,
      ),
    ],
  );
}

// Sociaal domein ------------------------------------------------------------------------------------------

function sociaalDomeinPart(model: SummaryModel): Part {
  const title = 'Sociaal domein: knelpunten en vragen';
  const lines = areas(model).flatMap(({ label, aggregate, total }) => {
    const form = aggregate.form;
    if (form?.kind !== 'sociaal-domein') return [];
    const bottlenecks = form.bottlenecksByDomain.flatMap((group) => group.items);
    return [
      {
        label,
        total,
        bottlenecks: bottlenecks.length,
        severe: bottlenecks.filter((item) => item.severity === 'ernstig').length,
        requests: form.supportByAddressee.reduce((n, group) => n + group.requests.length, 0),
      },
    ];
  });
  return part(
    html`${h2(title)}${table(
      [
        { label: 'Gebied', width: '34%' },
        { label: soft('Knel|punten'), number: true, width: '22%' },
        { label: 'waarvan ernstig', number: true, width: '20%' },
        { label: soft('Onder|steunings|vragen'), number: true, width: '24%' },
      ],
      lines.map((line) => ({
        total: line.total,
        cells: [
          line.label,
          formatInteger(line.bottlenecks),
          formatInteger(line.severe),
          formatInteger(line.requests),
        ],
      })),
    )}`,
    [
      ...textTitle(title),
      ...lines.map(
        (line) =>
          `- ${line.label}: ${count(line.bottlenecks, 'knelpunt', 'knelpunten')} (waarvan ${formatInteger(line.severe)} ernstig), ${count(line.requests, 'ondersteuningsvraag', 'ondersteuningsvragen')}`,
      ),
    ],
  );
}

/** The headline: response, then the form's key figures per region (and the province). */
export function headlinePart(model: SummaryModel, roundUrl?: string): Part {
  const form = model.aggregate.form;
  const figures: (Part | null)[] =
    form?.kind === 'voortgang-opgaven'
      ? [voortgangPart(model, form), model.places ? placesPart(model.places, roundUrl) : null]
      : form?.kind === 'eigen-bijdrage'
        ? [eigenBijdragePart(model)]
        : form?.kind === 'sociaal-domein'
          ? [sociaalDomeinPart(model)]
          : [];
  return joinParts([responsePart(model), ...figures]);
}
