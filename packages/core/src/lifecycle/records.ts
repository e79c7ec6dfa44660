import type { RunnerKind, RunnerPlan } from '../runner-plan.ts';

/**
 * Life of a job claim (one record per GitLab job id):
 * `claimed` (a start flow owns it) → `started` (a runner was started for it) or `waiting` (over the
 * cap: started later, oldest first) or `failed` (no runner could be started; the reaper may retry).
 * Then `running` (a runner took it: `ranBy`) → `finished` (GitLab reported a final status), or
 * `abandoned` (the reaper restarted it too often: it alarms and gives up).
 */
export type JobClaimStatus =
  | 'claimed'
  | 'waiting'
  | 'started'
  | 'failed'
  | 'running'
  | 'finished'
  | 'abandoned';

/**
 * Life of a runner record (one per runner name): `creating` (record written, being created in
 * GitLab and started) → `started` (the Lambda was invoked or the instance launched) → `running` (it
 * took a job: `ranJobId`) → `done` (cleaned up by the stop flow or the reaper) or `failed` (it never
 * started, or the reaper resolved it stuck; it was deleted from GitLab).
 */
export type RunnerStatus = 'creating' | 'started' | 'running' | 'done' | 'failed';

/** Runner statuses that hold capacity and may still run a job. */
export const LIVE_RUNNER_STATUSES = [
  'creating',
  'started',
  'running',
] as const satisfies readonly RunnerStatus[];

/** The job facts the start flow carries between states: no secret, nothing large. */
export interface JobRef {
  readonly jobId: number;
  readonly jobName: string;
  readonly projectId: number;
  /** When the `pending` event happened (EventBridge `time`), ISO-8601: dispatch latency starts here. */
  readonly pendingAt: string;
}

/** The state table's record of one job claim. */
export interface JobClaimRecord extends JobRef {
  readonly status: JobClaimStatus;
  readonly claimedAt: string;
  readonly updatedAt: string;
  /** How many times a start flow claimed the job (restarts from `waiting` or `failed` add one). */
  readonly attempts: number;
  /** Which kind of capacity the job waits for, while `waiting`. */
  readonly waitingFor?: RunnerKind;
  /** The runner started for the job, once `started`. */
  readonly runnerName?: string;
  /** The error name that failed the start, once `failed`. */
  readonly failure?: string;
  /** The runner that took the job, once `running` (it may have been started for another job). */
  readonly ranBy?: string;
  /** When the job started running (GitLab's `started_at`, else the event time). */
  readonly runningAt?: string;
  /** GitLab's final status (`success`, `failed`, `canceled`, `skipped`), once `finished`. */
  readonly finishedStatus?: string;
  readonly finishedAt?: string;
}

/** The state table's record of one runner: found by its name (the GitLab runner description). */
export interface RunnerRecord {
  readonly runnerName: string;
  readonly kind: RunnerKind;
  /** The job the runner was started for; it may run another one (see the stop flow). */
  readonly jobId: number;
  readonly projectId: number;
  readonly status: RunnerStatus;
  readonly tags: readonly string[];
  readonly maximumTimeout: number;
  readonly planSource: RunnerPlan['source'];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** GitLab's runner id, once created there. */
  readonly gitlabRunnerId?: number;
  /** The Lambda runner function, for LAMBDA runners. */
  readonly functionArn?: string;
  /** The instance, for EC2 runners once launched. */
  readonly instanceId?: string;
  readonly startedAt?: string;
  /** The error name that failed the start, once `failed`. */
  readonly failure?: string;
  /**
   * The job the runner is now expected to take, when it differs from `jobId`: a job whose own runner
   * was taken by another job was handed to this idle runner (see the running-event flow).
   */
  readonly expectedJobId?: number;
  /** The job it took, once `running`. */
  readonly ranJobId?: number;
  /** When it took that job. */
  readonly pickedAt?: string;
  /** When it was cleaned up, and why (`job-finished`, or the reaper's reason). */
  readonly finishedAt?: string;
  readonly cleanUpReason?: string;
}
