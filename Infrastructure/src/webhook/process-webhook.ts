import type { EventPublisher } from '@glr/aws';
import {
  GITLAB_HEADERS,
  JOB_EVENT_DETAIL_TYPE,
  JOB_EVENT_SOURCE,
  JOB_HOOK_EVENT,
  JOB_HOOK_OBJECT_KIND,
  type JobEvent,
  normaliseJobHook,
} from '@glr/core';
import { WebhookBadRequestError } from '../errors.ts';
import type { WebhookRequest } from './request.ts';
import type { WebhookSecrets } from './secrets.ts';
import { verifySignature } from './signature.ts';
import { verifyGitLabToken } from './token.ts';

/** Bodies above this are refused; a Job Hook is a few KiB. */
export const MAX_BODY_BYTES = 256 * 1024;

/** What the webhook pipeline talks to. */
export interface WebhookPorts {
  readonly loadSecrets: () => Promise<WebhookSecrets>;
  readonly publisher: EventPublisher;
  readonly now: () => Date;
}

/** How an authenticated request ended when nothing went wrong. */
export type WebhookOutcome =
  | { readonly kind: 'accepted'; readonly event: JobEvent; readonly eventId: string }
  | { readonly kind: 'ignored'; readonly reason: string };

/**
 * Authenticates a webhook request, reads it as a Job Hook and puts the normalised JobEvent on the
 * bus. Other events are ignored; every failure is thrown as a typed error for the response mapping.
 */
export const processWebhook = async (
  request: WebhookRequest,
  ports: WebhookPorts,
): Promise<WebhookOutcome> => {
  const { headers, body } = request;
  const secrets = await ports.loadSecrets();
  const now = ports.now();
  verifyGitLabToken(headers, secrets.tokens);
  if (secrets.signingKey) verifySignature(headers, body, { key: secrets.signingKey, now });

  if (headers[GITLAB_HEADERS.event] !== JOB_HOOK_EVENT) {
    return { kind: 'ignored', reason: `X-Gitlab-Event is not '${JOB_HOOK_EVENT}'` };
  }
  const payload = parseBody(body);
  if (payload.object_kind !== JOB_HOOK_OBJECT_KIND) {
    return { kind: 'ignored', reason: `object_kind is not '${JOB_HOOK_OBJECT_KIND}'` };
  }
  const event = normaliseJobHook(payload, { headers, receivedAt: now });
  const eventId = await ports.publisher.publish({
    source: JOB_EVENT_SOURCE,
    detailType: JOB_EVENT_DETAIL_TYPE,
    detail: event,
    time: now,
  });
  return { kind: 'accepted', event, eventId };
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

const parseBody = (body: Buffer): Record<string, unknown> => {
  if (body.length > MAX_BODY_BYTES) {
    throw new WebhookBadRequestError(`body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
  }
  // No `cause` on these two: JSON.parse's message quotes the body, and the body is never logged.
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new WebhookBadRequestError('body is not valid UTF-8');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new WebhookBadRequestError('body is not valid JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new WebhookBadRequestError('body must be a JSON object (a Job Hook payload)');
  }
  return payload as Record<string, unknown>;
};
