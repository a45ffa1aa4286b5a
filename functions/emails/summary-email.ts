import { formatDate, formatDateTime, formatInteger, formatMoney } from '../../forms/format.js';
import { contactHtml, contactText, emailDocument, type RenderedEmail } from '../../forms/render/email.js';
import { type Html, html, raw } from '../../forms/render/html.js';
import type { PageContact } from '../../forms/render/layout.js';
import type {
  ChangesSincePrevious,
  EigenBijdrageAggregate,
  MunicipalityRef,
  MunicipalityResponse,
  PlacesFigures,
  PlacesTotals,
  RoundAggregate,
  SociaalDomeinAggregate,
  VoortgangAggregate,
  VoortgangMunicipality,
} from '../core/aggregation/types.js';

/**
 * The compiled summary of a round for a regietafel (one region) or the provincial staff (a province): a
 * pure function of the aggregate (functions/core/aggregation) and a few labels, so the scheduled job, the
 * "preview summary" route and the tests render the same email.
 *
 * What a mail client needs: HTML made only of tables with inline styles (no stylesheet, no classes, no
 * images, no scripts), the progress bars as two-cell tables with a coloured cell of N % width (Outlook
 * included), and a plain-text twin with the same content. Everything a municipality typed (bottlenecks,
 * requests, names) goes through the escaping `html` tag.
 */

export interface SummaryEmailOptions {
  /** Who the summary is for, shown at the top, e.g. `Regionale Regietafel Vluchtelingen IJsselland`. */
  readonly recipientLabel: string;
  /** Link to the live round status for staff (only http and https links are shown). */
  readonly dashboardUrl?: string;
  /** Shown as a banner at the top, e.g. for a preview that is not sent. */
  readonly previewNote?: string;
  /** The CSV files attached to the email, listed at the bottom. */
  readonly attachments?: readonly { readonly filename: string }[];
  /** Where staff download the CSV files when they were too large to attach (see summary-csv.ts). */
  readonly attachmentsUrl?: string;
  /** The secretariat replies go to (the Reply-To), named at the bottom. */
  readonly contact?: PageContact;
}

// Formatting -------------------------------------------------------------------------------------------

const amsterdamDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const percentFormat = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The calendar day of an ISO timestamp in Dutch time, as an ISO date (`2026-11-27`). */
export function summaryDate(isoTimestamp: string): string {
  const parsed = new Date(isoTimestamp);
  return Number.isNaN(parsed.getTime()) ? isoTimestamp.slice(0, 10) : amsterdamDay.format(parsed);
}

/** `61.1` → `61,1 %`; null (nothing to compare with) → `—`. */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${percentFormat.format(value)} %`;
}

/** `regio IJsselland` or `provincie Overijssel`. */
export function scopeLabel(aggregate: RoundAggregate): string {
  return `${aggregate.scope.type === 'region' ? 'regio' : 'provincie'} ${aggregate.scope.name}`;
}

const count = (n: number, one: string, many: string) => `${formatInteger(n)} ${n === 1 ? one : many}`;

// Styles -----------------------------------------------------------------------------------------------

const font = 'font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;';
const colours = {
  muted: '#555555',
  line: '#dddddd',
  committed: '#1f5f99',
  realised: '#2e7d32',
  track: '#e3e3e3',
  soft: '#f3f3f3',
};
const td = `${font}padding:6px 8px 6px 0;border-bottom:1px solid ${colours.line};vertical-align:top;font-size:14px;`;
const tdNumber = `${td}text-align:right;white-space:nowrap;`;
const th = `${font}padding:6px 8px 6px 0;border-bottom:2px solid #1a1a1a;vertical-align:bottom;font-size:13px;`;
const small = `font-size:12px;color:${colours.muted};`;

type Tone = 'ok' | 'warn' | 'alert' | 'info' | 'neutral';
const tones: Record<Tone, { background: string; border: string; text: string }> = {
  ok: { background: '#e6f4ea', border: '#2e7d32', text: '#1e5e2b' },
  warn: { background: '#fff4e5', border: '#e17000', text: '#7a3e00' },
  alert: { background: '#fdecea', border: '#c62828', text: '#a11b1b' },
  info: { background: '#fff8c5', border: '#9a7400', text: '#5c4600' },
  neutral: { background: '#eeeeee', border: '#888888', text: '#333333' },
};

/** Colour of an IBT judgement and of a bottleneck's severity (option values of the forms). */
const toneOf: Record<string, Tone> = {
  groen: 'ok',
  oranje: 'warn',
  rood: 'alert',
  ernstig: 'alert',
  aanzienlijk: 'warn',
  beperkt: 'neutral',
};

function h2(title: string): Html {
  return html`<h2 style="${font}font-size:19px;margin:28px 0 8px 0;padding-top:12px;border-top:3px solid #1a1a1a;">${title}</h2>`;
}

function h3(title: string): Html {
  return html`<h3 style="${font}font-size:16px;margin:18px 0 6px 0;">${title}</h3>`;
}

function p(content: Html | string, style = ''): Html {
  return html`<p style="${font}margin:0 0 10px 0;font-size:14px;${style}">${content}</p>`;
}

/** Text with its line breaks kept (answers from a textarea), escaped. */
function multiline(text: string): Html {
  return html`${text.split(/\r\n|\r|\n/).map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`))}`;
}

function box(tone: Tone, content: Html, margin = '0 0 14px 0'): Html {
  const { background, border } = tones[tone];
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:${margin};"><tr><td style="${font}padding:10px 12px;background:${background};border-left:5px solid ${border};font-size:14px;">${content}</td></tr></table>`;
}

/** A small label with a background, for a status or a colour; the word itself carries the meaning. */
function badge(tone: Tone, label: string): Html {
  const { background, text } = tones[tone];
  return html`<span style="${font}display:inline-block;padding:1px 6px;background:${background};color:${text};font-size:12px;font-weight:bold;white-space:nowrap;">${label}</span>`;
}

interface Column {
  readonly label: string;
  readonly number?: boolean;
  readonly width?: string;
}

function table(columns: readonly Column[], rows: readonly Html[]): Html {
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 14px 0;">
<tr>${columns.map(
    (column) =>
      html`<th align="${column.number ? 'right' : 'left'}"${column.width ? html` width="${column.width}"` : ''} style="${th}text-align:${column.number ? 'right' : 'left'};">${column.label}</th>`,
  )}</tr>
${rows}
</table>`;
}

function numberCell(value: Html | string, extra = ''): Html {
  return html`<td align="right" style="${tdNumber}${extra}">${value}</td>`;
}

/** The number with a second, smaller line (e.g. `waarvan AMV 61`). */
function withNote(main: string, note: string): Html {
  return html`${main}<br><span style="${small}">${note}</span>`;
}

/** Label–value pairs, as a two-column table without lines (the header facts, key figures). */
function facts(pairs: readonly (readonly [string, string])[]): Html {
  return html`<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px 0;">
${pairs.map(
  ([label, value]) =>
    html`<tr><td style="${font}padding:2px 14px 2px 0;font-size:14px;color:${colours.muted};vertical-align:top;white-space:nowrap;">${label}</td><td style="${font}padding:2px 0;font-size:14px;vertical-align:top;">${value}</td></tr>`,
)}
</table>`;
}

function factsText(pairs: readonly (readonly [string, string])[]): string[] {
  return pairs.map(([label, value]) => `${label}: ${value}`);
}

function totalRowStyle(): string {
  return 'font-weight:bold;border-bottom:2px solid #1a1a1a;';
}

/**
 * A bar for a percentage: a two-cell table whose first cell has the colour and N % of the width (whole
 * percentages, at most 100; above 100 the bar is full and the figure next to it tells how far). Without a
 * share there is no bar. `font-size:0` and a non-breaking space keep empty cells at their height in Outlook.
 */
export function progressBar(percent: number | null, colour: string, height = 10): Html {
  if (percent === null) return html``;
  const width = Math.max(0, Math.min(100, Math.round(percent)));
  const cell = (part: number, background: string) =>
    html`<td width="${part}%" height="${height}" bgcolor="${background}" style="width:${part}%;height:${height}px;background:${background};font-size:0;line-height:0;">&nbsp;</td>`;
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;"><tr>${width > 0 ? cell(width, colour) : ''}${width < 100 ? cell(100 - width, colours.track) : ''}</tr></table>`;
}

