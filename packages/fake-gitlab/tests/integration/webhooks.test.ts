import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitLab, startFakeGitLab, type WebhookOptions } from '../../src/index.ts';
import { accessTokens, createRunner } from '../support/api.ts';
import { runnerProtocol } from '../support/runner-protocol.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';

const SECRET = 'webhook-secret-token';
const ONE_JOB = 'unit-tests:\n  stage: test\n  tags: [lambda]\n  script: [echo hi]\n';

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let fake: FakeGitLab;

const start = async (webhook: Partial<WebhookOptions> = {}) => {
  fake = await startFakeGitLab({
    accessTokens,
    webhook: { url: receiver.url, secretToken: SECRET, ...webhook },
  });
};

beforeEach(async () => {
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await fake.close();
  await receiver.close();
});

/** Runs the only job of the pipeline to success with a runner tagged `lambda`. */
const runOnlyJob = async () => {
  const runner = await createRunner(fake.url, { tag_list: ['lambda'], description: 'glr-1-abcdef' });
  const protocol = runnerProtocol(fake.url);
  const { job } = await protocol.requestJob(runner.token);
  await protocol.updateJob(job?.id ?? 0, job?.token ?? '', { state: 'success', exit_code: 0 });
  return { runnerId: runner.id, jobId: job?.id ?? 0 };
};

describe('Job Hook deliveries', () => {
  it('sends created, pending, running and success for a job, in order', async () => {
    await start();
    fake.createPipeline(ONE_JOB);
    const { jobId } = await runOnlyJob();
    await fake.webhooks.settled();

    expect(receiver.transitions()).toEqual(
      ['created', 'pending', 'running', 'success'].map((s) => `${jobId}:${s}`),
    );
  });

  it('sends GitLab’s headers: event, token, instance, user agent, idempotency key and a UUID per request', async () => {
    await start();
    fake.createPipeline(ONE_JOB);
    await fake.webhooks.settled();

    const [first, second] = receiver.received;
    expect(first?.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'GitLab/18.6.2',
      'x-gitlab-event': 'Job Hook',
      'x-gitlab-token': SECRET,
      'x-gitlab-instance': fake.url,
    });
    expect(first?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first?.headers['x-gitlab-webhook-uuid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.headers['idempotency-key']).not.toBe(first?.headers['idempotency-key']);
  });

  it('has runner null until a runner picks the job, then the runner with its tags', async () => {
    await start();
    fake.createPipeline(ONE_JOB);
    const { runnerId } = await runOnlyJob();
    await fake.webhooks.settled();

    const [created, pending, running] = receiver.received.map((hook) => hook.body);
    expect(created).toMatchObject({
      object_kind: 'build',
      build_name: 'unit-tests',
      build_stage: 'test',
      runner: null,
    });
    expect(pending?.runner).toBeNull();
    expect(pending?.build_created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    expect(running).toMatchObject({
      project_id: 42,
      runner: {
        id: runnerId,
        description: 'glr-1-abcdef',
        runner_type: 'instance_type',
        active: true,
        is_shared: true,
        tags: ['lambda'],
      },
    });
    expect(running?.build_started_at_iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(running).not.toHaveProperty('tag_list');
  });

  it('duplicates deliveries with the same Idempotency-Key and a new webhook UUID', async () => {
    await start({ duplicates: 1 });
    fake.createPipeline(ONE_JOB);
    await fake.webhooks.settled();

    const [first, copy] = receiver.received;
    expect(receiver.received).toHaveLength(4);
    expect(copy?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
    expect(copy?.headers['x-gitlab-webhook-uuid']).not.toBe(first?.headers['x-gitlab-webhook-uuid']);
  });

  it('holds events and delivers them reversed, so pending arrives after running', async () => {
    await start({ hold: true });
    fake.createPipeline(ONE_JOB);
    const { jobId } = await runOnlyJob();
    expect(fake.webhooks.held().map((event) => event.payload.build_status)).toEqual([
      'created',
      'pending',
      'running',
      'success',
    ]);

    fake.webhooks.release('reverse');
    await fake.webhooks.settled();

    expect(receiver.transitions()).toEqual(
      ['success', 'running', 'pending', 'created'].map((s) => `${jobId}:${s}`),
    );
    expect(fake.webhooks.held()).toEqual([]);
  });

  it('resends an event with its original Idempotency-Key', async () => {
    await start({ hold: true });
    fake.createPipeline(ONE_JOB);
    const [event] = fake.webhooks.held();
    if (!event) throw new Error('the pipeline queued no event');
    fake.webhooks.release();

    fake.webhooks.resend(event);
    await fake.webhooks.settled();

    const keys = receiver.received.map((hook) => hook.headers['idempotency-key']);
    expect(keys.filter((key) => key === event.idempotencyKey)).toHaveLength(2);
  });

  it('records the receiver status of every delivery, failures included', async () => {
    const failing = await startWebhookReceiver(500);
    await start({ url: failing.url, delayMs: 5 });
    fake.createPipeline(ONE_JOB);
    await fake.webhooks.settled();
    await failing.close();

    expect(fake.webhooks.deliveries.map((delivery) => [delivery.buildStatus, delivery.status])).toEqual([
      ['created', 500],
      ['pending', 500],
    ]);
  });
});
