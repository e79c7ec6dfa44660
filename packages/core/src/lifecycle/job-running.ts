import type { JobEventRunner } from '../job-event/index.ts';
import type { LoggerPort } from '../logger.ts';
import { jobRefOf } from './clean-up-ports.ts';
import type { Clock, RunnerStateStore } from './ports.ts';
import type { JobClaimRecord, JobRef, RunnerRecord } from './records.ts';
import { type ForeignRunnerReason, findEventRunner } from './runner-event.ts';

/** A job GitLab reports `running`, and the runner that took it. */
export interface RunningJob {
  readonly job: JobRef;
  readonly runner: Pick<JobEventRunner, 'id' | 'description'>;
  /** When it started running: GitLab's `started_at`, else the event time. ISO-8601. */
  readonly runningAt: string;
}

/** What {@link recordJobRunning} needs. */
export interface RecordJobRunningDependencies {
  readonly store: RunnerStateStore;
  readonly clock: Clock;
  readonly logger: LoggerPort;
}

/**
 * The job the runner had been started (or handed) for, when it took another one instead: `handedTo`
 * an idle runner of ours that can take it, or a `replacement` runner must be started for it now.
 */
export type OrphanedJob =
  | { readonly jobId: number; readonly handedTo: string }
  | { readonly jobId: number; readonly replacement: JobRef };

/** What a `running` event led to. */
export type RecordJobRunningOutcome = {
  /** Milliseconds from the `pending` event to `running`, when the job's claim knew the former. */
  readonly pickupLatencyMs?: number;
} & (
  | { readonly action: 'ignored'; readonly reason: ForeignRunnerReason }
  | { readonly action: 'duplicate'; readonly runnerName: string }
  | { readonly action: 'recorded'; readonly runnerName: string; readonly orphaned?: OrphanedJob }
);

/** Claim statuses a `running` event moves to `running`. */
const NOT_YET_RUNNING: readonly JobClaimRecord['status'][] = ['claimed', 'waiting', 'started', 'failed'];
/** Runner statuses in which a runner has not taken a job yet. */
const IDLE: readonly RunnerRecord['status'][] = ['creating', 'started'];

/**
 * Records which runner took a job, and keeps the job the runner was meant for from being stranded.
 *
 * GitLab gives a job to any runner whose tags cover it, so the runner started for job A may take job
 * B. When it does, and A still counts on that runner, A is handed to B's own idle runner when that
 * one can take A (same project, tags covering A's runner's), or else a replacement runner is asked
 * for A at once (its claim becomes `waiting`, and the caller starts the StartRunner flow for it).
 * Only the event that moves the runner's record to `running` does this, so a duplicate event never
 * starts a second replacement: at most one per runner that was taken.
 */
export const recordJobRunning = async (
  deps: RecordJobRunningDependencies,
  running: RunningJob,
): Promise<RecordJobRunningOutcome> => {
  const claim = await deps.store.getJobClaim(running.job.jobId);
  await markClaimRunning(deps, running, claim);
  const latency = claim ? { pickupLatencyMs: pickupLatency(claim.pendingAt, running.runningAt) } : {};

  const found = await findEventRunner(deps.store, running.runner);
  if ('foreign' in found) {
    deps.logger.info('Job taken by a runner that is not ours', {
      jobId: running.job.jobId,
      gitlabRunnerId: running.runner.id,
      reason: found.foreign,
    });
    return { action: 'ignored', reason: found.foreign, ...latency };
  }
  const { record } = found;
  const took = await deps.store.updateRunner(record.runnerName, IDLE, {
    status: 'running',
    ranJobId: running.job.jobId,
    pickedAt: running.runningAt,
    updatedAt: deps.clock().toISOString(),
  });
  if (took === 'conflict') return { action: 'duplicate', runnerName: record.runnerName, ...latency };

  const expected = record.expectedJobId ?? record.jobId;
  if (expected === running.job.jobId)
    return { action: 'recorded', runnerName: record.runnerName, ...latency };
  const orphaned = await rescueOrphan(deps, record, expected, claim);
  deps.logger.info('Runner took another job than the one it was started for', {
    runnerName: record.runnerName,
    expectedJobId: expected,
    ranJobId: running.job.jobId,
    orphaned,
  });
  return { action: 'recorded', runnerName: record.runnerName, ...(orphaned ? { orphaned } : {}), ...latency };
};