/** Committed and realised against the share: two bars with their percentages. */
function progressCell(figures: Pick<PlacesFigures, 'committedPercent' | 'realisedPercent'>): Html {
  if (figures.committedPercent === null) return html`<span style="${small}">geen aandeel</span>`;
  const line = (percent: number | null, colour: string, height: number, label: string) =>
    html`<tr><td style="padding:3px 0;vertical-align:middle;">${progressBar(percent, colour, height)}</td><td width="56" align="right" style="${font}width:56px;padding:0 0 0 6px;font-size:12px;white-space:nowrap;vertical-align:middle;text-align:right;" title="${label}">${formatPercent(percent)}</td></tr>`;
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;">${line(figures.committedPercent, colours.committed, 10, 'toegezegd')}${line(figures.realisedPercent, colours.realised, 6, 'gerealiseerd')}</table>`;
}

function legend(): Html {
  return p(
    html`<span style="color:${colours.committed};">&#9632;</span> toegezegd &nbsp; <span style="color:${colours.realised};">&#9632;</span> gerealiseerd, als deel van het indicatieve aandeel (regulier en AMV samen)`,
    small,
  );
}

// Parts ------------------------------------------------------------------------------------------------

/** A piece of the email in both forms. */
interface Part {
  readonly html: Html;
  readonly text: readonly string[];
}

function textTitle(title: string): string[] {
  return ['', title.toUpperCase(), '='.repeat(Math.min(title.length, 72))];
}

function textSubtitle(title: string): string[] {
  return ['', title, '-'.repeat(Math.min(title.length, 72))];
}

/** Indents the lines of a multi-line answer under its bullet in the plain text. */
function indented(text: string, prefix = '    '): string {
  return text.split(/\r\n|\r|\n/).join(`\n${prefix}`);
}

/**
 * Rows per region: in a province summary a heading row before each region's municipalities (they come
 * sorted by region, then name), in a region summary just the rows.
 */
function regionRows<T extends MunicipalityRef>(
  aggregate: RoundAggregate,
  items: readonly T[],
  columns: number,
  row: (item: T) => Html | readonly Html[],
): Html[] {
  const rows: Html[] = [];
  for (const region of aggregate.scope.regions) {
    const inRegion = items.filter((item) => item.region === region.id);
    if (inRegion.length === 0) continue;
    if (aggregate.scope.type === 'province') {
      rows.push(
        html`<tr><td colspan="${columns}" style="${font}padding:10px 8px 4px 0;border-bottom:1px solid ${colours.line};font-size:13px;font-weight:bold;color:${colours.muted};">Regio ${region.name}</td></tr>`,
      );
    }
    for (const item of inRegion) rows.push(...[row(item)].flat());
  }
  return rows;
}

function regionText<T extends MunicipalityRef>(
  aggregate: RoundAggregate,
  items: readonly T[],
  line: (item: T) => string | readonly string[],
): string[] {
  const lines: string[] = [];
  for (const region of aggregate.scope.regions) {
    const inRegion = items.filter((item) => item.region === region.id);
    if (inRegion.length === 0) continue;
    if (aggregate.scope.type === 'province') lines.push(`Regio ${region.name}:`);
    for (const item of inRegion) lines.push(...[line(item)].flat());
  }
  return lines;
}

/** `Ommen` in a region summary, `Ommen (IJsselland)` in a province summary. */
function nameIn(aggregate: RoundAggregate, municipality: MunicipalityRef): string {
  if (aggregate.scope.type === 'region') return municipality.name;
  const region = aggregate.scope.regions.find((candidate) => candidate.id === municipality.region);
  return region ? `${municipality.name} (${region.name})` : municipality.name;
}

function header(aggregate: RoundAggregate, options: SummaryEmailOptions): Part {
  const { round } = aggregate;
  const title = `Overzicht ${round.formTitle.charAt(0).toLowerCase()}${round.formTitle.slice(1)}`;
  const about: [string, string][] = [
    ['Ronde', round.title],
    [
      'Gebied',
      `${scopeLabel(aggregate)} (${count(aggregate.response.totals.municipalities, 'gemeente', 'gemeenten')})`,
    ],
    ['Peildatum', formatDate(round.referenceDate)],
    ['Sluitingsdatum', formatDateTime(round.deadline)],
    ['Stand van', formatDateTime(aggregate.generatedAt)],
  ];
  const phase = phaseSentence(aggregate);
  const dashboard =
    options.dashboardUrl && /^https?:\/\//i.test(options.dashboardUrl) ? options.dashboardUrl : undefined;
  return {
    html: html`${options.previewNote ? box('info', html`<strong>Voorbeeld.</strong> ${options.previewNote}`) : ''}
<p style="${font}margin:0 0 4px 0;font-size:13px;color:${colours.muted};">Aan: ${options.recipientLabel}</p>
<h1 style="${font}font-size:24px;margin:0 0 10px 0;">${title}</h1>
${facts(about)}
${p(phase)}
${dashboard ? p(html`De actuele stand ziet u altijd op <a href="${dashboard}" style="color:#0b57a4;">het overzicht van de ronde</a>.`) : ''}`,
    text: [
      ...(options.previewNote ? [`VOORBEELD. ${options.previewNote}`, ''] : []),
      `Aan: ${options.recipientLabel}`,
      '',
      title,
      '',
      ...factsText(about),
      '',
      phase,
      ...(dashboard ? [`De actuele stand ziet u altijd op ${dashboard}`] : []),
    ],
  };
}

function phaseSentence(aggregate: RoundAggregate): string {
  const { round } = aggregate;
  switch (aggregate.phase) {
    case 'not-open':
      return `De ronde is nog niet open; zij opent op ${formatDateTime(round.opensAt)}.`;
    case 'open':
      return `De ronde is open. Gemeenten kunnen tot ${formatDateTime(round.deadline)} inzenden en hun antwoorden wijzigen.`;
    case 'late':
      return 'De sluitingsdatum is verstreken. Late inzendingen worden nog aangenomen en als te laat gemarkeerd.';
    case 'closed':
      return 'De ronde is gesloten: er kan niet meer worden ingezonden.';
  }
}

// Response status --------------------------------------------------------------------------------------

const statusLabel: Record<MunicipalityResponse['status'], string> = {
  ingezonden: 'Ingezonden',
  concept: 'Alleen concept',
  niets: 'Nog niets',
};

