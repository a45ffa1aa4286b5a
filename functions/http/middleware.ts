import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { messagePage, type PageContact } from '../../forms/render/layout.js';
import { DomainError, MethodNotAllowed, ValidationFailed } from '../core/errors.js';
import { logger } from './logger.js';
import { withOriginalStack } from './original-stack.js';
import { errorPageContacts } from './page-contacts.js';
import { wantsJson } from './request.js';
import {
  contentSecurityPolicy,
  type HttpResponse,
  htmlResponse,
  jsonResponse,
  seeOther,
} from './responses.js';
import { SignInRequired } from './staff-session.js';

export type RouteHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResponse>;

/**
 * Security headers on every answer. The CSP allows only our own assets: no inline scripts or styles,
 * forms post only to us, nobody may frame us. `no-referrer` keeps link tokens out of other sites' logs.
 */
const securityHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const titles: Record<number, string> = {
  400: 'Ongeldig verzoek',
  401: 'Niet aangemeld',
  403: 'Geen toegang',
  404: 'Pagina niet gevonden',
  405: 'Methode niet toegestaan',
  409: 'Gewijzigd door een ander',
  413: 'Inzending te groot',
  415: 'Onbekend formaat',
  422: 'Antwoorden niet compleet',
  500: 'Er ging iets mis',
};

/**
 * An error no domain rule expected (a 500): logged with its name, message, stack and cause (Powertools
 * formats an Error so; the stack mapped to our sources, functions/http/original-stack.ts), the route and
 * the request id, so a failing run or an alarm shows why. Never the body, the query (invitation codes) or
 * the headers (tokens, cookies): no personal data.
 */
function logUnexpected(event: APIGatewayProxyEventV2, error: unknown): void {
  logger.error('Onverwachte fout', {
    error: withOriginalStack(
      error instanceof Error ? error : new Error(`Geen Error gegooid: ${typeof error}`),
    ),
    route: event.routeKey,
    path: event.rawPath,
    requestId: event.requestContext?.requestId,
  });
}

/**
 * Turns any thrown error into a Dutch page (browser) or JSON (API client). Unknown errors are a 500. The
 * page names the secretariat(s) to ask (`contacts`, from the registry).
 */
export function errorResponse(
  event: APIGatewayProxyEventV2,
  error: unknown,
  contacts?: readonly PageContact[],
): HttpResponse {
  // A person without a valid staff sign-in is sent to the sign-in, and back here afterwards.
  if (error instanceof SignInRequired) return seeOther(error.location);
  const known = error instanceof DomainError;
  if (!known) logUnexpected(event, error);
  const statusCode = known ? error.statusCode : 500;
  const message = known
    ? error.message
    : // Never "not stored": an error can come after something was stored. Sending the same page again is
      // safe (the submission id makes a retry store nothing twice), and the confirmation page tells.
      'Er ging aan onze kant iets mis. Probeer het over een paar minuten opnieuw: opnieuw versturen slaat niets dubbel op. Of u antwoorden al zijn ontvangen, ziet u op de bevestigingspagina of in de bevestiging per e-mail.';
  const headers: Record<string, string> =
    error instanceof MethodNotAllowed ? { allow: error.allowed.join(', ') } : {};
  if (statusCode === 401) headers['www-authenticate'] = 'Bearer';
  if (wantsJson(event)) {
    return jsonResponse(
      statusCode,
      {
        error: known ? error.code : 'internal_error',
        message,
        ...(error instanceof ValidationFailed ? { fieldErrors: error.fieldErrors } : {}),
      },
      headers,
    );
  }
  const title = (known && error.title) || titles[statusCode] || 'Fout';
  return htmlResponse(statusCode, messagePage({ title, message, contacts }), headers);
}

function responses(): MiddlewareObj<APIGatewayProxyEventV2, HttpResponse> {
  return {
    after: (request) => {
      if (request.response) request.response.headers = { ...securityHeaders, ...request.response.headers };
    },
    onError: async (request) => {
      const page = !(request.error instanceof SignInRequired) && !wantsJson(request.event);
      const contacts = page ? await errorPageContacts(request.event) : undefined;
      request.response = errorResponse(request.event, request.error, contacts);
      request.response.headers = { ...securityHeaders, ...request.response.headers };
    },
  };
}

/** The one middy stack every route handler shares: normalised headers, errors as pages or JSON, security headers. */
export function httpHandler(handler: RouteHandler) {
  return middy<APIGatewayProxyEventV2, HttpResponse>()
    .use(httpHeaderNormalizer())
    .use(responses())
    .handler(handler);
}
