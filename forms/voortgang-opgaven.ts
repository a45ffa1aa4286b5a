import { contactSection } from './contact-section.js';
import {
  type Answers,
  defineForm,
  type FigureStatus,
  type FormContext,
  type PublishedFacts,
  type RuleIssue,
} from './definition.js';
import { choice, date, derived, integer, repeat, section, text } from './fields.js';
import { formatInteger } from './format.js';
import { dutchOrder } from './order.js';

/**
 * Voortgang opgaven: where the municipality stands on its three tasks — asylum places under the
 * Spreidingswet (regular and AMV: indicative share, committed, realised, and the locations by phase),
 * reception of displaced persons from Ukraine, and housing of permit holders per half year.
 */

export const locationPhases = [
  { value: 'voornemen', label: 'Voornemen' },
  { value: 'besluit', label: 'Besluit (college of raad)' },
  { value: 'ruimtelijke-procedure', label: 'Ruimtelijke procedure' },
  { value: 'realisatie', label: 'Realisatie' },
  { value: 'operationeel', label: 'Operationeel' },
] as const;

export const ibtColours = [
  { value: 'groen', label: 'Groen (op schema)' },
  { value: 'oranje', label: 'Oranje' },
  { value: 'rood', label: 'Rood' },
] as const;

/** Half years a task can be reported for: H1 and H2 of the years around the current Spreidingswet cycle. */
const halfYears = [2024, 2025, 2026, 2027, 2028].flatMap((year) => [
  { value: `${year}-H1`, label: `1e helft ${year}` },
  { value: `${year}-H2`, label: `2e helft ${year}` },
]);

const places = (key: string, label: string, csvHeader: string, hint?: string) =>
  integer(key, { label, csvHeader, hint, unit: 'plaatsen', max: 20_000 });

const number = (value: unknown) => (typeof value === 'number' ? value : undefined);

/**
 * Revision 1 asked each municipality to type its indicative share; from revision 2 the share is published
 * data (functions/core/targets) shown read-only. These are the fields as they were, so answers stored under
 * revision 1 still read and export (forms/revisions.ts).
 */
const typedShares = [
  places(
    'regularShare',
    'Indicatief aandeel reguliere plaatsen',
    'Indicatief aandeel regulier',
    'Het aantal uit de verdeling over de gemeenten (Staatscourant).',
  ),
  places(
    'amvShare',
    'Indicatief aandeel AMV-plaatsen',
    'Indicatief aandeel AMV',
    'Voor alleenstaande minderjarige vreemdelingen; ongeveer 8,5 % van uw aantal.',
  ),
];

const statusNote: Record<FigureStatus, string> = {
  vastgesteld: '',
  'te-bevestigen': ' Dit aantal is nog te bevestigen.',
  demo: ' Let op: dit zijn DEMOGEGEVENS, niet het echte aandeel.',
};

/** `2026-H2` → `2e helft 2026`. */
const halfYearLabel = (period: string) =>
  halfYears.find((option) => option.value === period)?.label ?? period;

/** The published share and statushouders tasks, shown read-only in their sections. */
function publishedFacts(sectionKey: string, context: FormContext): PublishedFacts | undefined {
  if (sectionKey === 'asiel') {
    const share = context.targets?.asylum;
    if (!share)
      return {
        title: 'Indicatief aandeel van uw gemeente',
        rows: [],
        note: 'De provincie heeft voor de peildatum van deze ronde (nog) geen indicatief aandeel gepubliceerd. U hoeft het niet in te vullen.',
      };
    return {
      title: 'Indicatief aandeel van uw gemeente',
      rows: [
        { label: 'Reguliere plaatsen', value: `${formatInteger(share.regular)} plaatsen` },
        { label: 'AMV-plaatsen', value: `${formatInteger(share.amv)} plaatsen` },
        { label: 'Samen', value: `${formatInteger(share.regular + share.amv)} plaatsen` },
      ],
      note: `Gepubliceerd door de provincie (Spreidingswet, cyclus ${share.cycle}). U hoeft het niet in te vullen; klopt het niet, neem dan contact op met de provincie.${statusNote[share.status]}`,
    };
  }
  if (sectionKey === 'statushouders') {
    const tasks = Object.entries(context.targets?.housing ?? {}).sort(([a], [b]) => dutchOrder(a, b));
    if (tasks.length === 0) return undefined;
    return {
      title: 'Taakstelling van uw gemeente volgens de provincie',
      rows: tasks.map(([period, task]) => ({
        label: halfYearLabel(period),
        value: `${formatInteger(task.task)} ${task.task === 1 ? 'persoon' : 'personen'}${task.status === 'vastgesteld' ? '' : ` (${task.status === 'demo' ? 'DEMOGEGEVENS' : 'nog te bevestigen'})`}`,
      })),
      note: 'Vul bij elk halfjaar hieronder de taakstelling in zoals uw gemeente die heeft; wijkt die af, dan vragen we u dat te bevestigen.',
    };
  }
  return undefined;
}

