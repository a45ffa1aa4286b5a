import { type Html, html } from '../../forms/render/html.js';
import type { LayoutOptions } from '../../forms/render/layout.js';
import type { RoundPhase } from '../core/form-context.js';
import { type SignedInStaff, staffFooter } from './staff/shell.js';

export type { SignedInStaff } from './staff/shell.js';

/**
 * The staff dashboard (regietafel and province): server-rendered pages in the same NL Design System shell
 * as the forms, readable without JavaScript and with a keyboard. Charts are inline SVG with a title and a
 * description for screen readers, and every figure in a chart is also in a table right below it.
 *
 * This file holds what the dashboard's pages share; the pages are rounds-page.ts (`/staf/rondes`) and
 * round-page.ts (`/staf/rondes/{roundId}`, with share-progress.ts).
 */

/** The page shell of a dashboard page: wide, with the staff footer and this person's secretariat. */
export function dashboardLayout(staff: SignedInStaff, title: string): LayoutOptions {
  return {
    title,
    organisation: 'Regietafel Vluchtelingen – dashboard',
    wide: true,
    footer: staffFooter,
    contacts: staff.contacts,
    question: 'Vragen over het dashboard?',
  };
}

export const phaseLabels: Record<RoundPhase, string> = {
  'not-open': 'Nog niet open',
  open: 'Open',
  late: 'Deadline verstreken, te laat inzenden kan nog',
  closed: 'Gesloten',
};

export const cell = (content: Html | string | number) =>
  html`<td class="utrecht-table__cell">${content}</td>`;
export const numberCell = (content: string) =>
  html`<td class="utrecht-table__cell utrecht-table__cell--numeric">${content}</td>`;
export const headerCell = (content: string, numeric = false) =>
  html`<th class="utrecht-table__header-cell${numeric ? ' utrecht-table__header-cell--numeric' : ''}" scope="col">${content}</th>`;

/**
 * A table in its own horizontal scroll container: a wide table scrolls by itself instead of widening the
 * page (reflow at 320 px and at 400 % zoom, WCAG 1.4.10). Focusable, so it scrolls with the keyboard, and
 * named by the table's caption (`captionId`).
 */
export function scrollable(captionId: string, table: Html): Html {
  return html`<div class="rt-table-scroll" role="region" aria-labelledby="${captionId}" tabindex="0">${table}</div>`;
}

/** The address of a form's export (all rounds, or one round with `ronde`). */
export function exportUrl(formId: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return `/staf/formulieren/${encodeURIComponent(formId)}/export?${query}`;
}
