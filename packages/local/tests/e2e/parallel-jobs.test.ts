import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allFinished,
  E2E_START_TIMEOUT_MS,
  type E2eStack,
  startE2eStack,
  waitFor,
} from '../fixtures/e2e-harness.ts';

const JOBS = 6;

describe('end to end: jobs in parallel', () => {
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack();
  }, E2E_START_TIMEOUT_MS);
  afterAll(async () => {
    await e2e?.stop();
  });

  it(`runs ${JOBS} parallel jobs once each, on the runner kind planned for them, and deletes every runner`, async () => {
    const lambdaJobs = Array.from(
      { length: JOBS - 1 },
      (_, index) => `unit-tests-${index}:\n  script: [echo lambda ${index}]`,
    );
    const pipeline = e2e.gitlab.createPipeline(
      [...lambdaJobs, 'docker-build:\n  tags: [docker]\n  script: [echo ec2]'].join('\n'),
    );
    await waitFor(
      () => allFinished(e2e.gitlab, pipeline.jobIds) && e2e.gitlab.runners().length === 0,
      'every job to finish and every runner to be deleted',
    );
    const jobs = pipeline.jobIds.map((id) => e2e.gitlab.job(id));
    expect(jobs.map((job) => job?.status)).toEqual(Array(JOBS).fill('success'));
    const runnersCreated = e2e.gitlab.requests.filter(
      (request) => request.method === 'POST' && request.path === '/api/v4/user/runners',
    );
    expect(runnersCreated).toHaveLength(JOBS);
    const state = e2e.stack.state();
    expect(state.runners.filter((runner) => runner.kind === 'EC2')).toHaveLength(1);
    expect(state.runners.filter((runner) => runner.kind === 'LAMBDA')).toHaveLength(JOBS - 1);
    expect(state.jobs.every((job) => job.runner?.startsWith('glr-'))).toBe(true);
  });

  it('has each Lambda runner report that its run received a job', async () => {
    // The LambdaShellRunner reads gitlab-runner's own log lines; the local runner prints them too.
    const summaries = () =>
      e2e
        .logs()
        .split('\n')
        .filter((line) => line.includes('"message":"Run finished"'))
        .map((line) => (JSON.parse(line) as { summary: { jobReceived: boolean; outcome: string } }).summary);
    // A runner deletes itself from GitLab before it logs its summary.
    await waitFor(() => summaries().length === JOBS - 1, 'every Lambda runner to log its summary');
    expect(summaries().every((summary) => summary.jobReceived && summary.outcome === 'job')).toBe(true);
  });

  it('answers GET /local/state with the same jobs and runners', async () => {
    const response = await fetch(`${e2e.stack.url}/local/state`);
    const body = (await response.json()) as { jobs: unknown[]; runners: unknown[] };
    expect(body.jobs).toHaveLength(JOBS);
    expect(body.runners).toHaveLength(JOBS);
  });

  it('never logs a token or the webhook secret', () => {
    const logs = e2e.logs();
    // The capture holds the webhook handler's, the AutoScaler's and the runner environments' logs.
    expect(logs).toContain('Job event put on the bus');
    expect(logs).toContain('Run finished');
    expect(e2e.secrets().length).toBeGreaterThanOrEqual(2 + JOBS);
    for (const secret of e2e.secrets()) expect(logs).not.toContain(secret);
  });
});
