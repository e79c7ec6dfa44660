import { EventPublishError, MissingParameterError } from '@glr/aws';
import { JOB_EVENT_DETAIL_TYPE, JOB_EVENT_SOURCE } from '@glr/core';
import { describe, expect, it } from 'vitest';
import { NOW, sendWebhook, setUpWebhook } from '../../support/webhook-harness.ts';
import { gitLabHeaders, readJobHookFixture } from '../../support/webhook-request.ts';

const pendingBody = JSON.stringify(readJobHookFixture('pending'));

describe('handleWebhook: a valid Job Hook', () => {
  it('puts exactly one well-formed JobEvent on the bus and answers 202', async () => {
    const { dependencies, publisher, metrics } = setUpWebhook();

    const response = await sendWebhook({ body: pendingBody }, dependencies);

    expect(response).toEqual({
      statusCode: 202,
      body: { accepted: '5b0f4c11-7e0a-4f43-a6de-0f6f2e2d9a80', eventId: 'event-1' },
    });
    expect(publisher.published).toEqual([
      {
        source: JOB_EVENT_SOURCE,
        detailType: JOB_EVENT_DETAIL_TYPE,
        time: NOW,
        detail: expect.objectContaining({
          version: 1,
          jobId: 4711,
          status: 'pending',
          runner: null,
          deliveryId: '5b0f4c11-7e0a-4f43-a6de-0f6f2e2d9a80',
          gitlabInstance: 'https://gitlab.example.com',
          receivedAt: NOW.toISOString(),
        }),
      },
    ]);
    expect(metrics.counted).toEqual(['received:pending']);
  });

  it.each(['running', 'success', 'failed', 'canceled', 'test-button'] as const)(
    'accepts the %s payload',
    async (name) => {
      const { dependencies, publisher } = setUpWebhook();
      const payload = readJobHookFixture(name);

      const response = await sendWebhook({ body: JSON.stringify(payload) }, dependencies);

      expect(response.statusCode).toBe(202);
      expect(publisher.published[0]?.detail).toMatchObject({
        jobId: payload.build_id,
        status: payload.build_status,
      });
    },
  );

  it('reads a base64-encoded body', async () => {
    const { dependencies, publisher } = setUpWebhook();

    const response = await sendWebhook({ body: Buffer.from(pendingBody) }, dependencies);

    expect(response.statusCode).toBe(202);
    expect(publisher.published).toHaveLength(1);
  });

  it('reads header names in any casing', async () => {
    const headers = Object.fromEntries(
      Object.entries(gitLabHeaders()).map(([name, value]) => [name.toUpperCase(), value]),
    );

    expect((await sendWebhook({ headers, body: pendingBody })).statusCode).toBe(202);
  });
});
describe('handleWebhook: events that are not Job Hooks', () => {
  it.each([
    [{ 'x-gitlab-event': 'Push Hook' }, pendingBody, "X-Gitlab-Event is not 'Job Hook'"],
    [{ 'x-gitlab-event': 'System Hook' }, 'not even json', "X-Gitlab-Event is not 'Job Hook'"],
    [
      {},
      JSON.stringify({ ...readJobHookFixture('pending'), object_kind: 'pipeline' }),
      "object_kind is not 'build'",
    ],
  ])('answers 202 ignored for %j', async (overrides, body, reason) => {
    const { dependencies, publisher, metrics } = setUpWebhook();

    const response = await sendWebhook({ headers: gitLabHeaders(overrides), body }, dependencies);

    expect(response).toEqual({ statusCode: 202, body: { ignored: reason } });
    expect(publisher.published).toEqual([]);
    expect(metrics.counted).toEqual(['ignored']);
  });
});

