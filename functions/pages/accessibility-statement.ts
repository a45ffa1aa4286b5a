import { formatDate } from '../../forms/format.js';
import { type Html, html } from '../../forms/render/html.js';
import { layout, type PageContact } from '../../forms/render/layout.js';

/**
 * The toegankelijkheidsverklaring (accessibility statement), in the sections of the government's model
 * (digitoegankelijk.nl): statement and scope, compliance status, how it was evaluated (method and date),
 * what is not yet accessible, the measures taken and planned, feedback, the enforcement procedure, and the
 * sign-off. The facts are data
 * here, so a new evaluation changes this object, not the page.
 */
export const accessibilityEvaluation = {
  /** The day the evaluation below was last run in full. */
  date: '2026-12-01',
  standard: 'WCAG 2.1 niveau A en AA (EN 301 549)',
  status: { code: 'C', label: 'eerste maatregelen genomen' },
  scope: [
    'de startpagina en deze verklaring',
    'de drie formulieren voor gemeenten (eigen bijdrage ontheemden uit Oekraïne, inventarisatie sociaal domein, voortgang opgaven), in elke toestand: leeg, met foutmeldingen, met toegevoegde en verwijderde regels, als concept opgeslagen, na de sluitingsdatum',
    'de controlepagina (‘Controleer uw antwoorden’) en de bevestigingspagina met alle versies',
    'de foutpagina’s (onbekend adres, ongeldige, verlopen of ingetrokken link)',
    'het dashboard voor medewerkers van de regietafels en de provincie, met de aanmeldpagina',
  ],
  method: [
    'Automatisch: axe-core 4.13 toetst elke paginatoestand die de browsertests in Chromium bezoeken op de regels van WCAG 2.1 A en AA. Dat gebeurt bij elke wijziging van de website.',
    'Met alleen het toetsenbord: elk formulier is van begin tot eind ingevuld, verstuurd en gewijzigd zonder muis, met zichtbare focus en een logische tabvolgorde.',
    'Zonder JavaScript: elk formulier werkt volledig zonder JavaScript (regels toevoegen en verwijderen, controleren, versturen).',
    'Herschikken (WCAG 1.4.10): de browsertests controleren op elke pagina die ze bezoeken dat er bij 320 pixels breed en bij 200 % zoom niet horizontaal gescrold hoeft te worden; schermafbeeldingen bij 320, 390 en 1280 pixels en bij 200 % zoom zijn bekeken.',
  ],
  /** What has been done and what is planned to reach and keep full compliance (the model's "Maatregelen"). */
  measures: [
    'Genomen: elke wijziging van de website gaat pas live als de browsertests slagen, met de toetsen hierboven.',
    'Genomen: de e-mails (bevestiging, uitnodiging, herinnering, overzicht) worden getoetst op een scherm van 600 en van 375 pixels breed.',
    'Gepland: een onderzoek door een onafhankelijke deskundige volgens WCAG-EM, en daarna de ondertekening van deze verklaring.',
  ],
} as const;

function list(items: readonly string[]): Html {
  return html`<ul class="utrecht-unordered-list">${items.map((item) => html`<li class="utrecht-unordered-list__item">${item}</li>`)}</ul>`;
}

/** @param contacts every secretariat of the registry: named in the footer, where feedback goes. */
export function renderAccessibilityStatement(contacts: readonly PageContact[] = []): Html {
  const evaluation = accessibilityEvaluation;
  const date = formatDate(evaluation.date);
  return layout(
    { title: 'Toegankelijkheidsverklaring', contacts, question: 'Vragen of feedback?' },
    html`<h1 class="utrecht-heading-1">Toegankelijkheidsverklaring</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">De regionale regietafels vluchtelingen en de provincie willen dat iedereen deze website kan gebruiken, ook mensen met een beperking. Daarom houden we ons aan de eisen voor digitale toegankelijkheid van de overheid.</p>

<h2 class="utrecht-heading-2">Verklaring</h2>
<p class="utrecht-paragraph">Deze website moet voldoen aan het Besluit digitale toegankelijkheid overheid: ${evaluation.standard}. Deze verklaring geldt voor:</p>
${list(evaluation.scope)}

<h2 class="utrecht-heading-2">Nalevingsstatus</h2>
<p class="utrecht-paragraph">Status ${evaluation.status.code}: ${evaluation.status.label}. We hebben de website zelf onderzocht (zie hieronder) en vonden daarbij geen afwijkingen van de eisen. Een volledig onderzoek door een onafhankelijke deskundige volgens de methode WCAG-EM is nog niet gedaan. Zodra dat er is, passen we deze verklaring en de status aan.</p>

<h2 class="utrecht-heading-2">Onderbouwing: hoe we de website onderzochten</h2>
<p class="utrecht-paragraph">Laatste onderzoek: ${date}, door het ontwikkelteam, met deze methode:</p>
${list(evaluation.method)}
<p class="utrecht-paragraph">Automatische tests vinden niet alle problemen. Daarom is ook met het toetsenbord, zonder JavaScript en op een smal scherm gewerkt.</p>

<h2 class="utrecht-heading-2">Nog niet toegankelijke onderdelen</h2>
<p class="utrecht-paragraph">Bij ons eigen onderzoek vonden we geen onderdelen die niet aan de eisen voldoen. Vindt u er toch een? Laat het ons weten, dan lossen we het op en zetten we het hier zolang in.</p>

<h2 class="utrecht-heading-2">Maatregelen</h2>
${list(evaluation.measures)}

<h2 class="utrecht-heading-2">Feedback en contactgegevens</h2>
<p class="utrecht-paragraph">Kunt u iets op deze website niet gebruiken, of heeft u een vraag of opmerking over de toegankelijkheid? Neem dan contact op met het secretariaat van uw regietafel (de adressen staan onderaan deze pagina). Noem de pagina en wat er niet lukte. We helpen u dan op een andere manier verder, bijvoorbeeld door uw antwoorden samen met u in te vullen.</p>

<h2 class="utrecht-heading-2">Handhavingsprocedure</h2>
<p class="utrecht-paragraph">Bent u niet tevreden over hoe wij met uw vraag of klacht zijn omgegaan, of hebben we niet op tijd gereageerd? Dan kunt u terecht bij de Nationale ombudsman: <a class="utrecht-link utrecht-link--html-a" href="https://www.nationaleombudsman.nl/">www.nationaleombudsman.nl</a>.</p>

<h2 class="utrecht-heading-2">Aanvullende informatie</h2>
<p class="utrecht-paragraph">De pagina’s gebruiken de componenten van NL Design System. U heeft geen JavaScript nodig om de formulieren in te vullen en te versturen.</p>

<h2 class="utrecht-heading-2">Akkoordverklaring</h2>
<p class="utrecht-paragraph">Deze verklaring is opgesteld op ${date} en is een eigen verklaring van het ontwikkelteam. Ze is nog niet ondertekend door een tekenbevoegde functionaris van de regietafel of de provincie.</p>`,
  );
}
