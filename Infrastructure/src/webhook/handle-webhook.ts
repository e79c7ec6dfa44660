import type { LoggerPort } from '@glr/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { WebhookMetrics } from './metrics.ts';
import { processWebhook, type WebhookPorts } from './process-webhook.ts';
import { readRequest } from './request.ts';
import { describeFailure, outcomeResponse } from './respond.ts';

/** Everything the webhook function needs, built once per container by the handler. */
export interface WebhookDependencies extends WebhookPorts {
  readonly logger: LoggerPort;
  readonly metrics: WebhookMetrics;
}

/**
 * Answers one API Gateway (HTTP API, payload v2) webhook request: never throws, logs and counts
 * every outcome, and never logs a header value or the body.
 */
export const handleWebhook = async (
  event: APIGatewayProxyEventV2,
  dependencies: WebhookDependencies,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const { logger, metrics } = dependencies;
  try {
    const outcome = await processWebhook(readRequest(event), dependencies);
    if (outcome.kind === 'ignored') {
      metrics.ignored();
      logger.info('Webhook ignored', { reason: outcome.reason });
    } else {
      const { jobId, status, deliveryId } = outcome.event;
      metrics.received(status);
      logger.info('Job event put on the bus', { jobId, status, deliveryId, eventId: outcome.eventId });
    }
    return outcomeResponse(outcome);
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.reason === 'put_failed') metrics.putFailed();
    else metrics.rejected(failure.reason);
    if (failure.fault === 'client') {
      logger.warn('Webhook refused', {
        reason: failure.reason,
        statusCode: failure.response.statusCode,
        detail: (error as Error).message,
      });
    } else {
      logger.error('Webhook failed', { reason: failure.reason, error });
    }
    return failure.response;
  }
};
