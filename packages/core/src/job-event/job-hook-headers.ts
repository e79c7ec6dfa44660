/**
 * The webhook request headers GitLab sends with a Job Hook (reference §2.1), lower case as API
 * Gateway's HTTP API delivers them.
 */
export const GITLAB_HEADERS = {
  /** `Job Hook` for job events. */
  event: 'x-gitlab-event',
  /** The hook's secret token, in plain text. */
  token: 'x-gitlab-token',
  /** GitLab's base URL (15.5+). */
  instance: 'x-gitlab-instance',
  /** A new UUID on every request (16.2+). */
  webhookUuid: 'x-gitlab-webhook-uuid',
  /** Stable across retries and resends of the same event (17.4+). */
  idempotencyKey: 'idempotency-key',
} as const;

/** `X-Gitlab-Event` value of a Job Hook. */
export const JOB_HOOK_EVENT = 'Job Hook';

/** `object_kind` of a Job Hook payload. */
export const JOB_HOOK_OBJECT_KIND = 'build';
