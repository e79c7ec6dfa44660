import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { JobClaimRecord, RunnerRecord } from '@glr/core';
import { createTestRunnerStateTable, type DynaliteServer, startDynalite } from '@glr/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRunnerStateTable, type RunnerStateTable } from '../../src/index.ts';

const T0 = '2026-03-02T10:00:00.000Z';
const minutes = (count: number) => new Date(Date.parse(T0) + count * 60_000).toISOString();
let dynamo: DynaliteServer;
let client: DynamoDBClient;
let tableName: string;
let table: RunnerStateTable;

beforeAll(async () => {
  dynamo = await startDynalite();
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-1' });
});
afterAll(() => dynamo.stop());
beforeEach(async () => {
  tableName = await createTestRunnerStateTable(client);
  table = createRunnerStateTable({ tableName, client, retentionSeconds: 3600 });
});

const claim = (jobId: number, fields: Partial<JobClaimRecord> = {}): JobClaimRecord => ({
  jobId,
  jobName: 'build',
  projectId: 42,
  pendingAt: T0,
  status: 'claimed',
  claimedAt: T0,
  updatedAt: T0,
  attempts: 1,
  ...fields,
});
const runner = (runnerName: string, fields: Partial<RunnerRecord> = {}): RunnerRecord => ({
  runnerName,
  kind: 'EC2',
  jobId: 1,
  projectId: 42,
  status: 'creating',
  tags: ['docker'],
  maximumTimeout: 3600,
  planSource: 'mapping',
  createdAt: T0,
  updatedAt: T0,
  ...fields,
});
const rawItem = async (pk: string, sk: string) =>
  (await DynamoDBDocumentClient.from(client).send(new GetCommand({ TableName: tableName, Key: { pk, sk } })))
    .Item;

describe('runner state table: job claims', () => {
  it('claims a job once, and reads it back without its key and index attributes', async () => {
    expect(await table.putJobClaim(claim(1))).toBe('written');
    expect(await table.putJobClaim(claim(1, { jobName: 'other' }))).toBe('conflict');

    expect(await table.getJobClaim(1)).toEqual(claim(1));
    expect(await table.getJobClaim(2)).toBeUndefined();
  });

  it('keeps a claim for the retention after its last change (TTL on expiresAt)', async () => {
    await table.putJobClaim(claim(1));
    await table.updateJobClaim(1, ['claimed'], { status: 'started', updatedAt: minutes(10) });

    expect((await rawItem('job#1', 'claim'))?.expiresAt).toBe(Date.parse(minutes(10)) / 1000 + 3600);
  });

  it('moves a claim only from the statuses given, and never creates one', async () => {
    await table.putJobClaim(claim(1));

    expect(await table.updateJobClaim(1, ['waiting', 'failed'], { status: 'claimed', updatedAt: T0 })).toBe(
      'conflict',
    );
    expect(
      await table.updateJobClaim(1, ['claimed'], { status: 'failed', failure: 'X', updatedAt: T0 }),
    ).toBe('written');
    expect(await table.updateJobClaim(2, ['claimed'], { status: 'failed', updatedAt: T0 })).toBe('conflict');
    expect(await table.getJobClaim(2)).toBeUndefined();
    expect(await table.getJobClaim(1)).toMatchObject({ status: 'failed', failure: 'X' });
  });

  it('lets one of many racing restarts take a waiting claim, and counts that attempt', async () => {
    await table.putJobClaim(claim(1, { status: 'waiting', waitingFor: 'EC2' }));

    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        table.updateJobClaim(1, ['waiting'], { status: 'claimed', updatedAt: T0, countAttempt: true }),
      ),
    );

    expect(outcomes.filter((outcome) => outcome === 'written')).toHaveLength(1);
    const taken = await table.getJobClaim(1);
    expect(taken).toMatchObject({ status: 'claimed', attempts: 2 });
    expect(taken?.waitingFor).toBeUndefined();
  });

  it('lists waiting jobs of a kind longest-waiting first, up to the limit, and drops them once taken', async () => {
    for (const [jobId, minute, kind] of [
      [1, 5, 'EC2'],
      [2, 1, 'EC2'],
      [3, 3, 'EC2'],
      [4, 0, 'LAMBDA'],
    ] as const) {
      await table.putJobClaim(claim(jobId));
      await table.updateJobClaim(jobId, ['claimed'], {
        status: 'waiting',
        waitingFor: kind,
        updatedAt: minutes(minute),
      });
    }

    expect((await table.listWaitingJobs('EC2')).map((job) => job.jobId)).toEqual([2, 3, 1]);
    expect((await table.listWaitingJobs('EC2', 2)).map((job) => job.jobId)).toEqual([2, 3]);
    await table.updateJobClaim(2, ['waiting'], { status: 'claimed', updatedAt: minutes(6) });
    expect((await table.listWaitingJobs('EC2')).map((job) => job.jobId)).toEqual([3, 1]);
    expect((await table.listWaitingJobs('LAMBDA')).map((job) => job.jobId)).toEqual([4]);
  });

  it('lists claims by status, and no longer once they are finished or abandoned', async () => {
    await table.putJobClaim(claim(1));
    await table.putJobClaim(claim(2, { updatedAt: minutes(-1) }));
    await table.putJobClaim(claim(3, { status: 'finished', finishedStatus: 'success' }));
    expect((await table.listJobClaims('claimed')).map((job) => job.jobId)).toEqual([2, 1]);

    await table.updateJobClaim(1, ['claimed'], { status: 'abandoned', updatedAt: T0 });
    await table.updateJobClaim(2, ['claimed'], { status: 'finished', updatedAt: T0 });

    expect(await table.listJobClaims('claimed')).toEqual([]);
    expect(await rawItem('job#2', 'claim')).not.toHaveProperty('statusKey');
  });
});

