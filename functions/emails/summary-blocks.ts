import { type Html, html, raw } from '../../forms/render/html.js';

/**
 * The building blocks of the summary email, each in its HTML and its plain-text form.
 *
 * Styling: one `<style>` block in the `<head>` with type, class and descendant selectors, and HTML
 * attributes for what must survive without it. Gmail (web and apps with a Google account) keeps a `<style>`
 * in the head (up to 16 KB; an error drops the whole block, so the sheet has no comments, attribute
 * selectors or at-rules; the one media query, for 320 px, has a block of its own), Outlook for Windows (Word engine) applies it when it comes before the body, and
 * Apple Mail, Outlook.com and Thunderbird do too (caniemail.com: html-style, css-selector-class,
 * css-selector-descendant). The Gmail app with a non-Google account drops every `<style>`: there the
 * attributes keep the meaning — `bgcolor` draws the bars and boxes, `align` puts numbers right, `width` sets
 * the 600 px column (Outlook ignores `max-width`, so it gets a fixed 600 px table in a conditional comment),
 * `<th>` and `<strong>` carry emphasis; the body's margin and the column's font (Arial 14 px, on the column's
 * table, inherited by every cell) are set inline once each, so the five-column tables still fit a 375 px
 * phone when the fallback font is a wide one (DejaVu). So no style is repeated per cell: the summary of a
 * province grows with its regions, not with its styling.
 */

export const colours = {
  committed: '#1f5f99',
  realised: '#2e7d32',
  guaranteed: '#1f5f99',
  intentions: '#8fb3d9',
  track: '#e3e3e3',
  page: '#f3f3f3',
} as const;

export type Tone = 'ok' | 'warn' | 'alert' | 'info' | 'neutral';
const toneBackground: Record<Tone, string> = {
  ok: '#e6f4ea',
  warn: '#fff4e5',
  alert: '#fdecea',
  info: '#fff8c5',
  neutral: '#eeeeee',
};

/** The whole stylesheet (about 1.5 KB); see the module comment for what it may contain. */
export const summaryStyles = [
  'body{margin:0;padding:0;background:#f3f3f3}',
  'table{border-collapse:collapse}',
  'td,th,p,li,h1,h2,h3{font-family:Arial,Helvetica,sans-serif;color:#1a1a1a}',
  '.outer{padding:12px 0}',
  '.inner{padding:16px}',
  'h1{font-size:22px;line-height:1.25;margin:0 0 8px 0}',
  'h2{font-size:18px;line-height:1.3;margin:26px 0 8px 0;padding-top:10px;border-top:3px solid #1a1a1a}',
  'h3{font-size:15px;line-height:1.3;margin:16px 0 6px 0}',
  'p{font-size:14px;line-height:1.45;margin:0 0 10px 0}',
  'ul{margin:0 0 12px 0;padding:0 0 0 20px}',
  'li{font-size:14px;line-height:1.45;margin:0 0 4px 0}',
  'a{color:#0b57a4}',
  '.small,.small p,.small li{font-size:12px;color:#555555}',
  '.to{font-size:13px;color:#555555;margin:0 0 4px 0}',
  '.data{margin:0 0 12px 0}',
  '.data th{font-size:13px;line-height:1.3;text-align:left;vertical-align:bottom;padding:6px 6px 6px 0;border-bottom:2px solid #1a1a1a}',
  '.data td{font-size:14px;line-height:1.35;vertical-align:top;padding:6px 6px 6px 0;border-bottom:1px solid #dddddd}',
  '.data th.n{text-align:right}',
  '.data .total td,.data .total th{font-size:14px;font-weight:bold;vertical-align:top;border-bottom:2px solid #1a1a1a}',
  '.data .lead td,.data .lead th{border-bottom:0;padding-bottom:3px}',
  '.data td.barcell{padding:0 0 8px 0}',
  '.data td.barcell-total{border-bottom:2px solid #1a1a1a}',
  '.data td.group{font-size:13px;font-weight:bold;color:#555555;padding-top:10px}',
  '.data span{font-size:12px;color:#555555;font-weight:normal}',
  '.data .bar td{font-size:0;line-height:0;padding:0;border:0}',
  '.box{padding:10px 12px;font-size:14px;line-height:1.45}',
  '.box-ok{border-left:5px solid #2e7d32}',
  '.box-warn{border-left:5px solid #e17000}',
  '.box-alert{border-left:5px solid #c62828}',
  '.box-info{border-left:5px solid #9a7400}',
  '.box-neutral{border-left:5px solid #888888}',
  '.key{font-size:12px;color:#555555;padding:0 12px 8px 0}',
  '.foot td{font-size:12px;color:#555555;padding-top:12px;border-top:1px solid #dddddd}',
].join('');

