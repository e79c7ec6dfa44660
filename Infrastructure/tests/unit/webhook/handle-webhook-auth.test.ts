import { ConfigurationError } from '@glr/core';
import { describe, expect, it } from 'vitest';
import { newSigningSecret, signatureHeaders } from '../../support/sign.ts';
import { NOW, sendWebhook, setUpWebhook } from '../../support/webhook-harness.ts';
import { gitLabHeaders, readJobHookFixture, WEBHOOK_SECRET } from '../../support/webhook-request.ts';

const pendingBody = JSON.stringify(readJobHookFixture('pending'));

describe('handleWebhook: authentication', () => {
  it('answers 401 without X-Gitlab-Token and puts nothing on the bus', async () => {
    const { dependencies, publisher, metrics } = setUpWebhook();
    const { 'x-gitlab-token': _omitted, ...headers } = gitLabHeaders();

    const response = await sendWebhook({ headers, body: pendingBody }, dependencies);

    expect(response).toEqual({
      statusCode: 401,
      body: { error: 'unauthorized: missing X-Gitlab-Token header' },
    });
    expect(publisher.published).toEqual([]);
    expect(metrics.counted).toEqual(['rejected:unauthorized']);
  });

  it('answers 401 for a wrong token, and never logs either token', async () => {
    const { dependencies, logger } = setUpWebhook();
    const wrong = 'guessed-token-123';

    const response = await sendWebhook(
      { headers: gitLabHeaders({ 'x-gitlab-token': wrong }), body: pendingBody },
      dependencies,
    );

    expect(response).toEqual({ statusCode: 401, body: { error: 'unauthorized: invalid X-Gitlab-Token' } });
    expect(logger.text()).not.toContain(wrong);
    expect(logger.text()).not.toContain(WEBHOOK_SECRET);
  });

  it('refuses a token sent twice under different casings (API Gateway joins them with a comma)', async () => {
    const headers = { ...gitLabHeaders(), 'X-Gitlab-Token': WEBHOOK_SECRET };

    expect((await sendWebhook({ headers, body: pendingBody })).statusCode).toBe(401);
  });

  it('accepts the previous secret during a rotation, and only while it is configured', async () => {
    const rotating = setUpWebhook({ secrets: { tokens: ['new-secret', WEBHOOK_SECRET] } }).dependencies;
    const rotated = setUpWebhook({ secrets: { tokens: ['new-secret'] } }).dependencies;

    expect((await sendWebhook({ body: pendingBody }, rotating)).statusCode).toBe(202);
    expect(
      (
        await sendWebhook(
          { headers: gitLabHeaders({ 'x-gitlab-token': 'new-secret' }), body: pendingBody },
          rotated,
        )
      ).statusCode,
    ).toBe(202);
    expect((await sendWebhook({ body: pendingBody }, rotated)).statusCode).toBe(401);
  });

  it('checks the token before anything else: an unauthenticated bad body is a 401, not a 400', async () => {
    const response = await sendWebhook({
      headers: gitLabHeaders({ 'x-gitlab-token': 'nope' }),
      body: '{not json',
    });

    expect(response.statusCode).toBe(401);
  });
});

describe('handleWebhook: Standard Webhooks signature', () => {
  const signing = newSigningSecret();
  const signed = () => setUpWebhook({ secrets: { signingKey: signing.key } });

  it('accepts a valid signature', async () => {
    const headers = gitLabHeaders(signatureHeaders(signing.key, pendingBody, NOW));

    expect((await sendWebhook({ headers, body: pendingBody }, signed().dependencies)).statusCode).toBe(202);
  });

  it('accepts a valid signature among several, within the 5-minute tolerance', async () => {
    const valid = signatureHeaders(signing.key, pendingBody, new Date(NOW.getTime() - 299_000));
    const headers = gitLabHeaders({ ...valid, 'webhook-signature': `v1,AAAA ${valid['webhook-signature']}` });

    expect((await sendWebhook({ headers, body: pendingBody }, signed().dependencies)).statusCode).toBe(202);
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
    const response = await sendWebhook(
      { headers: gitLabHeaders(signature()), body: pendingBody },
      signed().dependencies,
    );

    expect(response.statusCode).toBe(401);
    expect(response.body.error).toContain(message);
  });

  it('answers 503 when the configured signing secret is malformed, naming the parameter', async () => {
    const { dependencies, logger } = setUpWebhook({
      secretsFailure: new ConfigurationError(
        "WebhookSigningSecret must be 'whsec_' followed by the base64 signing key",
      ),
    });

    const response = await sendWebhook({ body: pendingBody }, dependencies);

    expect(response.statusCode).toBe(503);
    expect(logger.text()).toContain('WebhookSigningSecret must be');
  });
});
