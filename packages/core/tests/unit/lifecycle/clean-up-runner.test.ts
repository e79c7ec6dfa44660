import { describe, expect, it } from 'vitest';
import { cleanUpRunner } from '../../../src/index.ts';
import { inMemoryStateStore, recordingTeardown, runnerRecord, testClock } from './support/in-memory-ports.ts';

const setUp = (record = runnerRecord()) => {
  const store = inMemoryStateStore();
  store.runners.set(record.runnerName, record);
  store.capacity.set(record.kind, 1);
  const clock = testClock();
  const teardown = recordingTeardown();
  return { store, teardown, clock, deps: { store, teardown, clock: clock.now } };
};
const afterJob = { reason: 'job-finished', finalStatus: 'done' } as const;

describe('cleanUpRunner', () => {
  it('deletes a Lambda runner from GitLab, ends its record with the reason and gives its unit back', async () => {
    const { deps, store, teardown, clock } = setUp();
    clock.advance(60);

    expect(await cleanUpRunner(deps, runnerRecord(), afterJob)).toBe('cleaned-up');

    expect(teardown.calls).toEqual(['gitlab:glr-1-abcdef']);
    expect(store.runners.get('glr-1-abcdef')).toMatchObject({
      status: 'done',
      cleanUpReason: 'job-finished',
      finishedAt: '2026-03-02T10:01:00.000Z',
    });
    expect(await store.capacityInUse('LAMBDA')).toBe(0);
  });

  it('terminates an EC2 runner instance and deletes its token parameter', async () => {
    const record = runnerRecord({ kind: 'EC2', instanceId: 'i-0abc', status: 'running' });
    const { deps, teardown, store } = setUp(record);

    await cleanUpRunner(deps, record, afterJob);

    expect(teardown.calls).toEqual(['gitlab:glr-1-abcdef', 'terminate:i-0abc', 'token:i-0abc']);
    expect(await store.capacityInUse('EC2')).toBe(0);
  });

  it('gives capacity back once when the same runner is cleaned up twice at the same time', async () => {
    const { deps, store } = setUp();
    store.capacity.set('LAMBDA', 3);

    const outcomes = await Promise.all([
      cleanUpRunner(deps, runnerRecord(), afterJob),
      cleanUpRunner(deps, runnerRecord(), afterJob),
    ]);

    expect(outcomes.sort()).toEqual(['already-cleaned-up', 'cleaned-up']);
    expect(await store.capacityInUse('LAMBDA')).toBe(2);
  });

  it('does nothing for a record that is already done or failed', async () => {
    const done = runnerRecord({ status: 'done' });
    const { deps, teardown, store } = setUp(done);

    expect(await cleanUpRunner(deps, done, afterJob)).toBe('already-cleaned-up');
    expect(await cleanUpRunner(deps, runnerRecord({ status: 'failed' }), afterJob)).toBe(
      'already-cleaned-up',
    );

    expect(teardown.calls).toEqual([]);
    expect(await store.capacityInUse('LAMBDA')).toBe(1);
  });

  it('leaves the record live and the unit taken when a step fails, so a retry can finish the job', async () => {
    const { deps, teardown, store } = setUp();
    teardown.failGitLabDeletes(Object.assign(new Error('503'), { name: 'GitLabServerError' }));

    await expect(cleanUpRunner(deps, runnerRecord(), afterJob)).rejects.toThrow('503');
    expect(store.runners.get('glr-1-abcdef')?.status).toBe('started');
    expect(await store.capacityInUse('LAMBDA')).toBe(1);

    teardown.failGitLabDeletes(undefined);
    expect(await cleanUpRunner(deps, runnerRecord(), afterJob)).toBe('cleaned-up');
    expect(await store.capacityInUse('LAMBDA')).toBe(0);
  });

  it('ends a runner that never got going as failed', async () => {
    const record = runnerRecord({ status: 'creating' });
    const { deps, store } = setUp(record);

    await cleanUpRunner(deps, record, { reason: 'stuck-creating', finalStatus: 'failed' });

    expect(store.runners.get(record.runnerName)).toMatchObject({
      status: 'failed',
      cleanUpReason: 'stuck-creating',
    });
  });
});