function responsePart(aggregate: RoundAggregate): Part {
  const { totals, municipalities } = aggregate.response;
  const missing = municipalities.filter((m) => m.status === 'niets');
  const drafts = municipalities.filter((m) => m.status === 'concept');
  const tile = (figure: number, label: string, tone: Tone | null) =>
    html`<td width="33%" align="center" style="${font}padding:10px 6px;background:${tone ? tones[tone].background : colours.soft};border:4px solid #ffffff;text-align:center;"><span style="font-size:28px;font-weight:bold;">${formatInteger(figure)}</span><br><span style="font-size:13px;">${label}</span></td>`;
  const summary = `${formatInteger(totals.ingezonden)} van de ${count(totals.municipalities, 'gemeente heeft', 'gemeenten hebben')} ingezonden${totals.late > 0 ? ` (waarvan ${count(totals.late, 'te laat', 'te laat')})` : ''}; ${formatInteger(totals.concept)} alleen een concept; ${formatInteger(totals.niets)} nog niets.`;

  const attention: Html[] = [];
  const attentionText: string[] = [];
  /** The names in a list; in a province summary one line per region. */
  const namesList = (title: string, tone: Tone, list: readonly MunicipalityResponse[], titleStyle = '') => {
    const name = (m: MunicipalityResponse) =>
      `${m.name}${m.status === 'concept' && m.draftSavedAt ? ` (concept van ${formatDate(summaryDate(m.draftSavedAt))})` : ''}`;
    const lines =
      aggregate.scope.type === 'region'
        ? [{ region: '', names: list.map(name).join(', ') }]
        : aggregate.scope.regions
            .map((region) => ({
              region: region.name,
              names: list
                .filter((m) => m.region === region.id)
                .map(name)
                .join(', '),
            }))
            .filter((line) => line.names !== '');
    const heading = `${title} (${formatInteger(list.length)}):`;
    attention.push(
      box(
        tone,
        html`<strong style="${titleStyle}">${heading}</strong>${lines.map((line) => html`<br>${line.region ? html`<strong>${line.region}:</strong> ` : ''}${line.names}`)}`,
      ),
    );
    attentionText.push(
      aggregate.scope.type === 'region'
        ? `${heading.toUpperCase()} ${lines[0]!.names}`
        : [heading.toUpperCase(), ...lines.map((line) => `- ${line.region}: ${line.names}`)].join('\n'),
    );
  };
  if (missing.length > 0) namesList('Nog niets ingezonden', 'alert', missing, 'font-size:15px;');
  if (drafts.length > 0) namesList('Alleen een concept, nog niet ingezonden', 'warn', drafts);
  if (missing.length === 0 && drafts.length === 0 && totals.municipalities > 0) {
    const all = `Alle ${count(totals.municipalities, 'gemeente heeft', 'gemeenten hebben')} ingezonden.`;
    attention.push(box('ok', html`<strong>${all}</strong>`));
    attentionText.push(all);
  }

  const statusCell = (m: MunicipalityResponse) => {
    const main =
      m.status === 'ingezonden'
        ? html`${statusLabel[m.status]}${m.late ? html` ${badge('alert', 'te laat')}` : ''}`
        : m.status === 'concept'
          ? badge('warn', statusLabel[m.status])
          : badge('alert', statusLabel[m.status]);
    const amending =
      m.status === 'ingezonden' && m.draftSavedAt
        ? html`<br><span style="${small}">wijziging in concept sinds ${formatDate(summaryDate(m.draftSavedAt))}</span>`
        : '';
    return html`${main}${amending}`;
  };
  /** The date, with the time (Dutch) on a second, smaller line. */
  const dayAndTime = (iso: string, prefix = '') =>
    withNote(`${prefix}${formatDate(summaryDate(iso))}`, formatDateTime(iso).replace(/^.* om /, 'om '));
  const when = (m: MunicipalityResponse) =>
    m.submittedAt
      ? dayAndTime(m.submittedAt)
      : m.draftSavedAt
        ? dayAndTime(m.draftSavedAt, 'concept van ')
        : '—';
  const rows = regionRows(
    aggregate,
    municipalities,
    5,
    (m) =>
      html`<tr><td style="${td}">${m.name}</td><td style="${td}">${statusCell(m)}</td>${numberCell(m.version === undefined ? '—' : String(m.version))}<td style="${td}${m.submittedAt ? '' : `color:${colours.muted};`}">${when(m)}</td>${numberCell(m.status === 'ingezonden' && m.warnings > 0 ? formatInteger(m.warnings) : '—')}</tr>`,
  );
  const lines = regionText(aggregate, municipalities, (m) => {
    const parts = [statusLabel[m.status].toLowerCase()];
    if (m.version !== undefined) parts.push(`versie ${m.version}`);
    if (m.submittedAt) parts.push(formatDateTime(m.submittedAt));
    if (m.late) parts.push('TE LAAT');
    if (m.status === 'ingezonden' && m.warnings > 0)
      parts.push(count(m.warnings, 'waarschuwing', 'waarschuwingen'));
    if (m.status !== 'ingezonden' && m.draftSavedAt)
      parts.push(`concept van ${formatDateTime(m.draftSavedAt)}`);
    if (m.status === 'ingezonden' && m.draftSavedAt)
      parts.push(`wijziging in concept sinds ${formatDate(summaryDate(m.draftSavedAt))}`);
    return `- ${m.name}: ${parts.join(', ')}`;
  });

  return {
    html: html`${h2('Wie heeft ingezonden')}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 10px 0;"><tr>${tile(totals.ingezonden, 'ingezonden', totals.ingezonden === totals.municipalities && totals.municipalities > 0 ? 'ok' : null)}${tile(totals.concept, 'alleen concept', totals.concept > 0 ? 'warn' : null)}${tile(totals.niets, 'nog niets', totals.niets > 0 ? 'alert' : null)}</tr></table>
${p(summary)}
${attention}
${
  municipalities.length === 0
    ? p('Er doen geen gemeenten mee in dit gebied.')
    : table(
        [
          { label: 'Gemeente', width: '25%' },
          { label: 'Status', width: '24%' },
          { label: 'Versie', number: true, width: '9%' },
          { label: 'Ingezonden op', width: '27%' },
          { label: 'Waarschuwingen', number: true, width: '15%' },
        ],
        rows,
      )
}`,
    text: [...textTitle('Wie heeft ingezonden'), summary, '', ...attentionText, '', ...lines],
  };
}

// Voortgang opgaven --------------------------------------------------------------------------------------

const known = (value: number | null) => (value === null ? '—' : formatInteger(value));

function placesText(figures: PlacesFigures): string {
  if (figures.committed === null) return `aandeel ${known(figures.share)}, nog niet ingezonden`;
  if (figures.share === null)
    return `geen aandeel gepubliceerd, toegezegd ${known(figures.committed)}, gerealiseerd ${known(figures.realised)}`;
  return (
    `aandeel ${formatInteger(figures.share)}, toegezegd ${known(figures.committed)} (${formatPercent(figures.committedPercent)}), ` +
    `gerealiseerd ${known(figures.realised)} (${formatPercent(figures.realisedPercent)}), nog te realiseren ${known(figures.remaining)}`
  );
}

