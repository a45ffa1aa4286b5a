import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The floor of a route that reads the table: the DynamoDB client and one consistent GetItem, bundled by
 * the same RouteFunction as the routes. A read route cannot start faster than this.
 */
const client = new DynamoDBClient({});

export const handler = async () => {
  const result = await client.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { PK: { S: 'REGISTRY' }, SK: { S: 'MUNICIPALITY#GM0193' } },
      ConsistentRead: true,
    }),
  );
  return { statusCode: 200, body: JSON.stringify({ found: result.Item !== undefined }) };
};
