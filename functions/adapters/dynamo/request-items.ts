import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffRequest } from '../../core/model.js';
import type { RequestStore } from '../../core/ports.js';
import type { Table } from './table.js';

const requestKey = (token: string) => ({ PK: `REQUEST#${token}`, SK: 'REQUEST' });

/**
 * Staff requests that change something, by the idempotency token of the page they came from (see
 * functions/http/staff-actions.ts). One item each, claimed with a conditional write; TTL removes them.
 */
export function requestItems(table: Table): RequestStore {
  return {
    claimRequest(request: StaffRequest, expiresAt: number) {
      return table.putIfAbsent({
        ...requestKey(request.token),
        entityType: 'request',
        ...request,
        expiresAt,
      });
    },

    async getRequest(token: string) {
      const stored = await table.get<StaffRequest & { expiresAt?: number }>(
        requestKey(token).PK,
        requestKey(token).SK,
      );
      if (!stored) return undefined;
      const { expiresAt: _expiresAt, ...request } = stored;
      return request;
    },

    async completeRequest(token: string, outcome: { location: string; notice: string }) {
      await table.documents.send(
        new UpdateCommand({
          TableName: table.name,
          Key: requestKey(token),
          UpdateExpression: 'SET #status = :done, #location = :location, notice = :notice',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#status': 'status', '#location': 'location' },
          ExpressionAttributeValues: {
            ':done': 'done',
            ':location': outcome.location,
            ':notice': outcome.notice,
          },
        }),
      );
    },

    async releaseRequest(token: string) {
      await table.documents.send(new DeleteCommand({ TableName: table.name, Key: requestKey(token) }));
    },
  };
}