/** `1 van 11 gemeenten ingezonden`: how much of a total is known. */
export function reportedText(totals: Pick<PlacesTotals, 'reported' | 'municipalities'>): string {
  return `${formatInteger(totals.reported)} van ${count(totals.municipalities, 'gemeente', 'gemeenten')} ingezonden`;
}

/**
 * A total in words, honest about who reported: the task of every municipality, what the reporting ones
 * committed and realised (against the whole task, and over the reporting ones only when not all did), what
 * is still to realise there, and whose progress is not known yet.
 */
export function totalsText(totals: PlacesTotals): string {
  const whole = `taak ${formatInteger(totals.task)}, toegezegd ${formatInteger(totals.committed)} (${formatPercent(totals.committedPercent)} van de taak), gerealiseerd ${formatInteger(totals.realised)} (${formatPercent(totals.realisedPercent)})`;
  if (totals.reported === totals.municipalities)
    return `${whole}, nog te realiseren ${formatInteger(totals.remaining)}; ${reportedText(totals)}`;
  return `${whole}; ${reportedText(totals)}: over de ingezonden gemeenten alleen ${formatPercent(totals.reportedCommittedPercent)} toegezegd en ${formatPercent(totals.reportedRealisedPercent)} gerealiseerd van hun aandeel (${formatInteger(totals.reportedTask)}), nog te realiseren ${formatInteger(totals.remaining)}; van ${formatInteger(totals.unreportedTask)} plaatsen is de stand nog niet bekend`;
}

function voortgangPart(aggregate: RoundAggregate, form: VoortgangAggregate): Part {
  const scopeName = scopeLabel(aggregate);
  const totals = form.totals.total;
  const basis =
    totals.reported < totals.municipalities
      ? `${reportedText(totals)}. De taak hieronder is die van alle gemeenten (de som van hun indicatieve aandelen); toegezegd en gerealiseerd tellen alleen de ingezonden gemeenten.`
      : `Alle ${count(totals.municipalities, 'gemeente', 'gemeenten')} van de ${scopeName} hebben ingezonden.`;
  const targets = form.targets;
  const targetsNote = targets
    ? `Aandelen: Spreidingswet, cyclus ${targets.cycle}, gepubliceerd door de provincie (versie ${targets.revision}).${targets.demoShares > 0 ? ` Let op: ${count(targets.demoShares, 'aandeel is', 'aandelen zijn')} DEMOGEGEVENS, niet echt.` : ''}${targets.sharesToConfirm > 0 ? ` ${count(targets.sharesToConfirm, 'aandeel is', 'aandelen zijn')} nog te bevestigen.` : ''}`
    : 'Er zijn (nog) geen indicatieve aandelen gepubliceerd voor de peildatum van deze ronde.';

  const amv = (value: number | null) => `waarvan AMV ${known(value)}`;
  const placesRow = (m: VoortgangMunicipality) =>
    m.reported
      ? html`<tr><td style="${td}">${m.name}</td>${numberCell(withNote(known(m.total.share), amv(m.amv.share)))}${numberCell(withNote(known(m.total.committed), amv(m.amv.committed)))}${numberCell(withNote(known(m.total.realised), amv(m.amv.realised)))}${numberCell(known(m.total.remaining))}<td style="${td}">${progressCell(m.total)}</td></tr>`
      : html`<tr><td style="${td}">${m.name}</td>${numberCell(withNote(known(m.total.share), amv(m.amv.share)))}<td colspan="4" style="${td}${small}">nog niet ingezonden</td></tr>`;
  const totalRow = (label: string, t: PlacesTotals, amvTotals: PlacesTotals, extra = totalRowStyle()) =>
    html`<tr><td style="${td}${extra}">${label}<br><span style="${small}">${reportedText(t)}</span></td>${numberCell(withNote(formatInteger(t.task), amv(amvTotals.task)), extra)}${numberCell(withNote(formatInteger(t.committed), amv(amvTotals.committed)), extra)}${numberCell(withNote(formatInteger(t.realised), amv(amvTotals.realised)), extra)}${numberCell(formatInteger(t.remaining), extra)}<td style="${td}${extra}">${progressCell(t)}</td></tr>`;
  const rows = regionRows(aggregate, form.municipalities, 6, (m) => placesRow(m));
  if (aggregate.scope.type === 'province') {
    for (const region of form.regions)
      rows.push(
        totalRow(`Totaal ${region.name}`, region.places.total, region.places.amv, 'font-weight:bold;'),
      );
  }
  rows.push(totalRow(`Totaal ${scopeName}`, form.totals.total, form.totals.amv));
  const placesTable = html`${legend()}${table(
    [
      { label: 'Gemeente', width: '22%' },
      { label: 'Aandeel', number: true, width: '13%' },
      { label: 'Toegezegd', number: true, width: '13%' },
      { label: 'Gerealiseerd', number: true, width: '13%' },
      { label: 'Nog te realiseren', number: true, width: '13%' },
      { label: 'Voortgang t.o.v. aandeel', width: '26%' },
    ],
    rows,
  )}${p(`Totalen: de voortgang is het deel van de hele taak, ook van de gemeenten die nog niet hebben ingezonden. Nog te realiseren telt alleen de ingezonden gemeenten. ${targetsNote}`, small)}`;
  const placesLines = [
    ...regionText(aggregate, form.municipalities, (m) =>
      m.reported
        ? [
            `- ${m.name}: ${placesText(m.total)}`,
            `    regulier: ${placesText(m.regular)}`,
            `    AMV: ${placesText(m.amv)}`,
          ]
        : [`- ${m.name}: ${placesText(m.total)}`],
    ),
    ...(aggregate.scope.type === 'province'
      ? form.regions.map((region) => `- Totaal ${region.name}: ${totalsText(region.places.total)}`)
      : []),
    `- Totaal ${scopeName}: ${totalsText(form.totals.total)}`,
    `    regulier: ${totalsText(form.totals.regular)}`,
    `    AMV: ${totalsText(form.totals.amv)}`,
    targetsNote,
  ];

  const task = form.provincialTask;
  let taskHtml: Html = html``;
  const taskText: string[] = [];
  if (task) {
    const title = `Provinciale opgave ${task.cycle}`;
    const intro = `De gemeenten van provincie ${aggregate.scope.name} moeten samen ${formatInteger(task.total.task)} opvangplaatsen bieden, waarvan ${formatInteger(task.amv.task)} voor alleenstaande minderjarige vreemdelingen (AMV). ${reportedText(task.total)}.`;
    const unconfirmed = task.status === 'te-bevestigen' ? 'De provinciale taak is nog te bevestigen.' : '';
    const difference = task.difference ?? '';
    const row = (label: string, c: PlacesTotals, extra = '') =>
      html`<tr><td style="${td}${extra}">${label}</td>${numberCell(formatInteger(c.task), extra)}${numberCell(formatInteger(c.committed), extra)}${numberCell(formatInteger(c.realised), extra)}${numberCell(formatInteger(Math.max(0, c.task - c.realised)), extra)}<td style="${td}${extra}">${progressCell(c)}</td></tr>`;
    taskHtml = html`${h3(title)}${p(intro)}${table(
      [
        { label: '', width: '22%' },
        { label: 'Opgave', number: true, width: '13%' },
        { label: 'Toegezegd', number: true, width: '13%' },
        { label: 'Gerealiseerd', number: true, width: '13%' },
        { label: 'Nog te realiseren', number: true, width: '13%' },
        { label: 'Voortgang t.o.v. opgave', width: '26%' },
      ],
      [row('Regulier', task.regular), row('AMV', task.amv), row('Totaal', task.total, totalRowStyle())],
    )}${p(`${difference} ${unconfirmed} Bron: ${task.source}.`, small)}`;
    const line = (label: string, c: PlacesTotals) =>
      `- ${label}: opgave ${formatInteger(c.task)}, toegezegd ${formatInteger(c.committed)} (${formatPercent(c.committedPercent)}), gerealiseerd ${formatInteger(c.realised)} (${formatPercent(c.realisedPercent)}), nog te realiseren ${formatInteger(Math.max(0, c.task - c.realised))}`;
    taskText.push(
      ...textSubtitle(title),
      intro,
      line('Regulier', task.regular),
      line('AMV', task.amv),
      line('Totaal', task.total),
      ...(difference ? [difference] : []),
      ...(unconfirmed ? [unconfirmed] : []),
      `Bron: ${task.source}.`,
    );
  }

  const phaseRows = form.locationsByPhase.map(
    (phase) =>
      html`<tr><td style="${td}">${phase.label}</td>${numberCell(formatInteger(phase.locations))}${numberCell(formatInteger(phase.capacity))}</tr>`,
  );
  phaseRows.push(
    html`<tr><td style="${td}${totalRowStyle()}">Totaal</td>${numberCell(formatInteger(form.totals.locations), totalRowStyle())}${numberCell(formatInteger(form.totals.capacity), totalRowStyle())}</tr>`,
  );
  const ukraine = form.totals.ukraine;
  const ukraineSentence = `Gemeentelijke opvang van ontheemden uit Oekraïne: ${count(ukraine.capacity, 'plaats', 'plaatsen')}, waarvan ${formatInteger(ukraine.occupied)} bezet${ukraine.capacity > 0 ? ` (${formatPercent(Math.round((ukraine.occupied / ukraine.capacity) * 1000) / 10)})` : ''}.`;

  const housing = housingPart(aggregate, form);

  return {
    html: html`${h2('Asielopvang (Spreidingswet)')}
${p(basis)}
${taskHtml}
${h3('Plaatsen per gemeente')}
${placesTable}
${h3('Asiellocaties per fase')}
${table(
  [
    { label: 'Fase', width: '50%' },
    { label: 'Locaties', number: true, width: '25%' },
    { label: 'Plaatsen', number: true, width: '25%' },
  ],
  phaseRows,
)}
${h2('Opvang ontheemden uit Oekraïne')}
${p(ukraineSentence)}
${housing.html}`,
    text: [
      ...textTitle('Asielopvang (Spreidingswet)'),
      basis,
      ...taskText,
      ...textSubtitle('Plaatsen per gemeente (regulier en AMV samen, daaronder apart)'),
      ...placesLines,
      ...textSubtitle('Asiellocaties per fase'),
      ...form.locationsByPhase.map(
        (phase) =>
          `- ${phase.label}: ${count(phase.locations, 'locatie', 'locaties')}, ${count(phase.capacity, 'plaats', 'plaatsen')}`,
      ),
      `- Totaal: ${count(form.totals.locations, 'locatie', 'locaties')}, ${count(form.totals.capacity, 'plaats', 'plaatsen')}`,
      ...textTitle('Opvang ontheemden uit Oekraïne'),
      ukraineSentence,
      ...housing.text,
    ],
  };
}

