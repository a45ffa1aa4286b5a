import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { Store } from '../core/ports.js';
import { amendmentItems } from './dynamo/amendment-items.js';
import { auditItems } from './dynamo/audit-items.js';
import { draftItems } from './dynamo/draft-items.js';
import { invitationItems } from './dynamo/invitation-items.js';
import { mailEventItems } from './dynamo/mail-event-items.js';
import { outboxItems } from './dynamo/outbox-items.js';
import { registryItems } from './dynamo/registry-items.js';
import { requestItems } from './dynamo/request-items.js';
import { retentionItems } from './dynamo/retention-items.js';
import { roundItems } from './dynamo/round-items.js';
import { roundResponseItems } from './dynamo/round-response-items.js';
import { submissionClaimItems } from './dynamo/submission-claim-items.js';
import { submissionItems } from './dynamo/submission-items.js';
import { summaryItems } from './dynamo/summary-items.js';
import { Table } from './dynamo/table.js';
import { targetItems } from './dynamo/target-items.js';

/**
 * How long the SDK gives one DynamoDB call: 2 s to connect, 5 s for the whole request (a 1 MB Query page
 * takes a fraction of that), and then it fails (`throwOnRequestTimeout`) and tries again on a fresh
 * connection (3 times in all) instead of hanging until the Lambda's own timeout. Every write carries its
 * condition or a deterministic key, so a retried write never stores anything twice.
 */
export const dynamoRequestHandler = {
  connectionTimeout: 2_000,
  requestTimeout: 5_000,
  throwOnRequestTimeout: true,
} as const;

/** The DynamoDB client of every store (the endpoint from AWS_ENDPOINT_URL_DYNAMODB, or `config`). */
export function dynamoDbClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({ requestHandler: dynamoRequestHandler, ...config });
}

/**
 * The store on the one DynamoDB table (dynalite locally): each kind of item has its own module in
 * `dynamo/`, with the table layout described in `dynamo/table.ts`.
 *
 * @param pageSize items per Query page; DynamoDB's own limit (1 MB) when undefined. Tests set a small
 *   one to prove that every listing follows `LastEvaluatedKey` to the end.
 */
export function dynamoStore(
  tableName: string,
  client: DynamoDBClient = dynamoDbClient(),
  pageSize?: number,
): Store {
  const table = new Table(tableName, client, pageSize);
  return {
    ...registryItems(table),
    ...roundItems(table),
    ...submissionItems(table),
    ...submissionClaimItems(table),
    ...draftItems(table),
    ...roundResponseItems(table),
    ...amendmentItems(table),
    ...invitationItems(table),
    ...auditItems(table),
    ...outboxItems(table),
    ...mailEventItems(table),
    ...retentionItems(table),
    ...summaryItems(table),
    ...requestItems(table),
    ...targetItems(table),
  };
}
