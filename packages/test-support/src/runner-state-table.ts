import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Billing, attributes, key schema and the `byStatus` index of the runner state table, as the
 * AutoScaler template declares it (a test there checks they agree).
 */
export const RUNNER_STATE_TABLE_DEFINITION = {
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
    { AttributeName: 'statusKey', AttributeType: 'S' },
    { AttributeName: 'statusSince', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'byStatus',
      KeySchema: [
        { AttributeName: 'statusKey', KeyType: 'HASH' },
        { AttributeName: 'statusSince', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
} as const;

let created = 0;

/** Creates an empty runner state table with a name no other call in this process used; returns the name. */
export const createTestRunnerStateTable = async (client: DynamoDBClient): Promise<string> => {
  created += 1;
  const TableName = `runner-state-${created}`;
  await client.send(
    new CreateTableCommand({
      TableName,
      ...(structuredClone(RUNNER_STATE_TABLE_DEFINITION) as unknown as Omit<
        ConstructorParameters<typeof CreateTableCommand>[0],
        'TableName'
      >),
    }),
  );
  return TableName;
};
