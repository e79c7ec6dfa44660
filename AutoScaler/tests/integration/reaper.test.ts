import { DescribeImagesCommand, DescribeInstancesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import type { JobClaimRecord, ReaperAction } from '@glr/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness.ts';
import { ACCESS_TOKEN } from '../support/start-runner-harness.ts';

let harness: LifecycleHarness;
const seeded = {
  idleJob: 0,
  idleRunner: '',
  busyRunner: '',
  busyInstance: '',
  untaggedInstance: '',
  orphanInstance: '',
  noRecordRunnerId: 0,
  doneRecordRunnerId: 0,
  abandonedJob: 0,
  waitingJob: 0,
};
const TWO_HOURS_LATER = () => Date.now() + 2 * 3600 * 1000;
const REAPER_SETTINGS = {
  GLR_PICKUP_TIMEOUT_SECONDS: '900',
  GLR_MAX_RUNNER_LIFETIME_SECONDS: '3600',
  GLR_STUCK_AFTER_SECONDS: '600',
  GLR_MAX_START_ATTEMPTS: '3',
};

const createJob = (name: string, tags: readonly string[]): number => {
  const [jobId] = harness.gitlab.createPipeline(
    `${name}:\n  tags: [${tags.join(', ')}]\n  script: echo ok\n`,
  ).jobIds;
  if (jobId === undefined) throw new Error('the fake GitLab created no job');
  return jobId;
};

const launch = async (tags: Record<string, string>) => {
  const images = await harness.ec2.send(new DescribeImagesCommand({}));
  const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const { Instances } = await harness.ec2.send(
    new RunInstancesCommand({
      ImageId: images.Images?.[0]?.ImageId,
      MinCount: 1,
      MaxCount: 1,
      ...(Tags.length ? { TagSpecifications: [{ ResourceType: 'instance', Tags }] } : {}),
    }),
  );
  return Instances?.[0]?.InstanceId ?? '';
};

const createGitLabRunner = async (description: string): Promise<number> => {
  const response = await fetch(`${harness.gitlab.url}/api/v4/user/runners`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'private-token': ACCESS_TOKEN },
    body: JSON.stringify({ runner_type: 'project_type', project_id: 42, description, tag_list: ['x'] }),
  });
  return ((await response.json()) as { id: number }).id;
};

const claim = (jobId: number, fields: Partial<JobClaimRecord>): JobClaimRecord => {
  const now = new Date().toISOString();
  return {
    jobId,
    jobName: 'seeded',
    projectId: 42,
    pendingAt: now,
    status: 'claimed',
    claimedAt: now,
    updatedAt: now,
    attempts: 1,
    ...fields,
  };
};

const runnerRecord = (runnerName: string, status: 'creating' | 'done', gitlabRunnerId?: number) => {
  const now = new Date().toISOString();
  return {
    runnerName,
    kind: 'LAMBDA' as const,
    jobId: Number(runnerName.split('-')[1]),
    projectId: 42,
    status,
    tags: [],
    maximumTimeout: 840,
    planSource: 'default' as const,
    createdAt: now,
    updatedAt: now,
    ...(gitlabRunnerId ? { gitlabRunnerId } : {}),
  };
};

const instanceState = async (instanceId: string) =>
  (await harness.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]
    ?.Instances?.[0]?.State?.Name;

/** One reaper pass two hours from now (past every deadline); only `Date` is faked. */
const reapLater = async (environment: Record<string, string> = {}) => {
  vi.useFakeTimers({ toFake: ['Date'], now: TWO_HOURS_LATER() });
  try {
    return (await harness.reap({ ...REAPER_SETTINGS, ...environment })).actions as ReaperAction[];
  } finally {
    vi.useRealTimers();
  }
};

beforeAll(async () => {
  harness = await startLifecycleHarness();
  await harness.mapping.write({ put: [{ jobName: 'ec2-busy', tags: ['ec2'], type: 'EC2' }], delete: [] });
  seeded.idleJob = createJob('idle', ['idle']);
  const busyJob = createJob('ec2-busy', ['ec2']);
  await harness.deliver();
  seeded.idleRunner = (await harness.state.getJobClaim(seeded.idleJob))?.runnerName ?? '';
  seeded.busyRunner = (await harness.state.getJobClaim(busyJob))?.runnerName ?? '';
  seeded.busyInstance = (await harness.state.getRunner(seeded.busyRunner))?.instanceId ?? '';
  await harness.takeJob(seeded.busyRunner);
  await harness.deliver();

  seeded.untaggedInstance = await launch({});
  seeded.orphanInstance = await launch({ 'glr:managed': 'true', 'glr:runner': 'glr-424242-orphan' });
  seeded.noRecordRunnerId = await createGitLabRunner('glr-515151-norecd');
  seeded.doneRecordRunnerId = await createGitLabRunner('glr-616161-donerc');
  await harness.state.putRunner(runnerRecord('glr-616161-donerc', 'done', seeded.doneRecordRunnerId));
  await harness.state.putRunner(runnerRecord('glr-717171-stuckr', 'creating'));
  seeded.abandonedJob = createJob('abandoned', ['never']);
  seeded.waitingJob = createJob('waiting', ['waits']);
  harness.takeEvents();
  await harness.state.putJobClaim(
    claim(seeded.abandonedJob, { status: 'failed', attempts: 3, failure: 'RunnerLaunchError' }),
  );
  await harness.state.putJobClaim(claim(seeded.waitingJob, { status: 'waiting', waitingFor: 'LAMBDA' }));
});
afterAll(() => harness.stop());

