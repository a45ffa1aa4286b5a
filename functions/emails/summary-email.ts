import { formatDate, formatDateTime } from '../../forms/format.js';
import { contactHtml, contactText, type RenderedEmail } from '../../forms/render/email.js';
import { breakable, html, raw } from '../../forms/render/html.js';
import type { PageContact } from '../../forms/render/layout.js';
import type { RoundAggregate } from '../core/aggregation/types.js';
import type { SummaryModel } from '../core/summary-model.js';
import { attentionPart } from './summary-attention.js';
import { box, h1, link, type Part, p, part, safeUrl, summaryDocument } from './summary-blocks.js';
import { changesPart, detailsPart } from './summary-details.js';
import { count, scopeLabel, summaryDate } from './summary-format.js';
import { headlinePart } from './summary-headline.js';
import { previousRoundPart } from './summary-previous-round.js';
import { trendPart } from './summary-trends.js';
import { unreadablePart } from './summary-unreadable.js';

export { formatPercent, scopeLabel, summaryDate } from './summary-format.js';

/**
 * The compiled summary of a round for a regietafel (one region) or the provincial staff (a province), made
 * to be read in a minute: the headline figures first (summary-headline.ts), then what needs action
 * (summary-attention.ts), then the rest of the figures and what changed (summary-details.ts). Figures are
 * per region — never a row per municipality; that detail is in the CSV attachments and on the dashboard —
 * so a province's summary grows with its regions. A pure function of the summary model, so the scheduled
 * job, the preview route and the tests render the same email; a plain-text twin carries the same content.
 * How it is styled for mail clients: summary-blocks.ts.
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

function phaseSentence(aggregate: RoundAggregate): string {
  const { round } = aggregate;
  switch (aggregate.phase) {
    case 'not-open':
      return `De ronde is nog niet open; zij opent op ${formatDateTime(round.opensAt)}.`;
    case 'open':
      return `De ronde is open tot ${formatDateTime(round.deadline)}; gemeenten kunnen tot dan inzenden en wijzigen.`;
    case 'late':
      return `De sluitingsdatum (${formatDateTime(round.deadline)}) is verstreken; late inzendingen worden nog aangenomen en gemarkeerd.`;
    case 'closed':
      return `De ronde is gesloten (${formatDateTime(round.deadline)}): er kan niet meer worden ingezonden.`;
  }
}

function header(aggregate: RoundAggregate, options: SummaryEmailOptions): Part {
  const { round } = aggregate;
  const title = `${round.title}: ${scopeLabel(aggregate)}`;
  const about = `${round.formTitle} · peildatum ${formatDate(round.referenceDate)} · ${count(aggregate.response.totals.municipalities, 'gemeente', 'gemeenten')} · stand van ${formatDateTime(aggregate.generatedAt)}`;
  const phase = phaseSentence(aggregate);
  const dashboard = safeUrl(options.dashboardUrl);
  return part(
    html`${options.previewNote ? box('info', html`<strong>Voorbeeld.</strong> ${options.previewNote}`) : ''}
${p(`Aan: ${options.recipientLabel}`, 'to')}
${h1(title)}
${p(about, 'small')}
${p(html`${phase}${dashboard ? html` Per gemeente: ${link(dashboard, 'het overzicht van de ronde')}.` : ''}`)}`,
    [
      ...(options.previewNote ? [`VOORBEELD. ${options.previewNote}`, ''] : []),
      `Aan: ${options.recipientLabel}`,
      '',
      title,
      about,
      '',
      phase,
      ...(dashboard ? [`Per gemeente: ${dashboard}`] : []),
    ],
  );
}

function footer(options: SummaryEmailOptions): Part {
  const basis =
    'Automatisch samengesteld uit de laatst ingezonden versie van iedere gemeente; concepten tellen niet mee.';
  const files = options.attachments?.map((attachment) => attachment.filename) ?? [];
  const lead = 'De antwoorden per gemeente staan in de bijlagen (CSV, te openen in Excel):';
  const attached = files.length > 0 ? `${lead} ${files.join(', ')}.` : '';
  const attachedHtml = html`${lead} ${files.map((file, index) => html`${index > 0 ? ', ' : ''}${breakable(file)}`)}.`;
  const url = safeUrl(options.attachmentsUrl);
  const download = url
    ? 'De antwoorden per gemeente waren te groot om mee te sturen. U downloadt ze (CSV) als medewerker via:'
    : '';
  return part(
    html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" class="foot"><tr><td>
${p(basis, 'small')}
${attached ? p(attachedHtml, 'small') : ''}
${url ? p(html`${download} ${link(url, url)}`, 'small') : ''}
${contactHtml(options.contact)}
</td></tr></table>`,
    [
      '',
      '--',
      basis,
      ...(attached ? [attached] : []),
      ...(url ? [`${download} ${url}`] : []),
      contactText(options.contact),
    ],
  );
}

/** `Overzicht: Voortgang opgaven – regio IJsselland – stand 27 november 2026`. */
export function summarySubject(aggregate: RoundAggregate): string {
  return `Overzicht: ${aggregate.round.title} – ${scopeLabel(aggregate)} – stand ${formatDate(summaryDate(aggregate.generatedAt))}`;
}

/**
 * Renders the summary (see the module comment). Order: header, headline figures, the trend over the rounds
 * of the form, what needs action, the other figures, what changed since the previous summary, footer.
 */
export function renderSummaryEmail(model: SummaryModel, options: SummaryEmailOptions): RenderedEmail {
  const { aggregate } = model;
  const subject = summarySubject(aggregate);
  const parts = [
    header(aggregate, options),
    headlinePart(model, safeUrl(options.dashboardUrl)),
    trendPart(model.trends, safeUrl(options.dashboardUrl)),
    attentionPart(aggregate),
    detailsPart(model),
    unreadablePart(aggregate),
    previousRoundPart(aggregate),
    changesPart(aggregate),
    footer(options),
  ].filter((entry): entry is Part => entry !== null);
  // Keep `61,1 %` and `€ 1.234,56` on one line in the HTML (the plain text keeps ordinary spaces).
  const body = raw(
    html`${parts.map((entry) => entry.html)}`.value
      .replace(/(\d) %/g, '$1&nbsp;%')
      .replace(/€ (?=\d)/g, '€&nbsp;'),
  );
  const text = parts
    .flatMap((entry) => entry.text)
    .join('\n')
    .split('\n')
    .filter((line, index, all) => line !== '' || (index > 0 && all[index - 1] !== ''))
    .join('\n');
  return { subject, html: summaryDocument(subject, body).value, text: `${text.trim()}\n` };
}
