import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from '../core/errors.js';

/** The largest body any route accepts. Forms are small; anything bigger is a mistake or an attack. */
export const maxBodyBytes = 64 * 1024;

export type ParsedBody = { kind: 'form'; params: URLSearchParams } | { kind: 'json'; value: unknown };

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return event.headers?.[name] ?? event.headers?.[name.toLowerCase()];
}

function mediaType(event: APIGatewayProxyEventV2): string {
  return (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Reads the body: size limit first (413), then by content type — a browser's form post or JSON (400 when
 * malformed); anything else is 415.
 */
export function readBody(event: APIGatewayProxyEventV2): ParsedBody {
  const bytes = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  if (bytes.length > maxBodyBytes) throw new PayloadTooLarge(maxBodyBytes);
  const type = mediaType(event);
  const text = bytes.toString('utf8');
  if (type === 'application/x-www-form-urlencoded')
    return { kind: 'form', params: new URLSearchParams(text) };
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch {
      throw new BadRequest(
        'De inhoud is geen geldige JSON. Controleer haakjes, aanhalingstekens en komma’s.',
      );
    }
  }
  throw new UnsupportedMediaType();
}

/**
 * Whether to answer with JSON: JSON bodies and clients that ask for JSON (fetch, API) get JSON; a browser
 * (form post, page request) gets a page.
 */
export function wantsJson(event: APIGatewayProxyEventV2): boolean {
  if (mediaType(event) === 'application/x-www-form-urlencoded') return false;
  if (mediaType(event).includes('json')) return true;
  const accept = header(event, 'accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * Whether a person's browser asks for a page (staff pages answer HTML then, and JSON to scripts, which is
 * the default for anything that does not ask for HTML).
 */
export function wantsPage(event: APIGatewayProxyEventV2): boolean {
  return (header(event, 'accept') ?? '').includes('text/html');
}

/** The token of an `Authorization: Bearer …` header. */
export function bearer(event: APIGatewayProxyEventV2): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header(event, 'authorization') ?? '');
  return match?.[1];
}

/** A cookie's value (API Gateway payload 2.0 passes cookies as `name=value` entries). */
export function cookie(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const entry of event.cookies ?? []) {
    const index = entry.indexOf('=');
    if (index > 0 && entry.slice(0, index).trim() === name) return entry.slice(index + 1).trim();
  }
  return undefined;
}

/**
 * The public origin of the request, for absolute links in emails. Behind CloudFront a viewer-request
 * function copies the viewer's host into `x-forwarded-host`; locally the server sets it.
 */
export function requestOrigin(event: APIGatewayProxyEventV2): string | undefined {
  const host = header(event, 'x-forwarded-host') ?? header(event, 'host');
  if (!host) return undefined;
  const proto = header(event, 'x-forwarded-proto') ?? 'https';
  return `${proto}://${host}`;
}