describe('the reaper', () => {
  it('in dry-run reports every action with its reason and changes nothing', async () => {
    const actions = await reapLater({ GLR_REAPER_DRY_RUN: 'true' });

    expect(actions.every((action) => action.dryRun)).toBe(true);
    expect(actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'clean-up-runner',
          reason: 'never-picked-up',
          target: seeded.idleRunner,
        }),
        expect.objectContaining({
          action: 'terminate-instance',
          reason: 'no-live-record',
          target: seeded.orphanInstance,
        }),
        expect.objectContaining({ action: 'start-waiting-job', target: String(seeded.waitingJob) }),
      ]),
    );
    expect(harness.gitlab.runners().map((runner) => runner.description)).toEqual(
      expect.arrayContaining([seeded.idleRunner, 'glr-515151-norecd', 'glr-616161-donerc']),
    );
    expect(await instanceState(seeded.orphanInstance)).toBe('running');
    expect(await harness.state.getJobClaim(seeded.abandonedJob)).toMatchObject({ status: 'failed' });
    expect(await harness.state.getJobClaim(seeded.waitingJob)).toMatchObject({ status: 'waiting' });
    expect(harness.restarts).toEqual([]);
  });

  describe('in a real pass', () => {
    let actions: ReaperAction[];
    beforeAll(async () => {
      actions = await reapLater();
    });

    it('ends a runner that took no job within the pick-up timeout and starts its still-pending job again', async () => {
      expect(await harness.state.getRunner(seeded.idleRunner)).toMatchObject({
        status: 'done',
        cleanUpReason: 'never-picked-up',
      });
      expect(harness.gitlab.runners().some((runner) => runner.description === seeded.idleRunner)).toBe(false);
      expect(actions).toContainEqual(
        expect.objectContaining({
          action: 'restart-job',
          reason: 'runner-gone',
          target: String(seeded.idleJob),
        }),
      );
      const claimed = await harness.state.getJobClaim(seeded.idleJob);
      expect(claimed).toMatchObject({ status: 'started', attempts: 2 });
      expect(claimed?.runnerName).not.toBe(seeded.idleRunner);
    });

    it('terminates a managed instance no live record accounts for', async () => {
      expect(await instanceState(seeded.orphanInstance)).toMatch(/shutting-down|terminated/);
    });

    it('never touches an untagged instance, nor a tagged one whose runner GitLab says is busy', async () => {
      expect(await instanceState(seeded.untaggedInstance)).toBe('running');
      expect(await instanceState(seeded.busyInstance)).toBe('running');
      expect(await harness.state.getRunner(seeded.busyRunner)).toMatchObject({ status: 'running' });
      expect(actions).toContainEqual(
        expect.objectContaining({ action: 'keep-busy-runner', target: seeded.busyRunner }),
      );
      expect(actions.map((action) => action.target)).not.toContain(seeded.untaggedInstance);
    });

    it('deletes glr- GitLab runners with no record or a done record', () => {
      const ids = harness.gitlab.runners().map((runner) => runner.id);
      expect(ids).not.toContain(seeded.noRecordRunnerId);
      expect(ids).not.toContain(seeded.doneRecordRunnerId);
      expect(actions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'delete-gitlab-runner', reason: 'no-record' }),
          expect.objectContaining({ action: 'delete-gitlab-runner', reason: 'record-done' }),
        ]),
      );
    });

    it('resolves a record stuck in creating as failed', async () => {
      expect(await harness.state.getRunner('glr-717171-stuckr')).toMatchObject({
        status: 'failed',
        cleanUpReason: 'stuck-creating',
      });
    });

    it('abandons a job started too often, for the alarm to see', async () => {
      expect(await harness.state.getJobClaim(seeded.abandonedJob)).toMatchObject({ status: 'abandoned' });
      expect(actions).toContainEqual(
        expect.objectContaining({ action: 'abandon-job', target: String(seeded.abandonedJob) }),
      );
    });

    it('starts a job waiting for capacity', async () => {
      expect(await harness.state.getJobClaim(seeded.waitingJob)).toMatchObject({ status: 'started' });
    });
  });
});
