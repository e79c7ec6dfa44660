import type { RunnerKind } from '../runner-plan.ts';
import type { Clock, RunnerStateStore } from './ports.ts';

/** What {@link recordStartFailure} is told about a failed start flow. */
export interface StartFailure {
  readonly jobId: number;
  /** The error name the flow failed with, e.g. `GitLabRegistrationDisabledError`. */
  readonly error: string;
  /** The kind of capacity the flow had reserved, when it got that far. */
  readonly reservedCapacity?: RunnerKind;
}

/**
 * Ends a start flow that could not start a runner: the claim becomes `failed` (the job stays pending
 * in GitLab; the reaper may restart it) and reserved capacity is given back. Runners the flow created
 * were already deleted and marked `failed` by {@link startRunner}.
 */
export const recordStartFailure = async (
  store: RunnerStateStore,
  failure: StartFailure,
  clock: Clock,
): Promise<void> => {
  await store.updateJobClaim(failure.jobId, ['claimed'], {
    status: 'failed',
    failure: failure.error,
    updatedAt: clock().toISOString(),
  });
  if (failure.reservedCapacity) await store.releaseCapacity(failure.reservedCapacity);
};
