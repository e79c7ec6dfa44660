import type { LoggerPort } from '../logger.ts';
import { createRunnerName } from '../runner-name.ts';
import type { RunnerKind, RunnerPlan } from '../runner-plan.ts';
import { RunnerLaunchError } from './errors.ts';
import type { Clock, RegisteredRunner, RunnerLauncher, RunnerRegistry, RunnerStateStore } from './ports.ts';
import type { JobClaimStatus, JobRef, RunnerRecord } from './records.ts';

/** What {@link startRunner} needs. */
export interface StartRunnerDependencies {
  readonly store: RunnerStateStore;
  readonly registry: RunnerRegistry;
  readonly launchers: Readonly<Record<RunnerKind, RunnerLauncher>>;
  readonly clock: Clock;
  readonly logger: LoggerPort;
}

/** A runner that was created in GitLab and whose start was requested. Holds no secret. */
export interface StartedRunner {
  readonly started: true;
  readonly runnerName: string;
  readonly kind: RunnerKind;
  readonly gitlabRunnerId: number;
  readonly instanceId?: string;
  /** Milliseconds from the `pending` event to the start request. */
  readonly dispatchLatencyMs: number;
}

/**
 * A runner that was created in GitLab but not started, because the job no longer waited for one
 * when it was about to start: it finished, was canceled, or another runner took it meanwhile.
 */
export interface SkippedRunner {
  readonly started: false;
  readonly runnerName: string;
  readonly kind: RunnerKind;
  /** The claim's status that made the start pointless (`finished`, `running`, ...). */
  readonly claimStatus: JobClaimStatus | 'unknown';
}

/**
 * Creates the planned runner in GitLab and starts it, in one step so that the runner's token lives
 * only in this call's memory. The runner is recorded before GitLab creates it (so nothing ever
 * holds a GitLab runner the state table does not know), and the job's claim names it once started.
 *
 * Right before the start, a conditional write checks that the job is still `claimed` by this flow:
 * when it finished, was canceled or was taken by another runner meanwhile, the runner is deleted from
 * GitLab again, its record ends `done`, the capacity unit the flow reserved is given back, and nothing
 * is started ({@link SkippedRunner}).
 *
 * Errors from GitLab are rethrown as they are (their names drive the state machine's retries). When
 * the start itself fails, the runner is deleted from GitLab again, its record marked `failed`, and a
 * {@link RunnerLaunchError} thrown: the job stays pending in GitLab.
 */
export const startRunner = async (
  deps: StartRunnerDependencies,
  input: { readonly job: JobRef; readonly plan: RunnerPlan },
): Promise<StartedRunner | SkippedRunner> => {
  const { job, plan } = input;
  const runnerName = createRunnerName(job.jobId);
  const log = { runnerName, jobId: job.jobId, kind: plan.kind };
  await deps.store.putRunner(newRunnerRecord(runnerName, input, deps.clock().toISOString()));

  let registered: RegisteredRunner;
  try {
    registered = await deps.registry.create({ runnerName, plan, projectId: job.projectId });
  } catch (error) {
    await markFailed(deps, runnerName, error);
    throw error;
  }
  try {
    await deps.store.updateRunner(runnerName, ['creating'], {
      status: 'creating',
      gitlabRunnerId: registered.id,
      updatedAt: deps.clock().toISOString(),
    });
    if (!(await stillClaimed(deps, job.jobId))) return await skipStart(deps, registered, runnerName, input);
  } catch (error) {
    // A live record would give the unit back again when it ends, after Record failure gave it back.
    await deleteQuietly(deps, registered, runnerName);
    await markFailed(deps, runnerName, error);
    throw error;
  }

  let instanceId: string | undefined;
  try {
    ({ instanceId } = await deps.launchers[plan.kind].launch({
      runnerName,
      job,
      plan,
      runnerToken: registered.token,
    }));
  } catch (error) {
    deps.logger.error('Runner could not be started: deleting it from GitLab', { ...log, error });
    await deleteQuietly(deps, registered, runnerName);
    await markFailed(deps, runnerName, error);
    throw new RunnerLaunchError(runnerName, { cause: error });
  }

  const startedAt = deps.clock();
  await recordStarted(deps, { runnerName, jobId: job.jobId, startedAt: startedAt.toISOString(), instanceId });
  deps.logger.info('Runner started', { ...log, gitlabRunnerId: registered.id, instanceId });
  return {
    started: true,
    runnerName,
    kind: plan.kind,
    gitlabRunnerId: registered.id,
    ...(instanceId ? { instanceId } : {}),
    dispatchLatencyMs: Math.max(0, startedAt.getTime() - Date.parse(job.pendingAt)),
  };
};

