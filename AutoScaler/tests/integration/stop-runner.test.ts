import { randomUUID } from 'node:crypto';
import { DescribeInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { DeleteParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobEvent, type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness.ts';
import { ACCESS_TOKEN, PARAMETER_PATH } from '../support/start-runner-harness.ts';

/** Creates a one-job pipeline in the fake GitLab and returns the job id. */
const createJob = (harness: LifecycleHarness, name: string, tags: readonly string[]): number => {
  const [jobId] = harness.gitlab.createPipeline(
    `${name}:\n  tags: [${tags.join(', ')}]\n  script: echo ok\n`,
  ).jobIds;
  if (jobId === undefined) throw new Error('the fake GitLab created no job');
  return jobId;
};

/** The runner the start flow created for a job. */
const runnerFor = async (harness: LifecycleHarness, jobId: number): Promise<string> => {
  const name = (await harness.state.getJobClaim(jobId))?.runnerName;
  if (!name) throw new Error(`no runner was started for job ${jobId}`);
  return name;
};

/** Creates a job, delivers its pending event and lets the runner started for it take it. */
const startAndTakeJob = async (harness: LifecycleHarness, name: string, tags: readonly string[]) => {
  const jobId = createJob(harness, name, tags);
  await harness.deliver();
  const runnerName = await runnerFor(harness, jobId);
  const job = await harness.takeJob(runnerName);
  if (!job) throw new Error('the runner took no job');
  return { jobId, runnerName, job };
};

const inGitLab = (harness: LifecycleHarness, runnerName: string) =>
  harness.gitlab.runners().some((runner) => runner.description === runnerName);

describe('StopRunner and JobRunning on Lambda runners', () => {
  let harness: LifecycleHarness;
  beforeAll(async () => {
    harness = await startLifecycleHarness();
  });
  afterAll(() => harness.stop());

  it('cleans up each runner when the job it RAN finishes, after runners A and B swapped jobs', async () => {
    const jobB = createJob(harness, 'swap-b', ['node']);
    const jobA = createJob(harness, 'swap-a', ['node']);
    await harness.deliver();
    const [runnerA, runnerB] = [await runnerFor(harness, jobA), await runnerFor(harness, jobB)];

    const ranByA = await harness.takeJob(runnerA);
    expect(ranByA?.id).toBe(jobB);
    await harness.deliver();
    expect(await harness.state.getJobClaim(jobA)).toMatchObject({ status: 'started', runnerName: runnerB });
    const ranByB = await harness.takeJob(runnerB);
    expect(ranByB?.id).toBe(jobA);
    await harness.deliver();

    if (!ranByA || !ranByB) throw new Error('a runner took no job');
    await harness.finishJob(ranByA, 'success');
    await harness.deliver();
    expect(inGitLab(harness, runnerA)).toBe(false);
    expect(inGitLab(harness, runnerB)).toBe(true);
    expect(await harness.state.getRunner(runnerA)).toMatchObject({
      status: 'done',
      ranJobId: jobB,
      cleanUpReason: 'job-finished',
    });

    await harness.finishJob(ranByB, 'failed');
    await harness.deliver();
    expect(inGitLab(harness, runnerB)).toBe(false);
    expect(await harness.state.getRunner(runnerB)).toMatchObject({ status: 'done', ranJobId: jobA });
    expect(await harness.state.getJobClaim(jobA)).toMatchObject({
      status: 'finished',
      finishedStatus: 'failed',
      ranBy: runnerB,
    });
    expect(harness.restarts).toEqual([]);
  });

  it("gives job A a new runner at once when its runner took B and B's runner cannot take A (nested tags)", async () => {
    const jobB = createJob(harness, 'nested-b', ['linux']);
    const jobA = createJob(harness, 'nested-a', ['docker', 'linux']);
    await harness.deliver();
    const runnerA = await runnerFor(harness, jobA);

    const ranByA = await harness.takeJob(runnerA);
    expect(ranByA?.id).toBe(jobB);
    const [running] = harness.takeEvents();
    await harness.runRunning(running);
    await harness.runRunning({ ...running, id: randomUUID() });

    expect(harness.restarts).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ jobId: jobA }), restart: true }),
    ]);
    const replacement = await runnerFor(harness, jobA);
    expect(replacement).not.toBe(runnerA);
    const ranByReplacement = await harness.takeJob(replacement);
    expect(ranByReplacement?.id).toBe(jobA);
    await harness.deliver();
    expect(harness.gitlab.job(jobA)).toMatchObject({
      status: 'running',
      runner: expect.objectContaining({ description: replacement }),
    });
    expect(await harness.state.getRunner(replacement)).toMatchObject({ status: 'running', ranJobId: jobA });
  });

  it('ignores a finished event whose runner is not ours, and deletes nothing', async () => {
    const deletesBefore = harness.gitlab.requests.filter((request) => request.method === 'DELETE').length;
    await expect(
      harness.runStop(jobEvent('success', 990_101, { id: 5, description: 'shared-docker-runner' })),
    ).resolves.toEqual({
      action: 'ignored',
    });
    await expect(
      harness.runStop(jobEvent('success', 990_102, { id: 6, description: 'glr-990102-zzzzzz' })),
    ).resolves.toEqual({
      action: 'ignored',
    });
    expect(harness.gitlab.requests.filter((request) => request.method === 'DELETE')).toHaveLength(
      deletesBefore,
    );
  });

  it('cleans up once and releases capacity once when the finished event arrives twice', async () => {
    const { job } = await startAndTakeJob(harness, 'twice', ['twice']);
    await harness.deliver();
    await harness.finishJob(job, 'success');
    const [finished] = harness.takeEvents();
    const capacityBefore = await harness.state.capacityInUse('LAMBDA');

    await expect(harness.runStop(finished)).resolves.toEqual({ action: 'cleaned-up' });
    await expect(harness.runStop({ ...finished, id: randomUUID() })).resolves.toEqual({
      action: 'already-cleaned-up',
    });
    expect(await harness.state.capacityInUse('LAMBDA')).toBe(capacityBefore - 1);
  });

  it('starts no runner for a job whose cancel was processed before its pending event', async () => {
    const jobId = createJob(harness, 'early-cancel', ['early']);
    const [pending] = harness.takeEvents();
    harness.gitlab.cancelJob(jobId);
    const [canceled] = harness.takeEvents();

    await expect(harness.runStop(canceled)).resolves.toEqual({ action: 'claim-released' });
    await harness.run(pending as never);
    expect(
      harness.gitlab.runners().filter((runner) => runner.description.startsWith(`glr-${jobId}-`)),
    ).toEqual([]);
    expect(await harness.state.getJobClaim(jobId)).toMatchObject({
      status: 'finished',
      finishedStatus: 'canceled',
    });
  });

  it('counts a runner GitLab already deleted (404) as deleted', async () => {
    const { runnerName, job } = await startAndTakeJob(harness, 'gone', ['gone']);
    await harness.finishJob(job, 'success');
    const gitlabId = (await harness.state.getRunner(runnerName))?.gitlabRunnerId;
    await fetch(`${harness.gitlab.url}/api/v4/runners/${gitlabId}`, {
      method: 'DELETE',
      headers: { 'private-token': ACCESS_TOKEN },
    });

    await harness.deliver();
    expect(await harness.state.getRunner(runnerName)).toMatchObject({ status: 'done' });
    expect(
      harness.gitlab.requests
        .filter((request) => request.path === `/api/v4/runners/${gitlabId}`)
        .map((r) => r.status),
    ).toEqual([204, 404]);
  });

  it('retries the clean-up after GitLab answers 5xx and then cleans up', async () => {
    const { runnerName, job } = await startAndTakeJob(harness, 'flaky-delete', ['flaky']);
    await harness.finishJob(job, 'success');
    harness.gitlab.injectFault({
      method: 'DELETE',
      path: /^\/api\/v4\/runners\/\d+$/,
      status: 502,
      times: 5,
    });

    await harness.deliver();
    expect(inGitLab(harness, runnerName)).toBe(false);
    expect(await harness.state.getRunner(runnerName)).toMatchObject({ status: 'done' });
  });
});

