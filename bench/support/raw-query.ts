import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

/**
 * A floor of the benchmarks that read a round's submissions: one Query of a round's items whose sort key
 * begins with `prefix`, page by page to the end, as the store reads them but without anything done with
 * the items. Its item count.
 */
export async function queryToTheEnd(
  documents: DynamoDBDocumentClient,
  tableName: string,
  roundId: string,
  prefix: string,
): Promise<number> {
  let items = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `ROUND#${roundId}`, ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items += page.Items?.length ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
