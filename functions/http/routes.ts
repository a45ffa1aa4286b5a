/**
 * The one route table. Plain data: the CDK app builds API Gateway routes, Lambdas and IAM grants from it,
 * the local server mounts it, and the tests walk it. A route cannot exist in one place and not another.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The path of the catch-all route: every request no other route matches (API Gateway's `$default` route;
 * the local server does the same). It answers with any method.
 */
export const catchAllPath = '$default';

/** What a route's Lambda may touch; the CDK app turns this into least-privilege grants. */
export interface RouteAccess {
  /** DynamoDB access to the one table. */
  readonly table: 'none' | 'read' | 'readWrite';
  /** Whether the handler sends email through SES (ses:SendEmail/SendRawEmail on the configured identity). */
  readonly sendsMail: boolean;
  /** Writes big exports to the export bucket and signs links to them (s3:PutObject/GetObject there). */
  readonly exportFiles?: boolean;
}

export interface RouteDefinition {
  /** Stable id; also the Lambda's logical name. kebab-case. */
  readonly id: string;
  /** `ANY` only for the catch-all route. */
  readonly method: HttpMethod | 'ANY';
  /** API Gateway path syntax: `{name}` for a path parameter; `$default` for the catch-all route. */
  readonly path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /**
   * Who may call it:
   * - `public`: anyone (no data behind it, or the handler verifies what it needs, like an invitation code);
   * - `municipality`: an official with a valid invitation link (session cookie or Bearer token, verified in
   *   the handler; the policy then checks municipality and round);
   * - `staff`: a staff ID token with `regietafel:<region>` or `provincie:<province>` groups, from the sign-in
   *   cookie or a Bearer header, verified in the handler against the identity provider's keys (Cognito on
   *   AWS, the local stand-in locally; see staff-session.ts). Every route under `/staf` gets the staff
   *   identity settings.
   */
  readonly auth: 'public' | 'municipality' | 'staff';
  readonly access: RouteAccess;
  /** One line for the README and the docs. */
  readonly description: string;
}

