import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allFinished,
  E2E_TEST_TIMEOUT_MS,
  type E2eStack,
  startE2eStack,
  waitFor,
} from '../fixtures/e2e-harness.ts';

// An EC2 job (mapped by name and tag) whose script kills its runner process, as a crashed runner or a
// lost instance would leave it: GitLab keeps the job running until its timeout (600 GitLab seconds,
// 3 s here), then fails it with job_execution_timeout. The local "instance" powers off when its
// runner process dies, as the AMI's bootstrap does.
const CRASHING_JOB =
  'docker-build:\n  tags: [docker]\n  timeout: 600\n  script: [kill -KILL $PPID, sleep 1]\n';

/** Runs the reaper once, as `aws lambda invoke` of ReapRunnersFunction would. */
const runReaper = async (): Promise<void> => {
  const endpoint = process.env.AWS_ENDPOINT_URL_LAMBDA;
  const response = await fetch(
    `${endpoint}/2015-03-31/functions/glr-autoscaler-ReapRunnersFunction/invocations`,
    {
      method: 'POST',
      body: '{}',
    },
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('x-amz-function-error')).toBeNull();
};

describe('end to end: a runner that crashes mid-job', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack({
      fakeGitLab: { secondMs: 5 },
      // Stands in for the hours that pass before the reaper gives up on a runner: it still asks
      // GitLab first, and keeps any runner GitLab says is running a job. The reaper runs only when
      // a test invokes it.
      environment: { GLR_MAX_RUNNER_LIFETIME_SECONDS: '1' },
    });
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  const crashedJob = async (): Promise<{ jobId: number; runnerName: string }> => {
    const [jobId = 0] = e2e.gitlab.createPipeline(CRASHING_JOB).jobIds;
    await waitFor(() => e2e.gitlab.job(jobId)?.status === 'running', 'the EC2 runner to take the job');
    const runnerName = e2e.gitlab.job(jobId)?.runner?.description ?? '';
    await waitFor(
      () =>
        e2e.stack
          .state()
          .runners.some((runner) => runner.name === runnerName && runner.status === 'terminated'),
      'the runner process to die and its instance to power off',
    );
    return { jobId, runnerName };
  };

  it('fails the job by GitLab’s timeout, and the finished event deletes the runner', async () => {
    const { jobId } = await crashedJob();

    await waitFor(
      () => allFinished(e2e.gitlab, [jobId]) && e2e.gitlab.runners().length === 0,
      'GitLab to time the job out and the runner to be deleted',
    );

    expect(e2e.gitlab.job(jobId)).toMatchObject({ status: 'failed', failureReason: 'job_execution_timeout' });
  });

  it('leaves the clean-up to the reaper when that finished event is lost too', async () => {
    const live = { url: e2e.stack.webhookUrl, secretToken: e2e.stack.gitlab.webhookSecret };
    const { jobId, runnerName } = await crashedJob();
    // GitLab's Job Hooks stop arriving (a hook GitLab disabled): the failed event is never delivered.
    e2e.gitlab.webhooks.configure({ ...live, hold: true });
    await waitFor(() => allFinished(e2e.gitlab, [jobId]), 'GitLab to time the job out');
    expect(e2e.gitlab.job(jobId)).toMatchObject({ status: 'failed', failureReason: 'job_execution_timeout' });
    expect(e2e.gitlab.runners().map((runner) => runner.description)).toEqual([runnerName]);

    await runReaper();

    expect(e2e.gitlab.runners()).toEqual([]);
    const reaped = e2e
      .logs()
      .split('\n')
      .filter((line) => line.includes('"message":"Reaper acted"') && line.includes(runnerName));
    expect(reaped.length).toBeGreaterThan(0);
    expect(
      e2e.stack.state().runners.filter((runner) => runner.status !== 'terminated' && runner.kind === 'EC2'),
    ).toEqual([]);
    e2e.gitlab.webhooks.configure(live);
  });

  it('never logs a token or the webhook secret', () => {
    const logs = e2e.logs();
    expect(logs).toContain('Job event put on the bus');
    for (const secret of e2e.secrets()) expect(logs).not.toContain(secret);
  });
});
