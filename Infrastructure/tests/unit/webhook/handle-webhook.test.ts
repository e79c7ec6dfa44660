import { EventPublishError, MissingParameterError } from '@glr/aws';
import { ConfigurationError, JOB_EVENT_DETAIL_TYPE, JOB_EVENT_SOURCE } from '@glr/core';
import { recordingLogger } from '@glr/test-support';
import { describe, expect, it } from 'vitest';
import { handleWebhook, type WebhookDependencies } from '../../../src/webhook/handle-webhook.ts';
import type { WebhookSecrets } from '../../../src/webhook/secrets.ts';
import { recordingMetrics, recordingPublisher } from '../../support/recorders.ts';
import { newSigningSecret, signatureHeaders } from '../../support/sign.ts';
import {
  apiGatewayEvent,
  gitLabHeaders,
  readJobHookFixture,
  WEBHOOK_SECRET,
} from '../../support/webhook-request.ts';

const NOW = new Date('2026-03-02T10:15:02.000Z');
const pendingBody = JSON.stringify(readJobHookFixture('pending'));

const setUp = (
  options: { secrets?: Partial<WebhookSecrets>; publishFailure?: Error; secretsFailure?: Error } = {},
) => {
  const publisher = recordingPublisher(options.publishFailure);
  const logger = recordingLogger();
  const metrics = recordingMetrics();
  const dependencies: WebhookDependencies = {
    loadSecrets: async () => {
      if (options.secretsFailure) throw options.secretsFailure;
      return { tokens: [WEBHOOK_SECRET], signingKey: undefined, ...options.secrets };
    },
    publisher,
    logger,
    metrics,
    now: () => NOW,
  };
  return { dependencies, publisher, logger, metrics };
};

const send = async (
  request: Parameters<typeof apiGatewayEvent>[0],
  dependencies = setUp().dependencies,
): Promise<{ statusCode: number | undefined; body: Record<string, unknown> }> => {
  const response = await handleWebhook(apiGatewayEvent(request), dependencies);
  expect(response.headers).toEqual({ 'content-type': 'application/json' });
  return { statusCode: response.statusCode, body: JSON.parse(response.body ?? '') };
};

describe('handleWebhook: a valid Job Hook', () => {
  it('puts exactly one well-formed JobEvent on the bus and answers 202', async () => {
    const { dependencies, publisher, metrics } = setUp();

    const response = await send({ body: pendingBody }, dependencies);

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
      const { dependencies, publisher } = setUp();
      const payload = readJobHookFixture(name);

      const response = await send({ body: JSON.stringify(payload) }, dependencies);

      expect(response.statusCode).toBe(202);
      expect(publisher.published[0]?.detail).toMatchObject({
        jobId: payload.build_id,
        status: payload.build_status,
      });
    },
  );

  it('reads a base64-encoded body', async () => {
    const { dependencies, publisher } = setUp();

    const response = await send({ body: Buffer.from(pendingBody) }, dependencies);

    expect(response.statusCode).toBe(202);
    expect(publisher.published).toHaveLength(1);
  });

  it('reads header names in any casing', async () => {
    const headers = Object.fromEntries(
      Object.entries(gitLabHeaders()).map(([name, value]) => [name.toUpperCase(), value]),
    );

    expect((await send({ headers, body: pendingBody })).statusCode).toBe(202);
  });
});

