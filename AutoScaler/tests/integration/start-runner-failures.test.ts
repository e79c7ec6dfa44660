import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  pendingEvent,
  type StartRunnerHarness,
  startStartRunnerHarness,
} from '../support/start-runner-harness.ts';

/** The Cause of the state machine's "Runner start failed" state. */
const NO_RUNNER = /No runner could be started for the job/;

const runnersOf = (harness: StartRunnerHarness, jobId: number) =>
  harness.gitlab.runners().filter((runner) => runner.description.startsWith(`glr-${jobId}-`));

describe('StartRunner when things fail (authentication-token mode)', () => {
  let harness: StartRunnerHarness;
  beforeAll(async () => {
    harness = await startStartRunnerHarness();
  });
  afterAll(() => harness.stop());

  it('retries creating the runner after GitLab answers 5xx, and starts one runner', async () => {
    // The client tries 4 times per call: 5 failures fail the first Task attempt and the next try's first call.
    harness.gitlab.injectFault({ method: 'POST', path: '/api/v4/user/runners', status: 502, times: 5 });
    await harness.run(pendingEvent({ id: 9101, name: 'flaky' }));

    expect(runnersOf(harness, 9101)).toHaveLength(1);
    expect(await harness.state.getJobClaim(9101)).toMatchObject({ status: 'started' });
  });

  it('deletes the runner from GitLab, fails its record and the claim, and frees capacity when Lambda refuses the invoke', async () => {
    const capacityBefore = await harness.state.capacityInUse('LAMBDA');
    harness.lambda.failInvocations(true);
    try {
      await expect(harness.run(pendingEvent({ id: 9102, name: 'throttled' }))).rejects.toThrow(NO_RUNNER);
    } finally {
      harness.lambda.failInvocations(false);
    }

    expect(runnersOf(harness, 9102)).toEqual([]);
    const deletes = harness.gitlab.requests.filter((request) => request.method === 'DELETE');
    expect(deletes.length).toBeGreaterThan(0);
    expect(await harness.state.getJobClaim(9102)).toMatchObject({
      status: 'failed',
      failure: 'RunnerLaunchError',
    });
    expect(await harness.state.listLiveRunners('LAMBDA')).not.toContainEqual(
      expect.objectContaining({ jobId: 9102 }),
    );
    expect(await harness.state.capacityInUse('LAMBDA')).toBe(capacityBefore);
  });

  it('starts no runner for a job that finished while its runner was being created in GitLab', async () => {
    const capacityBefore = await harness.state.capacityInUse('LAMBDA');
    harness.gitlab.injectFault({ method: 'POST', path: '/api/v4/user/runners', delayMs: 2000 });
    const execution = harness.run(pendingEvent({ id: 9103, name: 'canceled-early' }));
    // The runner record is written right before GitLab is asked: the job is canceled while GitLab answers.
    await vi.waitUntil(
      async () => (await harness.state.listLiveRunners('LAMBDA')).some((r) => r.jobId === 9103),
      {
        timeout: 10_000,
      },
    );
    await harness.state.updateJobClaim(9103, ['claimed'], {
      status: 'finished',
      finishedStatus: 'canceled',
      updatedAt: new Date().toISOString(),
    });

    expect(await execution).toMatchObject({ started: false, claimStatus: 'finished' });
    expect(runnersOf(harness, 9103)).toEqual([]);
    expect(
      harness.lambda.invocations.filter((call) => (call.payload as { jobId?: number }).jobId === 9103),
    ).toEqual([]);
    expect(await harness.state.listLiveRunners('LAMBDA')).not.toContainEqual(
      expect.objectContaining({ jobId: 9103 }),
    );
    expect(await harness.state.capacityInUse('LAMBDA')).toBe(capacityBefore);
  });
});

describe('StartRunner at the cap', () => {
  let harness: StartRunnerHarness;
  beforeAll(async () => {
    harness = await startStartRunnerHarness({ environment: { GLR_MAX_LAMBDA_RUNNERS: '1' } });
  });
  afterAll(() => harness.stop());

  it('records the job over the cap as waiting and starts nothing for it', async () => {
    await harness.run(pendingEvent({ id: 9201, name: 'first' }));
    await harness.run(pendingEvent({ id: 9202, name: 'second' }));

    expect(runnersOf(harness, 9201)).toHaveLength(1);
    expect(runnersOf(harness, 9202)).toEqual([]);
    expect(await harness.state.getJobClaim(9202)).toMatchObject({ status: 'waiting', waitingFor: 'LAMBDA' });
    expect((await harness.state.listWaitingJobs('LAMBDA')).map((job) => job.jobId)).toEqual([9202]);
  });
});

describe('StartRunner in registration-token mode', () => {
  let harness: StartRunnerHarness;
  beforeAll(async () => {
    harness = await startStartRunnerHarness({ tokenMode: 'registration-token' });
  });
  afterAll(() => harness.stop());

  it('creates the runner with the legacy registration token', async () => {
    await harness.run(pendingEvent({ id: 9301, name: 'legacy' }));
    expect(runnersOf(harness, 9301)).toMatchObject([{ createdWith: 'registration-token' }]);
  });

  it('fails clearly, without retrying, when GitLab has registration tokens disabled (410)', async () => {
    harness.gitlab.setRegistrationToken(null);
    await expect(harness.run(pendingEvent({ id: 9302, name: 'legacy' }))).rejects.toThrow(NO_RUNNER);

    expect(await harness.state.getJobClaim(9302)).toMatchObject({
      status: 'failed',
      failure: 'GitLabRegistrationDisabledError',
    });
    const refused = harness.gitlab.requests.filter(
      (request) => request.path === '/api/v4/runners' && request.status === 410,
    );
    expect(refused).toHaveLength(1);
  });
});
