import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { type MappingItem, type MappingKey, mappingKey, parseMappingItem, toMappingRecord } from '@glr/core';
import { AwsCallError, toAwsCallError } from './call-errors.ts';
import { type AwsClientSettings, clientConfig } from './client-settings.ts';

/** Most requests DynamoDB takes in one BatchWriteItem call. */
export const BATCH_WRITE_LIMIT = 25;

/** How unprocessed batch items are retried: exponential backoff with jitter. */
export interface BatchRetryOptions {
  /** Calls per batch before giving up; default 8. */
  readonly maxAttempts?: number;
  /** First backoff in milliseconds; doubles each attempt up to 5 s; default 50. */
  readonly baseDelayMs?: number;
  /** Waits between attempts; tests pass one that records instead of waiting. */
  readonly sleep?: (milliseconds: number) => Promise<void>;
}

/** Settings of {@link createMappingTable}. */
export interface MappingTableOptions {
  readonly tableName: string;
  /** The client to use; otherwise one is made from {@link settings}. */
  readonly client?: DynamoDBDocumentClient | DynamoDBClient;
  readonly settings?: AwsClientSettings;
  readonly retry?: BatchRetryOptions;
}

/** Items to put (added or changed) and keys to delete, in one {@link MappingTable.write}. */
export interface MappingChanges {
  readonly put: readonly MappingItem[];
  readonly delete: readonly MappingKey[];
}

/** The mapping table: the lookup's reads and the seed's scan and batch writes. */
export interface MappingTable {
  readonly tableName: string;
  /** Every valid item for `jobName` (Query on `pk`); throws `ValidationError` for a malformed item. */
  itemsForJob(jobName: string): Promise<MappingItem[]>;
  /** Every item as stored, unvalidated, so the seed can compare, overwrite or delete any of them. */
  scanRecords(): Promise<Record<string, unknown>[]>;
  /** Applies `changes` in batches of {@link BATCH_WRITE_LIMIT}, retrying unprocessed items with backoff. */
  write(changes: MappingChanges): Promise<void>;
  /** The region the client talks to, for messages. */
  region(): Promise<string>;
}

const MAXIMUM_BACKOFF_MS = 5_000;
const wait = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/**
 * Creates the DynamoDB adapter of the mapping table. AWS failures become {@link AwsCallError}s that
 * name the call and the reason (`DynamoDB Scan failed: table X not found in region R`).
 */
export const createMappingTable = (options: MappingTableOptions): MappingTable => {
  const TableName = options.tableName;
  const documents =
    options.client instanceof DynamoDBDocumentClient
      ? options.client
      : DynamoDBDocumentClient.from(options.client ?? new DynamoDBClient(clientConfig(options.settings)));
  const maxAttempts = options.retry?.maxAttempts ?? 8;
  const baseDelayMs = options.retry?.baseDelayMs ?? 50;
  const sleep = options.retry?.sleep ?? wait;

  const region = async (): Promise<string> => documents.config.region();
  const call = async <T>(operation: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      const where = await region().catch(() => 'the configured region');
      throw toAwsCallError(operation, error, { message: `table ${TableName} not found in region ${where}` });
    }
  };

  const writeBatch = async (requests: WriteRequest[]): Promise<void> => {
    let pending = requests;
    for (let attempt = 1; ; attempt += 1) {
      const { UnprocessedItems } = await call('DynamoDB BatchWriteItem', () =>
        documents.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } })),
      );
      pending = UnprocessedItems?.[TableName] ?? [];
      if (pending.length === 0) return;
      if (attempt >= maxAttempts) {
        throw new AwsCallError(
          'DynamoDB BatchWriteItem',
          'throttled',
          `${pending.length} items still unprocessed after ${attempt} attempts: try again in a minute`,
        );
      }
      const ceiling = Math.min(MAXIMUM_BACKOFF_MS, baseDelayMs * 2 ** (attempt - 1));
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  };

  return {
    tableName: TableName,
    region,
    itemsForJob: async (jobName) => {
      const items: MappingItem[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await call('DynamoDB Query', () =>
          documents.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': mappingKey(jobName, []).pk },
              ExclusiveStartKey,
            }),
          ),
        );
        items.push(...(page.Items ?? []).map(parseMappingItem));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    scanRecords: async () => {
      const records: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await call('DynamoDB Scan', () =>
          documents.send(new ScanCommand({ TableName, ConsistentRead: true, ExclusiveStartKey })),
        );
        records.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return records;
    },
    write: async (changes) => {
      const requests: WriteRequest[] = [
        ...changes.put.map((item) => ({ PutRequest: { Item: toMappingRecord(item) } })),
        ...changes.delete.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })),
      ];
      for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
        await writeBatch(requests.slice(start, start + BATCH_WRITE_LIMIT));
      }
    },
  };
};
