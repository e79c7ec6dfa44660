import type { RunnerKind } from '../runner-plan.ts';
import type { JobClaimRecord, JobClaimStatus, JobRef, RunnerRecord } from './records.ts';

/** Claim statuses the state table indexes apart from `waiting` (listed per kind). */
export type IndexedClaimStatus = Exclude<JobClaimStatus, 'waiting' | 'finished' | 'abandoned'>;

/** The state table's queries the stop flow and the reaper use (oldest first everywhere). */
export interface RunnerStateQueries {
  /** Jobs waiting for `kind` capacity, longest-waiting first. */
  listWaitingJobs(kind: RunnerKind, limit?: number): Promise<JobClaimRecord[]>;
  /** Runners of `kind` that are `creating`, `started` or `running`, oldest first. */
  listLiveRunners(kind: RunnerKind): Promise<RunnerRecord[]>;
  /** Claims in `status`, least recently changed first. */
  listJobClaims(status: IndexedClaimStatus, limit?: number): Promise<JobClaimRecord[]>;
  /** How many units of `kind` capacity are taken. */
  capacityInUse(kind: RunnerKind): Promise<number>;
}

/**
 * Takes a runner apart. Every method is idempotent: a runner, instance or parameter that is already
 * gone counts as removed, so a duplicate event or a clean-up racing the runner's own exit ends clean.
 */
export interface RunnerTeardown {
  /** Deletes the runner from GitLab (by id, or by its stored token in registration-token mode). */
  deleteFromGitLab(record: RunnerRecord): Promise<void>;
  /** Terminates an EC2 runner's instance; IAM allows only instances tagged `glr:managed=true`. */
  terminateInstance(instanceId: string): Promise<void>;
  /** Deletes an EC2 runner's token parameter if the runner did not delete it itself. */
  deleteInstanceToken(instanceId: string): Promise<void>;
}

/** Starts the StartRunner flow again for a job (`restart: true`): it claims, plans and caps as usual. */
export interface JobRestarter {
  restart(job: JobRef): Promise<void>;
}

/** The StartRunner input that restarts a job: the shape of a `pending` event plus `restart: true`. */
export const restartInput = (job: JobRef) => ({
  time: job.pendingAt,
  detail: { jobId: job.jobId, jobName: job.jobName, projectId: job.projectId, status: 'pending' },
  restart: true,
});

/** The job facts of a claim, for a restart. */
export const jobRefOf = (claim: JobClaimRecord): JobRef => ({
  jobId: claim.jobId,
  jobName: claim.jobName,
  projectId: claim.projectId,
  pendingAt: claim.pendingAt,
});
