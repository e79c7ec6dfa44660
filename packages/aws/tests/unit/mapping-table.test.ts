import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { MappingItem } from '@glr/core';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsCallError, createMappingTable } from '../../src/index.ts';

// DynamoDB emulators never leave items unprocessed and never expire credentials: these failures
// are injected with aws-sdk-client-mock.
const documents = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'eu-west-1' }),
);
const mock = mockClient(documents);
afterEach(() => mock.reset());

const item = (tag: string): MappingItem => ({ jobName: 'build', tags: [tag], type: 'EC2' });
const putOf = (tag: string) => ({
  PutRequest: { Item: { pk: 'job#build', sk: `tags#${tag}`, type: 'EC2' } },
});

const recordingSleep = () => {
  const delays: number[] = [];
  return { delays, sleep: async (milliseconds: number) => void delays.push(milliseconds) };
};

describe('mapping table batch writes', () => {
  it('retries unprocessed items, only those, with growing backoff', async () => {
    mock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { mappings: [putOf('b'), putOf('c')] } })
      .resolvesOnce({ UnprocessedItems: { mappings: [putOf('c')] } })
      .resolves({ UnprocessedItems: {} });
    const { delays, sleep } = recordingSleep();
    const table = createMappingTable({
      tableName: 'mappings',
      client: documents,
      retry: { baseDelayMs: 100, sleep },
    });

    await table.write({ put: [item('a'), item('b'), item('c')], delete: [] });

    const sent = mock
      .commandCalls(BatchWriteCommand)
      .map((call) => call.args[0].input.RequestItems?.mappings);
    expect(sent).toEqual([[putOf('a'), putOf('b'), putOf('c')], [putOf('b'), putOf('c')], [putOf('c')]]);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
  });

  it('gives up after the last attempt and says how many items are left', async () => {
    mock.on(BatchWriteCommand).resolves({ UnprocessedItems: { mappings: [putOf('a')] } });
    const { sleep } = recordingSleep();
    const table = createMappingTable({
      tableName: 'mappings',
      client: documents,
      retry: { maxAttempts: 3, sleep },
    });

    const failure = await table.write({ put: [item('a')], delete: [] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect(failure).toMatchObject({
      operation: 'DynamoDB BatchWriteItem',
      failure: 'throttled',
      message:
        'DynamoDB BatchWriteItem failed: 1 items still unprocessed after 3 attempts: try again in a minute',
    });
    expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(3);
  });

  it('sends 25 requests a batch, puts before deletes', async () => {
    mock.on(BatchWriteCommand).resolves({});
    const table = createMappingTable({ tableName: 'mappings', client: documents });
    const puts = Array.from({ length: 30 }, (_, index) => item(`p${index}`));
    await table.write({ put: puts, delete: [{ pk: 'job#old', sk: 'tags#' }] });

    const sizes = mock
      .commandCalls(BatchWriteCommand)
      .map((call) => call.args[0].input.RequestItems?.mappings?.length);
    expect(sizes).toEqual([25, 6]);
    expect(mock.commandCalls(BatchWriteCommand)[1]?.args[0].input.RequestItems?.mappings?.at(-1)).toEqual({
      DeleteRequest: { Key: { pk: 'job#old', sk: 'tags#' } },
    });
  });
});

describe('mapping table AWS failures', () => {
  it.each([
    [
      'ExpiredTokenException',
      'credentials',
      /credentials are missing, invalid or expired \(ExpiredTokenException\)/,
    ],
    ['AccessDeniedException', 'access-denied', /access denied \(AccessDeniedException\): not allowed/],
    ['ProvisionedThroughputExceededException', 'throttled', /throttled by AWS/],
    ['InternalServerError', 'other', /InternalServerError: not allowed/],
  ])('turns %s into a %s failure that names the call', async (name, failure, message) => {
    mock.on(ScanCommand).rejects(Object.assign(new Error('not allowed'), { name }));
    const table = createMappingTable({ tableName: 'mappings', client: documents });
    const error = await table.scanRecords().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AwsCallError', operation: 'DynamoDB Scan', failure });
    expect((error as Error).message).toMatch(/^DynamoDB Scan failed: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});
