import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  ConditionalOutcome,
  JobClaimChanges,
  JobClaimRecord,
  RunnerChanges,
  RunnerKind,
  RunnerRecord,
  RunnerStateQueries,
  RunnerStateStore,
} from '@glr/core';

/** The state table's GSI of active items by status, oldest first (see {@link statusIndexKey}). */
export const RUNNER_STATE_STATUS_INDEX = 'byStatus';

/** Settings of {@link createRunnerStateTable}. */
export interface RunnerStateTableOptions {
  readonly tableName: string;
  /** How long records are kept after their last change (the table's TTL on `expiresAt`); default 7 days. */
  readonly retentionSeconds?: number;
  readonly client?: DynamoDBClient;
}

/** The runner state table: the lifecycle's {@link RunnerStateStore} plus the queries the stop flow and reaper use. */
export interface RunnerStateTable extends RunnerStateStore, RunnerStateQueries {}

/**
 * Key layout (single table; `pk`/`sk` strings, TTL on `expiresAt`):
 * - job claim `job#<job id>` / `claim`; runner `runner#<runner name>` / `runner` (the stop flow finds a
 *   runner by the name GitLab reports); capacity counter `capacity#<kind>` / `capacity` (`live`).
 * - GSI {@link RUNNER_STATE_STATUS_INDEX}: `statusKey` / `statusSince` (`<ISO time>#<id>`):
 *   `job#<status>` (`job#waiting#<kind>` while waiting), `runner#live#<kind>` while a runner lives;
 *   finished runners and finished or abandoned claims leave the index.
 */
export const statusIndexKey = {
  job: (status: JobClaimRecord['status'], waitingFor?: RunnerKind): string =>
    status === 'waiting' ? `job#waiting#${waitingFor ?? 'LAMBDA'}` : `job#${status}`,
  liveRunner: (kind: RunnerKind): string => `runner#live#${kind}`,
} as const;

const jobKey = (jobId: number) => ({ pk: `job#${jobId}`, sk: 'claim' });
const runnerKey = (runnerName: string) => ({ pk: `runner#${runnerName}`, sk: 'runner' });
const capacityKey = (kind: RunnerKind) => ({ pk: `capacity#${kind}`, sk: 'capacity' });
const INTERNAL = ['pk', 'sk', 'itemType', 'statusKey', 'statusSince', 'expiresAt'] as const;
const FINAL_RUNNER_STATUSES: readonly RunnerRecord['status'][] = ['done', 'failed'];
const FINAL_CLAIM_STATUSES: readonly JobClaimRecord['status'][] = ['finished', 'abandoned'];
/** Index attributes of a claim: none once it is final, so the index holds only claims still in play. */
const claimIndex = (
  jobId: number,
  status: JobClaimRecord['status'],
  updatedAt: string,
  waitingFor?: RunnerKind,
) =>
  FINAL_CLAIM_STATUSES.includes(status)
    ? {}
    : { statusKey: statusIndexKey.job(status, waitingFor), statusSince: `${updatedAt}#${jobId}` };
const DEFAULT_RETENTION_SECONDS = 7 * 24 * 3600;

