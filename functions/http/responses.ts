import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Html } from '../../forms/render/html.js';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
};

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

/** 303 See Other: after a successful post the browser loads the result page with GET (refresh-safe). */
export function seeOther(location: string): HttpResponse {
  return { statusCode: 303, headers: { location, 'cache-control': 'no-store' }, body: '' };
}