function housingPart(aggregate: RoundAggregate, form: VoortgangAggregate): Part {
  const title = 'Huisvesting statushouders';
  const intro =
    'Per halfjaar: de taakstelling, de achterstand aan het begin (negatief: voorsprong), het aantal gehuisveste statushouders, het saldo aan het eind (achterstand + taakstelling − gehuisvest) en het oordeel van de provincie (IBT).';
  if (form.housing.length === 0) {
    const none = 'Nog geen gemeente heeft een halfjaar ingevuld.';
    return { html: html`${h2(title)}${p(none)}`, text: [...textTitle(title), none] };
  }
  const colourBadge = (colour: string | null, label: string) =>
    colour === null
      ? html`<span style="${small}">geen oordeel</span>`
      : badge(toneOf[colour] ?? 'neutral', label);
  const parts = form.housing.map((period) => {
    const rowsOf = form.municipalities.flatMap((m) =>
      m.housing.filter((row) => row.period === period.period).map((row) => ({ ...row, ...refOf(m) })),
    );
    const colourLabel = (colour: string | null) =>
      colour === null
        ? 'geen oordeel'
        : (period.ibt.find((entry) => entry.colour === colour)?.label ?? colour);
    const ibt = [
      ...period.ibt.map((entry) => `${formatInteger(entry.count)} ${entry.label.toLowerCase()}`),
      ...(period.withoutColour > 0 ? [`${formatInteger(period.withoutColour)} zonder oordeel`] : []),
    ].join(', ');
    const sentence = `${count(period.municipalities, 'gemeente', 'gemeenten')}: taakstelling ${formatInteger(period.task)}, achterstand begin ${formatInteger(period.backlog)}, gehuisvest ${formatInteger(period.housed)}, saldo eind ${formatInteger(period.balance)}. IBT-oordeel: ${ibt}.`;
    const rows = regionRows(
      aggregate,
      rowsOf,
      6,
      (row) =>
        html`<tr><td style="${td}">${row.name}</td>${numberCell(formatInteger(row.task))}${numberCell(formatInteger(row.backlog))}${numberCell(formatInteger(row.housed))}${numberCell(html`<strong>${formatInteger(row.balance)}</strong>`)}<td style="${td}">${colourBadge(row.ibtColour, colourLabel(row.ibtColour))}</td></tr>`,
    );
    const total = totalRowStyle();
    rows.push(
      html`<tr><td style="${td}${total}">Totaal</td>${numberCell(formatInteger(period.task), total)}${numberCell(formatInteger(period.backlog), total)}${numberCell(formatInteger(period.housed), total)}${numberCell(formatInteger(period.balance), total)}<td style="${td}${total}"></td></tr>`,
    );
    return {
      html: html`${h3(period.label)}${p(sentence)}${table(
        [
          { label: 'Gemeente', width: '24%' },
          { label: 'Taakstelling', number: true, width: '14%' },
          { label: 'Achterstand begin', number: true, width: '14%' },
          { label: 'Gehuisvest', number: true, width: '14%' },
          { label: 'Saldo eind', number: true, width: '12%' },
          { label: 'IBT-oordeel', width: '22%' },
        ],
        rows,
      )}`,
      text: [
        ...textSubtitle(period.label),
        sentence,
        ...regionText(
          aggregate,
          rowsOf,
          (row) =>
            `- ${row.name}: taakstelling ${formatInteger(row.task)}, achterstand begin ${formatInteger(row.backlog)}, gehuisvest ${formatInteger(row.housed)}, saldo eind ${formatInteger(row.balance)}, IBT: ${colourLabel(row.ibtColour)}`,
        ),
      ],
    };
  });
  return {
    html: html`${h2(title)}${p(intro, small)}${parts.map((part) => part.html)}`,
    text: [...textTitle(title), intro, ...parts.flatMap((part) => part.text)],
  };
}

