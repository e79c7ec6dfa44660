import { randomUUID } from 'node:crypto';
import { parseWith } from '../validation.ts';
import { JOB_EVENT_VERSION, type JobEvent } from './job-event.ts';
import { GITLAB_HEADERS } from './job-hook-headers.ts';
import { type JobHook, jobHookSchema } from './job-hook-schema.ts';

/** What the request carried besides the payload. */
export interface JobHookDelivery {
  /** Request headers with lower-case names (`idempotency-key`, `x-gitlab-instance`, …). */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** When the webhook was accepted. */
  readonly receivedAt: Date;
}

/**
 * GitLab's delivery ids are UUIDs; anything else is not used, so a header can never carry arbitrary
 * text (a token pasted into the wrong field) onto the bus and into logs.
 */
const DELIVERY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates a Job Hook payload and normalises it into the {@link JobEvent} put on the bus.
 * Throws a `ValidationError` naming every bad field, never echoing a value.
 */
export const normaliseJobHook = (payload: unknown, delivery: JobHookDelivery): JobEvent =>
  toJobEvent(parseWith(jobHookSchema, payload, 'Invalid Job Hook'), delivery);

const toJobEvent = (hook: JobHook, { headers, receivedAt }: JobHookDelivery): JobEvent => ({
  version: JOB_EVENT_VERSION,
  jobId: hook.build_id,
  jobName: hook.build_name,
  stage: hook.build_stage,
  status: hook.build_status,
  projectId: hook.project_id,
  projectPath: hook.project.path_with_namespace,
  pipelineId: hook.pipeline_id,
  ref: hook.ref,
  sha: hook.sha,
  runner: hook.runner
    ? { id: hook.runner.id, description: hook.runner.description, tags: hook.runner.tags }
    : null,
  queuedDurationSeconds: hook.build_queued_duration ?? null,
  retriesCount: hook.retries_count ?? 0,
  createdAt: hook.build_created_at_iso ?? hook.build_created_at ?? null,
  startedAt: hook.build_started_at_iso ?? hook.build_started_at ?? null,
  finishedAt: hook.build_finished_at_iso ?? hook.build_finished_at ?? null,
  deliveryId: deliveryId(headers),
  gitlabInstance: gitlabInstance(headers[GITLAB_HEADERS.instance]),
  receivedAt: receivedAt.toISOString(),
});

/** `Idempotency-Key` (stable across resends), else `X-Gitlab-Webhook-UUID`, else a new UUID. */
const deliveryId = (headers: JobHookDelivery['headers']): string =>
  [headers[GITLAB_HEADERS.idempotencyKey], headers[GITLAB_HEADERS.webhookUuid]]
    .map((value) => value?.trim())
    .find((value): value is string => value !== undefined && DELIVERY_ID.test(value)) ?? randomUUID();

/**
 * The instance's base URL (relative URL root kept, no trailing slash) when the header is an http(s)
 * URL; a malformed header is dropped, not fatal.
 */
const gitlabInstance = (value: string | undefined): string | null => {
  const url = value ? URL.parse(value.trim()) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
};
