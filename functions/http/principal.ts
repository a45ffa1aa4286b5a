import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Principal } from '../core/model.js';

/**
 * Who is acting. For now the municipality comes with the round link (its path); the roles issue swaps
 * this for a signed invitation token without touching the use cases, which only ever see a Principal.
 */
export function principalFromLink(event: APIGatewayProxyEventV2): Principal {
  return {
    kind: 'municipality',
    municipality: event.pathParameters?.municipality ?? '',
    roundId: event.pathParameters?.roundId ?? '',
  };
}
