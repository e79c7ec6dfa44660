import { recordingLogger } from '@glr/test-support';
import { describe, expect, it } from 'vitest';
import { claimJob, type RunningJob, recordJobRunning } from '../../../src/index.ts';
import {
  inMemoryStateStore,
  jobClaim,
  jobRef,
  runnerRecord,
  T0,
  testClock,
} from './support/in-memory-ports.ts';

const RUNNING_AT = '2026-03-02T10:00:30.000Z';
const A = runnerRecord({ runnerName: 'glr-1-aaaaaa', jobId: 1, gitlabRunnerId: 11, tags: ['node'] });
const B = runnerRecord({ runnerName: 'glr-2-bbbbbb', jobId: 2, gitlabRunnerId: 22, tags: ['node', 'large'] });

/** Job 1 started with runner A, job 2 started with runner B; both runners idle. */
const setUp = () => {
  const store = inMemoryStateStore();
  store.runners.set(A.runnerName, A).set(B.runnerName, B);
  store.claims.set(1, jobClaim({ jobId: 1, runnerName: A.runnerName }));
  store.claims.set(2, jobClaim({ jobId: 2, runnerName: B.runnerName }));
  return { store, deps: { store, clock: testClock().now, logger: recordingLogger() } };
};
const running = (jobId: number, runner: { id: number; description: string }): RunningJob => ({
  job: jobRef(jobId),
  runner,
  runningAt: RUNNING_AT,
});
const tookBy = (record: typeof A) => ({ id: record.gitlabRunnerId ?? 0, description: record.runnerName });

describe('recordJobRunning', () => {
  it('records the job running on the runner started for it, with the pick-up latency', async () => {
    const { deps, store } = setUp();

    expect(await recordJobRunning(deps, running(1, tookBy(A)))).toEqual({
      action: 'recorded',
      runnerName: A.runnerName,
      pickupLatencyMs: 30_000,
    });
    expect(store.claims.get(1)).toMatchObject({
      status: 'running',
      ranBy: A.runnerName,
      runningAt: RUNNING_AT,
    });
    expect(store.runners.get(A.runnerName)).toMatchObject({
      status: 'running',
      ranJobId: 1,
      pickedAt: RUNNING_AT,
    });
  });

  it("hands the stranded job to the ran job's idle runner when that runner covers its tags", async () => {
    const { deps, store } = setUp();

    const outcome = await recordJobRunning(deps, running(2, tookBy(A)));

    expect(outcome).toMatchObject({ action: 'recorded', orphaned: { jobId: 1, handedTo: B.runnerName } });
    expect(store.runners.get(B.runnerName)).toMatchObject({ status: 'started', expectedJobId: 1 });
    expect(store.claims.get(1)).toMatchObject({ status: 'started', runnerName: B.runnerName });
  });

  it("asks for a replacement when the ran job's runner cannot take the stranded job (tags not covered)", async () => {
    const { deps, store } = setUp();
    store.runners.set(B.runnerName, { ...B, tags: ['python'] });

    const outcome = await recordJobRunning(deps, running(2, tookBy(A)));

    expect(outcome).toMatchObject({ action: 'recorded', orphaned: { jobId: 1, replacement: jobRef(1) } });
    expect(store.claims.get(1)).toMatchObject({ status: 'waiting', waitingFor: 'LAMBDA' });
    expect(store.runners.get(B.runnerName)?.expectedJobId).toBeUndefined();
  });

  it('asks for a replacement when the ran job had no idle runner of its own (another project)', async () => {
    const { deps, store } = setUp();
    store.runners.set(B.runnerName, { ...B, projectId: 77 });

    expect(await recordJobRunning(deps, running(2, tookBy(A)))).toMatchObject({
      orphaned: { jobId: 1, replacement: jobRef(1) },
    });
  });

  it('asks for at most one replacement however often the running event is delivered', async () => {
    const { deps, store } = setUp();
    store.runners.set(B.runnerName, { ...B, tags: ['python'] });

    const outcomes = await Promise.all([
      recordJobRunning(deps, running(2, tookBy(A))),
      recordJobRunning(deps, running(2, tookBy(A))),
      recordJobRunning(deps, running(2, tookBy(A))),
    ]);

    expect(outcomes.filter((outcome) => 'orphaned' in outcome && outcome.orphaned)).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.action === 'duplicate')).toHaveLength(2);
  });

  it('rescues nothing when the job the runner was meant for already has another runner', async () => {
    const { deps, store } = setUp();
    store.claims.set(1, jobClaim({ jobId: 1, status: 'running', ranBy: 'glr-9-cccccc' }));

    const outcome = await recordJobRunning(deps, running(2, tookBy(A)));

    expect(outcome).toEqual({ action: 'recorded', runnerName: A.runnerName, pickupLatencyMs: 30_000 });
    expect(store.claims.get(1)?.status).toBe('running');
  });

  it('follows a handed-over job: the runner it was handed to taking it is no theft', async () => {
    const { deps, store } = setUp();
    await recordJobRunning(deps, running(2, tookBy(A)));

    expect(await recordJobRunning(deps, running(1, tookBy(B)))).toEqual({
      action: 'recorded',
      runnerName: B.runnerName,
      pickupLatencyMs: 30_000,
    });
    expect(store.claims.get(1)).toMatchObject({ status: 'running', ranBy: B.runnerName });
  });

  it('ignores a runner that is not ours but still marks the job running', async () => {
    const { deps, store } = setUp();

    expect(await recordJobRunning(deps, running(1, { id: 5, description: 'shared-runner' }))).toMatchObject({
      action: 'ignored',
      reason: 'not-a-glr-name',
    });
    expect(store.claims.get(1)).toMatchObject({ status: 'running', ranBy: 'shared-runner' });
    expect(store.runners.get(A.runnerName)?.status).toBe('started');
  });

  it('claims a job whose running event comes before its pending one, so the late pending event starts nothing', async () => {
    const { deps, store } = setUp();

    const outcome = await recordJobRunning(deps, running(3, { id: 5, description: 'shared-runner' }));

    expect(outcome.pickupLatencyMs).toBeUndefined();
    expect(store.claims.get(3)).toMatchObject({ status: 'running', attempts: 0, claimedAt: T0 });
    expect(await claimJob(store, jobRef(3), 'pending-event', testClock().now)).toMatchObject({
      claimed: false,
    });
  });
});
