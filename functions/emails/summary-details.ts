import { formatDate, formatDateTime, formatInteger, formatMoney } from '../../forms/format.js';
import { html } from '../../forms/render/html.js';
import type { RoundAggregate } from '../core/aggregation/types.js';
import type { SummaryModel } from '../core/summary-model.js';
import {
  h2,
  h3,
  joinParts,
  list,
  type Part,
  p,
  part,
  type Row,
  soft,
  table,
  textSubtitle,
  textTitle,
  withNote,
} from './summary-blocks.js';
import { count, formatPercent, listNames, scopeLabel } from './summary-format.js';
import { areas } from './summary-headline.js';

/**
 * The rest of a summary, after the headline and the points that need action: the form's figures for the
 * whole area (per region in a province, never per municipality — that detail is in the CSV attachments
 * and on the dashboard), and what changed since the previous summary.
 */

// Voortgang ---------------------------------------------------------------------------------------------

function voortgangDetails(model: SummaryModel): Part {
  const form = model.aggregate.form;
  if (form?.kind !== 'voortgang-opgaven') return joinParts([]);
  const phaseTitle = 'Asiellocaties per fase';
  const phaseRows: Row[] = [
    ...form.locationsByPhase.map((phase) => ({
      cells: [phase.label, formatInteger(phase.locations), formatInteger(phase.capacity)],
    })),
    {
      total: true,
      cells: ['Totaal', formatInteger(form.totals.locations), formatInteger(form.totals.capacity)],
    },
  ];
  const phases = part(
    html`${h3(phaseTitle)}${table(
      [
        { label: 'Fase', width: '50%' },
        { label: 'Locaties', number: true, width: '25%' },
        { label: 'Plaatsen', number: true, width: '25%' },
      ],
      phaseRows,
    )}`,
    [
      ...textSubtitle(phaseTitle),
      ...form.locationsByPhase.map(
        (phase) =>
          `- ${phase.label}: ${count(phase.locations, 'locatie', 'locaties')}, ${count(phase.capacity, 'plaats', 'plaatsen')}`,
      ),
      `- Totaal: ${count(form.totals.locations, 'locatie', 'locaties')}, ${count(form.totals.capacity, 'plaats', 'plaatsen')}`,
    ],
  );

  const ukraineTitle = 'Opvang ontheemden uit Oekraïne';
  const ukraineLines = areas(model).flatMap(({ label, aggregate }) => {
    const f = aggregate.form;
    if (f?.kind !== 'voortgang-opgaven') return [];
    const { capacity, occupied } = f.totals.ukraine;
    const share = capacity > 0 ? ` (${formatPercent(Math.round((occupied / capacity) * 1000) / 10)})` : '';
    return [
      `${label}: ${count(capacity, 'plaats', 'plaatsen')}, waarvan ${formatInteger(occupied)} bezet${share}`,
    ];
  });
  const ukraine = part(html`${h3(ukraineTitle)}${list(ukraineLines)}`, [
    ...textSubtitle(ukraineTitle),
    ...ukraineLines.map((line) => `- ${line}`),
  ]);

  const housingTitle = 'Huisvesting statushouders';
  const housingIntro =
    'Per halfjaar: taakstelling, gehuisvest en het saldo aan het eind (achterstand + taakstelling − gehuisvest; negatief is een voorsprong), met de oordelen van de provincie (IBT).';
  const housing =
    form.housing.length === 0
      ? part(html`${h3(housingTitle)}${p('Nog geen gemeente heeft een halfjaar ingevuld.')}`, [
          ...textSubtitle(housingTitle),
          'Nog geen gemeente heeft een halfjaar ingevuld.',
        ])
      : joinParts([
          part(html`${h3(housingTitle)}${p(housingIntro, 'small')}`, [
            ...textSubtitle(housingTitle),
            housingIntro,
          ]),
          ...form.housing.map((period) => {
            const lines = areas(model).flatMap(({ label, aggregate, total }) => {
              const f = aggregate.form;
              const row =
                f?.kind === 'voortgang-opgaven'
                  ? f.housing.find((h) => h.period === period.period)
                  : undefined;
              if (!row) return [];
              const ibt = [
                ...row.ibt
                  .filter((entry) => entry.count > 0)
                  .map(
                    (entry) => `${formatInteger(entry.count)} ${entry.label.split(' ')[0]!.toLowerCase()}`,
                  ),
                ...(row.withoutColour > 0 ? [`${formatInteger(row.withoutColour)} zonder`] : []),
              ].join(', ');
              return [{ label, total, row, ibt }];
            });
            return part(
              html`${p(html`<strong>${period.label}</strong>`)}${table(
                [
                  { label: 'Gebied', width: '28%' },
                  { label: 'Taak', number: true, width: '14%' },
                  { label: soft('Ge|huis|vest'), number: true, width: '18%' },
                  { label: 'Saldo eind', number: true, width: '16%' },
                  { label: 'IBT', width: '24%' },
                ],
                lines.map(({ label, total, row, ibt }) => ({
                  total,
                  cells: [
                    withNote(label, `${formatInteger(row.municipalities)} van ${formatInteger(row.of)}`),
                    row.publishedTask === null
                      ? formatInteger(row.task)
                      : withNote(formatInteger(row.task), `gepubl. ${formatInteger(row.publishedTask)}`),
                    formatInteger(row.housed),
                    formatInteger(row.balance),
                    ibt || '—',
                  ],
                })),
              )}`,
              [
                '',
                `${period.label}:`,
                ...lines.map(
                  ({ label, row, ibt }) =>
                    `- ${label} (${formatInteger(row.municipalities)} van ${count(row.of, 'gemeente', 'gemeenten')}): taakstelling ${formatInteger(row.task)}${row.publishedTask === null ? '' : ` (gepubliceerd: ${formatInteger(row.publishedTask)})`}, achterstand begin ${formatInteger(row.backlog)}, gehuisvest ${formatInteger(row.housed)}, saldo eind ${formatInteger(row.balance)}; IBT: ${ibt || 'geen oordeel'}`,
                ),
              ],
            );
          }),
        ]);
  const title = 'Verder in deze ronde';
  return joinParts([part(h2(title), textTitle(title)), phases, ukraine, housing]);
}

