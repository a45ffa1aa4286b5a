import type { FieldError } from '../../../forms/definition.js';
import { errorSummary } from '../../../forms/render/form-page.js';
import { type Html, html } from '../../../forms/render/html.js';
import { layout, type PageContact } from '../../../forms/render/layout.js';

/**
 * The shell of every staff page (dashboard, round tasks, mail, contacts, audit trail): the NL Design System
 * layout of the forms, a bar with who is signed in and *Afmelden*, a way back, the notice of what just
 * happened, and the error summary (linking to each field) when a form came back. Pages put their own
 * content inside; see `components.ts` for the pieces and `functions/http/staff-actions.ts` for the posts.
 */

export interface SignedInStaff {
  /** E-mail address or subject. */
  readonly label: string;
  /** `Provincie Overijssel`, `Regionale Regietafel Vluchtelingen IJsselland`. */
  readonly roles: readonly string[];
  /** The secretariat(s) of their own region or province, named in the footer. */
  readonly contacts: readonly PageContact[];
}

export const staffOrganisation = 'Regietafel Vluchtelingen – dashboard';

export const staffFooter =
  'Dashboard voor de regietafel en de provincie. De cijfers komen uit de laatst ingezonden versie van iedere gemeente; concepten tellen niet mee.';

export function staffBar(staff: SignedInStaff): Html {
  return html`<div class="rt-staff-bar">
<p class="utrecht-paragraph">Aangemeld als <strong>${staff.label}</strong> (${staff.roles.join(', ')})</p>
<form method="post" action="/staf/afmelden"><button type="submit" class="utrecht-button utrecht-button--secondary-action">Afmelden</button></form>
</div>`;
}

export interface StaffPageOptions {
  readonly staff: SignedInStaff;
  /** The page's title (also its h1 unless the content has its own). */
  readonly title: string;
  /** The link back up, e.g. to the round. */
  readonly back?: { readonly href: string; readonly label: string };
  /** What just happened (after an action), shown at the top as a status message. */
  readonly notice?: string;
  /** Field errors of a form that came back: the summary links to each field. */
  readonly errors?: readonly FieldError[];
}

/** A staff page: the shell around `content` (which starts with its own h1). */
export function staffPage(options: StaffPageOptions, content: Html): Html {
  const errors = options.errors ?? [];
  return layout(
    {
      title: options.title,
      organisation: staffOrganisation,
      wide: true,
      footer: staffFooter,
      contacts: options.staff.contacts,
      question: 'Vragen over deze pagina?',
      hasErrors: errors.length > 0,
    },
    html`${staffBar(options.staff)}
${options.back ? html`<p class="utrecht-paragraph rt-back"><a class="utrecht-link utrecht-link--html-a" href="${options.back.href}">← ${options.back.label}</a></p>` : html``}
${options.notice ? html`<div class="utrecht-alert utrecht-alert--ok rt-notice" role="status"><p class="utrecht-paragraph">${options.notice}</p></div>` : html``}
${errorSummary(errors, 'in het formulier')}
${content}`,
  );
}