export const routes: readonly RouteDefinition[] = [
  {
    id: 'landing-page',
    method: 'GET',
    path: '/',
    entry: 'functions/http/handlers/landing-page.ts',
    auth: 'public',
    access: { table: 'read', sendsMail: false },
    description:
      'Startpagina: uitleg voor wie zonder uitnodigingslink binnenkomt, met het contact van elk secretariaat.',
  },
  {
    id: 'accessibility-statement',
    method: 'GET',
    path: '/toegankelijkheid',
    entry: 'functions/http/handlers/accessibility-statement.ts',
    auth: 'public',
    access: { table: 'read', sendsMail: false },
    description:
      'Toegankelijkheidsverklaring (volgens het model van digitoegankelijk.nl), gelinkt vanuit elke footer.',
  },
  {
    id: 'open-invitation',
    method: 'GET',
    path: '/uitnodiging',
    entry: 'functions/http/handlers/open-invitation.ts',
    auth: 'public',
    access: { table: 'readWrite', sendsMail: false },
    description:
      'Opent een uitnodigingslink (?code=…): controleert de code, noteert de eerste keer openen, zet een sessiecookie voor de ronde en stuurt door naar het formulier.',
  },
  {
    id: 'show-form',
    method: 'GET',
    path: '/formulieren/{formId}/{roundId}/{municipality}',
    entry: 'functions/http/handlers/show-form.ts',
    auth: 'municipality',
    access: { table: 'read', sendsMail: false },
    description:
      'Het formulier van een ronde voor één gemeente (HTML); ?controleer=1: het concept met zijn fouten (na ‘Controleren’).',
  },
  {
    id: 'submit-form',
    method: 'POST',
    path: '/formulieren/{formId}/{roundId}/{municipality}',
    entry: 'functions/http/handlers/submit-form.ts',
    auth: 'municipality',
    access: { table: 'readWrite', sendsMail: true },
    description:
      'Inzenden (formulier-POST of JSON): valideren, versie opslaan, bevestigingsmail. ‘Controleren’ (en fouten bij ‘Versturen’) bewaart de invoer als concept en stuurt door (303) naar de controlepagina of het formulier met de fouten. Ook rijen toevoegen/verwijderen zonder JavaScript.',
  },
  {
    id: 'show-check-page',
    method: 'GET',
    path: '/formulieren/{formId}/{roundId}/{municipality}/controleren',
    entry: 'functions/http/handlers/show-check-page.ts',
    auth: 'municipality',
    access: { table: 'read', sendsMail: false },
    description:
      'Controlepagina van het concept (na ‘Controleren’, post/redirect/get: herladen, terug en vooruit zonder opnieuw versturen; ?inzending=… houdt de inzending eenmalig); fouten: terug naar het formulier (?controleer=1).',
  },
  {
    id: 'show-confirmation',
    method: 'GET',
    path: '/formulieren/{formId}/{roundId}/{municipality}/bevestiging',
    entry: 'functions/http/handlers/show-confirmation.ts',
    auth: 'municipality',
    access: { table: 'read', sendsMail: false },
    description: 'Bevestigingspagina met de ingezonden antwoorden (huidige versie).',
  },
  {
    id: 'staff-sign-in',
    method: 'GET',
    path: '/staf/inloggen',
    entry: 'functions/http/handlers/staff-sign-in.ts',
    auth: 'public',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: aanmelden (?terug=/staf/…): stuurt door naar de aanmeldpagina (Cognito; lokaal de vervanger) met PKCE.',
  },
  {
    id: 'staff-sign-in-callback',
    method: 'GET',
    path: '/staf/inloggen/terug',
    entry: 'functions/http/handlers/staff-sign-in-callback.ts',
    auth: 'public',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: terug van de aanmeldpagina: wisselt de code in voor een ID-token, zet het stafcookie en gaat door naar de pagina.',
  },
  {
    id: 'staff-sign-out',
    method: 'POST',
    path: '/staf/afmelden',
    entry: 'functions/http/handlers/staff-sign-out.ts',
    auth: 'public',
    access: { table: 'read', sendsMail: false },
    description: 'Staf: afmelden (cookie weg, sessie bij de aanmeldpagina beëindigd).',
  },
  {
    id: 'list-rounds',
    method: 'GET',
    path: '/staf/rondes',
    entry: 'functions/http/handlers/list-rounds.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: het dashboard — de rondes met sluitingsdatum en voortgang, voor de eigen regio of provincie (HTML; JSON voor scripts).',
  },
  {
    id: 'new-round',
    method: 'GET',
    path: '/staf/nieuwe-ronde',
    entry: 'functions/http/handlers/new-round.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: een nieuwe ronde openen — het formulier (formulier, peildatum, sluitingsdatum, regio’s…); ?stap=…: de controlestap na het formulier.',
  },
  {
    id: 'new-round-actions',
    method: 'POST',
    path: '/staf/nieuwe-ronde',
    entry: 'functions/http/handlers/new-round-actions.ts',
    auth: 'staff',
    access: { table: 'readWrite', sendsMail: true },
    description:
      'Staf: _action = controleren (controlepagina), wijzigen (terug naar het formulier), openen (ronde aanmaken, eventueel meteen uitnodigen).',
  },
  {
    id: 'round-status',
    method: 'GET',
    path: '/staf/rondes/{roundId}',
    entry: 'functions/http/handlers/round-status.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: een ronde — per gemeente ingezonden / alleen concept / niets, voortgang t.o.v. het aandeel, exports en overzichten (HTML; JSON voor scripts).',
  },
  {
    id: 'submission',
    method: 'GET',
    path: '/staf/rondes/{roundId}/gemeenten/{municipality}',
    entry: 'functions/http/handlers/submission.ts',
    auth: 'staff',
    // Read-only for the person; every view is written to the audit trail.
    access: { table: 'readWrite', sendsMail: false },
    description:
      'Staf: de inzending van één gemeente, alleen lezen — huidige antwoorden, waarschuwingen, concept, alle versies met wat er veranderde (elke keer bekijken staat in het logboek).',
  },
  {
    id: 'places',
    method: 'GET',
    path: '/staf/rondes/{roundId}/plaatsen',
    entry: 'functions/http/handlers/places.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: plaatsen beschikbaar in een periode (?van=1-7-2025&tot=1-2-2026; standaard die van de Spreidingswet) — gegarandeerd en inclusief voornemens, als deel van de taak, per regio, provincie, gemeente en locatie (HTML; JSON voor scripts).',
  },
  {
    id: 'places-export',
    method: 'GET',
    path: '/staf/rondes/{roundId}/plaatsen/export',
    entry: 'functions/http/handlers/places-export.ts',
    auth: 'staff',
    // Every download is written to the audit trail.
    access: { table: 'readWrite', sendsMail: false },
    description:
      'Staf: plaatsen beschikbaar als CSV (?van=…&tot=…&tabel=gebieden|locaties&dialect=excel-nl|rfc4180).',
  },
  {
    id: 'change-round',
    method: 'GET',
    path: '/staf/rondes/{roundId}/wijzigen',
    entry: 'functions/http/handlers/change-round.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: de sluitingsdatum verplaatsen, de ronde nu sluiten of heropenen (voor wie alle regio’s van de ronde heeft); ?stap=…: de controlestap na het formulier.',
  },
  {
    id: 'change-round-actions',
    method: 'POST',
    path: '/staf/rondes/{roundId}/wijzigen',
    entry: 'functions/http/handlers/change-round-actions.ts',
    auth: 'staff',
    access: { table: 'readWrite', sendsMail: false },
    description:
      'Staf: _action = deadline-controleren / deadline-wijzigen, sluiten-controleren / sluiten, heropenen-controleren / heropenen, terug. Links en herinneringen volgen de datum.',
  },
  {
    id: 'invitations',
    method: 'GET',
    path: '/staf/rondes/{roundId}/uitnodigingen',
    entry: 'functions/http/handlers/invitations.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: de uitnodigingen van een ronde — per gemeente adressen, verstuurd, link eerst geopend, stand van de inzending; ?stap=…: wie wat krijgt, na het formulier.',
  },
  {
    id: 'invitation-actions',
    method: 'POST',
    path: '/staf/rondes/{roundId}/uitnodigingen',
    entry: 'functions/http/handlers/invitation-actions.ts',
    auth: 'staff',
    access: { table: 'readWrite', sendsMail: true },
    description:
      'Staf: _action = alle-/een-/opnieuw-/vervangen-controleren (wie krijgt wat) en alle-versturen, een-versturen, opnieuw-versturen, vervangen (oude link meteen ongeldig, nieuwe gemaild).',
  },
  {
    id: 'reminders',
    method: 'GET',
    path: '/staf/rondes/{roundId}/herinneringen',
    entry: 'functions/http/handlers/reminders.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: herinneren — wie nog niet heeft ingezonden, en wanneer de automatische herinnering gaat; ?stap=voorbeeld: de e-mail en wie hem krijgt.',
  },
  {
    id: 'reminder-actions',
    method: 'POST',
    path: '/staf/rondes/{roundId}/herinneringen',
    entry: 'functions/http/handlers/reminder-actions.ts',
    auth: 'staff',
    access: { table: 'readWrite', sendsMail: true },
    description:
      'Staf: _action = voorbeeld (de e-mail en de ontvangers, niets verstuurd) en versturen (eenmaal per verzoek).',
  },
  {
    id: 'mail',
    method: 'GET',
    path: '/staf/mail',
    entry: 'functions/http/handlers/mail.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: e-mail van de eigen regio of provincie die wacht, die mislukte (ontvanger, onderwerp, reden, pogingen) of die niet aankwam, en de laatst verstuurde met per ontvanger de aankomst (aangekomen, onbestelbaar, spam; reden en tijd).',
  },
  {
    id: 'mail-actions',
    method: 'POST',
    path: '/staf/mail',
    entry: 'functions/http/handlers/mail-actions.ts',
    auth: 'staff',
    access: { table: 'readWrite', sendsMail: true },
    description:
      'Staf: _action = controleren (één e-mail), alle-controleren (alle mislukte), versturen (opnieuw, eenmaal per verzoek).',
  },
  {
    id: 'targets',
    method: 'GET',
    path: '/staf/taakstellingen',
    entry: 'functions/http/handlers/targets.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: de gepubliceerde taakstellingen — per cyclus de provinciale taak en de aandelen (per regio en gemeente, tegenover de taak), per halfjaar de taakstelling statushouders, alle versies; ?inlezen=spreiding|huisvesting: het formulier om ze in te lezen (alleen de provincie).',
  },
  {
    id: 'targets-actions',
    method: 'POST',
    path: '/staf/taakstellingen',
    entry: 'functions/http/handlers/targets-actions.ts',
    auth: 'staff',
    access: { table: 'readWrite', sendsMail: false },
    description:
      'Staf (provincie): _action = controleren (CSV-bestand of geplakte regels: controlepagina met de som tegenover de provinciale taak en wat verandert; niets opgeslagen), wijzigen (terug naar het formulier), publiceren (nieuwe versie, in het logboek; eenmaal per verzoek).',
  },
  {
    id: 'export',
    method: 'GET',
    path: '/staf/formulieren/{formId}/export',
    entry: 'functions/http/handlers/export.ts',
    auth: 'staff',
    access: { table: 'readWrite', sendsMail: false, exportFiles: true },
    description:
      'Staf: export als CSV of XLSX (?ronde=…&tabel=gemeenten|<lijst>|waarschuwingen&versies=huidige|alle&dialect=excel-nl|rfc4180&formaat=csv|xlsx&kop=nl|sleutel&waarden=code|label); groot: 303 naar een ondertekende link.',
  },
  {
    id: 'preview-summary',
    method: 'GET',
    path: '/staf/rondes/{roundId}/overzicht',
    entry: 'functions/http/handlers/preview-summary.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: het overzicht zoals het gemaild wordt (?scope=region:ijsselland of province:overijssel), zonder te versturen.',
  },
  {
    id: 'send-summary',
    method: 'POST',
    path: '/staf/rondes/{roundId}/overzicht',
    entry: 'functions/http/handlers/send-summary.ts',
    auth: 'staff',
    access: { table: 'readWrite', sendsMail: true },
    description:
      'Staf: verstuur het overzicht nu naar de regietafel of de provincie (eenmaal per verzoek-id).',
  },
  {
    id: 'audit-trail',
    method: 'GET',
    path: '/staf/rondes/{roundId}/logboek',
    entry: 'functions/http/handlers/audit-trail.ts',
    auth: 'staff',
    // The CSV download is itself a line in the trail.
    access: { table: 'readWrite', sendsMail: false },
    description:
      'Staf: het logboek van een ronde (?gemeente=GM0193&actie=…), nieuwste eerst; &formaat=csv[&dialect=rfc4180] als download (HTML; JSON voor scripts).',
  },
  {
    id: 'contacts',
    method: 'GET',
    path: '/staf/contacten',
    entry: 'functions/http/handlers/contacts.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: contacten en adressen — secretariaat en ontvangers van het overzicht per regio en provincie, adressen per gemeente — met de laatste wijzigingen.',
  },
  {
    id: 'edit-contact',
    method: 'GET',
    path: '/staf/contacten/{soort}/{id}',
    entry: 'functions/http/handlers/edit-contact.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description:
      'Staf: het formulier om de contactgegevens van een gemeente (gemeente/GM0193), regio (regio/ijsselland) of provincie te wijzigen.',
  },
  {
    id: 'change-contact',
    method: 'POST',
    path: '/staf/contacten/{soort}/{id}',
    entry: 'functions/http/handlers/change-contact.ts',
    auth: 'staff',
    access: { table: 'readWrite', sendsMail: false },
    description:
      'Staf: _action=controleren (controlepagina: was → wordt), wijzigen (terug), opslaan (over de getoonde revisie, in het logboek).',
  },
  {
    id: 'registry-import-form',
    method: 'GET',
    path: '/staf/contacten/gemeentelijst',
    entry: 'functions/http/handlers/registry-import-form.ts',
    auth: 'staff',
    access: { table: 'read', sendsMail: false },
    description: 'Staf (provincie): een gemeentelijst (code;naam;provincie;regio) uploaden of plakken.',
  },
  {
    id: 'registry-import',
    method: 'POST',
    path: '/staf/contacten/gemeentelijst',
    entry: 'functions/http/handlers/registry-import.ts',
    auth: 'staff',
    access: { table: 'readWrite', sendsMail: false },
    description:
      'Staf (provincie): _action=controleren (wat er verandert, ook voor de rondes; fouten per regel), wijzigen, doorvoeren (herindeling, nieuwe gemeente of regio).',
  },
  {
    id: 'not-found',
    method: 'ANY',
    path: catchAllPath,
    entry: 'functions/http/handlers/not-found.ts',
    auth: 'public',
    access: { table: 'read', sendsMail: false },
    description:
      'Elk ander adres: 404 met een Nederlandse pagina (of JSON voor scripts) in plaats van API Gateways eigen antwoord.',
  },
];

