import { scriptPath } from '../static/build/script.js';
import { stylesheetPath } from '../static/build/stylesheet.js';
import { type Html, html } from './html.js';

/** A secretariat people can turn to, as the footer of a page and an email names it. */
export interface PageContact {
  /** Whose secretariat: `Regionale Regietafel Vluchtelingen IJsselland`, `Provincie Overijssel`. */
  readonly organisation: string;
  /** A person or a desk. */
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
}

/**
 * The organisation after `het secretariaat van`: `de Regionale Regietafel Vluchtelingen IJsselland`, `de
 * Provincie Overijssel`; a name that starts with its own article keeps it.
 */
export function secretariatOf(organisation: string): string {
  return `het secretariaat van ${/^(de|het)\s/i.test(organisation) ? organisation : `de ${organisation}`}`;
}

/**
 * The tab's icon, in the page itself (a small square in the header's blue; CSP allows `data:` images): a
 * browser asks for /favicon.ico otherwise, which no route answers, and logs a 404 on every page.
 */
const favicon =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23154273'/%3E%3C/svg%3E";

/** `038 000 00 01` → `tel:+31380000001`; `+31 6 …` stays international. */
export function telephoneHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `tel:${digits}`;
  if (digits.startsWith('00')) return `tel:+${digits.slice(2)}`;
  return `tel:${digits.startsWith('0') ? `+31${digits.slice(1)}` : digits}`;
}

function contactDetails(contact: PageContact): Html {
  return html`${contact.name}, <a class="utrecht-link utrecht-link--html-a" href="mailto:${contact.email}">${contact.email}</a>${contact.phone ? html`, telefoon <a class="utrecht-link utrecht-link--html-a rt-phone" href="${telephoneHref(contact.phone)}">${contact.phone}</a>` : html``}`;
}

/**
 * Who to ask, by name: one secretariat when the page is about one region (a form, a region's staff page),
 * else every secretariat there is (a page reached without a link, an error before we know whose it is).
 */
export function contactFooter(contacts: readonly PageContact[], question: string): Html {
  if (contacts.length === 1) {
    const [contact] = contacts as [PageContact];
    return html`<p class="utrecht-paragraph">${question} Neem contact op met ${secretariatOf(contact.organisation)}:</p>
<address class="rt-contact">${contactDetails(contact)}</address>`;
  }
  return html`<p class="utrecht-paragraph">${question} Neem contact op met het secretariaat van uw regietafel:</p>
<ul class="utrecht-unordered-list rt-contact-list">${contacts.map(
    (contact) =>
      html`<li class="utrecht-unordered-list__item"><address class="rt-contact">${contact.organisation}: ${contactDetails(contact)}</address></li>`,
  )}</ul>`;
}

/**
 * The page shell every screen shares: the one stylesheet (NL Design System theme and components, purged
 * and hashed: forms/stylesheet.ts), skip link, header, main, footer.
 */
export interface LayoutOptions {
  readonly title: string;
  /** Shown in the header, e.g. `Regionale Regietafel Vluchtelingen IJsselland`. */
  readonly organisation?: string;
  readonly hasErrors?: boolean;
  /** Wider page for tables (the staff dashboard). */
  readonly wide?: boolean;
  /** A line about the page in the footer (staff pages), above the contact. */
  readonly footer?: string;
  /** The secretariat(s) to ask, from the registry: named in the footer of every page. */
  readonly contacts?: readonly PageContact[];
  /** The question the contact answers. @default `Vragen over dit formulier?` */
  readonly question?: string;
}

export function layout(options: LayoutOptions, content: Html): Html {
  const organisation = options.organisation ?? 'Regietafel Vluchtelingen';
  const title = `${options.hasErrors ? 'Fout: ' : ''}${options.title} – ${organisation}`;
  return html`<!doctype html>
<html lang="nl" class="utrecht-document">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="icon" href="${favicon}">
<link rel="stylesheet" href="${stylesheetPath}">
<script type="module" src="${scriptPath}"></script>
</head>
<body class="voorbeeld-theme utrecht-page-body utrecht-body">
<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">Direct naar de inhoud</a>
<div class="utrecht-page rt-page${options.wide ? ' rt-page--wide' : ''}">
<header class="utrecht-page-header rt-header"><p class="rt-brand">${organisation}</p></header>
<main id="inhoud" class="utrecht-page-content rt-main" tabindex="-1">
${content}
</main>
<footer class="utrecht-page-footer rt-footer">
${options.footer ? html`<p class="utrecht-paragraph">${options.footer}</p>` : html``}
${
  options.contacts && options.contacts.length > 0
    ? contactFooter(options.contacts, options.question ?? 'Vragen over dit formulier?')
    : html`<p class="utrecht-paragraph">${options.question ?? 'Vragen over dit formulier?'} Neem contact op met het secretariaat van uw regietafel.</p>`
}
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/toegankelijkheid">Toegankelijkheidsverklaring</a></p>
</footer>
</div>
</body>
</html>`;
}

/** A simple Dutch message page (not found, closed, server error) in the same shell. */
export function messagePage(options: {
  title: string;
  message: string;
  organisation?: string;
  status?: number;
  contacts?: readonly PageContact[];
}): Html {
  return layout(
    {
      title: options.title,
      organisation: options.organisation,
      contacts: options.contacts,
      question: 'Vragen?',
    },
    html`<h1 class="utrecht-heading-1">${options.title}</h1>
<p class="utrecht-paragraph">${options.message}</p>
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/">Naar de startpagina</a></p>`,
  );
}
