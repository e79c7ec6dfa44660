import type { JobEventRunner } from '../job-event/index.ts';
import type { LoggerPort } from '../logger.ts';
import type { RunnerKind } from '../runner-plan.ts';
import { jobRefOf, type RunnerStateQueries } from './clean-up-ports.ts';
import { type CleanUpDependencies, cleanUpRunner } from './clean-up-runner.ts';
import type { RunnerStateStore } from './ports.ts';
import type { JobClaimRecord, JobRef } from './records.ts';
import { type ForeignRunnerReason, findEventRunner } from './runner-event.ts';

/** A job GitLab reports with a final status (`success`, `failed`, `canceled`, `skipped`). */
export interface FinishedJob {
  readonly job: JobRef;
  readonly status: string;
  /** The runner that ran it; null when it never had one (canceled or skipped while pending). */
  readonly runner: Pick<JobEventRunner, 'id' | 'description'> | null;
}

/** What {@link finishJob} needs. */
export interface FinishJobDependencies extends CleanUpDependencies {
  readonly store: RunnerStateStore & Pick<RunnerStateQueries, 'listWaitingJobs'>;
  readonly logger: LoggerPort;
}

/** What a finished event led to; `next` is the oldest job waiting for the capacity it freed. */
export type FinishJobOutcome =
  | { readonly action: 'claim-released' }
  | { readonly action: 'ignored'; readonly reason: ForeignRunnerReason }
  | { readonly action: 'already-cleaned-up'; readonly runnerName: string }
  | {
      readonly action: 'cleaned-up';
      readonly runnerName: string;
      readonly kind: RunnerKind;
      readonly next?: JobRef;
    };

/** Claim statuses a finished event ends. */
const OPEN_CLAIM_STATUSES: readonly JobClaimRecord['status'][] = [
  'claimed',
  'waiting',
  'started',
  'failed',
  'running',
];

/**
 * Handles a job that reached a final status. The claim becomes `finished` (and is created so, when the
 * `pending` event was not processed yet, so a late one starts nothing). Clean-up is keyed by the runner
 * that RAN the job: a `glr-` runner with a record is deleted from GitLab, its instance terminated and
 * its capacity released, and the oldest job waiting for that capacity is returned to be started. A job
 * that never had a runner only releases its claim; the runner started for it is left to its
 * wait-timeout (it may still take another job), and the reaper makes sure it goes.
 */
export const finishJob = async (
  deps: FinishJobDependencies,
  finished: FinishedJob,
): Promise<FinishJobOutcome> => {
  await finishClaim(deps, finished);
  if (!finished.runner) {
    deps.logger.info('Job finished without a runner: claim released', {
      jobId: finished.job.jobId,
      status: finished.status,
    });
    return { action: 'claim-released' };
  }
  const found = await findEventRunner(deps.store, finished.runner);
  if ('foreign' in found) {
    deps.logger.info('Job finished on a runner that is not ours: nothing to clean up', {
      jobId: finished.job.jobId,
      gitlabRunnerId: finished.runner.id,
      reason: found.foreign,
    });
    return { action: 'ignored', reason: found.foreign };
  }
  const { record } = found;
  const outcome = await cleanUpRunner(deps, record, { reason: 'job-finished', finalStatus: 'done' });
  if (outcome === 'already-cleaned-up') return { action: outcome, runnerName: record.runnerName };
  const [waiting] = await deps.store.listWaitingJobs(record.kind, 1);
  deps.logger.info('Runner cleaned up after its job', {
    runnerName: record.runnerName,
    startedForJobId: record.jobId,
    ranJobId: finished.job.jobId,
    nextJobId: waiting?.jobId,
  });
  return {
    action: 'cleaned-up',
    runnerName: record.runnerName,
    kind: record.kind,
    ...(waiting ? { next: jobRefOf(waiting) } : {}),
  };
};

const finishClaim = async (deps: FinishJobDependencies, { job, status }: FinishedJob) => {
  const now = deps.clock().toISOString();
  const changes = { status: 'finished', finishedStatus: status, finishedAt: now, updatedAt: now } as const;
  if ((await deps.store.updateJobClaim(job.jobId, OPEN_CLAIM_STATUSES, changes)) === 'written') return;
  if (await deps.store.getJobClaim(job.jobId)) return;
  const created = await deps.store.putJobClaim({ ...job, ...changes, claimedAt: now, attempts: 0 });
  if (created === 'conflict') await deps.store.updateJobClaim(job.jobId, OPEN_CLAIM_STATUSES, changes);
};
