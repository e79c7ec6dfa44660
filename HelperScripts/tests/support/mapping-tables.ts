import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

let created = 0;

/** Creates an empty mapping table (pk/sk strings, the AutoScaler stack's key schema); returns its name. */
export const createMappingTableFor = async (client: DynamoDBClient): Promise<string> => {
  created += 1;
  const TableName = `mappings-${created}`;
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  return TableName;
};

/** Every item of a table, sorted by key, as stored. */
export const itemsOf = async (
  client: DynamoDBClient,
  TableName: string,
): Promise<Record<string, unknown>[]> => {
  const { Items = [] } = await DynamoDBDocumentClient.from(client).send(new ScanCommand({ TableName }));
  return Items.sort((left, right) => `${left.pk}${left.sk}`.localeCompare(`${right.pk}${right.sk}`));
};