// GitLab disables a hook after 4 consecutive 4xx/5xx answers: an authenticated delivery that cannot
// be read is answered 2xx (nothing goes on the bus), said why, and counted as rejected.
describe('handleWebhook: bad bodies from an authenticated sender', () => {
  it.each([
    ['not JSON', '{"object_kind": "build",', 'body is not valid JSON'],
    ['JSON that is not an object', '[1, 2, 3]', 'body must be a JSON object (a Job Hook payload)'],
    ['a JSON string', '"build"', 'body must be a JSON object (a Job Hook payload)'],
    ['JSON null', 'null', 'body must be a JSON object (a Job Hook payload)'],
    ['empty', '', 'body is not valid JSON'],
  ])('answers 202 without publishing for a body that is %s', async (_case, body, error) => {
    const { dependencies, metrics, publisher } = setUpWebhook();

    expect(await sendWebhook({ body }, dependencies)).toEqual({ statusCode: 202, body: { ignored: error } });
    expect(publisher.published).toEqual([]);
    expect(metrics.counted).toEqual(['rejected:bad_request']);
  });

  it('answers 202 for invalid UTF-8', async () => {
    const body = Buffer.concat([
      Buffer.from('{"object_kind":"build","ref":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]);

    expect(await sendWebhook({ body })).toEqual({
      statusCode: 202,
      body: { ignored: 'body is not valid UTF-8' },
    });
  });

  it('answers 202 for a body over 256 KiB without reading it as JSON', async () => {
    const huge = JSON.stringify({ ...readJobHookFixture('pending'), padding: 'x'.repeat(256 * 1024) });

    expect(await sendWebhook({ body: huge })).toEqual({
      statusCode: 202,
      body: { ignored: 'body is larger than 256 KiB' },
    });
  });

  it('answers 202 naming the invalid fields of a Job Hook, without echoing their values', async () => {
    const { dependencies, logger, metrics, publisher } = setUpWebhook();
    const body = JSON.stringify({
      ...readJobHookFixture('pending'),
      build_id: 'secret-looking-value',
      build_status: 42,
    });

    const response = await sendWebhook({ body }, dependencies);

    expect(response.statusCode).toBe(202);
    expect(publisher.published).toEqual([]);
    expect(response.body).toEqual({
      ignored: 'body is not a valid Job Hook',
      issues: [
        { field: 'build_id', message: 'must be the job id, a positive integer' },
        { field: 'build_status', message: expect.stringContaining('must be one of created,') },
      ],
    });
    expect(JSON.stringify(response.body)).not.toContain('secret-looking-value');
    expect(logger.text()).not.toContain('secret-looking-value');
    expect(metrics.counted).toEqual(['rejected:invalid_job_hook']);
  });

  it('keeps the hook enabled when GitLab sends a job status this version does not know', async () => {
    const { dependencies, metrics } = setUpWebhook();
    const body = JSON.stringify({ ...readJobHookFixture('pending'), build_status: 'waiting_for_callback' });

    const response = await sendWebhook({ body }, dependencies);

    expect(response.statusCode).toBe(202);
    expect(metrics.counted).toEqual(['rejected:invalid_job_hook']);
  });
});

describe('handleWebhook: failures on our side', () => {
  it('answers 503 and logs the cause when PutEvents fails', async () => {
    const failure = new EventPublishError('PutEvents on bus glr rejected the event: ThrottlingException', {
      errorCode: 'ThrottlingException',
    });
    const { dependencies, logger, metrics } = setUpWebhook({ publishFailure: failure });

    const response = await sendWebhook({ body: pendingBody }, dependencies);

    expect(response).toEqual({
      statusCode: 503,
      body: { error: 'the event could not be put on the event bus: resend this delivery later' },
    });
    expect(metrics.counted).toEqual(['putFailed']);
    expect(logger.text()).toContain('ThrottlingException');
  });

  it('answers 503 when the webhook secret parameter is missing', async () => {
    const { dependencies, metrics } = setUpWebhook({
      secretsFailure: new MissingParameterError('/gitlabrunner/WebhookSecret'),
    });

    expect((await sendWebhook({ body: pendingBody }, dependencies)).statusCode).toBe(503);
    expect(metrics.counted).toEqual(['rejected:secrets_unavailable']);
  });

  it('answers a bare 500 for an unexpected error, with nothing internal in the body', async () => {
    const { dependencies } = setUpWebhook({
      secretsFailure: new TypeError('x is not a function at /var/task/index.mjs'),
    });

    expect(await sendWebhook({ body: pendingBody }, dependencies)).toEqual({
      statusCode: 500,
      body: { error: 'internal error' },
    });
  });
});