/**
 * A 320 px window (WCAG 1.4.10): the column's padding and the cells' gaps give way to the figures. In a
 * `<style>` block of its own after the sheet, so a client that refuses an at-rule drops only this block
 * (and shows the 375 px layout), never the sheet.
 */
export const narrowStyles =
  '@media (max-width:359px){.inner{padding:12px 8px}.data th{font-size:12px;padding-right:3px}.data td,.data .total td,.data .total th{font-size:13px;padding-right:3px}}';

/** A piece of the email in both forms. */
export interface Part {
  readonly html: Html;
  readonly text: readonly string[];
}

export function part(htmlPart: Html, text: readonly string[]): Part {
  return { html: htmlPart, text };
}

export function joinParts(parts: readonly (Part | null | undefined)[]): Part {
  const present = parts.filter((entry): entry is Part => Boolean(entry));
  return {
    html: html`${present.map((entry) => entry.html)}`,
    text: present.flatMap((entry) => entry.text),
  };
}

/** The document: head with the stylesheet, a 600 px column (fixed in Outlook, fluid below 600 px). */
export function summaryDocument(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="x-apple-disable-message-reformatting"><title>${title}</title><style>${raw(summaryStyles)}</style><style>${raw(narrowStyles)}</style></head>
<body bgcolor="${colours.page}" style="margin:0">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" bgcolor="${colours.page}"><tr><td align="center" class="outer">
${raw('<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0"><tr><td><![endif]-->')}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" bgcolor="#ffffff" style="max-width:600px;font-family:Arial,Helvetica,sans-serif;font-size:14px"><tr><td class="inner" align="left">
${body}
</td></tr></table>
${raw('<!--[if mso]></td></tr></table><![endif]-->')}
</td></tr></table>
</body></html>`;
}

// Text -------------------------------------------------------------------------------------------------

export function textTitle(title: string): string[] {
  return ['', title.toUpperCase(), '='.repeat(Math.min(title.length, 72))];
}

export function textSubtitle(title: string): string[] {
  return ['', title, '-'.repeat(Math.min(title.length, 72))];
}

/** Indents the lines of a multi-line answer under its bullet in the plain text. */
export function indented(text: string, prefix = '    '): string {
  return text.split(/\r\n|\r|\n/).join(`\n${prefix}`);
}

// HTML -------------------------------------------------------------------------------------------------

export function h1(title: string): Html {
  return html`<h1>${title}</h1>`;
}

export function h2(title: string): Html {
  return html`<h2>${title}</h2>`;
}

export function h3(title: string): Html {
  return html`<h3>${title}</h3>`;
}

export function p(content: Html | string, className?: 'small' | 'to'): Html {
  return className ? html`<p class="${className}">${content}</p>` : html`<p>${content}</p>`;
}

/**
 * A column heading that may break, with a hyphen, where `|` stands (`Ge|reali|seerd`): a soft hyphen works
 * without a stylesheet, so the narrow tables fit a 375 px phone in every client.
 */
export function soft(word: string): Html {
  return html`${word.split('|').map((piece, index) => (index === 0 ? piece : html`&shy;${piece}`))}`;
}

export function list(items: readonly (Html | string)[]): Html {
  return html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`;
}

/** A coloured box (a one-cell table: Outlook draws backgrounds and borders only on cells). */
export function box(tone: Tone, content: Html): Html {
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" class="data"><tr><td class="box box-${tone}" bgcolor="${toneBackground[tone]}">${content}</td></tr></table>`;
}

export interface Column {
  readonly label: Html | string;
  readonly number?: boolean;
  /** Percentage of the table, e.g. `30%`. */
  readonly width?: string;
}