export const voortgangOpgaven = defineForm({
  id: 'voortgang-opgaven',
  title: 'Voortgang opgaven',
  intro:
    'Met dit formulier laat uw gemeente de regietafel weten hoe het staat met de drie opgaven: asielopvang ' +
    '(Spreidingswet), de opvang van ontheemden uit Oekraïne en de huisvesting van statushouders. ' +
    'Vul de stand in op de peildatum.',
  contactEmailKey: 'contactEmail',
  contactNameKey: 'contactName',
  revision: 2,
  changes: [
    {
      revision: 2,
      note: 'Het indicatieve aandeel is gepubliceerde data van de provincie, niet meer door de gemeente ingevuld.',
      removed: typedShares,
    },
  ],
  publishedFacts,
  sections: [
    section(
      'asiel',
      'Asielopvang (Spreidingswet)',
      [
        places(
          'regularCommitted',
          'Toegezegde reguliere plaatsen',
          'Toegezegd regulier',
          'Plaatsen waarover uw gemeente een besluit heeft genomen of een intentie heeft uitgesproken.',
        ),
        places(
          'regularRealised',
          'Gerealiseerde reguliere plaatsen',
          'Gerealiseerd regulier',
          'Plaatsen die nu in gebruik zijn.',
        ),
        places('amvCommitted', 'Toegezegde AMV-plaatsen', 'Toegezegd AMV'),
        places('amvRealised', 'Gerealiseerde AMV-plaatsen', 'Gerealiseerd AMV'),
      ],
      'Tel locaties mee van meer dan 100 plaatsen, voor langer dan 5 jaar, die binnen 12 maanden beschikbaar zijn.',
    ),
    section('locaties', 'Asiellocaties', [
      repeat('asylumLocations', {
        label: 'Asiellocaties',
        itemLabel: 'Asiellocatie',
        hint: 'Voeg een regel toe voor elke locatie, ook als die nog een voornemen is.',
        max: 30,
        fields: [
          text('name', {
            label: 'Naam of adres van de locatie',
            csvHeader: 'Locatie',
            maxLength: 120,
          }),
          choice('type', {
            label: 'Soort opvang',
            csvHeader: 'Soort',
            widget: 'select',
            options: [
              { value: 'azc', label: 'Asielzoekerscentrum (azc)' },
              { value: 'amv', label: 'Kleinschalige opvang voor AMV' },
              { value: 'noodopvang', label: 'Noodopvang' },
              { value: 'anders', label: 'Anders' },
            ],
          }),
          integer('capacity', {
            label: 'Capaciteit',
            unit: 'plaatsen',
            csvHeader: 'Capaciteit (plaatsen)',
            max: 5000,
          }),
          date('availableFrom', { label: 'Beschikbaar vanaf', csvHeader: 'Beschikbaar vanaf' }),
          date('availableUntil', {
            label: 'Beschikbaar tot',
            hint: 'Laat leeg als de locatie voor onbepaalde tijd beschikbaar is.',
            csvHeader: 'Beschikbaar tot',
            optional: true,
          }),
          choice('phase', { label: 'Fase', csvHeader: 'Fase', widget: 'select', options: locationPhases }),
        ],
      }),
    ]),
    section('oekraine', 'Opvang ontheemden uit Oekraïne', [
      integer('ukraineCapacity', {
        label: 'Capaciteit gemeentelijke opvang',
        unit: 'plaatsen',
        csvHeader: 'Capaciteit opvang Oekraïne',
        max: 20_000,
      }),
      integer('ukraineOccupied', {
        label: 'Bezette plaatsen',
        unit: 'plaatsen',
        csvHeader: 'Bezet opvang Oekraïne',
        max: 20_000,
      }),
    ]),
    section(
      'statushouders',
      'Huisvesting statushouders',
      [
        repeat('housing', {
          label: 'Taakstelling per halfjaar',
          itemLabel: 'Halfjaar',
          hint: 'Voeg een regel toe voor het lopende halfjaar, en eventueel het vorige.',
          max: 4,
          fields: [
            choice('period', {
              label: 'Halfjaar',
              csvHeader: 'Halfjaar',
              widget: 'select',
              options: halfYears,
              // A new round is about a new half year, mostly: the official chooses it again.
              perRound: true,
            }),
            integer('task', {
              label: 'Taakstelling',
              unit: 'personen',
              csvHeader: 'Taakstelling',
              max: 10_000,
            }),
            integer('backlog', {
              label: 'Achterstand aan het begin van het halfjaar',
              hint: 'Een voorsprong vult u in als negatief getal, bijvoorbeeld -4.',
              unit: 'personen',
              csvHeader: 'Achterstand begin',
              min: -10_000,
              max: 10_000,
            }),
            integer('housed', {
              label: 'Gehuisvest in dit halfjaar',
              unit: 'personen',
              csvHeader: 'Gehuisvest',
              max: 10_000,
            }),
            derived('balance', {
              label: 'Saldo aan het eind',
              csvHeader: 'Saldo eind',
              unit: 'personen',
              explanation: 'Wordt berekend: achterstand + taakstelling − gehuisvest.',
              compute: (row) => {
                const [backlog, task, housed] = [number(row.backlog), number(row.task), number(row.housed)];
                return backlog === undefined || task === undefined || housed === undefined
                  ? undefined
                  : backlog + task - housed;
              },
            }),
            choice('ibtColour', {
              label: 'Oordeel van de provincie (IBT)',
              csvHeader: 'IBT-kleur',
              options: ibtColours,
              optional: true,
            }),
          ],
        }),
      ],
      'De taakstelling volgens de Huisvestingswet 2014, per halfjaar.',
    ),
    contactSection(),
  ],
  rules: (answers: Answers) => {
    const issues: RuleIssue[] = [];
    const locations = Array.isArray(answers.asylumLocations) ? (answers.asylumLocations as Answers[]) : [];
    locations.forEach((location, index) => {
      if (
        typeof location.availableUntil === 'string' &&
        typeof location.availableFrom === 'string' &&
        location.availableUntil <= location.availableFrom
      ) {
        issues.push({
          path: ['asylumLocations', index, 'availableUntil'],
          message: `‘Beschikbaar tot’ moet na ‘Beschikbaar vanaf’ liggen.`,
        });
      }
    });
    const periods = (Array.isArray(answers.housing) ? (answers.housing as Answers[]) : []).map(
      (row) => row.period,
    );
    periods.forEach((period, index) => {
      if (period !== undefined && periods.indexOf(period) !== index) {
        issues.push({
          path: ['housing', index, 'period'],
          message: `Bij ‘Halfjaar’ staat ${halfYearLabel(String(period))} al in een eerdere regel. Kies een ander halfjaar of verwijder deze regel.`,
        });
      }
    });
    return issues;
  },
  warnings: (answers: Answers, context: FormContext) => {
    const issues: RuleIssue[] = [];
    const above = (realised: string, committed: string, what: string) => {
      const [r, c] = [number(answers[realised]), number(answers[committed])];
      if (r !== undefined && c !== undefined && r > c) {
        issues.push({
          path: [realised],
          message: `Er zijn meer ${what} gerealiseerd (${formatInteger(r)}) dan toegezegd (${formatInteger(c)}). Klopt dat?`,
        });
      }
    };
    above('regularRealised', 'regularCommitted', 'reguliere plaatsen');
    above('amvRealised', 'amvCommitted', 'AMV-plaatsen');
    const [capacity, occupied] = [number(answers.ukraineCapacity), number(answers.ukraineOccupied)];
    if (capacity !== undefined && occupied !== undefined && occupied > capacity) {
      issues.push({
        path: ['ukraineOccupied'],
        message: `Er zijn meer plaatsen bezet (${formatInteger(occupied)}) dan er zijn (${formatInteger(capacity)}). Klopt dat?`,
      });
    }
    (Array.isArray(answers.housing) ? (answers.housing as Answers[]) : []).forEach((row, index) => {
      const [task, backlog, housed] = [number(row.task), number(row.backlog) ?? 0, number(row.housed)];
      if (task === undefined || housed === undefined) return;
      const period = typeof row.period === 'string' ? row.period : undefined;
      const published = period ? context.targets?.housing[period] : undefined;
      if (published && published.task !== task) {
        issues.push({
          path: ['housing', index, 'task'],
          message: `Halfjaar ${index + 1}: de taakstelling (${formatInteger(task)}) wijkt af van wat de provincie voor ${halfYearLabel(period!)} heeft gepubliceerd (${formatInteger(published.task)}). Klopt dat?`,
        });
      }
      const due = task + Math.max(0, backlog);
      if (housed > Math.max(due * 1.5, due + 10)) {
        issues.push({
          path: ['housing', index, 'housed'],
          message: `Halfjaar ${index + 1}: er zijn veel meer statushouders gehuisvest (${formatInteger(housed)}) dan de taakstelling plus achterstand (${formatInteger(due)}). Klopt dat?`,
        });
      }
    });
    return issues;
  },
});