function refOf(m: MunicipalityRef): MunicipalityRef {
  return { code: m.code, name: m.name, region: m.region };
}

// Eigen bijdrage -----------------------------------------------------------------------------------------

function eigenBijdragePart(aggregate: RoundAggregate, form: EigenBijdrageAggregate): Part {
  const title = 'Eigen bijdrage ontheemden uit Oekraïne';
  const { totals } = form;
  const rate = form.scheduleInForce;
  const scheduleSentence = rate
    ? `Landelijke bedragen op de peildatum (${formatDate(aggregate.round.referenceDate)}): ${formatMoney(rate.operatingCosts)} voor exploitatie en nutsvoorzieningen en ${formatMoney(rate.catering)} voor catering, per volwassene per maand (geldig vanaf ${formatDate(rate.effectiveFrom)}).`
    : `Op de peildatum (${formatDate(aggregate.round.referenceDate)}) gold nog geen landelijke regeling; afwijkingen zijn niet getoetst.`;
  const submitted = form.municipalities.length;
  if (submitted === 0) {
    const none = 'Nog geen cijfers: er heeft nog geen gemeente ingezonden.';
    return {
      html: html`${h2(title)}${p(scheduleSentence)}${p(none)}`,
      text: [...textTitle(title), scheduleSentence, none],
    };
  }
  const scheduleName = (applied: string | null) =>
    applied === null
      ? 'niet opgegeven'
      : `bedragen vanaf ${formatDate(applied)}${rate && applied === rate.effectiveFrom ? ' (geldend op de peildatum)' : ''}`;
  const keyFigures: [string, string][] = [
    [
      'Vragen een eigen bijdrage',
      `${formatInteger(totals.collecting)} van de ${count(submitted, 'gemeente die heeft', 'gemeenten die hebben')} ingezonden; ${formatInteger(totals.notCollecting)} (nog) niet`,
    ],
    ...(form.bySchedule.length > 0
      ? [
          [
            'Toegepaste bedragen',
            form.bySchedule
              .map(
                (entry) =>
                  `${scheduleName(entry.scheduleApplied)}: ${count(entry.municipalities, 'gemeente', 'gemeenten')}`,
              )
              .join('; '),
          ] as [string, string],
        ]
      : []),
    [
      'Volwassenen die betalen',
      `${formatInteger(totals.adults.charged)} (volledig ${formatInteger(totals.adults.full)}, gedeeltelijk ${formatInteger(totals.adults.partial)}, maatwerk ${formatInteger(totals.adults.custom)})`,
    ],
    [
      'Opbrengst per maand',
      totals.revenueReported > 0
        ? `${formatMoney(totals.monthlyRevenue)}, verwacht ${formatMoney(totals.expectedRevenue)} (${formatPercent(totals.revenuePercentOfExpected)} van verwacht), bij de ${count(totals.revenueReported, 'gemeente die de opbrengst meldde', 'gemeenten die de opbrengst meldden')}`
        : 'nog door geen gemeente gemeld',
    ],
    [
      'Opvanglocaties',
      `${formatInteger(totals.locations)}, met ${count(totals.capacity, 'plaats', 'plaatsen')} en ${count(totals.residents, 'bewoner', 'bewoners')}`,
    ],
  ];
  const tolerance = `Verwacht: volledig betalende volwassenen × (exploitatie + catering als een locatie catering heeft) plus de helft daarvan voor gedeeltelijk betalenden; maatwerk telt niet mee. Een opbrengst die meer dan ${formatPercent(form.revenueTolerance * 100)} afwijkt, is gemarkeerd.`;
  const flagged = totals.withDeviations;
  const flaggedSentence =
    flagged > 0
      ? `${count(flagged, 'gemeente wijkt', 'gemeenten wijken')} af van de landelijke regeling of van de verwachte opbrengst; zie hieronder.`
      : 'Geen afwijkingen van de landelijke regeling of van de verwachte opbrengst.';

  const columns = 5;
  const rows = regionRows(aggregate, form.municipalities, columns, (m) => {
    const deviationRow =
      m.deviations.length > 0
        ? html`<tr><td colspan="${columns}" style="padding:0;border-bottom:1px solid ${colours.line};">${box('warn', html`<span style="font-size:13px;">${m.deviations.map((d, index) => html`${index > 0 ? html`<br>` : ''}<strong>Afwijking:</strong> ${d.message}`)}</span>`, '4px 0 6px 0')}</td></tr>`
        : '';
    const name = html`${m.name}${m.deviations.length > 0 ? html`<br>${badge('warn', 'afwijking')}` : ''}`;
    if (!m.collects) {
      return html`<tr><td style="${td}">${name}</td><td colspan="${columns - 1}" style="${td}color:${colours.muted};">Vraagt (nog) geen eigen bijdrage${m.locations > 0 ? ` · ${count(m.locations, 'locatie', 'locaties')}, ${count(m.residents, 'bewoner', 'bewoners')}` : ''}</td></tr>${deviationRow}`;
    }
    const revenue =
      m.monthlyRevenue === null
        ? html`<span style="${small}">niet gemeld</span>${m.expectedRevenue !== null ? html`<br><span style="${small}">verwacht ${formatMoney(m.expectedRevenue)}</span>` : ''}`
        : withNote(
            formatMoney(m.monthlyRevenue),
            m.expectedRevenue !== null
              ? `verwacht ${formatMoney(m.expectedRevenue)} · ${formatPercent(m.revenuePercentOfExpected)}`
              : 'geen verwachting',
          );
    return html`<tr><td style="${td}">${name}</td><td style="${td}">${m.collectingSince ? formatDate(m.collectingSince) : '—'}</td><td style="${td}">${m.scheduleApplied ? formatDate(m.scheduleApplied) : '—'}</td>${numberCell(withNote(formatInteger(m.adults.charged), `${formatInteger(m.adults.full)} + ${formatInteger(m.adults.partial)} + ${formatInteger(m.adults.custom)}`))}${numberCell(revenue)}</tr>${deviationRow}`;
  });
  const total = totalRowStyle();
  rows.push(
    html`<tr><td style="${td}${total}">Totaal</td><td colspan="2" style="${td}${total}font-weight:normal;">${count(totals.collecting, 'gemeente vraagt', 'gemeenten vragen')} een bijdrage</td>${numberCell(withNote(formatInteger(totals.adults.charged), `${formatInteger(totals.adults.full)} + ${formatInteger(totals.adults.partial)} + ${formatInteger(totals.adults.custom)}`), total)}${numberCell(withNote(formatMoney(totals.monthlyRevenue), `verwacht ${formatMoney(totals.expectedRevenue)} · ${formatPercent(totals.revenuePercentOfExpected)}`), total)}</tr>`,
  );

  const lines = regionText(aggregate, form.municipalities, (m) => {
    const head = m.collects
      ? `- ${m.name}: vraagt sinds ${m.collectingSince ? formatDate(m.collectingSince) : '(niet opgegeven)'}, ${scheduleName(m.scheduleApplied)}, ${count(m.adults.charged, 'volwassene betaalt', 'volwassenen betalen')} (volledig ${formatInteger(m.adults.full)}, gedeeltelijk ${formatInteger(m.adults.partial)}, maatwerk ${formatInteger(m.adults.custom)}), opbrengst ${m.monthlyRevenue === null ? 'niet gemeld' : `${formatMoney(m.monthlyRevenue)} per maand`}${m.expectedRevenue !== null ? `, verwacht ${formatMoney(m.expectedRevenue)}${m.revenuePercentOfExpected !== null ? ` (${formatPercent(m.revenuePercentOfExpected)})` : ''}` : ''}`
      : `- ${m.name}: vraagt (nog) geen eigen bijdrage`;
    return [head, ...m.deviations.map((d) => `    AFWIJKING: ${d.message}`)];
  });

  return {
    html: html`${h2(title)}
${p(scheduleSentence)}
${facts(keyFigures)}
${box(flagged > 0 ? 'warn' : 'ok', html`${flaggedSentence}`)}
${h3('Per gemeente')}
${p('Volwassenen: volledig + gedeeltelijk + maatwerk. Opbrengst per maand, met daaronder de verwachte opbrengst.', small)}
${table(
  [
    { label: 'Gemeente', width: '24%' },
    { label: 'Vraagt sinds', width: '17%' },
    { label: 'Bedragen vanaf', width: '17%' },
    { label: 'Volwassenen', number: true, width: '14%' },
    { label: 'Opbrengst per maand', number: true, width: '28%' },
  ],
  rows,
)}
${p(tolerance, small)}`,
    text: [
      ...textTitle(title),
      scheduleSentence,
      '',
      ...factsText(keyFigures),
      flaggedSentence,
      ...textSubtitle('Per gemeente'),
      ...lines,
      '',
      tolerance,
    ],
  };
}

