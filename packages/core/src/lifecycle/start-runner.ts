import type { LoggerPort } from '../logger.ts';
import { createRunnerName } from '../runner-name.ts';
import type { RunnerKind, RunnerPlan } from '../runner-plan.ts';
import { RunnerLaunchError } from './errors.ts';
import type { Clock, RegisteredRunner, RunnerLauncher, RunnerRegistry, RunnerStateStore } from './ports.ts';
import type { JobRef, RunnerRecord } from './records.ts';

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
  readonly runnerName: string;
  readonly kind: RunnerKind;
  readonly gitlabRunnerId: number;
  readonly instanceId?: string;
  /** Milliseconds from the `pending` event to the start request. */
  readonly dispatchLatencyMs: number;
}

/**
 * Creates the planned runner in GitLab and starts it, in one step so that the runner's token lives
 * only in this call's memory. The runner is recorded before GitLab creates it (so nothing ever
 * holds a GitLab runner the state table does not know), and the job's claim names it once started.
 *
 * Errors from GitLab are rethrown as they are (their names drive the state machine's retries). When
 * the start itself fails, the runner is deleted from GitLab again, its record marked `failed`, and a
 * {@link RunnerLaunchError} thrown: the job stays pending in GitLab.
 */
export const startRunner = async (
  deps: StartRunnerDependencies,
  input: { readonly job: JobRef; readonly plan: RunnerPlan },
): Promise<StartedRunner> => {
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
  await deps.store.updateRunner(runnerName, ['creating'], {
    status: 'creating',
    gitlabRunnerId: registered.id,
    updatedAt: deps.clock().toISOString(),
  });

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
  await deps.store.updateRunner(runnerName, ['creating'], {
    status: 'started',
    startedAt: startedAt.toISOString(),
    updatedAt: startedAt.toISOString(),
    ...(instanceId ? { instanceId } : {}),
  });
  await deps.store.updateJobClaim(job.jobId, ['claimed'], {
    status: 'started',
    runnerName,
    updatedAt: startedAt.toISOString(),
  });
  deps.logger.info('Runner started', { ...log, gitlabRunnerId: registered.id, instanceId });
  return {
    runnerName,
    kind: plan.kind,
    gitlabRunnerId: registered.id,
    ...(instanceId ? { instanceId } : {}),
    dispatchLatencyMs: Math.max(0, startedAt.getTime() - Date.parse(job.pendingAt)),
  };
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
