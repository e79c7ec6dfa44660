import { EventPublishError } from '@glr/aws';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handleWebhook } from '../../../src/webhook/handle-webhook.ts';
import { newSigningSecret, signatureHeaders } from '../../support/sign.ts';
import { NOW, setUpWebhook } from '../../support/webhook-harness.ts';
import {
  apiGatewayEvent,
  gitLabHeaders,
  readJobHookFixture,
  WEBHOOK_SECRET,
} from '../../support/webhook-request.ts';

const PREVIOUS_SECRET = 'previous-secret-Hq3';
const signing = newSigningSecret();
const SECRETS = [WEBHOOK_SECRET, PREVIOUS_SECRET, signing.secret];
const fixtures = (['pending', 'running', 'success', 'failed', 'canceled', 'test-button'] as const).map(
  readJobHookFixture,
);
const fixtureKeys = Object.keys(readJobHookFixture('running'));

/** Any JSON value, sometimes holding a secret, to make sure it is never echoed. */
const jsonValue = fc.oneof(fc.jsonValue(), fc.constantFrom(...SECRETS));

/** A real payload with some fields replaced or added. */
const mutatedPayload = fc
  .tuple(
    fc.constantFrom(...fixtures),
    fc.dictionary(fc.oneof(fc.constantFrom(...fixtureKeys), fc.string()), jsonValue),
  )
  .map(([fixture, patch]) => JSON.stringify({ ...fixture, ...patch }));

const body = fc.oneof(
  mutatedPayload,
  fc.constantFrom(...fixtures.map((fixture) => JSON.stringify(fixture))),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string(),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
);

const token = fc.oneof(
  fc.constantFrom(WEBHOOK_SECRET, PREVIOUS_SECRET, `${WEBHOOK_SECRET},${WEBHOOK_SECRET}`, ''),
  fc.string(),
  fc.constant(undefined),
);

const extraHeaders = fc.dictionary(
  fc.oneof(
    fc.constantFrom('X-Gitlab-Event', 'X-GITLAB-TOKEN', 'idempotency-key', 'x-gitlab-instance'),
    fc.string({ minLength: 1 }),
  ),
  fc.oneof(fc.string(), fc.constantFrom(...SECRETS, 'Job Hook', 'Push Hook')),
);

const request = fc.record({
  body,
  token,
  extraHeaders,
  signed: fc.boolean(),
  requireSignature: fc.boolean(),
  busFails: fc.boolean(),
});

describe('handleWebhook with random and mutated requests', () => {
  it('never throws, answers 4xx only when unauthenticated and 5xx only when the bus failed, never outputs a secret', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ body, token, extraHeaders, signed, requireSignature, busFails }) => {
        const text = Buffer.isBuffer(body) ? body.toString('latin1') : body;
        const { 'x-gitlab-token': _token, ...baseHeaders } = gitLabHeaders();
        const headers: Record<string, string> = {
          ...baseHeaders,
          ...(token === undefined ? {} : { 'x-gitlab-token': token }),
          ...(signed ? signatureHeaders(signing.key, text, NOW) : {}),
          ...extraHeaders,
        };
        const { dependencies, publisher, logger } = setUpWebhook({
          secrets: {
            tokens: [WEBHOOK_SECRET, PREVIOUS_SECRET],
            signingKey: requireSignature ? signing.key : undefined,
          },
          ...(busFails ? { publishFailure: new EventPublishError('PutEvents on bus glr failed') } : {}),
        });

        const response = await handleWebhook(apiGatewayEvent({ headers, body }), dependencies);

        expect([202, 401, ...(busFails ? [503] : [])]).toContain(response.statusCode);
        if (response.statusCode === 202 && JSON.parse(response.body ?? '{}').accepted) {
          expect(publisher.published).toHaveLength(1);
        }
        const output = [response.body ?? '', logger.text()].join('\n');
        for (const secret of SECRETS) expect(output).not.toContain(secret);
      }),
      { numRuns: 3000 },
    );
  });
});