// Sociaal domein -----------------------------------------------------------------------------------------

function sociaalDomeinPart(aggregate: RoundAggregate, form: SociaalDomeinAggregate): Part {
  const submitted = form.municipalities.length;
  const bottleneckTotal = form.bottlenecksByDomain.reduce((sum, group) => sum + group.items.length, 0);
  const requestTotal = form.supportByAddressee.reduce((sum, group) => sum + group.requests.length, 0);

  const bottleneckParts = form.bottlenecksByDomain.map((group) => {
    const severities = group.severities
      .filter((entry) => entry.count > 0)
      .map((entry) => `${formatInteger(entry.count)} ${entry.label.toLowerCase()}`)
      .join(', ');
    const sentence =
      group.items.length === 0
        ? 'Geen knelpunten gemeld.'
        : `${count(group.items.length, 'knelpunt', 'knelpunten')} bij ${count(group.municipalities.length, 'gemeente', 'gemeenten')}: ${severities}.`;
    const rows = group.items.map(
      (item) =>
        html`<tr><td style="${td}">${badge(toneOf[item.severity] ?? 'neutral', item.severityLabel)}</td><td style="${td}">${nameIn(aggregate, item)}</td><td style="${td}">${multiline(item.description)}</td></tr>`,
    );
    return {
      html: html`${h3(group.label)}${p(sentence, group.items.length === 0 ? `color:${colours.muted};` : '')}${
        rows.length > 0
          ? table(
              [
                { label: 'Ernst', width: '17%' },
                { label: 'Gemeente', width: '23%' },
                { label: 'Knelpunt', width: '60%' },
              ],
              rows,
            )
          : ''
      }`,
      text: [
        ...textSubtitle(group.label),
        sentence,
        ...group.items.map(
          (item) =>
            `- [${item.severityLabel.toLowerCase()}] ${nameIn(aggregate, item)}: ${indented(item.description)}`,
        ),
      ],
    };
  });

  const supportParts = form.supportByAddressee.map((group) => {
    const sentence =
      group.requests.length === 0
        ? 'Geen vragen.'
        : `${count(group.requests.length, 'vraag', 'vragen')} van ${count(group.municipalities.length, 'gemeente', 'gemeenten')}.`;
    const rows = group.requests.map(
      (item) =>
        html`<tr><td style="${td}">${nameIn(aggregate, item)}</td><td style="${td}">${item.domainLabel}</td><td style="${td}">${multiline(item.request)}</td></tr>`,
    );
    return {
      html: html`${h3(`Aan: ${group.label}`)}${p(sentence, group.requests.length === 0 ? `color:${colours.muted};` : '')}${
        rows.length > 0
          ? table(
              [
                { label: 'Gemeente', width: '23%' },
                { label: 'Domein', width: '17%' },
                { label: 'Vraag', width: '60%' },
              ],
              rows,
            )
          : ''
      }`,
      text: [
        ...textSubtitle(`Aan: ${group.label}`),
        sentence,
        ...group.requests.map(
          (item) =>
            `- ${nameIn(aggregate, item)} (${item.domainLabel.toLowerCase()}): ${indented(item.request)}`,
        ),
      ],
    };
  });

  const figureRows = form.figures.map(
    (figure) =>
      html`<tr><td style="${td}">${figure.label}</td>${numberCell(figure.reported > 0 ? formatInteger(figure.total) : '—')}${numberCell(`${formatInteger(figure.reported)} van ${formatInteger(submitted)}`)}</tr>`,
  );
  const basis =
    submitted === 0
      ? 'Nog geen cijfers: er heeft nog geen gemeente ingezonden.'
      : `Op basis van de ${count(submitted, 'gemeente die heeft', 'gemeenten die hebben')} ingezonden: ${count(bottleneckTotal, 'knelpunt', 'knelpunten')} en ${count(requestTotal, 'ondersteuningsvraag', 'ondersteuningsvragen')}.`;
  const figuresNote = 'Opgeteld over de gemeenten die het cijfer invulden; lege cijfers tellen niet mee.';

  return {
    html: html`${h2('Knelpunten per domein')}
${p(basis)}
${bottleneckParts.map((part) => part.html)}
${h2('Ondersteuningsvragen: wat vragen we van wie')}
${p('De vragen van de gemeenten, gebundeld per partij waaraan ze gericht zijn.', small)}
${supportParts.map((part) => part.html)}
${h2('Cijfers')}
${p(figuresNote, small)}
${table(
  [
    { label: 'Cijfer', width: '60%' },
    { label: 'Totaal', number: true, width: '15%' },
    { label: 'Ingevuld door', number: true, width: '25%' },
  ],
  figureRows,
)}`,
    text: [
      ...textTitle('Knelpunten per domein'),
      basis,
      ...bottleneckParts.flatMap((part) => part.text),
      ...textTitle('Ondersteuningsvragen: wat vragen we van wie'),
      ...supportParts.flatMap((part) => part.text),
      ...textTitle('Cijfers'),
      figuresNote,
      ...form.figures.map(
        (figure) =>
          `- ${figure.label}: ${figure.reported > 0 ? formatInteger(figure.total) : '—'} (ingevuld door ${formatInteger(figure.reported)} van ${formatInteger(submitted)})`,
      ),
    ],
  };
}

function formPart(aggregate: RoundAggregate): Part {
  const form = aggregate.form;
  if (!form) {
    const none = 'Voor dit formulier is geen samenvatting van de cijfers beschikbaar; zie de bijlagen.';
    return { html: p(none), text: ['', none] };
  }
  switch (form.kind) {
    case 'voortgang-opgaven':
      return voortgangPart(aggregate, form);
    case 'eigen-bijdrage':
      return eigenBijdragePart(aggregate, form);
    case 'sociaal-domein':
      return sociaalDomeinPart(aggregate, form);
  }
}

// Changes and warnings -----------------------------------------------------------------------------------

