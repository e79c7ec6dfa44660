import { recordingLogger } from '@glr/test-support';
import { expect } from 'vitest';
import { handleWebhook, type WebhookDependencies } from '../../src/webhook/handle-webhook.ts';
import type { WebhookSecrets } from '../../src/webhook/secrets.ts';
import { recordingMetrics, recordingPublisher } from './recorders.ts';
import { apiGatewayEvent, WEBHOOK_SECRET } from './webhook-request.ts';

/** The clock of every webhook unit test: the fixtures' delivery time. */
export const NOW = new Date('2026-03-02T10:15:02.000Z');

/** What a test changes of {@link setUpWebhook}'s dependencies. */
export interface WebhookSetUpOptions {
  /** Replaces parts of the default secrets (the test webhook secret, no signing key). */
  readonly secrets?: Partial<WebhookSecrets>;
  /** PutEvents fails with this. */
  readonly publishFailure?: Error;
  /** Reading the secrets fails with this. */
  readonly secretsFailure?: Error;
}

/** The webhook's dependencies made of recorders, and the recorders to assert on. */
export const setUpWebhook = (options: WebhookSetUpOptions = {}) => {
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

/** Sends one request through `handleWebhook` and reads its JSON answer (every answer is JSON). */
export const sendWebhook = async (
  request: Parameters<typeof apiGatewayEvent>[0],
  dependencies = setUpWebhook().dependencies,
): Promise<{ statusCode: number | undefined; body: Record<string, unknown> }> => {
  const response = await handleWebhook(apiGatewayEvent(request), dependencies);
  expect(response.headers).toEqual({ 'content-type': 'application/json' });
  return { statusCode: response.statusCode, body: JSON.parse(response.body ?? '') };
};
