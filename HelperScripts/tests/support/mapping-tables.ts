import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

/** Every item of a table, sorted by key, as stored. */
export const itemsOf = async (
  client: DynamoDBClient,
  TableName: string,
): Promise<Record<string, unknown>[]> => {
  const { Items = [] } = await DynamoDBDocumentClient.from(client).send(new ScanCommand({ TableName }));
  return Items.sort((left, right) => `${left.pk}${left.sk}`.localeCompare(`${right.pk}${right.sk}`));
};
