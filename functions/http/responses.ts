import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Html } from '../../forms/render/html.js';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
};

/**
 * The Content-Security-Policy of our pages: only our own assets, no inline scripts or styles, forms post
 * only to us (plus `formActions`: a form whose answer redirects elsewhere, like signing out at Cognito,
 * needs that origin here too — browsers apply form-action to the redirect), nobody may frame us.
 */
export function contentSecurityPolicy(formActions: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action ${["'self'", ...formActions].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function htmlResponse(
  statusCode: number,
  page: Html,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: page.value,
  };
}

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * A cookie of ours: HttpOnly (no script reads it), SameSite=Lax (sent when a person follows a link, not on
 * other sites' posts), Secure over https (always on AWS), scoped to `path`. Max-Age 0 removes it.
 */
export function cookieHeader(options: {
  name: string;
  value: string;
  path: string;
  maxAge: number;
  secure: boolean;
}): string {
  return [
    `${options.name}=${options.value}`,
    `Path=${options.path}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** 303 See Other: after a successful post the browser loads the result page with GET (refresh-safe). */
export function seeOther(location: string): HttpResponse {
  return { statusCode: 303, headers: { location, 'cache-control': 'no-store' }, body: '' };
}
