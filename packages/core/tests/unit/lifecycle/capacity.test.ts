import { describe, expect, it } from 'vitest';
import { claimJob, recordStartFailure, reserveCapacity } from '../../../src/index.ts';
import { inMemoryStateStore, jobRef, testClock } from './support/in-memory-ports.ts';

const limits = { LAMBDA: 2, EC2: 1 };

describe('reserveCapacity', () => {
  it('takes one unit per job up to the cap, per kind', async () => {
    const store = inMemoryStateStore();
    const clock = testClock().now;
    for (const jobId of [1, 2, 3]) await claimJob(store, jobRef(jobId), 'pending-event', clock);

    expect(await reserveCapacity(store, { jobId: 1, kind: 'LAMBDA', limits }, clock)).toBe('reserved');
    expect(await reserveCapacity(store, { jobId: 2, kind: 'LAMBDA', limits }, clock)).toBe('reserved');
    expect(await reserveCapacity(store, { jobId: 3, kind: 'EC2', limits }, clock)).toBe('reserved');
    expect(await store.capacityInUse('LAMBDA')).toBe(2);
    expect(await store.capacityInUse('EC2')).toBe(1);
  });

  it('parks a job over the cap as waiting for its kind, keeping its claim', async () => {
    const store = inMemoryStateStore();
    const clock = testClock().now;
    await claimJob(store, jobRef(9), 'pending-event', clock);
    store.capacity.set('EC2', 1);

    expect(await reserveCapacity(store, { jobId: 9, kind: 'EC2', limits }, clock)).toBe('waiting');
    expect(store.claims.get(9)).toMatchObject({ status: 'waiting', waitingFor: 'EC2' });
    expect(await store.capacityInUse('EC2')).toBe(1);
    expect(await claimJob(store, jobRef(9), 'pending-event', clock)).toEqual({
      claimed: false,
      status: 'waiting',
    });
  });
});

describe('recordStartFailure', () => {
  it('fails the claim with the error name and gives the reserved unit back', async () => {
    const store = inMemoryStateStore();
    const clock = testClock().now;
    await claimJob(store, jobRef(4), 'pending-event', clock);
    await reserveCapacity(store, { jobId: 4, kind: 'LAMBDA', limits }, clock);

    await recordStartFailure(
      store,
      { jobId: 4, error: 'GitLabRegistrationDisabledError', reservedCapacity: 'LAMBDA' },
      clock,
    );

    expect(store.claims.get(4)).toMatchObject({
      status: 'failed',
      failure: 'GitLabRegistrationDisabledError',
    });
    expect(await store.capacityInUse('LAMBDA')).toBe(0);
  });

  it('gives nothing back when the flow failed before it reserved capacity', async () => {
    const store = inMemoryStateStore();
    const clock = testClock().now;
    await claimJob(store, jobRef(4), 'pending-event', clock);
    store.capacity.set('LAMBDA', 1);

    await recordStartFailure(store, { jobId: 4, error: 'ValidationError' }, clock);

    expect(store.claims.get(4)).toMatchObject({ status: 'failed', failure: 'ValidationError' });
    expect(await store.capacityInUse('LAMBDA')).toBe(1);
  });

  it('leaves a claim another flow moved on (finished meanwhile) as it is', async () => {
    const store = inMemoryStateStore();
    const clock = testClock().now;
    await claimJob(store, jobRef(4), 'pending-event', clock);
    await store.updateJobClaim(4, ['claimed'], { status: 'finished', updatedAt: clock().toISOString() });

    await recordStartFailure(store, { jobId: 4, error: 'RunnerLaunchError' }, clock);

    expect(store.claims.get(4)?.status).toBe('finished');
  });
});
