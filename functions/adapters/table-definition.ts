import { CreateTableCommand, type DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';

/** Key schema of the one table; the CDK stateful stack declares the same names and projection. */
export const tableKeys = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /**
   * Rounds by deadline, the outbox by status, versions for the repair. The whole item is projected (its
   * readers use every attribute, no second read); no email content is in it: an email's content is an
   * item of its own without index keys (outbox-items.ts), a confirmation stores none.
   */
  gsi1: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'ALL' },
  ttlAttribute: 'expiresAt',
} as const;

/** Creates the table when it does not exist (local run and tests; on AWS the CDK stack owns it). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: tableKeys.partitionKey, AttributeType: 'S' },
          { AttributeName: tableKeys.sortKey, AttributeType: 'S' },
          { AttributeName: tableKeys.gsi1.partitionKey, AttributeType: 'S' },
          { AttributeName: tableKeys.gsi1.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: tableKeys.gsi1.name,
            KeySchema: [
              { AttributeName: tableKeys.gsi1.partitionKey, KeyType: 'HASH' },
              { AttributeName: tableKeys.gsi1.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: tableKeys.gsi1.projection },
          },
        ],
      }),
    );
    return 'created';
  } catch (error) {
    if (
      error instanceof ResourceInUseException ||
      (error instanceof Error && error.name === 'ResourceInUseException')
    ) {
      return 'exists';
    }
    throw error;
  }
}
