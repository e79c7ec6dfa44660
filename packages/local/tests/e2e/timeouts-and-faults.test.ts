import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allFinished,
  E2E_TEST_TIMEOUT_MS,
  type E2eStack,
  startE2eStack,
  waitFor,
} from '../fixtures/e2e-harness.ts';

const OUTAGE_MS = 4000;

describe('end to end: GitLab timeouts and API failures', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  let e2e: E2eStack;

  beforeAll(async () => {
    // One GitLab second is 5 ms here: the Lambda runner's 840 s maximum_timeout passes in about 4 s.
    // The reaper runs every 2 s: it restarts a job whose start failed for good during an outage.
    e2e = await startE2eStack({ fakeGitLab: { secondMs: 5 }, scheduleEveryMs: 2000 });
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('fails a job longer than the Lambda limit cleanly with GitLab timeout, and deletes its runner', async () => {
    const pipeline = e2e.gitlab.createPipeline('unit-tests:\n  timeout: 3600\n  script: [sleep 30]\n');
    const [jobId = 0] = pipeline.jobIds;
    await waitFor(
      () => allFinished(e2e.gitlab, [jobId]) && e2e.gitlab.runners().length === 0,
      'the job to time out',
    );
    expect(e2e.gitlab.job(jobId)).toMatchObject({ status: 'failed', failureReason: 'job_execution_timeout' });
  });

  it('still runs the job when GitLab answers 503 to the first runner creations', async () => {
    e2e.gitlab.injectFault({
      method: 'POST',
      path: '/api/v4/user/runners',
      times: 2,
      status: 503,
      retryAfter: 0,
    });
    const pipeline = e2e.gitlab.createPipeline('lint:\n  script: [echo after a GitLab outage]\n');
    await waitFor(
      () => allFinished(e2e.gitlab, pipeline.jobIds) && e2e.gitlab.runners().length === 0,
      'the job',
    );
    expect(pipeline.jobIds.map((id) => e2e.gitlab.job(id)?.status)).toEqual(['success']);
    const creations = e2e.gitlab.requests.filter((request) => request.path === '/api/v4/user/runners');
    expect(creations.map((request) => request.status).slice(-3)).toEqual([503, 503, 201]);
  });

  it('runs every job once when the whole GitLab API answers 502 for a few seconds', async () => {
    const before = e2e.gitlab.requests.length;
    // The API (runner creation, the Jobs API, the runners' job requests, traces and updates, runner
    // deletion) fails; GitLab still sends its Job Hooks, as its background workers do.
    e2e.gitlab.injectFault({ path: /^\/api\/v4\//, times: Number.POSITIVE_INFINITY, status: 502 });
    const outage = setTimeout(() => e2e.gitlab.clearFaults(), OUTAGE_MS);
    const pipeline = e2e.gitlab.createPipeline(
      [
        'unit-tests:\n  script: [echo ran unit-tests]',
        'lint:\n  script: [echo ran lint]',
        'docker-build:\n  tags: [docker]\n  script: [echo ran docker-build]',
      ].join('\n'),
    );
    try {
      await waitFor(
        () => allFinished(e2e.gitlab, pipeline.jobIds) && e2e.gitlab.runners().length === 0,
        'every job to run and every runner to be deleted after the outage',
        120_000,
      );
    } finally {
      clearTimeout(outage);
      e2e.gitlab.clearFaults();
    }
    const outageAnswers = e2e.gitlab.requests.slice(before).filter((request) => request.status === 502);
    expect(outageAnswers.length).toBeGreaterThan(0);
    for (const id of pipeline.jobIds) {
      const job = e2e.gitlab.job(id);
      expect(job?.status).toBe('success');
      expect(e2e.gitlab.trace(id).match(new RegExp(`^ran ${job?.name}$`, 'gm'))).toHaveLength(1);
    }
  });

  it('never logs a token or the webhook secret', () => {
    const logs = e2e.logs();
    expect(logs).toContain('Job event put on the bus');
    for (const secret of e2e.secrets()) expect(logs).not.toContain(secret);
  });
});
