import { describe, expect, it } from 'vitest';
import { claimJob, cleanUpRunner, recordStartFailure, reserveCapacity } from '../../../src/index.ts';
import {
  inMemoryStateStore,
  jobRef,
  recordingTeardown,
  runnerRecord,
  testClock,
} from './support/in-memory-ports.ts';

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

  it('fails a runner record its start left creating (function timed out), so the reaper does not give the unit back again', async () => {
    const store = inMemoryStateStore();
    const clock = testClock().now;
    await claimJob(store, jobRef(4), 'pending-event', clock);
    await reserveCapacity(store, { jobId: 4, kind: 'EC2', limits }, clock);
    const stuck = runnerRecord({ runnerName: 'glr-4-aaaaaa', jobId: 4, kind: 'EC2', status: 'creating' });
    const other = runnerRecord({ runnerName: 'glr-5-bbbbbb', jobId: 5, kind: 'EC2', status: 'creating' });
    store.runners.set(stuck.runnerName, stuck);
    store.runners.set(other.runnerName, other);
    store.capacity.set('EC2', 2);

    await recordStartFailure(store, { jobId: 4, error: 'Sandbox.Timedout', reservedCapacity: 'EC2' }, clock);

    expect(store.runners.get(stuck.runnerName)).toMatchObject({
      status: 'failed',
      failure: 'Sandbox.Timedout',
    });
    expect(store.runners.get(other.runnerName)?.status).toBe('creating');
    expect(await store.capacityInUse('EC2')).toBe(1);
    const deps = { store, teardown: recordingTeardown(), clock };
    const request = { reason: 'stuck-creating', finalStatus: 'failed' } as const;
    expect(await cleanUpRunner(deps, stuck, request)).toBe('already-cleaned-up');
    expect(await store.capacityInUse('EC2')).toBe(1);
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