/**
 * Records a runner whose start was requested. The runner is running by now: a failed write must not
 * fail the flow, whose Record failure would give back the unit this runner holds and mark the claim
 * `failed` for a restart (a second runner for the job). The reaper resolves what stays unrecorded: a
 * `creating` record (stuck-creating) and a `claimed` claim (start-flow-stuck).
 */
const recordStarted = async (
  deps: StartRunnerDependencies,
  started: { runnerName: string; jobId: number; startedAt: string; instanceId: string | undefined },
) => {
  const { runnerName, jobId, startedAt, instanceId } = started;
  try {
    await deps.store.updateRunner(runnerName, ['creating'], {
      status: 'started',
      startedAt,
      updatedAt: startedAt,
      ...(instanceId ? { instanceId } : {}),
    });
    await deps.store.updateJobClaim(jobId, ['claimed'], {
      status: 'started',
      runnerName,
      updatedAt: startedAt,
    });
  } catch (error) {
    deps.logger.error('Runner started but not recorded as started: the reaper resolves its claim', {
      runnerName,
      jobId,
      instanceId,
      error,
    });
  }
};

const newRunnerRecord = (
  runnerName: string,
  { job, plan }: { readonly job: JobRef; readonly plan: RunnerPlan },
  now: string,
): RunnerRecord => ({
  runnerName,
  kind: plan.kind,
  jobId: job.jobId,
  projectId: job.projectId,
  status: 'creating',
  tags: plan.tags,
  maximumTimeout: plan.maximumTimeout,
  planSource: plan.source,
  createdAt: now,
  updatedAt: now,
  ...(plan.kind === 'LAMBDA' ? { functionArn: plan.functionArn } : {}),
});

/** Whether the job still waits for this flow's runner: a conditional touch of its `claimed` claim. */
const stillClaimed = async (deps: StartRunnerDependencies, jobId: number): Promise<boolean> =>
  (await deps.store.updateJobClaim(jobId, ['claimed'], {
    status: 'claimed',
    updatedAt: deps.clock().toISOString(),
  })) === 'written';

/** Takes back a runner the job no longer needs: GitLab, record, and the unit the flow reserved. */
const skipStart = async (
  deps: StartRunnerDependencies,
  registered: RegisteredRunner,
  runnerName: string,
  { job, plan }: { readonly job: JobRef; readonly plan: RunnerPlan },
): Promise<SkippedRunner> => {
  const claimStatus = (await deps.store.getJobClaim(job.jobId))?.status ?? 'unknown';
  deps.logger.info('Job no longer waits for a runner: not starting it', {
    runnerName,
    jobId: job.jobId,
    claimStatus,
  });
  await deleteQuietly(deps, registered, runnerName);
  const now = deps.clock().toISOString();
  const ended = await deps.store.updateRunner(runnerName, ['creating'], {
    status: 'done',
    cleanUpReason: 'job-no-longer-pending',
    finishedAt: now,
    updatedAt: now,
  });
  if (ended === 'written') await deps.store.releaseCapacity(plan.kind);
  return { started: false, runnerName, kind: plan.kind, claimStatus };
};

const markFailed = async (deps: StartRunnerDependencies, runnerName: string, error: unknown) => {
  await deps.store.updateRunner(runnerName, ['creating'], {
    status: 'failed',
    failure: error instanceof Error ? error.name : 'UnknownError',
    updatedAt: deps.clock().toISOString(),
  });
};

/** A runner that cannot be deleted now is left to the reaper (its record says `failed`). */
const deleteQuietly = async (deps: StartRunnerDependencies, runner: RegisteredRunner, runnerName: string) => {
  try {
    await deps.registry.delete(runner);
  } catch (error) {
    deps.logger.error('Runner could not be deleted from GitLab: the reaper will retry', {
      runnerName,
      error,
    });
  }
};
