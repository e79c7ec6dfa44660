import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Billing, attributes and key schema of the mapping table, as the AutoScaler template declares it
 * (`pk` hash, `sk` range, both strings). Spread it into a CloudFormation resource or a CreateTable.
 */
export const MAPPING_TABLE_DEFINITION = {
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
} as const;

let created = 0;

/** Creates an empty mapping table with a name no other call in this process used; returns the name. */
export const createTestMappingTable = async (client: DynamoDBClient): Promise<string> => {
  created += 1;
  const TableName = `mappings-${created}`;
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: MAPPING_TABLE_DEFINITION.BillingMode,
      AttributeDefinitions: [...MAPPING_TABLE_DEFINITION.AttributeDefinitions],
      KeySchema: [...MAPPING_TABLE_DEFINITION.KeySchema],
    }),
  );
  return TableName;
};