function changesPart(aggregate: RoundAggregate): Part {
  const title = 'Wat is er veranderd sinds het vorige overzicht';
  const changes: ChangesSincePrevious | null = aggregate.changes;
  if (changes === null) {
    const first =
      'Dit is het eerste overzicht van deze ronde: er is nog geen eerder overzicht om mee te vergelijken.';
    return { html: html`${h2(title)}${p(first)}`, text: [...textTitle(title), first] };
  }
  const since = `Vergeleken met het overzicht van ${formatDateTime(changes.since)}.`;
  if (!changes.any) {
    const nothing =
      'Niets: sinds het vorige overzicht is er niets ingezonden, gewijzigd of als concept opgeslagen.';
    return {
      html: html`${h2(title)}${p(since, small)}${p(nothing)}`,
      text: [...textTitle(title), since, nothing],
    };
  }
  const covered = new Set([...changes.newSubmissions, ...changes.amendments].map((m) => m.code));
  const otherMoves = changes.statusChanges.filter((m) => !covered.has(m.code));
  const moveText = (from: string, to: string) => {
    if (to === 'concept') return 'is begonnen: concept opgeslagen';
    if (to === 'niets') return from === 'concept' ? 'concept is verlopen' : 'heeft niets meer';
    return `${statusLabel[from as MunicipalityResponse['status']].toLowerCase()} → ${statusLabel[to as MunicipalityResponse['status']].toLowerCase()}`;
  };
  const groups: { title: string; items: string[] }[] = [
    {
      title: `Nieuw ingezonden (${changes.newSubmissions.length})`,
      items: changes.newSubmissions.map(
        (m) =>
          `${nameIn(aggregate, m)}: versie ${m.version}, ${formatDateTime(m.submittedAt)}${m.late ? ' (te laat)' : ''}`,
      ),
    },
    {
      title: `Gewijzigd (${changes.amendments.length})`,
      items: changes.amendments.map(
        (m) =>
          `${nameIn(aggregate, m)}: versie ${m.fromVersion} → versie ${m.toVersion}, ${formatDateTime(m.submittedAt)}`,
      ),
    },
    {
      title: `Andere wijzigingen in de status (${otherMoves.length})`,
      items: otherMoves.map((m) => `${nameIn(aggregate, m)}: ${moveText(m.from, m.to)}`),
    },
  ].filter((group) => group.items.length > 0);
  return {
    html: html`${h2(title)}${p(since, small)}${groups.map(
      (group) =>
        html`${p(html`<strong>${group.title}</strong>`, 'margin-bottom:4px;')}<ul style="${font}margin:0 0 12px 0;padding-left:20px;font-size:14px;">${group.items.map((item) => html`<li style="margin:0 0 3px 0;">${item}</li>`)}</ul>`,
    )}`,
    text: [
      ...textTitle(title),
      since,
      ...groups.flatMap((group) => ['', `${group.title}:`, ...group.items.map((item) => `- ${item}`)]),
    ],
  };
}

function warningsPart(aggregate: RoundAggregate): Part {
  const title = 'Controlepunten in de inzendingen';
  const intro =
    'Waarschuwingen die de gemeente bij het inzenden zag en heeft bevestigd. Ze blokkeren niets, maar zijn het navragen waard.';
  if (aggregate.warnings.length === 0) {
    const none = 'Geen: bij geen enkele inzending kwam een waarschuwing naar voren.';
    return { html: html`${h2(title)}${p(none)}`, text: [...textTitle(title), none] };
  }
  const rows = regionRows(
    aggregate,
    aggregate.warnings,
    2,
    (m) =>
      html`<tr><td style="${td}">${m.name}<br><span style="${small}">versie ${m.version}</span></td><td style="${td}">${m.warnings.map((w, index) => html`${index > 0 ? html`<br>` : ''}${w.message}`)}</td></tr>`,
  );
  return {
    html: html`${h2(title)}${p(intro, small)}${table(
      [
        { label: 'Gemeente', width: '26%' },
        { label: 'Waarschuwing', width: '74%' },
      ],
      rows,
    )}`,
    text: [
      ...textTitle(title),
      intro,
      ...regionText(aggregate, aggregate.warnings, (m) => [
        `- ${m.name} (versie ${m.version}):`,
        ...m.warnings.map((w) => `    * ${indented(w.message, '      ')}`),
      ]),
    ],
  };
}

function footer(options: SummaryEmailOptions): Part {
  const basis =
    'Dit overzicht is automatisch samengesteld uit de laatst ingezonden versie van iedere gemeente. Concepten tellen niet mee.';
  const attached =
    options.attachments && options.attachments.length > 0
      ? `De antwoorden per gemeente staan in de bijlagen (CSV, te openen in Excel): ${options.attachments.map((a) => a.filename).join(', ')}.`
      : '';
  const url =
    options.attachmentsUrl && /^https?:\/\//i.test(options.attachmentsUrl)
      ? options.attachmentsUrl
      : undefined;
  const download = url
    ? 'De antwoorden per gemeente waren te groot om mee te sturen. U downloadt ze (CSV) als medewerker via:'
    : '';
  return {
    html: html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:28px 0 0 0;"><tr><td style="${font}padding:12px 0 0 0;border-top:1px solid ${colours.line};font-size:13px;color:${colours.muted};">
${p(basis, small)}
${attached ? p(attached, small) : ''}
${url ? p(html`${download} <a href="${url}" style="color:#0b57a4;">${url}</a>`, small) : ''}
${contactHtml(options.contact)}
</td></tr></table>`,
    text: [
      '',
      '--',
      basis,
      ...(attached ? [attached] : []),
      ...(url ? [`${download} ${url}`] : []),
      contactText(options.contact),
    ],
  };
}

// The email ----------------------------------------------------------------------------------------------

/** `Overzicht: Voortgang opgaven – regio IJsselland – stand 27 november 2026`. */
export function summarySubject(aggregate: RoundAggregate): string {
  return `Overzicht: ${aggregate.round.title} – ${scopeLabel(aggregate)} – stand ${formatDate(summaryDate(aggregate.generatedAt))}`;
}

/**
 * Renders the compiled summary of a round (see the module comment). Sections: who has submitted (with the
 * municipalities that have nothing yet up front), the form's own figures, what changed since the previous
 * summary, and the plausibility warnings per municipality.
 */
export function renderSummaryEmail(aggregate: RoundAggregate, options: SummaryEmailOptions): RenderedEmail {
  const subject = summarySubject(aggregate);
  const parts = [
    header(aggregate, options),
    responsePart(aggregate),
    formPart(aggregate),
    changesPart(aggregate),
    warningsPart(aggregate),
    footer(options),
  ];
  // Keep `61,1 %` and `€ 1.234,56` on one line in the HTML (the plain text keeps ordinary spaces).
  const body = raw(
    html`${parts.map((part) => part.html)}`.value
      .replace(/(\d) %/g, '$1&nbsp;%')
      .replace(/€ (?=\d)/g, '€&nbsp;'),
  );
  const text = parts
    .flatMap((part) => part.text)
    .join('\n')
    .split('\n')
    .filter((line, index, all) => line !== '' || (index > 0 && all[index - 1] !== ''))
    .join('\n');
  return { subject, html: emailDocument(subject, body).value, text: `${text.trim()}\n` };
}
