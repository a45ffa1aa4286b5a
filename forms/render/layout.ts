import { stylesheetPath } from '../static/build/stylesheet.js';
import { type Html, html } from './html.js';

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
  /** The line in the footer. @default the question line for officials filling in a form */
  readonly footer?: string;
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
<link rel="stylesheet" href="${stylesheetPath}">
</head>
<body class="voorbeeld-theme utrecht-page-body utrecht-body">
<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">Direct naar de inhoud</a>
<div class="utrecht-page rt-page${options.wide ? ' rt-page--wide' : ''}">
<header class="utrecht-page-header rt-header"><p class="rt-brand">${organisation}</p></header>
<main id="inhoud" class="utrecht-page-content rt-main" tabindex="-1">
${content}
</main>
<footer class="utrecht-page-footer rt-footer">
<p class="utrecht-paragraph">${options.footer ?? 'Vragen over dit formulier? Neem contact op met het secretariaat van de regietafel.'}</p>
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
}): Html {
  return layout(
    { title: options.title, organisation: options.organisation },
    html`<h1 class="utrecht-heading-1">${options.title}</h1>
<p class="utrecht-paragraph">${options.message}</p>
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/">Naar de startpagina</a></p>`,
  );
}