describe('handleWebhook: authentication', () => {
  it('answers 401 without X-Gitlab-Token and puts nothing on the bus', async () => {
    const { dependencies, publisher, metrics } = setUp();
    const { 'x-gitlab-token': _omitted, ...headers } = gitLabHeaders();

    const response = await send({ headers, body: pendingBody }, dependencies);

    expect(response).toEqual({
      statusCode: 401,
      body: { error: 'unauthorized: missing X-Gitlab-Token header' },
    });
    expect(publisher.published).toEqual([]);
    expect(metrics.counted).toEqual(['rejected:unauthorized']);
  });

  it('answers 401 for a wrong token, and never logs either token', async () => {
    const { dependencies, logger } = setUp();
    const wrong = 'guessed-token-123';

    const response = await send(
      { headers: gitLabHeaders({ 'x-gitlab-token': wrong }), body: pendingBody },
      dependencies,
    );

    expect(response).toEqual({ statusCode: 401, body: { error: 'unauthorized: invalid X-Gitlab-Token' } });
    expect(logger.text()).not.toContain(wrong);
    expect(logger.text()).not.toContain(WEBHOOK_SECRET);
  });

  it('refuses a token sent twice under different casings (API Gateway joins them with a comma)', async () => {
    const headers = { ...gitLabHeaders(), 'X-Gitlab-Token': WEBHOOK_SECRET };

    expect((await send({ headers, body: pendingBody })).statusCode).toBe(401);
  });

  it('accepts the previous secret during a rotation, and only while it is configured', async () => {
    const rotating = setUp({ secrets: { tokens: ['new-secret', WEBHOOK_SECRET] } }).dependencies;
    const rotated = setUp({ secrets: { tokens: ['new-secret'] } }).dependencies;

    expect((await send({ body: pendingBody }, rotating)).statusCode).toBe(202);
    expect(
      (await send({ headers: gitLabHeaders({ 'x-gitlab-token': 'new-secret' }), body: pendingBody }, rotated))
        .statusCode,
    ).toBe(202);
    expect((await send({ body: pendingBody }, rotated)).statusCode).toBe(401);
  });

  it('checks the token before anything else: an unauthenticated bad body is a 401, not a 400', async () => {
    const response = await send({ headers: gitLabHeaders({ 'x-gitlab-token': 'nope' }), body: '{not json' });

    expect(response.statusCode).toBe(401);
  });
});

describe('handleWebhook: Standard Webhooks signature', () => {
  const signing = newSigningSecret();
  const signed = () => setUp({ secrets: { signingKey: signing.key } });

  it('accepts a valid signature', async () => {
    const headers = gitLabHeaders(signatureHeaders(signing.key, pendingBody, NOW));

    expect((await send({ headers, body: pendingBody }, signed().dependencies)).statusCode).toBe(202);
  });

  it('accepts a valid signature among several, within the 5-minute tolerance', async () => {
    const valid = signatureHeaders(signing.key, pendingBody, new Date(NOW.getTime() - 299_000));
    const headers = gitLabHeaders({ ...valid, 'webhook-signature': `v1,AAAA ${valid['webhook-signature']}` });

    expect((await send({ headers, body: pendingBody }, signed().dependencies)).statusCode).toBe(202);
  });

  it.each([
    [
      'signed with another key',
      () => signatureHeaders(newSigningSecret().key, pendingBody, NOW),
      'no webhook-signature matches the body',
    ],
    [
      'signed over another body',
      () => signatureHeaders(signing.key, `${pendingBody} `, NOW),
      'no webhook-signature matches the body',
    ],
    [
      'older than 5 minutes',
      () => signatureHeaders(signing.key, pendingBody, new Date(NOW.getTime() - 301_000)),
      'not within 5 minutes',
    ],
    [
      'from the future',
      () => signatureHeaders(signing.key, pendingBody, new Date(NOW.getTime() + 301_000)),
      'not within 5 minutes',
    ],
    ['without signature headers', () => ({}), 'missing webhook-id, webhook-timestamp or webhook-signature'],
  ])('answers 401 for a delivery %s', async (_case, signature, message) => {
    const response = await send(
      { headers: gitLabHeaders(signature()), body: pendingBody },
      signed().dependencies,
    );

    expect(response.statusCode).toBe(401);
    expect(response.body.error).toContain(message);
  });

  it('answers 503 when the configured signing secret is malformed, naming the parameter', async () => {
    const { dependencies, logger } = setUp({
      secretsFailure: new ConfigurationError(
        "WebhookSigningSecret must be 'whsec_' followed by the base64 signing key",
      ),
    });

    const response = await send({ body: pendingBody }, dependencies);

    expect(response.statusCode).toBe(503);
    expect(logger.text()).toContain('WebhookSigningSecret must be');
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
    const { dependencies, publisher, metrics } = setUp();

    const response = await send({ headers: gitLabHeaders(overrides), body }, dependencies);

    expect(response).toEqual({ statusCode: 202, body: { ignored: reason } });
    expect(publisher.published).toEqual([]);
    expect(metrics.counted).toEqual(['ignored']);
  });
});

