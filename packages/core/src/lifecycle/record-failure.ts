import type { RunnerKind } from '../runner-plan.ts';
import type { RunnerStateQueries } from './clean-up-ports.ts';
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
 * were already deleted and marked `failed` by {@link startRunner}, unless its function died (timed out,
 * crashed) mid-start: a runner record of the job still `creating` is marked `failed` here, because the
 * transition that ends a live record gives a unit back too (the reaper's stuck-creating clean-up).
 * What that runner left in GitLab or EC2, the reaper removes once GitLab says it is idle.
 */
export const recordStartFailure = async (
  store: RunnerStateStore & Pick<RunnerStateQueries, 'listLiveRunners'>,
  failure: StartFailure,
  clock: Clock,
): Promise<void> => {
  const updatedAt = clock().toISOString();
  await store.updateJobClaim(failure.jobId, ['claimed'], {
    status: 'failed',
    failure: failure.error,
    updatedAt,
  });
  if (!failure.reservedCapacity) return;
  for (const runner of await store.listLiveRunners(failure.reservedCapacity)) {
    if (runner.jobId !== failure.jobId || runner.status !== 'creating') continue;
    await store.updateRunner(runner.runnerName, ['creating'], {
      status: 'failed',
      failure: failure.error,
      updatedAt,
    });
  }
  await store.releaseCapacity(failure.reservedCapacity);
};