export function isCatchAll(route: RouteDefinition): boolean {
  return route.path === catchAllPath;
}

/** The API Gateway route key of a route (`GET /path`, or `$default` for the catch-all). */
export function routeKeyOf(route: RouteDefinition): string {
  return isCatchAll(route) ? catchAllPath : `${route.method} ${route.path}`;
}

/**
 * Answers every method a path does not define with 405. On AWS an `ANY` route per path points at it
 * (HTTP API prefers an exact method match over ANY); the local server does the same.
 */
export const methodNotAllowedEntry = 'functions/http/handlers/method-not-allowed.ts';

/** The distinct paths of the route table (not the catch-all), each with the methods it allows. */
export function pathsWithMethods(table: readonly RouteDefinition[] = routes): Map<string, HttpMethod[]> {
  const paths = new Map<string, HttpMethod[]>();
  for (const route of table) {
    if (route.method === 'ANY') continue;
    paths.set(route.path, [...(paths.get(route.path) ?? []), route.method]);
  }
  return paths;
}

/** Matches a concrete path against a route path; returns the path parameters or undefined. */
export function matchPath(routePath: string, actualPath: string): Record<string, string> | undefined {
  if (routePath === catchAllPath) return undefined;
  const want = routePath.split('/').filter(Boolean);
  const got = actualPath.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i]!;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      params[segment.slice(1, -1)] = decodeURIComponent(actual);
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}
