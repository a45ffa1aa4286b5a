import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { html } from '../../forms/render/html.js';
import { layout, type PageContact } from '../../forms/render/layout.js';
import { localDownloadPath, verifyLocalDownload } from '../adapters/local-export-files.js';
import { attachmentDisposition } from '../core/export-delivery.js';
import type { StaffIssuer } from './staff-issuer.js';

/**
 * The local run's stand-ins for what AWS provides outside our code, under `/_lokaal/`:
 * - Cognito's hosted UI and token endpoint (`/_lokaal/oauth2/authorize`, `/oauth2/token`, `/logout`) with
 *   the authorization-code flow and PKCE checked as Cognito does; instead of a password and MFA the page
 *   lets you pick a staff role (it is a development machine);
 * - the user pool's public keys (`/_lokaal/.well-known/jwks.json`);
 * - S3's pre-signed downloads of exports (`/_lokaal/downloads/…`, signed links from LocalExportFiles).
 * The staff handlers talk to these exactly as they talk to Cognito and S3 on AWS.
 */

export const localIdentityBase = '/_lokaal';

export interface StaffRoleChoice {
  readonly role: string;
  readonly label: string;
}

export interface LocalIdentityOptions {
  readonly issuer: StaffIssuer;
  /** The roles to offer on the sign-in page (from the registry). */
  readonly roles: () => Promise<readonly StaffRoleChoice[]>;
  /** The secretariats of the registry, named in the sign-in page's footer as on every other page. */
  readonly contacts?: () => Promise<readonly PageContact[]>;
  readonly exports?: { readonly directory: string; readonly secret: string };
}

interface PendingCode {
  readonly role: string;
  readonly email: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly expires: number;
}

/**
 * Whether a redirect target is this local server: same port, and a loopback name (people open
 * `localhost`, the server listens on `127.0.0.1`). Like Cognito's registered callback and logout URLs.
 */
function onThisServer(target: string, requestHost: string): boolean {
  try {
    const url = new URL(target);
    const here = new URL(`http://${requestHost}`);
    const loopback = ['localhost', '127.0.0.1', '[::1]', here.hostname];
    return url.protocol === 'http:' && url.port === here.port && loopback.includes(url.hostname);
  } catch {
    return false;
  }
}

function send(response: ServerResponse, status: number, type: string, body: string, headers = {}) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(body);
}

function signInPage(
  params: URLSearchParams,
  roles: readonly StaffRoleChoice[],
  contacts: readonly PageContact[],
): string {
  const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method'];
  return layout(
    {
      title: 'Aanmelden (lokaal)',
      organisation: 'Regietafel Vluchtelingen – lokale ontwikkelomgeving',
      contacts,
      question: 'Vragen over het aanmelden?',
    },
    html`<h1 class="utrecht-heading-1">Aanmelden als medewerker</h1>
<p class="utrecht-paragraph">Dit is de lokale vervanger van de aanmeldpagina (Cognito). Op AWS meldt u zich hier aan met e-mailadres, wachtwoord en een tweede factor; lokaal kiest u alleen de rol.</p>
<form method="post" action="${localIdentityBase}/oauth2/authorize" class="utrecht-form">
${hidden.map((name) => html`<input type="hidden" name="${name}" value="${params.get(name) ?? ''}">`)}
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Rol</legend>
${roles.map(
  (choice, index) => html`<div class="utrecht-form-field utrecht-form-field--radio">
<input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="role" id="rol-${index}" value="${choice.role}"${index === 0 ? html` checked` : html``}>
<label class="utrecht-form-label utrecht-form-label--radio" for="rol-${index}">${choice.label}</label>
</div>`,
)}
</fieldset>
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="email">E-mailadres</label>
<input class="utrecht-textbox utrecht-textbox--html-input" type="email" id="email" name="email" value="medewerker@regietafel.example" autocomplete="email">
</div>
<p class="utrecht-paragraph"><button type="submit" class="utrecht-button utrecht-button--primary-action">Aanmelden</button></p>
</form>`,
  ).value;
}