/** Creates the DynamoDB adapter of the runner state table. */
export const createRunnerStateTable = (options: RunnerStateTableOptions): RunnerStateTable => {
  const TableName = options.tableName;
  const documents = DynamoDBDocumentClient.from(options.client ?? new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const retention = options.retentionSeconds ?? DEFAULT_RETENTION_SECONDS;
  const expiresAt = (isoTime: string) => Math.floor(Date.parse(isoTime) / 1000) + retention;

  const conditional = async (write: () => Promise<unknown>): Promise<ConditionalOutcome> => {
    try {
      await write();
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'conflict';
      throw error;
    }
  };
  const get = async <T>(Key: Record<string, string>): Promise<T | undefined> => {
    const { Item } = await documents.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
    return Item ? (withoutInternal(Item) as T) : undefined;
  };
  const queryIndex = async <T>(statusKey: string, limit?: number): Promise<T[]> => {
    const items: T[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName,
          IndexName: RUNNER_STATE_STATUS_INDEX,
          KeyConditionExpression: 'statusKey = :statusKey',
          ExpressionAttributeValues: { ':statusKey': statusKey },
          ...(limit ? { Limit: limit - items.length } : {}),
          ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
        }),
      );
      items.push(...(page.Items ?? []).map((item) => withoutInternal(item) as T));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && (!limit || items.length < limit));
    return items;
  };

  /** Writes an item unless one with its key exists; it expires the retention after `updatedAt`. */
  const putNew = (item: Record<string, unknown> & { readonly updatedAt: string }) =>
    conditional(() =>
      documents.send(
        new PutCommand({
          TableName,
          Item: { ...item, expiresAt: expiresAt(item.updatedAt) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );

  /** Applies a conditional update to the item at `Key`. */
  const updateIf = (Key: Record<string, string>, parts: UpdateParts) =>
    conditional(() => documents.send(new UpdateCommand({ TableName, Key, ...parts })));

  return {
    putJobClaim: (record) =>
      putNew({
        ...record,
        ...jobKey(record.jobId),
        itemType: 'job',
        ...claimIndex(record.jobId, record.status, record.updatedAt, record.waitingFor),
      }),
    getJobClaim: (jobId) => get<JobClaimRecord>(jobKey(jobId)),
    updateJobClaim: (jobId, from, changes) =>
      updateIf(jobKey(jobId), jobClaimUpdate(jobId, from, changes, expiresAt(changes.updatedAt))),
    putRunner: (record) =>
      putNew({
        ...record,
        ...runnerKey(record.runnerName),
        itemType: 'runner',
        ...(FINAL_RUNNER_STATUSES.includes(record.status)
          ? {}
          : {
              statusKey: statusIndexKey.liveRunner(record.kind),
              statusSince: `${record.createdAt}#${record.runnerName}`,
            }),
      }),
    getRunner: (runnerName) => get<RunnerRecord>(runnerKey(runnerName)),
    updateRunner: (runnerName, from, changes) =>
      updateIf(runnerKey(runnerName), runnerUpdate(from, changes, expiresAt(changes.updatedAt))),
    reserveCapacity: async (kind, maximum) =>
      (await updateIf(capacityKey(kind), {
        UpdateExpression: 'ADD #live :one',
        ConditionExpression: 'attribute_not_exists(#live) OR #live < :maximum',
        ExpressionAttributeNames: { '#live': 'live' },
        ExpressionAttributeValues: { ':one': 1, ':maximum': maximum },
      })) === 'written',
    releaseCapacity: async (kind) => {
      await updateIf(capacityKey(kind), {
        UpdateExpression: 'ADD #live :minusOne',
        ConditionExpression: '#live > :zero',
        ExpressionAttributeNames: { '#live': 'live' },
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      });
    },
    listWaitingJobs: (kind, limit) => queryIndex<JobClaimRecord>(statusIndexKey.job('waiting', kind), limit),
    listLiveRunners: (kind) => queryIndex<RunnerRecord>(statusIndexKey.liveRunner(kind)),
    listJobClaims: (status, limit) => queryIndex<JobClaimRecord>(statusIndexKey.job(status), limit),
    capacityInUse: async (kind) => {
      const counter = await get<{ live?: number }>(capacityKey(kind));
      return counter?.live ?? 0;
    },
  };
};

const withoutInternal = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([key]) => !(INTERNAL as readonly string[]).includes(key)));

interface UpdateParts {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/** Builds `SET`/`REMOVE`/`ADD` clauses and a `status IN (from…)` condition. */
const buildUpdate = (
  from: readonly string[],
  set: Record<string, unknown>,
  remove: readonly string[],
  add: Record<string, number>,
): UpdateParts => {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  const fromValues = from.map((status, index) => {
    values[`:from${index}`] = status;
    return `:from${index}`;
  });
  const clause = (entries: [string, unknown][], render: (name: string, value: string) => string) =>
    entries.map(([attribute, value]) => {
      names[`#${attribute}`] = attribute;
      values[`:${attribute}`] = value;
      return render(`#${attribute}`, `:${attribute}`);
    });
  const sets = clause(
    Object.entries(set).filter(([, value]) => value !== undefined),
    (name, value) => `${name} = ${value}`,
  );
  const adds = clause(Object.entries(add), (name, value) => `${name} ${value}`);
  const removes = remove.map((attribute) => {
    names[`#${attribute}`] = attribute;
    return `#${attribute}`;
  });
  const expression = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    removes.length ? `REMOVE ${removes.join(', ')}` : '',
    adds.length ? `ADD ${adds.join(', ')}` : '',
  ].filter(Boolean);
  return {
    UpdateExpression: expression.join(' '),
    ConditionExpression: `attribute_exists(pk) AND #status IN (${fromValues.join(', ')})`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};

const jobClaimUpdate = (
  jobId: number,
  from: readonly JobClaimRecord['status'][],
  changes: JobClaimChanges,
  expiresAt: number,
): UpdateParts => {
  const { countAttempt, ...fields } = changes;
  const index = claimIndex(jobId, changes.status, changes.updatedAt, changes.waitingFor);
  return buildUpdate(
    from,
    { ...fields, ...index, expiresAt },
    [
      ...(changes.status === 'waiting' ? [] : ['waitingFor']),
      ...('statusKey' in index ? [] : ['statusKey', 'statusSince']),
    ],
    countAttempt ? { attempts: 1 } : {},
  );
};

const runnerUpdate = (
  from: readonly RunnerRecord['status'][],
  changes: RunnerChanges,
  expiresAt: number,
): UpdateParts =>
  buildUpdate(
    from,
    { ...changes, expiresAt },
    FINAL_RUNNER_STATUSES.includes(changes.status) ? ['statusKey', 'statusSince'] : [],
    {},
  );
