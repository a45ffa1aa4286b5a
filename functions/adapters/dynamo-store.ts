import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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
import { submissionClaimItems } from './dynamo/submission-claim-items.js';
import { submissionItems } from './dynamo/submission-items.js';
import { summaryItems } from './dynamo/summary-items.js';
import { Table } from './dynamo/table.js';
import { targetItems } from './dynamo/target-items.js';

/**
 * The store on the one DynamoDB table (dynalite locally): each kind of item has its own module in
 * `dynamo/`, with the table layout described in `dynamo/table.ts`.
 *
 * @param pageSize items per Query page; DynamoDB's own limit (1 MB) when undefined. Tests set a small
 *   one to prove that every listing follows `LastEvaluatedKey` to the end.
 */
export function dynamoStore(
  tableName: string,
  client: DynamoDBClient = new DynamoDBClient({}),
  pageSize?: number,
): Store {
  const table = new Table(tableName, client, pageSize);
  return {
    ...registryItems(table),
    ...roundItems(table),
    ...submissionItems(table),
    ...submissionClaimItems(table),
    ...draftItems(table),
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
