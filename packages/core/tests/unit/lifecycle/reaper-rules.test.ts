import { describe, expect, it } from 'vitest';
import {
  isOrphanInstance,
  type JobClaimRecord,
  judgeClaim,
  judgeRunnerRecord,
  type RunnerRecord,
  tagsCover,
} from '../../../src/index.ts';
import { REAPER_SETTINGS } from './support/in-memory-ports.ts';

const settings = REAPER_SETTINGS;
const T0 = '2026-03-02T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000);

const runner = (fields: Partial<RunnerRecord>): RunnerRecord => ({
  runnerName: 'glr-1-abcdef',
  kind: 'EC2',
  jobId: 1,
  projectId: 42,
  status: 'started',
  tags: [],
  maximumTimeout: 3600,
  planSource: 'default',
  createdAt: T0,
  updatedAt: T0,
  startedAt: T0,
  ...fields,
});

describe('judgeRunnerRecord', () => {
  it('leaves a started runner alone until the pick-up timeout, then calls it never picked up', () => {
    expect(judgeRunnerRecord(runner({}), settings, at(899))).toBeUndefined();
    expect(judgeRunnerRecord(runner({}), settings, at(901))).toBe('never-picked-up');
  });

  it('calls a creating record stuck only after stuckAfterSeconds', () => {
    expect(judgeRunnerRecord(runner({ status: 'creating' }), settings, at(599))).toBeUndefined();
    expect(judgeRunnerRecord(runner({ status: 'creating' }), settings, at(601))).toBe('stuck-creating');
  });

  it('suspects a missed finished event only past the maximum timeout plus the pick-up timeout', () => {
    const running = runner({ status: 'running', pickedAt: T0 });
    expect(judgeRunnerRecord(running, settings, at(3600 + 899))).toBeUndefined();
    expect(judgeRunnerRecord(running, settings, at(3600 + 901))).toBe('finished-event-missed');
  });

  it('ends any runner past the maximum lifetime', () => {
    const longJob = runner({
      status: 'running',
      pickedAt: at(6 * 3600).toISOString(),
      maximumTimeout: 86_400,
    });
    expect(judgeRunnerRecord(longJob, settings, at(6 * 3600 + 1))).toBe('past-max-lifetime');
  });
});

describe('isOrphanInstance', () => {
  const instance = { instanceId: 'i-1', runnerName: 'glr-1-abcdef', launchedAt: T0 };

  it('spares an instance whose runner record is live', () => {
    expect(isOrphanInstance(instance, runner({}), new Set(['glr-1-abcdef']), settings, at(7200))).toBe(false);
  });

  it('gives a just-launched instance the start flow time to record it', () => {
    expect(isOrphanInstance(instance, undefined, new Set(), settings, at(60))).toBe(false);
    expect(isOrphanInstance(instance, undefined, new Set(), settings, at(601))).toBe(true);
  });
});

describe('judgeClaim', () => {
  const claim = (fields: Partial<JobClaimRecord>): JobClaimRecord => ({
    jobId: 7,
    jobName: 'build',
    projectId: 42,
    pendingAt: T0,
    status: 'started',
    claimedAt: T0,
    updatedAt: T0,
    attempts: 1,
    ...fields,
  });

  it('restarts a started job only when its runner is gone and the pick-up timeout passed', () => {
    expect(judgeClaim(claim({}), true, settings, at(7200))).toBeUndefined();
    expect(judgeClaim(claim({}), false, settings, at(60))).toBeUndefined();
    expect(judgeClaim(claim({}), false, settings, at(901))).toBe('runner-gone');
  });

  it('restarts failed starts and claims whose start flow died', () => {
    expect(judgeClaim(claim({ status: 'failed' }), false, settings, at(0))).toBe('start-failed');
    expect(judgeClaim(claim({ status: 'claimed' }), false, settings, at(601))).toBe('start-flow-stuck');
  });
});

describe('tagsCover', () => {
  it('lets an untagged runner take only what an untagged runner was planned for', () => {
    expect(tagsCover([], [])).toBe(true);
    expect(tagsCover(['linux'], [])).toBe(false);
  });

  it('needs every planned tag', () => {
    expect(tagsCover(['docker', 'linux'], ['linux'])).toBe(true);
    expect(tagsCover(['linux'], ['docker', 'linux'])).toBe(false);
  });
});