// Eigen bijdrage ------------------------------------------------------------------------------------------

function eigenBijdrageDetails(model: SummaryModel): Part {
  const { aggregate } = model;
  const form = aggregate.form;
  if (form?.kind !== 'eigen-bijdrage') return joinParts([]);
  const rate = form.scheduleInForce;
  const schedule = rate
    ? `Landelijke bedragen op de peildatum (${formatDate(aggregate.round.referenceDate)}): ${formatMoney(rate.operatingCosts)} voor exploitatie en nutsvoorzieningen en ${formatMoney(rate.catering)} voor catering, per volwassene per maand (geldig vanaf ${formatDate(rate.effectiveFrom)}).`
    : `Op de peildatum (${formatDate(aggregate.round.referenceDate)}) gold nog geen landelijke regeling; afwijkingen zijn niet getoetst.`;
  const scheduleName = (applied: string | null) =>
    applied === null
      ? 'niet opgegeven'
      : `bedragen vanaf ${formatDate(applied)}${rate && applied === rate.effectiveFrom ? ' (geldend op de peildatum)' : ''}`;
  const applied = form.bySchedule.map(
    (entry) =>
      `${scheduleName(entry.scheduleApplied)}: ${count(entry.municipalities, 'gemeente', 'gemeenten')}`,
  );
  const { totals } = form;
  const facts = [
    `Volwassenen die betalen: ${formatInteger(totals.adults.charged)} (volledig ${formatInteger(totals.adults.full)}, gedeeltelijk ${formatInteger(totals.adults.partial)}, maatwerk ${formatInteger(totals.adults.custom)})`,
    totals.revenueReported > 0
      ? `Opbrengst per maand: ${formatMoney(totals.monthlyRevenue)}, verwacht ${formatMoney(totals.expectedRevenue)} (${formatPercent(totals.revenuePercentOfExpected)} van verwacht), bij de ${count(totals.revenueReported, 'gemeente die de opbrengst meldde', 'gemeenten die de opbrengst meldden')}`
      : 'Opbrengst per maand: nog door geen gemeente gemeld',
    `Opvanglocaties: ${formatInteger(totals.locations)}, met ${count(totals.capacity, 'plaats', 'plaatsen')} en ${count(totals.residents, 'bewoner', 'bewoners')}`,
  ];
  const expected = `Verwacht: volledig betalende volwassenen × (exploitatie + catering als een locatie catering heeft) plus de helft daarvan voor gedeeltelijk betalenden; maatwerk telt niet mee.`;
  const title = 'Verder in deze ronde';
  return part(
    html`${h2(title)}${p(schedule)}${applied.length > 0 ? html`${p('Toegepaste bedragen:')}${list(applied)}` : ''}${list(facts)}${p(expected, 'small')}`,
    [
      ...textTitle(title),
      schedule,
      ...(applied.length > 0 ? [`Toegepaste bedragen: ${applied.join('; ')}`] : []),
      ...facts,
      expected,
    ],
  );
}

