import { recordingLogger } from '@glr/test-support';
import { describe, expect, it } from 'vitest';
import { claimJob, type FinishedJob, finishJob } from '../../../src/index.ts';
import {
  inMemoryStateStore,
  jobClaim,
  jobRef,
  recordingTeardown,
  runnerRecord,
  testClock,
} from './support/in-memory-ports.ts';

const setUp = () => {
  const store = inMemoryStateStore();
  const teardown = recordingTeardown();
  const clock = testClock();
  return { store, teardown, deps: { store, teardown, clock: clock.now, logger: recordingLogger() } };
};
const finished = (jobId: number, runner: FinishedJob['runner'], status = 'success'): FinishedJob => ({
  job: jobRef(jobId),
  status,
  runner,
});

describe('finishJob', () => {
  it('cleans up the runner that RAN the job, not the one started for it (the A-ran-B swap)', async () => {
    const { deps, store, teardown } = setUp();
    const startedForA = runnerRecord({
      runnerName: 'glr-1-aaaaaa',
      jobId: 1,
      gitlabRunnerId: 11,
      status: 'running',
      ranJobId: 2,
    });
    const startedForB = runnerRecord({
      runnerName: 'glr-2-bbbbbb',
      jobId: 2,
      gitlabRunnerId: 22,
      status: 'running',
      ranJobId: 1,
    });
    store.runners.set(startedForA.runnerName, startedForA).set(startedForB.runnerName, startedForB);
    store.claims.set(2, jobClaim({ jobId: 2, status: 'running', ranBy: 'glr-1-aaaaaa' }));
    store.capacity.set('LAMBDA', 2);

    const outcome = await finishJob(deps, finished(2, { id: 11, description: 'glr-1-aaaaaa' }));

    expect(outcome).toEqual({ action: 'cleaned-up', runnerName: 'glr-1-aaaaaa', kind: 'LAMBDA' });
    expect(teardown.calls).toEqual(['gitlab:glr-1-aaaaaa']);
    expect(store.runners.get('glr-2-bbbbbb')?.status).toBe('running');
    expect(store.claims.get(2)).toMatchObject({ status: 'finished', finishedStatus: 'success' });
    expect(await store.capacityInUse('LAMBDA')).toBe(1);
  });

  it('returns the longest-waiting job of the freed kind as the next one to start', async () => {
    const { deps, store } = setUp();
    store.runners.set('glr-1-abcdef', runnerRecord({ kind: 'EC2', status: 'running' }));
    store.claims.set(
      8,
      jobClaim({ jobId: 8, status: 'waiting', waitingFor: 'EC2', updatedAt: '2026-03-02T10:05:00.000Z' }),
    );
    store.claims.set(
      9,
      jobClaim({ jobId: 9, status: 'waiting', waitingFor: 'EC2', updatedAt: '2026-03-02T10:02:00.000Z' }),
    );
    store.claims.set(
      10,
      jobClaim({ jobId: 10, status: 'waiting', waitingFor: 'LAMBDA', updatedAt: '2026-03-02T09:00:00.000Z' }),
    );

    const outcome = await finishJob(deps, finished(1, { id: 501, description: 'glr-1-abcdef' }));

    expect(outcome).toMatchObject({ action: 'cleaned-up', kind: 'EC2', next: jobRef(9) });
  });

  it('cleans up once and starts nothing more for a duplicate finished event', async () => {
    const { deps, store, teardown } = setUp();
    store.runners.set('glr-1-abcdef', runnerRecord({ status: 'running' }));
    store.claims.set(5, jobClaim({ jobId: 5, status: 'waiting', waitingFor: 'LAMBDA' }));
    store.capacity.set('LAMBDA', 1);
    const event = finished(1, { id: 501, description: 'glr-1-abcdef' });

    await finishJob(deps, event);
    const again = await finishJob(deps, event);

    expect(again).toEqual({ action: 'already-cleaned-up', runnerName: 'glr-1-abcdef' });
    expect(teardown.calls).toHaveLength(1);
    expect(await store.capacityInUse('LAMBDA')).toBe(0);
  });

  it.each([
    ['not-a-glr-name', { id: 3, description: 'shared-runner-3' }],
    ['no-record', { id: 3, description: 'glr-3-zzzzzz' }],
    ['gitlab-id-mismatch', { id: 999, description: 'glr-1-abcdef' }],
  ])('ignores a runner that is not ours (%s) and touches nothing', async (reason, runner) => {
    const { deps, store, teardown } = setUp();
    store.runners.set('glr-1-abcdef', runnerRecord({ status: 'running' }));

    expect(await finishJob(deps, finished(1, runner))).toEqual({ action: 'ignored', reason });

    expect(teardown.calls).toEqual([]);
    expect(store.runners.get('glr-1-abcdef')?.status).toBe('running');
  });

  it('only releases the claim of a job canceled while pending, leaving its idle runner alone', async () => {
    const { deps, store, teardown } = setUp();
    store.runners.set('glr-1-abcdef', runnerRecord());
    store.claims.set(1, jobClaim({ runnerName: 'glr-1-abcdef' }));

    expect(await finishJob(deps, finished(1, null, 'canceled'))).toEqual({ action: 'claim-released' });

    expect(store.claims.get(1)).toMatchObject({ status: 'finished', finishedStatus: 'canceled' });
    expect(store.runners.get('glr-1-abcdef')?.status).toBe('started');
    expect(teardown.calls).toEqual([]);
  });

  it('records a job that finished before its pending event was processed, so the late event starts nothing', async () => {
    const { deps, store } = setUp();

    await finishJob(deps, finished(6, null, 'skipped'));

    expect(store.claims.get(6)).toMatchObject({ status: 'finished', finishedStatus: 'skipped', attempts: 0 });
    expect(await claimJob(store, jobRef(6), 'pending-event', testClock().now)).toEqual({
      claimed: false,
      status: 'finished',
    });
  });
});
