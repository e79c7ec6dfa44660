import { recordingLogger } from '@glr/test-support';
import { describe, expect, it } from 'vitest';
import {
  claimJob,
  cleanUpRunner,
  RunnerLaunchError,
  type RunnerRecord,
  recordStartFailure,
  startRunner,
} from '../../../src/index.ts';
import {
  ec2Plan,
  inMemoryRegistry,
  inMemoryStateStore,
  jobRef,
  lambdaPlan,
  RUNNER_FUNCTION_ARN,
  recordingLauncher,
  testClock,
} from './support/in-memory-ports.ts';

const setUp = async () => {
  const store = inMemoryStateStore();
  const clock = testClock();
  await claimJob(store, jobRef(7), 'pending-event', clock.now);
  const deps = {
    store,
    registry: inMemoryRegistry(),
    launchers: { LAMBDA: recordingLauncher(), EC2: recordingLauncher() },
    clock: clock.now,
    logger: recordingLogger(),
  };
  return { ...deps, deps, clock };
};

describe('startRunner', () => {
  it('creates the runner in GitLab, starts it with its token, and records it started for the job', async () => {
    const { deps, store, registry, launchers, clock } = await setUp();
    clock.advance(3);

    const started = await startRunner(deps, { job: jobRef(7), plan: lambdaPlan() });

    expect(started).toEqual({
      started: true,
      runnerName: expect.stringMatching(/^glr-7-/),
      kind: 'LAMBDA',
      gitlabRunnerId: 100,
      dispatchLatencyMs: 3000,
    });
    const [launch] = launchers.LAMBDA.launches;
    expect(launch?.runnerToken).toBe(registry.runners.get(100)?.token);
    expect(registry.runners.get(100)?.description).toBe(started.runnerName);
    expect(store.runners.get(started.runnerName)).toMatchObject({
      status: 'started',
      kind: 'LAMBDA',
      jobId: 7,
      gitlabRunnerId: 100,
      functionArn: RUNNER_FUNCTION_ARN,
      tags: ['node'],
      maximumTimeout: 840,
    });
    expect(store.claims.get(7)).toMatchObject({ status: 'started', runnerName: started.runnerName });
  });

  it('records the instance of an EC2 runner and returns it, never the token', async () => {
    const { deps, store, registry } = await setUp();

    const started = await startRunner(deps, { job: jobRef(7), plan: ec2Plan() });

    expect(started).toMatchObject({ started: true, instanceId: 'i-1' });
    expect(store.runners.get(started.runnerName)).toMatchObject({ status: 'started', instanceId: 'i-1' });
    expect(JSON.stringify(started)).not.toContain(registry.runners.get(100)?.token);
  });

  it('deletes the runner from GitLab, fails its record and throws RunnerLaunchError when the start fails', async () => {
    const { deps, store, registry, launchers } = await setUp();
    const refused = Object.assign(new Error('Rate Exceeded.'), { name: 'TooManyRequestsException' });
    launchers.LAMBDA.failWith(refused);

    const error = await startRunner(deps, { job: jobRef(7), plan: lambdaPlan() }).catch((caught) => caught);

    expect(error).toBeInstanceOf(RunnerLaunchError);
    expect(error).toMatchObject({ cause: refused });
    expect(registry.runners.size).toBe(0);
    expect(registry.deleted).toEqual([100]);
    const [record] = store.runners.values();
    expect(record).toMatchObject({
      status: 'failed',
      failure: 'TooManyRequestsException',
      gitlabRunnerId: 100,
    });
    expect(store.claims.get(7)?.status).toBe('claimed');
  });

  it('still fails the record and throws when the runner cannot be deleted from GitLab either', async () => {
    const { deps, store, registry, launchers, logger } = await setUp();
    launchers.EC2.failWith(new Error('no capacity'));
    registry.delete = async () => {
      throw new Error('GitLab is down');
    };

    await expect(startRunner(deps, { job: jobRef(7), plan: ec2Plan() })).rejects.toBeInstanceOf(
      RunnerLaunchError,
    );

    expect([...store.runners.values()][0]?.status).toBe('failed');
    expect(logger.lines.map((line) => line.message)).toContain(
      'Runner could not be deleted from GitLab: the reaper will retry',
    );
  });

  it('rethrows a GitLab error as it is (its name drives the retries) and fails the record it wrote', async () => {
    const { deps, store, registry, launchers } = await setUp();
    const unavailable = Object.assign(new Error('502'), { name: 'GitLabServerError' });
    registry.failNextCreate(unavailable);

    await expect(startRunner(deps, { job: jobRef(7), plan: lambdaPlan() })).rejects.toBe(unavailable);

    expect([...store.runners.values()]).toEqual([
      expect.objectContaining({ status: 'failed', failure: 'GitLabServerError' }),
    ]);
    expect(launchers.LAMBDA.launches).toEqual([]);
  });

  it('deletes the runner and fails its record when a state write fails before the start, so only Record failure gives the unit back', async () => {
    const { deps, store, registry, launchers, clock } = await setUp();
    const throttled = Object.assign(new Error('Throughput exceeded'), {
      name: 'ProvisionedThroughputExceededException',
    });
    const updateRunner = store.updateRunner;
    store.updateRunner = async (name, from, changes) => {
      if (changes.gitlabRunnerId !== undefined) throw throttled;
      return updateRunner(name, from, changes);
    };
    store.capacity.set('LAMBDA', 1);

    await expect(startRunner(deps, { job: jobRef(7), plan: lambdaPlan() })).rejects.toBe(throttled);

    expect(launchers.LAMBDA.launches).toEqual([]);
    expect(registry.deleted).toEqual([100]);
    const [record] = store.runners.values();
    expect(record).toMatchObject({ status: 'failed', failure: 'ProvisionedThroughputExceededException' });
    await recordStartFailure(
      store,
      { jobId: 7, error: throttled.name, reservedCapacity: 'LAMBDA' },
      clock.now,
    );
    const teardown = {
      deleteFromGitLab: async () => {},
      terminateInstance: async () => {},
      deleteInstanceToken: async () => {},
    };
    expect(
      await cleanUpRunner({ store, teardown, clock: clock.now }, record as RunnerRecord, {
        reason: 'stuck-creating',
        finalStatus: 'failed',
      }),
    ).toBe('already-cleaned-up');
    expect(await store.capacityInUse('LAMBDA')).toBe(0);
  });

  it('reports a launched runner started when recording it fails, so its unit is not given back while it runs', async () => {
    const { deps, store, launchers, logger } = await setUp();
    const updateJobClaim = store.updateJobClaim;
    store.updateJobClaim = async (jobId, from, changes) => {
      if (changes.status === 'started')
        throw Object.assign(new Error('Internal'), { name: 'InternalServerError' });
      return updateJobClaim(jobId, from, changes);
    };

    const outcome = await startRunner(deps, { job: jobRef(7), plan: lambdaPlan() });

    expect(outcome.started).toBe(true);
    expect(launchers.LAMBDA.launches).toHaveLength(1);
    expect(store.runners.get(outcome.runnerName)?.status).toBe('started');
    expect(store.claims.get(7)?.status).toBe('claimed');
    expect(logger.lines.map((line) => line.message)).toContain(
      'Runner started but not recorded as started: the reaper resolves its claim',
    );
  });

  it.each([
    ['finished', { status: 'finished', finishedStatus: 'canceled' }],
    ['running', { status: 'running', ranBy: 'glr-9-zzzzzz' }],
  ] as const)(
    'starts nothing, deletes the runner and gives the unit back when the job is %s by then',
    async (status, changes) => {
      const { deps, store, registry, launchers, clock } = await setUp();
      store.capacity.set('LAMBDA', 1);
      const create = registry.create;
      registry.create = async (input) => {
        const runner = await create(input);
        await store.updateJobClaim(7, ['claimed'], { ...changes, updatedAt: clock.now().toISOString() });
        return runner;
      };

      const outcome = await startRunner(deps, { job: jobRef(7), plan: lambdaPlan() });

      expect(outcome).toEqual({
        started: false,
        runnerName: expect.stringMatching(/^glr-7-/),
        kind: 'LAMBDA',
        claimStatus: status,
      });
      expect(launchers.LAMBDA.launches).toEqual([]);
      expect(registry.deleted).toEqual([100]);
      expect(store.runners.get(outcome.runnerName)).toMatchObject({
        status: 'done',
        cleanUpReason: 'job-no-longer-pending',
      });
      expect(store.claims.get(7)?.status).toBe(status);
      expect(await store.capacityInUse('LAMBDA')).toBe(0);
    },
  );

  it('gives every attempt its own runner name, so a retried start never reuses a failed record', async () => {
    const { deps, store, launchers } = await setUp();
    launchers.LAMBDA.failWith(new Error('refused'));
    await startRunner(deps, { job: jobRef(7), plan: lambdaPlan() }).catch(() => undefined);
    launchers.LAMBDA.failWith(undefined);

    const started = await startRunner(deps, { job: jobRef(7), plan: lambdaPlan() });

    expect(started.started).toBe(true);
    expect(store.runners.size).toBe(2);
    expect(store.runners.get(started.runnerName)?.status).toBe('started');
  });
});