// Sociaal domein ------------------------------------------------------------------------------------------

function sociaalDomeinDetails(model: SummaryModel): Part {
  const form = model.aggregate.form;
  if (form?.kind !== 'sociaal-domein') return joinParts([]);
  const submitted = form.municipalities.length;
  const title = 'Cijfers';
  const note = 'Opgeteld over de gemeenten die het cijfer invulden; lege cijfers tellen niet mee.';
  return part(
    html`${h2(title)}${p(note, 'small')}${table(
      [
        { label: 'Cijfer', width: '60%' },
        { label: 'Totaal', number: true, width: '15%' },
        { label: 'Ingevuld door', number: true, width: '25%' },
      ],
      form.figures.map((figure) => ({
        cells: [
          figure.label,
          figure.reported > 0 ? formatInteger(figure.total) : '—',
          `${formatInteger(figure.reported)} van ${formatInteger(submitted)}`,
        ],
      })),
    )}`,
    [
      ...textTitle(title),
      note,
      ...form.figures.map(
        (figure) =>
          `- ${figure.label}: ${figure.reported > 0 ? formatInteger(figure.total) : '—'} (ingevuld door ${formatInteger(figure.reported)} van ${formatInteger(submitted)})`,
      ),
    ],
  );
}

// Changes -----------------------------------------------------------------------------------------------

/** What changed since the previous summary: new submissions and amendments, by name. */
export function changesPart(aggregate: RoundAggregate): Part {
  const title = 'Wat is er veranderd sinds het vorige overzicht';
  const changes = aggregate.changes;
  if (changes === null) {
    const first =
      'Dit is het eerste overzicht van deze ronde: er is nog geen eerder overzicht om mee te vergelijken.';
    return part(html`${h2(title)}${p(first)}`, [...textTitle(title), first]);
  }
  const since = `Vergeleken met het overzicht van ${formatDateTime(changes.since)}.`;
  if (!changes.any) {
    const nothing =
      'Niets: sinds het vorige overzicht is er niets ingezonden, gewijzigd of als concept opgeslagen.';
    return part(html`${h2(title)}${p(since, 'small')}${p(nothing)}`, [...textTitle(title), since, nothing]);
  }
  const region = aggregate.scope.type === 'region';
  const covered = new Set([...changes.newSubmissions, ...changes.amendments].map((m) => m.code));
  const started = changes.statusChanges.filter((m) => !covered.has(m.code) && m.to === 'concept');
  const groups = [
    {
      title: `Nieuw ingezonden (${changes.newSubmissions.length})`,
      items: changes.newSubmissions.map((m) =>
        region
          ? `${m.name}: versie ${m.version}, ${formatDateTime(m.submittedAt)}${m.late ? ' (te laat)' : ''}`
          : `${m.name}${m.late ? ' (te laat)' : ''}`,
      ),
    },
    {
      title: `Gewijzigd (${changes.amendments.length})`,
      items: changes.amendments.map((m) =>
        region
          ? `${m.name}: versie ${m.fromVersion} → versie ${m.toVersion}, ${formatDateTime(m.submittedAt)}`
          : m.name,
      ),
    },
    { title: `Begonnen: concept opgeslagen (${started.length})`, items: started.map((m) => m.name) },
  ].filter((group) => group.items.length > 0);
  // A region lists one line per municipality; a province one sentence per group, names only.
  return part(
    html`${h2(title)}${p(since, 'small')}${groups.map((group) =>
      region
        ? html`${p(html`<strong>${group.title}</strong>`)}${list(group.items)}`
        : p(html`<strong>${group.title}:</strong> ${listNames(group.items)}.`),
    )}`,
    [
      ...textTitle(title),
      since,
      ...groups.flatMap((group) =>
        region
          ? ['', `${group.title}:`, ...group.items.map((item) => `- ${item}`)]
          : ['', `${group.title}: ${listNames(group.items)}.`],
      ),
    ],
  );
}

/** The form's figures for the whole area (see the module comment). */
export function detailsPart(model: SummaryModel): Part {
  switch (model.aggregate.form?.kind) {
    case 'voortgang-opgaven':
      return voortgangDetails(model);
    case 'eigen-bijdrage':
      return eigenBijdrageDetails(model);
    case 'sociaal-domein':
      return sociaalDomeinDetails(model);
    default: {
      const none = `Voor dit formulier is geen samenvatting van de cijfers beschikbaar (${scopeLabel(model.aggregate)}); zie de bijlagen.`;
      return part(p(none), ['', none]);
    }
  }
}
