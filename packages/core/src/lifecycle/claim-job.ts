import type { Clock, RunnerStateStore } from './ports.ts';
import type { JobClaimRecord, JobRef } from './records.ts';

/** Why a start flow runs for a job: a `pending` event, or a restart of a job that waited or failed. */
export type ClaimReason = 'pending-event' | 'restart';

/** Outcome of {@link claimJob}: only `claimed` goes on to start a runner. */
export type ClaimOutcome =
  | { readonly claimed: true; readonly attempts: number }
  | { readonly claimed: false; readonly status: JobClaimRecord['status'] | 'unknown' };

/** Claim statuses a restart may take a job from. */
const RESTARTABLE: readonly JobClaimRecord['status'][] = ['waiting', 'failed'];

/**
 * Claims a job for one start flow. A `pending` event claims a job no flow has seen; a duplicate or
 * late `pending` event finds the claim and starts nothing. A restart (capacity freed, or the reaper
 * retrying a failed start) takes back a `waiting` or `failed` claim, once, however many restarts race.
 */
export const claimJob = async (
  store: RunnerStateStore,
  job: JobRef,
  reason: ClaimReason,
  clock: Clock,
): Promise<ClaimOutcome> => {
  const now = clock().toISOString();
  if (reason === 'restart') {
    const outcome = await store.updateJobClaim(job.jobId, RESTARTABLE, {
      status: 'claimed',
      updatedAt: now,
      countAttempt: true,
    });
    if (outcome === 'written') {
      const record = await store.getJobClaim(job.jobId);
      return { claimed: true, attempts: record?.attempts ?? 1 };
    }
    return { claimed: false, status: (await store.getJobClaim(job.jobId))?.status ?? 'unknown' };
  }
  const record: JobClaimRecord = { ...job, status: 'claimed', claimedAt: now, updatedAt: now, attempts: 1 };
  if ((await store.putJobClaim(record)) === 'written') return { claimed: true, attempts: 1 };
  return { claimed: false, status: (await store.getJobClaim(job.jobId))?.status ?? 'unknown' };
};
