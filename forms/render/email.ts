import { type AnswerSection, describeAnswers, type FieldError } from '../definition.js';
import type { AnswerChange, SincePreviousRound } from '../diff.js';
import { formatDateTime, labelled } from '../format.js';
import type { ConfirmedVersion } from './confirmed-version.js';
import { breakable, breakableText, type Html, html } from './html.js';
import { type PageContact, secretariatOf, telephoneHref } from './layout.js';

/**
 * Email building blocks: HTML made of tables with inline styles (what common mail clients render), no
 * external images or scripts, and a plain-text twin of every part.
 */

const font = 'font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;';
/**
 * On the cells of the answer and change tables, which have fixed column widths (`table-layout:fixed`): a
 * word longer than its cell (an address, a long compound) wraps inside it on a 375 px phone instead of
 * widening the email, and only such a word — `anywhere` broke ordinary ones too (`volwassene|n`), as it
 * lets the table make a column narrower than its words. (Mail clients keep inline styles.)
 */
const wrap = 'overflow-wrap:break-word;word-wrap:break-word;';
const fixedTable = 'border-collapse:collapse;table-layout:fixed;margin:0 0 12px 0;';

export function emailDocument(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f3f3f3;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f3f3;"><tr><td align="center" style="padding:16px;">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" style="max-width:640px;width:100%;background:#ffffff;${font}font-size:15px;line-height:1.5;">
<tr><td style="padding:24px;">${body}</td></tr>
</table>
</td></tr></table>
</body></html>`;
}

/**
 * The footer line of every email: whom to ask, by name (the secretariat from the registry). Emails carry
 * that secretariat as Reply-To, so answering the email reaches it too.
 */
export function contactHtml(contact: PageContact | undefined): Html {
  if (!contact) {
    return html`<p style="${font}margin:20px 0 0 0;font-size:13px;color:#555555;">Vragen? Neem contact op met het secretariaat van uw regietafel.</p>`;
  }
  return html`<p style="${font}margin:20px 0 0 0;font-size:13px;color:#555555;">Vragen? Beantwoord deze e-mail of neem contact op met ${secretariatOf(contact.organisation)}: ${contact.name}, <a href="mailto:${contact.email}" style="color:#0b57a4;">${breakable(contact.email)}</a>${contact.phone ? html`, telefoon <a href="${telephoneHref(contact.phone)}" style="color:#0b57a4;">${contact.phone}</a>` : html``}.</p>`;
}

/** The plain-text twin of {@link contactHtml}. */
export function contactText(contact: PageContact | undefined): string {
  if (!contact) return 'Vragen? Neem contact op met het secretariaat van uw regietafel.';
  return `Vragen? Beantwoord deze e-mail of neem contact op met ${secretariatOf(contact.organisation)}: ${contact.name}, ${contact.email}${contact.phone ? `, telefoon ${contact.phone}` : ''}.`;
}

export function answersHtml(sections: AnswerSection[]): Html {
  const rowsTable = (rows: { label: string; value: string }[]) =>
    html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="${fixedTable}">
${rows.map(
  (row) =>
    html`<tr><td style="${font}padding:6px 8px 6px 0;border-bottom:1px solid #dddddd;vertical-align:top;${wrap}width:55%;">${row.label}</td><td style="${font}padding:6px 0;border-bottom:1px solid #dddddd;vertical-align:top;${wrap}font-weight:bold;">${breakableText(row.value)}</td></tr>`,
)}
</table>`;
  return html`${sections.map(
    (section) => html`<h2 style="${font}font-size:18px;margin:20px 0 8px 0;">${section.title}</h2>
${section.rows.length > 0 ? rowsTable(section.rows) : ''}
${section.groups.map((group) => html`<h3 style="${font}font-size:15px;margin:12px 0 4px 0;">${group.title}</h3>${rowsTable(group.rows)}`)}`,
  )}`;
}

export function answersText(sections: AnswerSection[]): string {
  const lines: string[] = [];
  for (const section of sections) {
    lines.push('', section.title.toUpperCase(), '-'.repeat(section.title.length));
    for (const row of section.rows) lines.push(labelled(row.label, row.value));
    for (const group of section.groups) {
      lines.push('', `  ${group.title}`);
      for (const row of group.rows) lines.push(`  ${labelled(row.label, row.value)}`);
    }
  }
  return lines.join('\n');
}

export interface ConfirmationEmailModel extends ConfirmedVersion {
  /**
   * The link to amend until the deadline: a fresh invitation link that opens the form in any browser
   * (functions/core/amend-link.ts), revoked with the invitation.
   */
  readonly amendUrl?: string;
  /** What changed since the previous version (amendments only). */
  readonly changes?: readonly AnswerChange[];
}

const sinceVersion = {
  title: 'Wat is er veranderd sinds de vorige versie',
  same: 'Niets: de antwoorden zijn gelijk aan de vorige versie.',
};

const sinceRound = (since: SincePreviousRound) => ({
  title: `Wat is er veranderd sinds de vorige ronde (${since.roundTitle})`,
  same: 'Niets: de antwoorden zijn gelijk aan die van de vorige ronde.',
});

