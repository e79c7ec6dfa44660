import type { RunnerTeardown } from './clean-up-ports.ts';
import type { Clock, RunnerStateStore } from './ports.ts';
import { LIVE_RUNNER_STATUSES, type RunnerRecord } from './records.ts';

/** What {@link cleanUpRunner} needs. */
export interface CleanUpDependencies {
  readonly store: RunnerStateStore;
  readonly teardown: RunnerTeardown;
  readonly clock: Clock;
}

/** How a runner ends: `done` after its job (or when idle too long), `failed` when it never got going. */
export interface CleanUpRequest {
  readonly reason: string;
  readonly finalStatus: 'done' | 'failed';
}

/** `cleaned-up` when this call ended the runner and gave its capacity back; `already-cleaned-up` otherwise. */
export type CleanUpOutcome = 'cleaned-up' | 'already-cleaned-up';

/**
 * Ends a runner: deletes it from GitLab, terminates its instance and deletes the instance's token
 * parameter (EC2), then moves its record from a live status to `done`/`failed` with the reason and
 * time. Every step tolerates "already gone", so it can run twice; only the call that wins the record's
 * conditional transition gives the runner's capacity back, so capacity is released exactly once.
 * A step that fails throws before the record changes: the caller retries, or the reaper does.
 */
export const cleanUpRunner = async (
  deps: CleanUpDependencies,
  record: RunnerRecord,
  request: CleanUpRequest,
): Promise<CleanUpOutcome> => {
  if (!isLive(record)) return 'already-cleaned-up';
  await deps.teardown.deleteFromGitLab(record);
  if (record.instanceId) {
    await deps.teardown.terminateInstance(record.instanceId);
    await deps.teardown.deleteInstanceToken(record.instanceId);
  }
  const now = deps.clock().toISOString();
  const outcome = await deps.store.updateRunner(record.runnerName, LIVE_RUNNER_STATUSES, {
    status: request.finalStatus,
    cleanUpReason: request.reason,
    finishedAt: now,
    updatedAt: now,
  });
  if (outcome === 'conflict') return 'already-cleaned-up';
  await deps.store.releaseCapacity(record.kind);
  return 'cleaned-up';
};

/** Whether a runner record still holds capacity and may run a job. */
export const isLive = (record: RunnerRecord): boolean =>
  (LIVE_RUNNER_STATUSES as readonly string[]).includes(record.status);
