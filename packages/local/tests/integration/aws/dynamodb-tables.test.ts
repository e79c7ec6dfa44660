import { type DynaliteServer, startDynalite } from '@glr/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAwsJson } from '../../../src/aws/aws-json.ts';
import { createTables, readTableDefinitions } from '../../../src/aws/dynamodb-tables.ts';
import { fixtureResolver, fixtureTemplate } from '../../fixtures/stack.ts';

const dynamodb = (endpoint: string, operation: string, body: Record<string, unknown>) =>
  callAwsJson<Record<string, unknown>>({
    endpoint,
    region: 'eu-west-1',
    service: 'dynamodb',
    jsonVersion: '1.0',
    target: `DynamoDB_20120810.${operation}`,
    body,
  });

describe('DynamoDB tables from a template', () => {
  let dynalite: DynaliteServer;
  const tables = readTableDefinitions(fixtureTemplate(), fixtureResolver());

  beforeAll(async () => {
    dynalite = await startDynalite();
  });
  afterAll(async () => {
    await dynalite.stop();
  });

  it('reads each table with its local name and notes the TTL attribute', () => {
    expect(tables.map((table) => [table.logicalId, table.request.TableName, table.ttlAttribute])).toEqual([
      ['StateTable', 'fixture-StateTable', 'expiresAt'],
      ['NamedTable', 'fixture-named', undefined],
    ]);
  });

  it('creates the tables with their key schema and global secondary indexes', async () => {
    await expect(createTables(dynalite.endpoint, 'eu-west-1', tables)).resolves.toEqual([
      'fixture-StateTable',
      'fixture-named',
    ]);
    const { Table } = (await dynamodb(dynalite.endpoint, 'DescribeTable', {
      TableName: 'fixture-StateTable',
    })) as {
      Table: { KeySchema: unknown; GlobalSecondaryIndexes: { IndexName: string; KeySchema: unknown }[] };
    };
    expect(Table.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table.GlobalSecondaryIndexes.map((index) => index.IndexName)).toEqual(['by-status']);
  });

  it('serves queries on an index of a created table', async () => {
    await dynamodb(dynalite.endpoint, 'PutItem', {
      TableName: 'fixture-StateTable',
      Item: { pk: { S: 'runner#a' }, sk: { S: 'runner' }, status: { S: 'live' } },
    });
    const result = await dynamodb(dynalite.endpoint, 'Query', {
      TableName: 'fixture-StateTable',
      IndexName: 'by-status',
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': { S: 'live' } },
    });
    expect(result.Count).toBe(1);
  });

  it('keeps tables that already exist, as a --data folder has them', async () => {
    await expect(createTables(dynalite.endpoint, 'eu-west-1', tables)).resolves.toEqual([]);
    const result = await dynamodb(dynalite.endpoint, 'Scan', { TableName: 'fixture-StateTable' });
    expect(result.Count).toBe(1);
  });
});
