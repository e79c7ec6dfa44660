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

describe('end to end: the A-ran-B swap', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('runs A on a runner of its own when the runner started for A takes B (B’s tags within A’s), and deletes both', async () => {
    const live = { url: e2e.stack.webhookUrl, secretToken: e2e.stack.gitlab.webhookSecret };
    e2e.gitlab.webhooks.configure({ ...live, hold: true });
    // B is the older pending job; its tags [linux] are within A's [linux, x86], so A's runner may take it.
    const pipeline = e2e.gitlab.createPipeline(
      'job-b:\n  tags: [linux]\n  script: [echo B]\njob-a:\n  tags: [linux, x86]\n  script: [echo A]\n',
    );
    const [jobB = 0, jobA = 0] = pipeline.jobIds;
    const held = e2e.gitlab.webhooks.held();
    e2e.gitlab.webhooks.configure(live);
    // Only A's Job Hooks arrive for now: the control plane starts one runner, for A, with A's tags.
    for (const event of held.filter((candidate) => candidate.payload.build_id === jobA)) {
      e2e.gitlab.webhooks.resend(event);
    }
    // B's script takes milliseconds: wait for the runner GitLab records on it, which outlives `running`.
    await waitFor(() => Boolean(e2e.gitlab.job(jobB)?.runner), 'A’s runner to take B');
    const runnerOfA = e2e.gitlab.job(jobB)?.runner?.description ?? '';
    expect(runnerOfA).toMatch(new RegExp(`^glr-${jobA}-`));

    await waitFor(() => allFinished(e2e.gitlab, [jobA, jobB]), 'A and B to finish');
    // B's own Job Hooks arrive late: its pending event must start nothing now.
    for (const event of held.filter((candidate) => candidate.payload.build_id === jobB)) {
      e2e.gitlab.webhooks.resend(event);
    }
    await e2e.gitlab.webhooks.settled();
    await waitFor(() => e2e.gitlab.runners().length === 0, 'every runner to be deleted');

    expect(e2e.gitlab.job(jobA)?.status).toBe('success');
    expect(e2e.gitlab.job(jobB)?.status).toBe('success');
    const replacement = e2e.gitlab.job(jobA)?.runner;
    expect(replacement?.description).toMatch(new RegExp(`^glr-${jobA}-`));
    expect(replacement?.description).not.toBe(runnerOfA);
    expect(replacement?.tags).toEqual(['linux', 'x86']);
    expect(e2e.gitlab.trace(jobA)).toContain('$ echo A');
    expect(runnersCreated(e2e)).toBe(2);
  });

  it('never logs a token or the webhook secret', () => {
    const logs = e2e.logs();
    expect(logs).toContain('Job event put on the bus');
    for (const secret of e2e.secrets()) expect(logs).not.toContain(secret);
  });
});
