/** Every `build_status` GitLab sends in a Job Hook (reference §1.3), `canceling` included. */
export const JOB_STATUSES = [
  'created',
  'waiting_for_resource',
  'preparing',
  'pending',
  'running',
  'success',
  'failed',
  'canceled',
  'canceling',
  'skipped',
  'manual',
  'scheduled',
] as const;

/** A GitLab job status, as `build_status` carries it. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses after which a job never runs again: its runner can be cleaned up. */
export const TERMINAL_JOB_STATUSES = [
  'success',
  'failed',
  'canceled',
  'skipped',
] as const satisfies readonly JobStatus[];

/** EventBridge `source` of every event the webhook puts on the bus. */
export const JOB_EVENT_SOURCE = 'gitlab-ephemeral-runners.webhook';
/** EventBridge `detail-type` of a normalised Job Hook. */
export const JOB_EVENT_DETAIL_TYPE = 'GitLab Job Status Changed';
/** Version of the {@link JobEvent} shape; bumped on any breaking change (see docs/events.md). */
export const JOB_EVENT_VERSION = 1;

/** The runner GitLab reports for a job (null until a runner picks it). */
export interface JobEventRunner {
  readonly id: number;
  /** The runner's description; for runners of this product, its `glr-…` name. */
  readonly description: string;
  readonly tags: readonly string[];
}

/**
 * A GitLab Job Hook, normalised: the `detail` of every event on the bus. Documented in
 * docs/events.md.
 */
export interface JobEvent {
  readonly version: typeof JOB_EVENT_VERSION;
  readonly jobId: number;
  readonly jobName: string;
  readonly stage: string;
  readonly status: JobStatus;
  readonly projectId: number;
  /** `project.path_with_namespace`, e.g. `platform/ephemeral-demo`. */
  readonly projectPath: string;
  readonly pipelineId: number;
  readonly ref: string;
  readonly sha: string;
  readonly runner: JobEventRunner | null;
  readonly queuedDurationSeconds: number | null;
  readonly retriesCount: number;
  /** ISO-8601 timestamps, whichever format GitLab sent. */
  readonly createdAt: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** `Idempotency-Key` (stable across resends), else `X-Gitlab-Webhook-UUID`, else a new UUID. */
  readonly deliveryId: string;
  /** `X-Gitlab-Instance`, when GitLab sent it. */
  readonly gitlabInstance: string | null;
  /** ISO-8601 time the webhook was accepted. */
  readonly receivedAt: string;
}
