import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFinished, type E2eStack, startE2eStack, waitFor } from '../fixtures/e2e-harness.ts';

describe('end to end: GitLab timeouts and API failures', () => {
  let e2e: E2eStack;

  beforeAll(async () => {
    // One GitLab second is 5 ms here: the Lambda runner's 840 s maximum_timeout passes in about 4 s.
    e2e = await startE2eStack({ secondMs: 5 });
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

  it('never logs a token or the webhook secret', () => {
    const logs = e2e.logs();
    expect(logs).toContain('Job event put on the bus');
    for (const secret of e2e.secrets()) expect(logs).not.toContain(secret);
  });
});
