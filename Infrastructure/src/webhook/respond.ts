import { EventPublishError, MissingParameterError, ParameterReadError } from '@glr/aws';
import { ConfigurationError, ValidationError } from '@glr/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { WebhookBadRequestError, WebhookUnauthorizedError } from '../errors.ts';
import type { WebhookOutcome } from './process-webhook.ts';

/** Why a request failed, as the `Reason` metric dimension and log field name it. */
export type FailureReason =
  | 'unauthorized'
  | 'bad_request'
  | 'invalid_job_hook'
  | 'put_failed'
  | 'secrets_unavailable'
  | 'internal';

/** A failed request: the answer, and how to record it. */
export interface Failure {
  readonly reason: FailureReason;
  /** Whether it is the caller's fault (logged as a warning) or ours (logged as an error with its cause). */
  readonly fault: 'client' | 'server';
  readonly response: APIGatewayProxyStructuredResultV2;
}

const json = (statusCode: number, body: object): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** 202 for an accepted or ignored request: GitLab counts any 2xx as delivered. */
export const outcomeResponse = (outcome: WebhookOutcome): APIGatewayProxyStructuredResultV2 =>
  outcome.kind === 'accepted'
    ? json(202, { accepted: outcome.event.deliveryId, eventId: outcome.eventId })
    : json(202, { ignored: outcome.reason });

/**
 * The one place errors become HTTP answers. Client errors say what is wrong (field names, never
 * values); anything unexpected is a bare 500 with nothing internal in it.
 */
export const describeFailure = (error: unknown): Failure => {
  if (error instanceof WebhookUnauthorizedError) {
    return {
      reason: 'unauthorized',
      fault: 'client',
      response: json(401, { error: `unauthorized: ${error.message}` }),
    };
  }
  if (error instanceof WebhookBadRequestError) {
    return { reason: 'bad_request', fault: 'client', response: json(202, { ignored: error.message }) };
  }
  if (error instanceof ValidationError) {
    const body = { ignored: 'body is not a valid Job Hook', issues: error.issues };
    return { reason: 'invalid_job_hook', fault: 'client', response: json(202, body) };
  }
  if (error instanceof EventPublishError) {
    const body = { error: 'the event could not be put on the event bus: resend this delivery later' };
    return { reason: 'put_failed', fault: 'server', response: json(503, body) };
  }
  if (
    error instanceof MissingParameterError ||
    error instanceof ParameterReadError ||
    error instanceof ConfigurationError
  ) {
    const body = { error: 'the webhook secrets cannot be read: see the function log' };
    return { reason: 'secrets_unavailable', fault: 'server', response: json(503, body) };
  }
  return { reason: 'internal', fault: 'server', response: json(500, { error: 'internal error' }) };
};