describe('StopRunner when capacity frees', () => {
  let harness: LifecycleHarness;
  beforeAll(async () => {
    harness = await startLifecycleHarness({ environment: { GLR_MAX_LAMBDA_RUNNERS: '1' } });
  });
  afterAll(() => harness.stop());

  it('starts the oldest waiting job as soon as a runner is cleaned up', async () => {
    const first = createJob(harness, 'first', ['cap']);
    const second = createJob(harness, 'second', ['cap2']);
    await harness.deliver();
    expect(await harness.state.getJobClaim(second)).toMatchObject({ status: 'waiting' });

    const job = await harness.takeJob(await runnerFor(harness, first));
    if (!job) throw new Error('the runner took no job');
    await harness.finishJob(job, 'success');
    await harness.deliver();

    expect(await harness.state.getJobClaim(second)).toMatchObject({ status: 'started', attempts: 2 });
    expect(await harness.takeJob(await runnerFor(harness, second))).toMatchObject({ id: second });
  });
});

describe('StopRunner on EC2 runners', () => {
  let harness: LifecycleHarness;
  beforeAll(async () => {
    harness = await startLifecycleHarness();
    await harness.mapping.write({ put: [{ jobName: 'ec2-build', tags: ['ec2'], type: 'EC2' }], delete: [] });
  });
  afterAll(() => harness.stop());

  const instanceState = async (instanceId: string) =>
    (await harness.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]
      ?.Instances?.[0]?.State?.Name;

  it('terminates the instance, deletes its token parameter and the GitLab runner', async () => {
    const { runnerName, job } = await startAndTakeJob(harness, 'ec2-build', ['ec2']);
    const instanceId = (await harness.state.getRunner(runnerName))?.instanceId ?? '';
    await harness.finishJob(job, 'success');
    await harness.deliver();

    expect(await instanceState(instanceId)).toMatch(/shutting-down|terminated/);
    expect(inGitLab(harness, runnerName)).toBe(false);
    await expect(
      harness.ssm.send(new DeleteParameterCommand({ Name: `${PARAMETER_PATH}runner-tokens/${instanceId}` })),
    ).rejects.toThrow(/ParameterNotFound|not found/i);
  });

  it('ends clean when the runner already terminated its instance and deleted its parameter', async () => {
    const { runnerName, job } = await startAndTakeJob(harness, 'ec2-build', ['ec2']);
    const instanceId = (await harness.state.getRunner(runnerName))?.instanceId ?? '';
    await harness.finishJob(job, 'success');
    await harness.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    await harness.ssm.send(
      new DeleteParameterCommand({ Name: `${PARAMETER_PATH}runner-tokens/${instanceId}` }),
    );

    await harness.deliver();
    expect(await harness.state.getRunner(runnerName)).toMatchObject({ status: 'done' });
    expect(inGitLab(harness, runnerName)).toBe(false);
  });

  it('ends clean when the instance no longer exists at all', async () => {
    const jobId = createJob(harness, 'ec2-build', ['ec2']);
    await harness.deliver();
    const runnerName = await runnerFor(harness, jobId);
    const record = await harness.state.getRunner(runnerName);
    await harness.state.updateRunner(runnerName, ['started'], {
      status: 'started',
      instanceId: 'i-0123456789abcdef0',
      updatedAt: new Date().toISOString(),
    });
    const job = await harness.takeJob(runnerName);
    if (!job || !record) throw new Error('the runner took no job');
    await harness.finishJob(job, 'success');

    await harness.deliver();
    expect(await harness.state.getRunner(runnerName)).toMatchObject({
      status: 'done',
      instanceId: 'i-0123456789abcdef0',
    });
  });
});

describe('StopRunner in registration-token mode without an access token', () => {
  let harness: LifecycleHarness;
  beforeAll(async () => {
    harness = await startLifecycleHarness({ tokenMode: 'registration-token', withAccessToken: false });
  });
  afterAll(() => harness.stop());

  it('deletes the runner with the token the start flow kept, then forgets the token', async () => {
    const jobId = createJob(harness, 'legacy', []);
    await harness.deliver();
    const runnerName = await runnerFor(harness, jobId);
    const kept = `${PARAMETER_PATH}runner-tokens/${runnerName}`;
    const job = await harness.takeJob(runnerName);
    if (!job) throw new Error('the runner took no job');
    await harness.finishJob(job, 'success');

    await harness.deliver();
    expect(inGitLab(harness, runnerName)).toBe(false);
    expect(
      harness.gitlab.requests.filter((request) => request.method === 'DELETE').map((request) => request.path),
    ).toEqual(['/api/v4/runners']);
    await expect(harness.ssm.send(new DeleteParameterCommand({ Name: kept }))).rejects.toThrow(
      /ParameterNotFound|not found/i,
    );
  });
});
