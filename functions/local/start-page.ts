import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatDateTime } from '../../forms/format.js';
import { dutchOrder } from '../../forms/order.js';
import { html } from '../../forms/render/html.js';
import { layout } from '../../forms/render/layout.js';
import { roundPhase } from '../core/form-context.js';
import { invitationLinks } from '../core/invitations.js';
import type { Municipality, Region, Round } from '../core/model.js';
import type { Clock, Ids, Mailer, Store } from '../core/ports.js';
import { contentSecurityPolicy } from '../http/responses.js';
import { localIdentityBase } from './local-identity.js';

/**
 * The local run's start page (`/_lokaal/`): every demo invitation link per round and municipality, the
 * staff sign-in, the mailbox and `npm run demo` — what `npm start` used to print as 112 lines. Served by
 * the local server only, next to the route table (like the Cognito and S3 stand-ins under `/_lokaal/`):
 * no route of the route table, so on AWS it does not exist.
 */

export const startPagePath = `${localIdentityBase}/`;

/** A short local address that leads to a municipality's invitation link (which is too long to print). */
export function exampleLinkPath(roundId: string, municipality: string): string {
  return `${localIdentityBase}/uitnodiging/${encodeURIComponent(roundId)}/${encodeURIComponent(municipality)}`;
}

export interface StartPageOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: Ids;
  /** The web mailbox of the SES emulator. */
  readonly mailboxUrl: string;
}

/** Showing links sends nothing. */
const noMail: Mailer = { send: () => Promise.reject(new Error('De startpagina verstuurt geen e-mail')) };

/** The rounds officials can submit to now (open, or past the deadline with late submissions allowed). */
export async function openRounds(deps: { store: Store; clock: Clock }): Promise<Round[]> {
  const now = deps.clock.now();
  return (await deps.store.listRounds())
    .filter((round) => ['open', 'late'].includes(roundPhase(round, now)))
    .sort((a, b) => dutchOrder(a.deadline, b.deadline) || dutchOrder(a.title, b.title));
}

interface RoundLinks {
  readonly round: Round;
  readonly regions: { region: Region; links: { municipality: Municipality; url: string }[] }[];
}

/**
 * A working link for every municipality of every open round: an existing valid invitation is reused,
 * otherwise one is recorded (as the staff's *Uitnodigen* would, without sending it).
 */
async function linksPerRound(
  options: StartPageOptions,
  baseUrl: string,
  onlyRound?: string,
): Promise<RoundLinks[]> {
  const deps = { store: options.store, clock: options.clock, ids: options.ids, mailer: noMail };
  const registry = await options.store.getRegistry();
  const result: RoundLinks[] = [];
  const rounds = (await openRounds(deps)).filter(
    (round) => onlyRound === undefined || round.id === onlyRound,
  );
  for (const round of rounds) {
    const links = await invitationLinks(deps, { roundId: round.id, baseUrl, actor: 'lokale startpagina' });
    result.push({
      round,
      regions: registry.regions
        .filter((region) => round.regions.includes(region.id))
        .map((region) => ({
          region,
          links: links.filter((link) => link.municipality.region === region.id),
        })),
    });
  }
  return result;
}

function startPage(rounds: readonly RoundLinks[], options: StartPageOptions): string {
  return layout(
    {
      title: 'Lokale startpagina',
      organisation: 'Regietafel Vluchtelingen – lokale ontwikkelomgeving',
      question: 'Vragen over de lokale omgeving?',
      footer: 'Zie README.md in de repository.',
    },
    html`<h1 class="utrecht-heading-1">Lokale startpagina</h1>
<div class="utrecht-alert utrecht-alert--info"><p class="utrecht-paragraph">Deze pagina bestaat alleen op deze computer (<code>npm start</code>). Op AWS is er geen <code>/_lokaal/</code>: daar krijgt elke gemeente haar link per e-mail.</p></div>
<h2 class="utrecht-heading-2">Voor de staf</h2>
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/staf/rondes">Dashboard van de staf</a>: u meldt zich aan op de lokale aanmeldpagina door een rol te kiezen (een regietafel of de provincie). Op AWS meldt u zich aan met e-mailadres, wachtwoord en een tweede factor.</p>
<p class="utrecht-paragraph">Een token voor scripts (8 uur geldig): <code>npm run admin -- staff-token --role provincie:overijssel</code>.</p>
<h2 class="utrecht-heading-2">Postvak</h2>
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="${options.mailboxUrl}/">Alle e-mail die de lokale omgeving verstuurt</a> (bevestigingen, overzichten, herinneringen, uitnodigingen).</p>
<p class="utrecht-paragraph">Demo-inzendingen van de gemeenten, de overzichten en de herinneringen: <code>npm run demo</code> in een tweede terminal.</p>
<h2 class="utrecht-heading-2">Uitnodigingslinks per ronde en gemeente</h2>
<p class="utrecht-paragraph">Elke link is de persoonlijke uitnodiging van één gemeente, precies zoals in de uitnodigingsmail: wie hem opent, vult het formulier in voor die gemeente. Tijden in Nederlandse tijd.</p>
${
  rounds.length === 0
    ? html`<p class="utrecht-paragraph">Er is nu geen open ronde. Open er een op het dashboard (<em>Nieuwe ronde</em>).</p>`
    : rounds.map(
        ({ round, regions }) => html`<section aria-labelledby="ronde-${round.id}">
<h3 class="utrecht-heading-3" id="ronde-${round.id}">${round.title}</h3>
<p class="utrecht-paragraph">Sluit ${formatDateTime(round.deadline)}${round.acceptsLate ? ' (daarna nog te laat in te zenden)' : ''}.</p>
${regions.map(
  ({ region, links }) => html`<h4 class="utrecht-heading-4">${region.name}</h4>
<ul class="utrecht-unordered-list">
${links.map(
  (link) =>
    html`<li class="utrecht-unordered-list__item"><a class="utrecht-link utrecht-link--html-a" href="${link.url}">${link.municipality.name}</a></li>`,
)}
</ul>`,
)}
</section>`,
      )
}`,
  ).value;
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body = '') {
  response.writeHead(status, {
    'cache-control': 'no-store',
    'content-security-policy': contentSecurityPolicy(),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(body);
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Handles `/_lokaal/` (the start page) and `/_lokaal/uitnodiging/{round}/{code}`; false for anything else. */
export function localStartPage(options: StartPageOptions) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    // Links as the person opened this page (localhost, not the 127.0.0.1 the server listens on).
    const baseUrl = `http://${request.headers.host ?? 'localhost'}`;
    if (url.pathname === startPagePath) {
      const page = startPage(await linksPerRound(options, baseUrl), options);
      send(
        response,
        200,
        { 'content-type': 'text/html; charset=utf-8' },
        request.method === 'HEAD' ? '' : page,
      );
      return true;
    }
    const example = /^\/_lokaal\/uitnodiging\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!example) return false;
    const [roundId, code] = [decoded(example[1]!), decoded(example[2]!)];
    const [round] = roundId ? await linksPerRound(options, baseUrl, roundId) : [];
    const link = round?.regions
      .flatMap((region) => region.links)
      .find((candidate) => candidate.municipality.code === code);
    if (!link) {
      send(
        response,
        404,
        { 'content-type': 'text/plain; charset=utf-8' },
        'Geen open ronde of gemeente met deze naam. Zie de startpagina: /_lokaal/',
      );
      return true;
    }
    send(response, 303, { location: link.url });
    return true;
  };
}
