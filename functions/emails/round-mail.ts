import type { FormDefinition } from '../../forms/definition.js';
import { formatDate, formatDateTime } from '../../forms/format.js';
import { contactHtml, contactText, emailDocument } from '../../forms/render/email.js';
import { type Html, html } from '../../forms/render/html.js';
import type { PageContact } from '../../forms/render/layout.js';
import type { Municipality, Round } from '../core/model.js';

/**
 * What the emails to a municipality about a round share (the invitation and the reminder): the facts of
 * the round (form, peildatum, deadline), what to prepare, the button with the personal link and the same
 * link written out — broken anywhere, so a 600 px mail pane wraps it instead of widening — and a
 * signature with the board and its secretariat (the registry's), whose address is also the Reply-To.
 */

const font = 'font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;';

export interface RoundMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly replyTo?: readonly string[];
}

/** What an email to one municipality about a round is made of (the invitation's, the reminder's). */
export interface MunicipalityMailInput {
  readonly round: Round;
  readonly definition: FormDefinition;
  readonly municipality: Municipality;
  /** Signs the email: the regional board's name. */
  readonly boardName: string;
  /** The secretariat (registry): named at the end and the Reply-To; absent: a general line. */
  readonly secretariat: PageContact | undefined;
  /** The municipality's personal link. */
  readonly url: string;
}

export interface RoundMailParts {
  readonly subject: string;
  readonly greeting: string;
  /** The paragraphs before the facts. */
  readonly lead: readonly string[];
  readonly round: Round;
  readonly definition: FormDefinition;
  readonly url: string;
  /** Signs the email: the regional board's name. */
  readonly boardName: string;
  /** The secretariat (registry): named at the end and the Reply-To; absent: a general line. */
  readonly secretariat: PageContact | undefined;
  /** Extra lines after the link, e.g. about sharing it. */
  readonly after?: readonly string[];
}

/** The form's sections as the list of what the official should have at hand (not their own details). */
export function whatToPrepare(definition: FormDefinition): string[] {
  return definition.sections
    .filter((section) =>
      section.items.every((item) => item.type !== 'field' || item.key !== definition.contactEmailKey),
    )
    .map((section) => section.title);
}

function facts(parts: RoundMailParts): [string, string][] {
  return [
    ['Formulier', parts.definition.title],
    ['Peildatum', `${formatDate(parts.round.referenceDate)} (vul de stand op deze dag in)`],
    ['Sluitingsdatum', formatDateTime(parts.round.deadline)],
  ];
}

const paragraph = (text: string | Html) => html`<p style="${font}margin:0 0 12px 0;">${text}</p>`;

/** Builds the email (HTML and its plain-text twin) from the parts. */
export function roundMail(parts: RoundMailParts): RoundMail {
  const prepare = whatToPrepare(parts.definition);
  const text = [
    parts.greeting,
    ...parts.lead,
    facts(parts)
      .map(([label, value]) => `${label}: ${value}`)
      .join('\n'),
    `Wat u nodig heeft: de gegevens van uw gemeente op de peildatum over\n${prepare.map((title) => `- ${title}`).join('\n')}`,
    `Open het formulier met deze persoonlijke link:\n${parts.url}`,
    ...(parts.after ?? []),
    `Met vriendelijke groet,\n${parts.boardName}`,
    contactText(parts.secretariat),
  ].join('\n\n');
  const body = html`${paragraph(parts.greeting)}
${parts.lead.map((line) => paragraph(line))}
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px 0;width:100%;">
${facts(parts).map(
  ([label, value]) =>
    html`<tr><td style="${font}padding:4px 12px 4px 0;vertical-align:top;white-space:nowrap;">${label}</td><td style="${font}padding:4px 0;vertical-align:top;font-weight:bold;">${value}</td></tr>`,
)}
</table>
${paragraph('Wat u nodig heeft: de gegevens van uw gemeente op de peildatum over')}
<ul style="${font}margin:0 0 16px 0;padding-left:20px;">${prepare.map((title) => html`<li style="${font}">${title}</li>`)}</ul>
<p style="${font}margin:24px 0;"><a href="${parts.url}" style="background:#154273;color:#ffffff;padding:12px 18px;text-decoration:none;font-weight:bold;display:inline-block;">Formulier openen</a></p>
<p style="${font}font-size:13px;color:#4a4a4a;margin:0 0 4px 0;">Werkt de knop niet? Kopieer deze link in uw browser:</p>
<p style="${font}font-size:13px;margin:0 0 16px 0;word-break:break-all;overflow-wrap:anywhere;"><a href="${parts.url}" style="color:#154273;word-break:break-all;overflow-wrap:anywhere;">${parts.url}</a></p>
${(parts.after ?? []).map((line) => paragraph(line))}
${paragraph(html`Met vriendelijke groet,<br>${parts.boardName}`)}
${contactHtml(parts.secretariat)}`;
  return {
    subject: parts.subject,
    text,
    html: emailDocument(parts.subject, body).value,
    replyTo: parts.secretariat ? [parts.secretariat.email] : undefined,
  };
}