export type Cell = Html | string;

/** A row of cells; numbers are right-aligned by attribute, so they stay so without the stylesheet. */
export interface Row {
  readonly cells: readonly Cell[];
  /** The last row with the total (bold, a line under it). */
  readonly total?: boolean;
  /** A row under this one spanning every column, e.g. the bars of a progress row. */
  readonly below?: Html;
}

/** A group heading inside a table (a region in a province summary). */
export function groupRow(label: string): Row & { readonly group: true } {
  return { cells: [label], group: true };
}

export function table(
  columns: readonly Column[],
  rows: readonly (Row & { group?: boolean })[],
  caption?: string,
): Html {
  const align = (index: number) => (columns[index]?.number ? html` align="right"` : html``);
  return html`<table width="100%" cellpadding="4" cellspacing="0" class="data">${caption ? html`<caption align="left" class="small">${caption}</caption>` : ''}
<tr>${columns.map(
    (column) =>
      html`<th scope="col" ${column.number ? html`align="right" class="n"` : html`align="left"`}${column.width ? html` width="${column.width}"` : ''}>${column.label}</th>`,
  )}</tr>
${rows.map((row) => {
  if (row.group) return html`<tr><td colspan="${columns.length}" class="group">${row.cells[0]}</td></tr>\n`;
  const cells = row.cells.map((cell, index) =>
    index === 0 && row.total
      ? html`<th scope="row" align="left">${cell}</th>`
      : html`<td${align(index)}>${cell}</td>`,
  );
  const classes = [row.total ? 'total' : '', row.below ? 'lead' : ''].filter(Boolean).join(' ');
  return html`<tr${classes ? html` class="${classes}"` : ''}>${cells}</tr>${
    row.below
      ? html`<tr><td colspan="${columns.length}" class="barcell${row.total ? ' barcell-total' : ''}">${row.below}</td></tr>`
      : ''
  }\n`;
})}</table>`;
}

/** A number with a smaller second line, e.g. `1.125` and `79,9 %`. */
export function withNote(main: string, note: string): Html {
  return html`${main}<br><span>${note}</span>`;
}

/**
 * A bar for a percentage: a table whose first cell has the colour and N % of the width (whole percentages,
 * at most 100; beyond that the bar is full and the figure tells how far). `bgcolor` and `height` are
 * attributes, so the bar shows in every client; no share, no bar.
 */
export function progressBar(percent: number | null, colour: string, height = 10): Html {
  if (percent === null) return html``;
  const width = Math.max(0, Math.min(100, Math.round(percent)));
  const cell = (part: number, background: string) =>
    html`<td width="${part}%" height="${height}" bgcolor="${background}">&nbsp;</td>`;
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" class="bar"><tr>${width > 0 ? cell(width, colour) : ''}${width < 100 ? cell(100 - width, colours.track) : ''}</tr></table>`;
}

/** Two bars on top of each other, e.g. committed (thick) and realised (thin) against a task. */
export function barPair(
  first: { percent: number | null; colour: string },
  second: { percent: number | null; colour: string },
): Html {
  if (first.percent === null && second.percent === null) return html``;
  return html`${progressBar(first.percent, first.colour, 10)}${progressBar(second.percent, second.colour, 5)}`;
}

/** A legend line under a chart: coloured squares with their meaning (the colour never stands alone; a square never wraps away from its word). */
export function legend(entries: readonly { colour: string; label: string }[], after = ''): Html {
  return html`<table role="presentation" cellpadding="0" cellspacing="0"><tr>${entries.map(
    (entry) =>
      html`<td class="key"><span style="color:${entry.colour}">&#9632;</span>&nbsp;${entry.label}&nbsp; </td>`,
  )}${after ? html`<td class="key">${after}</td>` : ''}</tr></table>`;
}

/** Text with its line breaks kept (answers from a textarea), escaped. */
export function multiline(text: string): Html {
  return html`${text.split(/\r\n|\r|\n/).map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`))}`;
}

/** Only http(s) links are ever shown. */
export function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

export function link(url: string, label: string): Html {
  return html`<a href="${url}">${label}</a>`;
}