const markClaimRunning = async (
  deps: RecordJobRunningDependencies,
  running: RunningJob,
  claim: JobClaimRecord | undefined,
) => {
  const now = deps.clock().toISOString();
  const changes = {
    status: 'running',
    ranBy: running.runner.description,
    runningAt: running.runningAt,
    updatedAt: now,
  } as const;
  if (claim) {
    await deps.store.updateJobClaim(running.job.jobId, NOT_YET_RUNNING, changes);
    return;
  }
  // Running before its pending event was processed: the claim makes the late pending event start nothing.
  const created = await deps.store.putJobClaim({ ...running.job, ...changes, claimedAt: now, attempts: 0 });
  if (created === 'conflict') await deps.store.updateJobClaim(running.job.jobId, NOT_YET_RUNNING, changes);
};

/** The job `taken` was expected to run: hand it to the idle runner of the job `taken` ran, or replace. */
const rescueOrphan = async (
  deps: RecordJobRunningDependencies,
  taken: RunnerRecord,
  orphanJobId: number,
  ranJobClaim: JobClaimRecord | undefined,
): Promise<OrphanedJob | undefined> => {
  const orphan = await deps.store.getJobClaim(orphanJobId);
  if (orphan?.status !== 'started' || orphan.runnerName !== taken.runnerName) return undefined;
  const now = deps.clock().toISOString();

  const idle = await idleRunnerFor(deps, ranJobClaim, taken, orphan);
  if (idle) {
    const handed = await deps.store.updateRunner(idle.runnerName, [idle.status], {
      status: idle.status,
      expectedJobId: orphanJobId,
      updatedAt: now,
    });
    if (handed === 'written') {
      await deps.store.updateJobClaim(orphanJobId, ['started'], {
        status: 'started',
        runnerName: idle.runnerName,
        updatedAt: now,
      });
      return { jobId: orphanJobId, handedTo: idle.runnerName };
    }
  }
  const parked = await deps.store.updateJobClaim(orphanJobId, ['started'], {
    status: 'waiting',
    waitingFor: taken.kind,
    updatedAt: now,
  });
  return parked === 'written' ? { jobId: orphanJobId, replacement: jobRefOf(orphan) } : undefined;
};

/** The runner the ran job was waiting for, if it is still idle and can take the orphan instead. */
const idleRunnerFor = async (
  deps: RecordJobRunningDependencies,
  ranJobClaim: JobClaimRecord | undefined,
  taken: RunnerRecord,
  orphan: JobClaimRecord,
): Promise<RunnerRecord | undefined> => {
  const name = ranJobClaim?.status === 'started' ? ranJobClaim.runnerName : undefined;
  if (!name || name === taken.runnerName) return undefined;
  const candidate = await deps.store.getRunner(name);
  if (!candidate || !IDLE.includes(candidate.status)) return undefined;
  if ((candidate.expectedJobId ?? candidate.jobId) !== ranJobClaim?.jobId) return undefined;
  return candidate.projectId === orphan.projectId && tagsCover(candidate.tags, taken.tags)
    ? candidate
    : undefined;
};

/**
 * Whether a runner with `tags` takes every job a runner with `needed` was planned for: untagged
 * runners take untagged jobs only, tagged ones need every tag.
 */
export const tagsCover = (tags: readonly string[], needed: readonly string[]): boolean =>
  needed.length === 0 ? tags.length === 0 : needed.every((tag) => tags.includes(tag));

const pickupLatency = (pendingAt: string, runningAt: string): number =>
  Math.max(0, Date.parse(runningAt) - Date.parse(pendingAt));
