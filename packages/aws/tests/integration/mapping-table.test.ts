import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type MappingItem, ValidationError } from '@glr/core';
import { createTestMappingTable, type DynaliteServer, startDynalite } from '@glr/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsCallError, createMappingTable } from '../../src/index.ts';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-runner';
let dynamo: DynaliteServer;
let client: DynamoDBClient;
let tableName: string;

beforeAll(async () => {
  dynamo = await startDynalite();
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-1' });
});
afterAll(() => dynamo.stop());
beforeEach(async () => {
  tableName = await createTestMappingTable(client);
});

const build = (tags: string[]): MappingItem => ({ jobName: 'build', tags, type: 'EC2', executor: 'docker' });

describe('mapping table on DynamoDB', () => {
  it('returns every item of a job, and only that job, from the items the seed wrote', async () => {
    const table = createMappingTable({ tableName, client });
    const deploy: MappingItem = { jobName: 'deploy', tags: [], type: 'LAMBDA', arn: ARN };
    await table.write({ put: [build(['docker']), build(['docker', 'large']), deploy], delete: [] });

    expect(await table.itemsForJob('build')).toEqual([build(['docker']), build(['docker', 'large'])]);
    expect(await table.itemsForJob('deploy')).toEqual([deploy]);
    expect(await table.itemsForJob('lint')).toEqual([]);
  });

  it('puts and deletes more items than one batch holds', async () => {
    const table = createMappingTable({ tableName, client });
    const items = Array.from({ length: 60 }, (_, index) => build([`t${index}`]));
    await table.write({ put: items, delete: [] });
    expect(await table.scanRecords()).toHaveLength(60);

    await table.write({
      put: [],
      delete: items.slice(0, 55).map((item) => ({ pk: 'job#build', sk: `tags#${item.tags[0]}` })),
    });
    expect(await table.itemsForJob('build')).toHaveLength(5);
  });

  it('scans items as stored, malformed ones included, while the lookup rejects them by field', async () => {
    const documents = DynamoDBDocumentClient.from(client);
    await documents.send(
      new PutCommand({ TableName: tableName, Item: { pk: 'job#build', sk: 'tags#', type: 'VM' } }),
    );
    const table = createMappingTable({ tableName, client: documents });

    expect(await table.scanRecords()).toEqual([{ pk: 'job#build', sk: 'tags#', type: 'VM' }]);
    const failure = await table.itemsForJob('build').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).message).toMatch(/job#build tags#: type: must be "LAMBDA" or "EC2"/);
  });

  it('says which call failed and that the table is missing in which region', async () => {
    const table = createMappingTable({ tableName: 'no-such-table', client });
    const failure = await table.scanRecords().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect(failure).toMatchObject({
      operation: 'DynamoDB Scan',
      failure: 'not-found',
      message:
        'DynamoDB Scan failed: table no-such-table not found in region eu-west-1 (ResourceNotFoundException)',
    });
    await expect(table.itemsForJob('build')).rejects.toThrow(
      /^DynamoDB Query failed: table no-such-table not found/,
    );
    await expect(table.write({ put: [build([])], delete: [] })).rejects.toThrow(
      /^DynamoDB BatchWriteItem failed: table no-such-table not found/,
    );
  });

  it('says when the endpoint cannot be reached', async () => {
    const unreachable = new DynamoDBClient({
      endpoint: 'http://127.0.0.1:1',
      region: 'eu-west-1',
      maxAttempts: 1,
    });
    const failure = await createMappingTable({ tableName, client: unreachable })
      .scanRecords()
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ operation: 'DynamoDB Scan', failure: 'unreachable' });
    expect((failure as Error).message).toMatch(
      /^DynamoDB Scan failed: could not reach the AWS endpoint \(ECONNREFUSED\)/,
    );
  });

  it('reports the region its client talks to', async () => {
    expect(await createMappingTable({ tableName, client }).region()).toBe('eu-west-1');
  });
});
