import type { RunnerKind } from '../runner-plan.ts';
import type { Clock, RunnerStateStore } from './ports.ts';

/** Maximum number of live runners per kind (`creating` or `started`). */
export type CapacityLimits = Readonly<Record<RunnerKind, number>>;

/** Outcome of {@link reserveCapacity}: `waiting` means the job was parked until capacity frees. */
export type CapacityOutcome = 'reserved' | 'waiting';

/**
 * Takes one unit of capacity of the plan's kind for the job, or, at the cap, parks the claim as
 * `waiting` for that kind. Waiting jobs keep their claim (a duplicate event still starts nothing)
 * and are started oldest first by the stop flow when a runner of that kind is cleaned up, with the
 * reaper as the safety net.
 */
export const reserveCapacity = async (
  store: RunnerStateStore,
  input: { readonly jobId: number; readonly kind: RunnerKind; readonly limits: CapacityLimits },
  clock: Clock,
): Promise<CapacityOutcome> => {
  if (await store.reserveCapacity(input.kind, input.limits[input.kind])) return 'reserved';
  await store.updateJobClaim(input.jobId, ['claimed'], {
    status: 'waiting',
    waitingFor: input.kind,
    updatedAt: clock().toISOString(),
  });
  return 'waiting';
};
