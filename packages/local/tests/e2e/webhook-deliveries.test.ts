import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allFinished,
  E2E_TEST_TIMEOUT_MS,
  type E2eStack,
  startE2eStack,
  waitFor,
} from '../fixtures/e2e-harness.ts';

const runnersCreated = (e2e: E2eStack) =>
  e2e.gitlab.requests.filter(
    (request) => request.method === 'POST' && request.path === '/api/v4/user/runners',
  ).length;

describe('end to end: duplicated, delayed, reordered and forged webhooks', {
  timeout: E2E_TEST_TIMEOUT_MS,
}, () => {
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('starts one runner per job when every Job Hook arrives three times', async () => {
    e2e.gitlab.webhooks.configure({
      url: e2e.stack.webhookUrl,
      secretToken: e2e.stack.gitlab.webhookSecret,
      duplicates: 2,
    });
    const before = runnersCreated(e2e);
    // A Lambda job and an EC2 job: neither runner can take the other's job, so no swap adds a runner.
    const pipeline = e2e.gitlab.createPipeline(
      'one:\n  script: [echo one]\ndocker-build:\n  tags: [docker]\n  script: [echo two]\n',
    );
    await waitFor(
      () => allFinished(e2e.gitlab, pipeline.jobIds) && e2e.gitlab.runners().length === 0,
      'the jobs',
    );
    expect(pipeline.jobIds.map((id) => e2e.gitlab.job(id)?.status)).toEqual(['success', 'success']);
    expect(runnersCreated(e2e) - before).toBe(2);
    const deliveries = e2e.gitlab.webhooks.deliveries.filter((delivery) =>
      pipeline.jobIds.includes(delivery.buildId),
    );
    expect(deliveries.every((delivery) => delivery.status !== null && delivery.status < 300)).toBe(true);
  });

  it('runs each job once when every Job Hook arrives late, after the job has moved on', async () => {
    // 400 ms before each delivery, one at a time: the running and success events of a job arrive
    // well after GitLab sent them, and the second job's pending event waits behind the first's.
    e2e.gitlab.webhooks.configure({
      url: e2e.stack.webhookUrl,
      secretToken: e2e.stack.gitlab.webhookSecret,
      delayMs: 400,
    });
    const before = runnersCreated(e2e);
    const pipeline = e2e.gitlab.createPipeline(
      'late-one:\n  script: [echo one]\ndocker-build:\n  tags: [docker]\n  script: [echo two]\n',
    );
    await waitFor(() => allFinished(e2e.gitlab, pipeline.jobIds), 'the jobs');
    await e2e.gitlab.webhooks.settled();
    await waitFor(() => e2e.gitlab.runners().length === 0, 'every runner to be deleted');
    e2e.gitlab.webhooks.configure({ url: e2e.stack.webhookUrl, secretToken: e2e.stack.gitlab.webhookSecret });
    expect(pipeline.jobIds.map((id) => e2e.gitlab.job(id)?.status)).toEqual(['success', 'success']);
    expect(runnersCreated(e2e) - before).toBe(2);
    const deliveries = e2e.gitlab.webhooks.deliveries.filter((delivery) =>
      pipeline.jobIds.includes(delivery.buildId),
    );
    expect(deliveries.map((delivery) => delivery.status)).toEqual(Array(8).fill(202));
  });

  it('cleans up when the finished event arrives before the running one', async () => {
    e2e.gitlab.webhooks.configure({
      url: e2e.stack.webhookUrl,
      secretToken: e2e.stack.gitlab.webhookSecret,
      hold: true,
    });
    const before = runnersCreated(e2e);
    // An EC2 runner: only the stop flow deletes it (a Lambda runner also deletes itself).
    const pipeline = e2e.gitlab.createPipeline('docker-build:\n  tags: [docker]\n  script: [echo late]\n');
    const [jobId = 0] = pipeline.jobIds;
    // Deliver created and pending so the job starts, hold the rest, then replay everything in reverse.
    e2e.gitlab.webhooks.release('oldest-first');
    await waitFor(() => allFinished(e2e.gitlab, [jobId]), 'the job to finish');
    e2e.gitlab.webhooks.configure({ url: e2e.stack.webhookUrl, secretToken: e2e.stack.gitlab.webhookSecret });
    e2e.gitlab.webhooks.release('reverse');
    await e2e.gitlab.webhooks.settled();
    await waitFor(() => e2e.gitlab.runners().length === 0, 'the runner to be deleted');
    expect(e2e.gitlab.job(jobId)?.status).toBe('success');
    expect(runnersCreated(e2e) - before).toBe(1);
    const order = e2e.gitlab.webhooks.deliveries
      .filter((delivery) => delivery.buildId === jobId)
      .map((delivery) => delivery.buildStatus);
    expect(order.indexOf('success')).toBeLessThan(order.indexOf('running'));
  });

  it('leaves no runner behind for a job cancelled while pending', async () => {
    e2e.gitlab.webhooks.configure({
      url: e2e.stack.webhookUrl,
      secretToken: e2e.stack.gitlab.webhookSecret,
      hold: true,
    });
    const pipeline = e2e.gitlab.createPipeline('cancelled:\n  script: [echo never]\n');
    const [jobId = 0] = pipeline.jobIds;
    e2e.gitlab.cancelJob(jobId);
    e2e.gitlab.webhooks.configure({ url: e2e.stack.webhookUrl, secretToken: e2e.stack.gitlab.webhookSecret });
    e2e.gitlab.webhooks.release('oldest-first');
    await e2e.gitlab.webhooks.settled();
    await waitFor(() => e2e.gitlab.runners().length === 0, 'the runner started for the cancelled job to go');
    expect(e2e.gitlab.job(jobId)?.status).toBe('canceled');
    expect(e2e.gitlab.trace(jobId)).toBe('');
  });

  it('refuses a Job Hook with a wrong secret, and starts nothing', async () => {
    const before = e2e.stack.state().jobs.length;
    const response = await fetch(e2e.stack.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gitlab-event': 'Job Hook',
        'x-gitlab-token': 'not-the-secret',
      },
      body: JSON.stringify({ object_kind: 'build', build_id: 999_999, build_status: 'pending' }),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('not-the-secret');
    expect(e2e.stack.state().jobs.length).toBe(before);
  });

  it('never logs a token or the webhook secret', () => {
    const logs = e2e.logs();
    expect(logs).toContain('Job event put on the bus');
    expect(logs).toContain('Webhook refused');
    for (const secret of [...e2e.secrets(), 'not-the-secret']) expect(logs).not.toContain(secret);
  });
});
