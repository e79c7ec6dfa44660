import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allFinished,
  E2E_TEST_TIMEOUT_MS,
  type E2eStack,
  startE2eStack,
  waitFor,
} from '../fixtures/e2e-harness.ts';

const JOBS = 6;

describe('end to end: jobs in parallel', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack();
  });
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
    // Under load, a swap's replacement runner may find no job left: it goes after its 10 s wait timeout.
    await waitFor(
      () => allFinished(e2e.gitlab, pipeline.jobIds) && e2e.gitlab.runners().length === 0,
      'every job to finish and every runner to be deleted',
    );
    const jobs = pipeline.jobIds.map((id) => e2e.gitlab.job(id));
    expect(jobs.map((job) => job?.status)).toEqual(Array(JOBS).fill('success'));
    // One runner per job, plus one for each time a runner took another job than its own while that
    // job's runner was not started yet (the A-ran-B swap: the job left behind gets a replacement).
    const runnersCreated = e2e.gitlab.requests.filter(
      (request) => request.method === 'POST' && request.path === '/api/v4/user/runners',
    );
    expect(runnersCreated.length).toBeGreaterThanOrEqual(JOBS);
    const state = e2e.stack.state();
    const kindOf = (name: string | null) => state.runners.find((runner) => runner.name === name)?.kind;
    expect(state.jobs.map((job) => [job.jobName, kindOf(job.runner)])).toEqual(
      jobs.map((job) => [job?.name, job?.name === 'docker-build' ? 'EC2' : 'LAMBDA']),
    );
  });

  it('has each Lambda runner that ran a job report that its run received one', async () => {
    // The LambdaShellRunner reads gitlab-runner's own log lines; the local runner prints them too.
    const summaries = () =>
      e2e
        .logs()
        .split('\n')
        .filter((line) => line.includes('"message":"Run finished"'))
        .map(
          (line) =>
            (JSON.parse(line) as { summary: { runnerName: string; jobReceived: boolean; outcome: string } })
              .summary,
        );
    const lambdaRunners = e2e.stack
      .state()
      .jobs.filter((job) => job.jobName !== 'docker-build')
      .map((job) => job.runner);
    const ofLambdaJobs = () => summaries().filter((summary) => lambdaRunners.includes(summary.runnerName));
    // A runner deletes itself from GitLab before it logs its summary.
    await waitFor(() => ofLambdaJobs().length === JOBS - 1, 'the Lambda runners to log their summaries');
    expect(ofLambdaJobs().every((summary) => summary.jobReceived && summary.outcome === 'job')).toBe(true);
  });

  it('answers GET /local/state with the same jobs', async () => {
    const response = await fetch(`${e2e.stack.url}/local/state`);
    const body = (await response.json()) as { jobs: unknown[]; runners: unknown[] };
    expect(body.jobs).toEqual(JSON.parse(JSON.stringify(e2e.stack.state().jobs)));
    expect(body.jobs).toHaveLength(JOBS);
    expect(body.runners.length).toBeGreaterThanOrEqual(JOBS);
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
