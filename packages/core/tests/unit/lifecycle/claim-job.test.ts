import { describe, expect, it } from 'vitest';
import { claimJob } from '../../../src/index.ts';
import { inMemoryStateStore, jobClaim, jobRef, testClock } from './support/in-memory-ports.ts';

describe('claimJob', () => {
  it('claims a job no flow has seen, with one attempt', async () => {
    const store = inMemoryStateStore();

    expect(await claimJob(store, jobRef(7), 'pending-event', testClock().now)).toEqual({
      claimed: true,
      attempts: 1,
    });
    expect(store.claims.get(7)).toMatchObject({ status: 'claimed', jobName: 'build', attempts: 1 });
  });

  it('starts nothing for a duplicate pending event and reports the claim it found', async () => {
    const store = inMemoryStateStore();
    await claimJob(store, jobRef(7), 'pending-event', testClock().now);

    expect(await claimJob(store, jobRef(7), 'pending-event', testClock().now)).toEqual({
      claimed: false,
      status: 'claimed',
    });
  });

  it('starts nothing for a late pending event of a job that already finished', async () => {
    const store = inMemoryStateStore();
    store.claims.set(7, jobClaim({ jobId: 7, status: 'finished', attempts: 0 }));

    expect(await claimJob(store, jobRef(7), 'pending-event', testClock().now)).toEqual({
      claimed: false,
      status: 'finished',
    });
  });

  it.each(['waiting', 'failed'] as const)(
    'takes a %s claim back on restart and counts the attempt',
    async (status) => {
      const store = inMemoryStateStore();
      store.claims.set(7, jobClaim({ jobId: 7, status, waitingFor: 'EC2', attempts: 2 }));

      expect(await claimJob(store, jobRef(7), 'restart', testClock().now)).toEqual({
        claimed: true,
        attempts: 3,
      });
      expect(store.claims.get(7)).toMatchObject({ status: 'claimed' });
      expect(store.claims.get(7)?.waitingFor).toBeUndefined();
    },
  );

  it('lets only one of two racing restarts take the claim', async () => {
    const store = inMemoryStateStore();
    store.claims.set(7, jobClaim({ jobId: 7, status: 'waiting', waitingFor: 'LAMBDA' }));

    const outcomes = await Promise.all([
      claimJob(store, jobRef(7), 'restart', testClock().now),
      claimJob(store, jobRef(7), 'restart', testClock().now),
    ]);

    expect(outcomes.filter((outcome) => outcome.claimed)).toHaveLength(1);
  });

  it.each(['started', 'running', 'finished'] as const)('does not restart a %s job', async (status) => {
    const store = inMemoryStateStore();
    store.claims.set(7, jobClaim({ jobId: 7, status }));

    expect(await claimJob(store, jobRef(7), 'restart', testClock().now)).toEqual({ claimed: false, status });
  });

  it('reports an unknown claim when a restart names a job the table does not know', async () => {
    expect(await claimJob(inMemoryStateStore(), jobRef(7), 'restart', testClock().now)).toEqual({
      claimed: false,
      status: 'unknown',
    });
  });
});