function changesHtml(changes: readonly AnswerChange[], words = sinceVersion): Html {
  return html`<h2 style="${font}font-size:18px;margin:20px 0 8px 0;">${words.title}</h2>
${
  changes.length === 0
    ? html`<p style="${font}margin:0 0 12px 0;">${words.same}</p>`
    : html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="${fixedTable}">
<tr><th align="left" style="${font}padding:6px 8px 6px 0;border-bottom:2px solid #1a1a1a;">Vraag</th><th align="left" style="${font}padding:6px 8px 6px 0;border-bottom:2px solid #1a1a1a;">Was</th><th align="left" style="${font}padding:6px 0;border-bottom:2px solid #1a1a1a;">Is nu</th></tr>
${changes.map(
  (change) =>
    html`<tr><td style="${font}padding:6px 8px 6px 0;border-bottom:1px solid #dddddd;vertical-align:top;${wrap}">${change.label}</td><td style="${font}padding:6px 8px 6px 0;border-bottom:1px solid #dddddd;vertical-align:top;${wrap}color:#555555;">${change.before}</td><td style="${font}padding:6px 0;border-bottom:1px solid #dddddd;vertical-align:top;${wrap}font-weight:bold;">${change.after}</td></tr>`,
)}
</table>`
}`;
}

function changesText(changes: readonly AnswerChange[], words = sinceVersion): string {
  const title = words.title.toUpperCase();
  if (changes.length === 0) return `${title}\n${words.same}`;
  return [
    title,
    ...changes.map((change) => `- ${labelled(change.label, `${change.before} → ${change.after}`)}`),
  ].join('\n');
}

function warningsHtml(warnings: readonly FieldError[]): Html {
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 12px 0;"><tr><td style="${font}padding:12px;background:#fff4e5;border-left:4px solid #e17000;">
<p style="${font}margin:0 0 6px 0;font-weight:bold;">Controleer deze antwoorden (ze zijn wel opgeslagen)</p>
${warnings.map((warning) => html`<p style="${font}margin:0 0 4px 0;">${warning.message}</p>`)}
</td></tr></table>`;
}

export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** Said with the amend link: it works like the invitation link, for anyone who has it. */
const personalLink =
  'De link werkt zoals de link uit de uitnodiging: stuur hem alleen door aan collega’s van uw gemeente.';

/** The confirmation a municipal official receives after submitting: their answers, in Dutch. */
export function renderConfirmationEmail(model: ConfirmationEmailModel): RenderedEmail {
  const sections = describeAnswers(model.definition, model.answers);
  const subject = `Ontvangen: ${model.definition.title} – gemeente ${model.municipalityName} (${model.roundTitle}, versie ${model.version})`;
  const intro = `Wij hebben de antwoorden van gemeente ${model.municipalityName} op het formulier ‘${model.definition.title}’ ontvangen: versie ${model.version}, ingezonden op ${formatDateTime(model.submittedAt)} door ${model.submittedBy}.`;
  const late = model.late
    ? 'Deze inzending kwam na de sluitingsdatum binnen en is als te laat gemarkeerd.'
    : '';
  const amend = model.amendUrl
    ? `Klopt er iets niet? U kunt uw antwoorden tot de sluitingsdatum wijzigen via deze link, op elk apparaat: ${model.amendUrl}\n${personalLink}`
    : '';
  const body = html`<p style="${font}margin:0 0 4px 0;font-size:13px;color:#555555;">${model.organisation}</p>
<h1 style="${font}font-size:22px;margin:0 0 12px 0;">Uw antwoorden zijn ontvangen</h1>
<p style="${font}margin:0 0 12px 0;">${intro}</p>
${late ? html`<p style="${font}margin:0 0 12px 0;font-weight:bold;">${late}</p>` : ''}
${model.warnings && model.warnings.length > 0 ? warningsHtml(model.warnings) : ''}
${model.changes ? changesHtml(model.changes) : ''}
${model.sincePreviousRound ? changesHtml(model.sincePreviousRound.changes, sinceRound(model.sincePreviousRound)) : ''}
${model.amendUrl ? html`<p style="${font}margin:0 0 12px 0;">Klopt er iets niet? U kunt uw antwoorden tot de sluitingsdatum <a href="${model.amendUrl}" style="color:#0b57a4;">wijzigen</a>, op elk apparaat. ${personalLink}</p>` : ''}
${answersHtml(sections)}
${contactHtml(model.contact)}`;
  const text = [
    model.organisation,
    '',
    'Uw antwoorden zijn ontvangen',
    '',
    intro,
    late,
    amend,
    ...(model.warnings && model.warnings.length > 0
      ? [
          '',
          'CONTROLEER DEZE ANTWOORDEN (ZE ZIJN WEL OPGESLAGEN)',
          ...model.warnings.map((warning) => `- ${warning.message}`),
        ]
      : []),
    ...(model.changes ? ['', changesText(model.changes)] : []),
    ...(model.sincePreviousRound
      ? ['', changesText(model.sincePreviousRound.changes, sinceRound(model.sincePreviousRound))]
      : []),
    answersText(sections),
    '',
    contactText(model.contact),
  ]
    .filter((line, index, all) => line !== '' || all[index - 1] !== '')
    .join('\n');
  return { subject, html: emailDocument(subject, body).value, text };
}