describe('runner state table: runners', () => {
  it('records a runner once and moves it along its statuses conditionally', async () => {
    expect(await table.putRunner(runner('glr-1-aaaaaa'))).toBe('written');
    expect(await table.putRunner(runner('glr-1-aaaaaa'))).toBe('conflict');

    expect(await table.updateRunner('glr-1-aaaaaa', ['started'], { status: 'running', updatedAt: T0 })).toBe(
      'conflict',
    );
    expect(
      await table.updateRunner('glr-1-aaaaaa', ['creating'], {
        status: 'started',
        instanceId: 'i-0abc',
        gitlabRunnerId: 7,
        updatedAt: T0,
      }),
    ).toBe('written');
    expect(await table.getRunner('glr-1-aaaaaa')).toEqual(
      runner('glr-1-aaaaaa', { status: 'started', instanceId: 'i-0abc', gitlabRunnerId: 7 }),
    );
    expect(await table.updateRunner('glr-9-none00', ['creating'], { status: 'started', updatedAt: T0 })).toBe(
      'conflict',
    );
  });

  it('lists live runners of a kind oldest first, and no longer once they are done or failed', async () => {
    await table.putRunner(runner('glr-2-bbbbbb', { createdAt: minutes(2) }));
    await table.putRunner(runner('glr-1-aaaaaa', { createdAt: minutes(1) }));
    await table.putRunner(runner('glr-3-cccccc', { kind: 'LAMBDA' }));
    await table.updateRunner('glr-2-bbbbbb', ['creating'], { status: 'running', updatedAt: minutes(3) });

    expect((await table.listLiveRunners('EC2')).map((record) => record.runnerName)).toEqual([
      'glr-1-aaaaaa',
      'glr-2-bbbbbb',
    ]);

    await table.updateRunner('glr-1-aaaaaa', ['creating'], { status: 'failed', updatedAt: minutes(4) });
    await table.updateRunner('glr-2-bbbbbb', ['running'], { status: 'done', updatedAt: minutes(4) });
    expect(await table.listLiveRunners('EC2')).toEqual([]);
    expect((await table.listLiveRunners('LAMBDA')).map((record) => record.runnerName)).toEqual([
      'glr-3-cccccc',
    ]);
  });
});

describe('runner state table: capacity', () => {
  it('admits exactly the maximum among racing reservations', async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => table.reserveCapacity('EC2', 3)));

    expect(outcomes.filter(Boolean)).toHaveLength(3);
    expect(await table.capacityInUse('EC2')).toBe(3);
    expect(await table.capacityInUse('LAMBDA')).toBe(0);
  });

  it('never counts below zero, however many releases come', async () => {
    await table.releaseCapacity('LAMBDA');
    expect(await table.capacityInUse('LAMBDA')).toBe(0);

    await table.reserveCapacity('LAMBDA', 5);
    await Promise.all(Array.from({ length: 4 }, () => table.releaseCapacity('LAMBDA')));

    expect(await table.capacityInUse('LAMBDA')).toBe(0);
    expect(await table.reserveCapacity('LAMBDA', 1)).toBe(true);
  });
});
