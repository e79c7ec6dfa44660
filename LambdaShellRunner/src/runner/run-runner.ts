import type { LambdaRunnerPayload, LoggerPort } from '@glr/core';
import type { RunnerSettings } from '../config.ts';
import { createMasker } from './mask.ts';
import { classifyRun, createLogWatcher, type RunOutcome } from './outcome.ts';
import { RUNNER_MARKER_VARIABLE, runnerArguments, runnerEnvironment } from './runner-command.ts';
import { type RunnerConfigFile, writeRunnerConfigFile } from './runner-config-file.ts';
import { killMarkedProcesses } from './stray-processes.ts';
import { type OutputStream, type ProcessResult, supervise } from './supervise.ts';
import { prepareWorkDirs, removeTree, type WorkDirs } from './work-dirs.ts';

/** The part of the GitLab client a runner needs: deleting itself with its own token. */
export interface RunnerDeleter {
  deleteRunnerByToken(input: { runnerToken: string }): Promise<'deleted' | 'already-gone'>;
}

/** What happened to the runner in GitLab after the run. */
export type RunnerDeletion = 'deleted' | 'already-gone' | 'failed';

/** Everything one run needs besides the payload. */
export interface RunRunnerDependencies {
  readonly settings: RunnerSettings;
  readonly logger: LoggerPort;
  readonly gitlab: RunnerDeleter;
  /** Milliseconds left before Lambda stops the function (`context.getRemainingTimeInMillis()`). */
  readonly remainingTimeMs: number;
}

/** What a run returns and logs. Holds no token. */
export interface RunSummary {
  readonly runnerName: string;
  readonly jobId: number;
  readonly outcome: RunOutcome;
  readonly jobReceived: boolean;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly durationMs: number;
  readonly runnerDeletion: RunnerDeletion;
  /** Processes a job left running that the clean-up killed. */
  readonly strayProcessesKilled: number;
}

/**
 * Runs `gitlab-runner run-single` for one job in a fresh work directory, stops it before the
 * function's deadline, and always, whatever happened: kills what the job left running, deletes the
 * runner from GitLab and removes the work directory. Rejects only when gitlab-runner could not be
 * started, after the same clean-up.
 */
export const runRunner = async (
  payload: LambdaRunnerPayload,
  deps: RunRunnerDependencies,
): Promise<RunSummary> => {
  const startedAt = Date.now();
  const watcher = createLogWatcher();
  let dirs: WorkDirs | undefined;
  let result: ProcessResult;
  let cleanup: Pick<RunSummary, 'runnerDeletion' | 'strayProcessesKilled'>;
  try {
    dirs = await prepareWorkDirs(deps.settings.workRoot);
    const configFile = await writeRunnerConfigFile(dirs, payload);
    result = await startRunner(payload, deps, dirs, configFile, watcher);
  } finally {
    cleanup = await cleanUp(payload, deps, dirs);
  }
  return {
    runnerName: payload.runnerName,
    jobId: payload.jobId,
    outcome: classifyRun(result, watcher.facts),
    jobReceived: watcher.facts.jobReceived,
    exitCode: result.exitCode,
    signal: result.signal,
    durationMs: Date.now() - startedAt,
    ...cleanup,
  };
};

const startRunner = (
  payload: LambdaRunnerPayload,
  { settings, logger, remainingTimeMs }: RunRunnerDependencies,
  dirs: WorkDirs,
  configFile: RunnerConfigFile,
  watcher: ReturnType<typeof createLogWatcher>,
): Promise<ProcessResult> => {
  const mask = createMasker([payload.runnerToken]);
  const terminateAfterMs = remainingTimeMs - settings.deadlineMarginMs;
  let configRemoved = false;
  const onLine = (stream: OutputStream, line: string): void => {
    const masked = mask(line);
    logger.info(masked, { source: 'gitlab-runner', stream });
    watcher.observe(masked);
    if (watcher.facts.started && !configRemoved) {
      // gitlab-runner has loaded its configuration: the token need not stay on disk for a job to find.
      configRemoved = true;
      configFile
        .remove()
        .catch((error: unknown) => logger.warn('Could not remove config.toml', { error: String(error) }));
    }
  };
  logger.info('Starting gitlab-runner', {
    runnerName: payload.runnerName,
    jobId: payload.jobId,
    terminateAfterMs,
  });
  return supervise({
    command: settings.gitlabRunnerPath,
    args: runnerArguments({
      configPath: configFile.path,
      runnerName: payload.runnerName,
      waitTimeoutSeconds: settings.waitTimeoutSeconds,
    }),
    env: runnerEnvironment(settings.inheritedEnvironment, dirs, payload.runnerName),
    cwd: dirs.home,
    stop: AbortSignal.timeout(Math.max(0, terminateAfterMs)),
    killGraceMs: settings.killGraceMs,
    onLine,
    onSignal: (signal) => logger.warn('Deadline reached, stopping gitlab-runner', { signal }),
  });
};

const cleanUp = async (
  payload: LambdaRunnerPayload,
  { gitlab, logger }: RunRunnerDependencies,
  dirs: WorkDirs | undefined,
): Promise<Pick<RunSummary, 'runnerDeletion' | 'strayProcessesKilled'>> => {
  const killed = await killMarkedProcesses(RUNNER_MARKER_VARIABLE, payload.runnerName);
  if (killed.length > 0) logger.warn('Killed processes the job left running', { count: killed.length });
  const runnerDeletion = await deleteRunner(gitlab, payload.runnerToken, logger);
  if (dirs) await removeTree(dirs.root);
  return { runnerDeletion, strayProcessesKilled: killed.length };
};

const deleteRunner = async (
  gitlab: RunnerDeleter,
  runnerToken: string,
  logger: LoggerPort,
): Promise<RunnerDeletion> => {
  try {
    return await gitlab.deleteRunnerByToken({ runnerToken });
  } catch (error) {
    // The GitLab client keeps tokens out of its errors; the reaper deletes a runner left here.
    logger.error('Could not delete the runner from GitLab', {
      error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    });
    return 'failed';
  }
};
