import type { RunnerKind } from '../runner-plan.ts';
import type { JobClaimRecord, RunnerRecord } from './records.ts';

/** The reaper's limits, all in seconds. */
export interface ReaperSettings {
  /** A runner that took no job this long after it started will not take one: it goes. */
  readonly pickupTimeoutSeconds: number;
  /** No runner lives longer than this, unless GitLab says it is running a job. */
  readonly maxLifetimeSeconds: number;
  /** A record or claim still `creating`/`claimed` this long belongs to a flow that died. */
  readonly stuckAfterSeconds: number;
  /** How many times a job is started before it is `abandoned` (and alarmed on). */
  readonly maxStartAttempts: number;
  /** Live runners allowed per kind (the stack's caps). */
  readonly limits: Readonly<Record<RunnerKind, number>>;
  /** Only report what would be done. */
  readonly dryRun: boolean;
}

/** An EC2 instance tagged `glr:managed=true` that is not terminated yet. */
export interface ManagedInstance {
  readonly instanceId: string;
  /** Its `glr:runner` tag. */
  readonly runnerName?: string;
  readonly launchedAt: string;
}

/** Why a live runner record is cleaned up by the reaper. */
export type RunnerRecordReason =
  | 'stuck-creating'
  | 'never-picked-up'
  | 'finished-event-missed'
  | 'past-max-lifetime';

const olderThan = (time: string | undefined, seconds: number, now: Date): boolean =>
  time !== undefined && now.getTime() - Date.parse(time) > seconds * 1000;

/**
 * Whether a live runner record is past a deadline: still `creating` after `stuckAfterSeconds`, started
 * but no job taken within the pick-up timeout, running past its `maximum_timeout` plus the pick-up
 * timeout (GitLab ends a job at its runner's maximum timeout, so its finished event was missed), or
 * older than the maximum lifetime. The caller still asks GitLab whether the runner is busy.
 */
export const judgeRunnerRecord = (
  record: RunnerRecord,
  settings: ReaperSettings,
  now: Date,
): RunnerRecordReason | undefined => {
  if (record.status === 'creating' && olderThan(record.updatedAt, settings.stuckAfterSeconds, now)) {
    return 'stuck-creating';
  }
  if (
    record.status === 'started' &&
    olderThan(record.startedAt ?? record.updatedAt, settings.pickupTimeoutSeconds, now)
  ) {
    return 'never-picked-up';
  }
  const jobDeadline = record.maximumTimeout + settings.pickupTimeoutSeconds;
  if (record.status === 'running' && olderThan(record.pickedAt ?? record.updatedAt, jobDeadline, now)) {
    return 'finished-event-missed';
  }
  return olderThan(record.createdAt, settings.maxLifetimeSeconds, now) ? 'past-max-lifetime' : undefined;
};

/**
 * Whether a reason may act without GitLab's word that the runner is idle: only when GitLab itself
 * has ended any job the runner could run (past its maximum timeout), or the runner never existed there.
 */
export const actsWithoutGitLab = (reason: RunnerRecordReason, record: RunnerRecord): boolean =>
  reason === 'finished-event-missed' || record.gitlabRunnerId === undefined;

/**
 * Whether a managed instance is an orphan: no live record has its runner name, and it was launched
 * more than `stuckAfterSeconds` ago (a start flow records the runner before it launches).
 */
export const isOrphanInstance = (
  instance: ManagedInstance,
  record: RunnerRecord | undefined,
  liveNames: ReadonlySet<string>,
  settings: ReaperSettings,
  now: Date,
): boolean =>
  !(record && liveNames.has(record.runnerName)) &&
  olderThan(instance.launchedAt, settings.stuckAfterSeconds, now);

/** Why a job claim is looked at again. */
export type ClaimReason = 'start-flow-stuck' | 'runner-gone' | 'start-failed';

/**
 * Whether a claim needs its job started again (if GitLab still has it pending): its start flow died
 * (`claimed` too long), its start failed, or it was `started` longer than the pick-up timeout and the
 * runner started for it is no longer live.
 */
export const judgeClaim = (
  claim: JobClaimRecord,
  runnerLive: boolean,
  settings: ReaperSettings,
  now: Date,
): ClaimReason | undefined => {
  if (claim.status === 'claimed' && olderThan(claim.updatedAt, settings.stuckAfterSeconds, now)) {
    return 'start-flow-stuck';
  }
  if (claim.status === 'failed') return 'start-failed';
  if (
    claim.status === 'started' &&
    !runnerLive &&
    olderThan(claim.updatedAt, settings.pickupTimeoutSeconds, now)
  ) {
    return 'runner-gone';
  }
  return undefined;
};