/** Handles a request under `/_lokaal/`; false when it is not one of ours. */
export function localIdentity(options: LocalIdentityOptions) {
  const codes = new Map<string, PendingCode>();
  return async (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    body: Buffer,
  ): Promise<boolean> => {
    if (!url.pathname.startsWith(`${localIdentityBase}/`)) return false;
    const route = url.pathname.slice(localIdentityBase.length);
    const host = request.headers.host ?? 'localhost';
    const method = request.method ?? 'GET';

    if (route === '/.well-known/jwks.json' && method === 'GET') {
      send(response, 200, 'application/json', JSON.stringify(options.issuer.jwks));
      return true;
    }
    if (route === '/oauth2/authorize' && method === 'GET') {
      const params = url.searchParams;
      if (
        params.get('client_id') !== options.issuer.audience ||
        params.get('code_challenge_method') !== 'S256'
      ) {
        send(response, 400, 'text/plain; charset=utf-8', 'Onbekende app-client of geen PKCE (S256).');
        return true;
      }
      send(
        response,
        200,
        'text/html; charset=utf-8',
        signInPage(params, await options.roles(), (await options.contacts?.()) ?? []),
      );
      return true;
    }
    if (route === '/oauth2/authorize' && method === 'POST') {
      const form = new URLSearchParams(body.toString('utf8'));
      const redirectUri = form.get('redirect_uri') ?? '';
      const role = form.get('role') ?? '';
      const allowed = (await options.roles()).some((choice) => choice.role === role);
      const callback =
        onThisServer(redirectUri, host) && new URL(redirectUri).pathname === '/staf/inloggen/terug';
      if (!callback || !allowed || !form.get('code_challenge')) {
        send(response, 400, 'text/plain; charset=utf-8', 'Ongeldige aanmelding.');
        return true;
      }
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        role,
        email: form.get('email') || 'medewerker@regietafel.example',
        redirectUri,
        challenge: form.get('code_challenge')!,
        expires: Date.now() + 5 * 60 * 1000,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', form.get('state') ?? '');
      response.writeHead(302, { location: back.href });
      response.end();
      return true;
    }
    if (route === '/oauth2/token' && method === 'POST') {
      const form = new URLSearchParams(body.toString('utf8'));
      const pending = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (
        !pending ||
        pending.expires < Date.now() ||
        form.get('grant_type') !== 'authorization_code' ||
        form.get('client_id') !== options.issuer.audience ||
        form.get('redirect_uri') !== pending.redirectUri ||
        challenge !== pending.challenge
      ) {
        send(response, 400, 'application/json', JSON.stringify({ error: 'invalid_grant' }));
        return true;
      }
      const idToken = await options.issuer.mint({
        roles: [pending.role],
        email: pending.email,
        expiresIn: '8h',
      });
      send(
        response,
        200,
        'application/json',
        JSON.stringify({ id_token: idToken, token_type: 'Bearer', expires_in: 8 * 3600 }),
      );
      return true;
    }
    if (route === '/logout' && method === 'GET') {
      const target = url.searchParams.get('logout_uri') ?? '/';
      response.writeHead(302, { location: onThisServer(target, host) ? target : '/' });
      response.end();
      return true;
    }
    if (url.pathname.startsWith(localDownloadPath) && method === 'GET' && options.exports) {
      const download = verifyLocalDownload(
        options.exports.directory,
        options.exports.secret,
        url,
        new Date(),
      );
      const info = download ? await stat(download.file).catch(() => undefined) : undefined;
      if (!download || !info?.isFile()) {
        send(response, 403, 'text/plain; charset=utf-8', 'Deze downloadlink is verlopen of ongeldig.');
        return true;
      }
      response.writeHead(200, {
        'content-type': download.contentType,
        'content-length': String(info.size),
        'content-disposition': attachmentDisposition(download.filename),
        'cache-control': 'no-store',
      });
      // A file that disappears mid-way ends the answer; it never takes the local server down.
      pipeline(createReadStream(download.file), response).catch(() => response.destroy());
      return true;
    }
    return false;
  };
}