describe('handleWebhook: bad bodies', () => {
  it.each([
    ['not JSON', '{"object_kind": "build",', 'body is not valid JSON'],
    ['JSON that is not an object', '[1, 2, 3]', 'body must be a JSON object (a Job Hook payload)'],
    ['a JSON string', '"build"', 'body must be a JSON object (a Job Hook payload)'],
    ['JSON null', 'null', 'body must be a JSON object (a Job Hook payload)'],
    ['empty', '', 'body is not valid JSON'],
  ])('answers 400 for a body that is %s', async (_case, body, error) => {
    const { dependencies, metrics } = setUp();

    expect(await send({ body }, dependencies)).toEqual({ statusCode: 400, body: { error } });
    expect(metrics.counted).toEqual(['rejected:bad_request']);
  });

  it('answers 400 for invalid UTF-8', async () => {
    const body = Buffer.concat([
      Buffer.from('{"object_kind":"build","ref":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]);

    expect(await send({ body })).toEqual({ statusCode: 400, body: { error: 'body is not valid UTF-8' } });
  });

  it('answers 400 for a body over 256 KiB without reading it as JSON', async () => {
    const huge = JSON.stringify({ ...readJobHookFixture('pending'), padding: 'x'.repeat(256 * 1024) });

    expect(await send({ body: huge })).toEqual({
      statusCode: 400,
      body: { error: 'body is larger than 256 KiB' },
    });
  });

  it('answers 400 naming the invalid fields of a Job Hook, without echoing their values', async () => {
    const { dependencies, logger, metrics } = setUp();
    const body = JSON.stringify({
      ...readJobHookFixture('pending'),
      build_id: 'secret-looking-value',
      build_status: 42,
    });

    const response = await send({ body }, dependencies);

    expect(response.statusCode).toBe(400);
    expect(response.body).toEqual({
      error: 'body is not a valid Job Hook',
      issues: [
        { field: 'build_id', message: 'must be the job id, a positive integer' },
        { field: 'build_status', message: expect.stringContaining('must be one of created,') },
      ],
    });
    expect(JSON.stringify(response.body)).not.toContain('secret-looking-value');
    expect(logger.text()).not.toContain('secret-looking-value');
    expect(metrics.counted).toEqual(['rejected:invalid_job_hook']);
  });
});

describe('handleWebhook: failures on our side', () => {
  it('answers 503 and logs the cause when PutEvents fails', async () => {
    const failure = new EventPublishError('PutEvents on bus glr rejected the event: ThrottlingException', {
      errorCode: 'ThrottlingException',
    });
    const { dependencies, logger, metrics } = setUp({ publishFailure: failure });

    const response = await send({ body: pendingBody }, dependencies);

    expect(response).toEqual({
      statusCode: 503,
      body: { error: 'the event could not be put on the event bus: resend this delivery later' },
    });
    expect(metrics.counted).toEqual(['putFailed']);
    expect(logger.text()).toContain('ThrottlingException');
  });

  it('answers 503 when the webhook secret parameter is missing', async () => {
    const { dependencies, metrics } = setUp({
      secretsFailure: new MissingParameterError('/gitlabrunner/WebhookSecret'),
    });

    expect((await send({ body: pendingBody }, dependencies)).statusCode).toBe(503);
    expect(metrics.counted).toEqual(['rejected:secrets_unavailable']);
  });

  it('answers a bare 500 for an unexpected error, with nothing internal in the body', async () => {
    const { dependencies } = setUp({
      secretsFailure: new TypeError('x is not a function at /var/task/index.mjs'),
    });

    expect(await send({ body: pendingBody }, dependencies)).toEqual({
      statusCode: 500,
      body: { error: 'internal error' },
    });
  });
});
