import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Conflict } from '../../functions/core/errors.js';
import { logger } from '../../functions/http/logger.js';
import { errorResponse } from '../../functions/http/middleware.js';

const event = {
  routeKey: 'POST /formulieren/{formId}/{roundId}/{municipality}',
  rawPath: '/formulieren/eigen-bijdrage/r1/GM0193',
  rawQueryString: 'code=geheim',
  headers: { accept: 'application/json', authorization: 'Bearer geheim' },
  body: '{"answers":{"contactEmail":"anna@zwolle.example"}}',
  requestContext: { requestId: 'verzoek-1' },
} as unknown as APIGatewayProxyEventV2;

afterEach(() => vi.restoreAllMocks());

describe('errorResponse', () => {
  it('logs an unexpected error with its name, message and stack, the route and request id, no personal data', () => {
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const cause = new TypeError('Cannot read properties of undefined');
    const response = errorResponse(event, cause);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(String(response.body))).toMatchObject({ error: 'internal_error' });
    expect(error).toHaveBeenCalledTimes(1);
    const [message, attributes] = error.mock.calls[0] as unknown as [string, Record<string, unknown>];
    expect(message).toBe('Onverwachte fout');
    expect(attributes).toEqual({
      error: cause,
      route: event.routeKey,
      path: event.rawPath,
      requestId: 'verzoek-1',
    });
    expect((attributes.error as Error).stack).toContain('TypeError');
    // Nothing the client sent beyond the path: not its answers, its link code or its token.
    expect(JSON.stringify(attributes)).not.toMatch(/geheim|anna@/);
  });

  it('logs something thrown that is not an Error too, as an Error naming what it was', () => {
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    expect(errorResponse(event, 'kapot').statusCode).toBe(500);
    const attributes = error.mock.calls[0]?.[1] as unknown as { error: Error };
    expect(attributes.error).toBeInstanceOf(Error);
    expect(attributes.error.message).toBe('Geen Error gegooid: string');
  });

  it('does not log a domain error (a 4xx the user is told about)', () => {
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    expect(errorResponse(event, new Conflict('Gewijzigd.')).statusCode).toBe(409);
    expect(error).not.toHaveBeenCalled();
  });
});
