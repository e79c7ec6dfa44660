import { ConfigurationError, loadEnvironment, positiveIntegerSetting } from '@glr/core';
import { z } from 'zod';

const seconds = positiveIntegerSetting;

const environmentSchema = z.object({
  GITLAB_RUNNER_PATH: z
    .string()
    .default('gitlab-runner')
    .describe('the gitlab-runner executable, a name on PATH or an absolute path'),
  RUNNER_WAIT_TIMEOUT_SECONDS: seconds(30).describe(
    'how long gitlab-runner waits for a job before it exits idle',
  ),
  RUNNER_DEADLINE_MARGIN_SECONDS: seconds(45).describe(
    'time kept back from the function timeout for stopping the runner, deleting it and cleaning up',
  ),
  RUNNER_KILL_GRACE_SECONDS: seconds(20).describe(
    'time between SIGTERM and SIGKILL, for gitlab-runner to report the aborted job',
  ),
  GITLAB_TIMEOUT_SECONDS: seconds(10).describe('timeout of each GitLab API request'),
  WORK_ROOT: z
    .string()
    .startsWith('/', 'must be an absolute path')
    .default('/tmp')
    .describe('the writable directory under which each invocation gets its work directory'),
});

/** Settings of the runner function, read once at start-up. */
export interface RunnerSettings {
  readonly gitlabRunnerPath: string;
  readonly waitTimeoutSeconds: number;
  readonly deadlineMarginMs: number;
  readonly killGraceMs: number;
  readonly gitlabTimeoutMs: number;
  readonly workRoot: string;
  /** The function's own environment, which `gitlab-runner` (and so each job) starts from. */
  readonly inheritedEnvironment: NodeJS.ProcessEnv;
}

/**
 * Reads the runner function's settings from the environment. The kill grace must fit inside the
 * deadline margin, or SIGKILL would land after Lambda has already stopped the function.
 */
export const loadRunnerSettings = (environment: NodeJS.ProcessEnv = process.env): RunnerSettings => {
  const values = loadEnvironment(environmentSchema, environment);
  if (values.RUNNER_KILL_GRACE_SECONDS >= values.RUNNER_DEADLINE_MARGIN_SECONDS) {
    throw new ConfigurationError(
      'Invalid configuration: RUNNER_KILL_GRACE_SECONDS must be smaller than RUNNER_DEADLINE_MARGIN_SECONDS',
    );
  }
  return {
    gitlabRunnerPath: values.GITLAB_RUNNER_PATH,
    waitTimeoutSeconds: values.RUNNER_WAIT_TIMEOUT_SECONDS,
    deadlineMarginMs: values.RUNNER_DEADLINE_MARGIN_SECONDS * 1000,
    killGraceMs: values.RUNNER_KILL_GRACE_SECONDS * 1000,
    gitlabTimeoutMs: values.GITLAB_TIMEOUT_SECONDS * 1000,
    workRoot: values.WORK_ROOT,
    inheritedEnvironment: environment,
  };
};
