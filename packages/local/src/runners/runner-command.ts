import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The project's `gitlab-runner run-single` stand-in (`packages/local/bin/gitlab-runner-local`). */
export const LOCAL_RUNNER_SHIM = join(import.meta.dirname, '..', '..', 'bin', 'gitlab-runner-local');

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Where the runner command comes from, for the start-up banner. */
export interface RunnerCommand {
  readonly path: string;
  readonly source: 'GLR_RUNNER_COMMAND' | 'PATH' | 'local runner';
}

/**
 * The executable local runners run: `GLR_RUNNER_COMMAND` when set, else `gitlab-runner` when it is
 * on PATH, else the project's own runner. Each is called as `<command> run-single --config F
 * --runner NAME --max-builds 1 --wait-timeout S`.
 */
export const resolveRunnerCommand = (environment: NodeJS.ProcessEnv = process.env): RunnerCommand => {
  const configured = environment.GLR_RUNNER_COMMAND?.trim();
  if (configured) return { path: configured, source: 'GLR_RUNNER_COMMAND' };
  const onPath = (environment.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'gitlab-runner'))
    .find(isExecutable);
  return onPath ? { path: onPath, source: 'PATH' } : { path: LOCAL_RUNNER_SHIM, source: 'local runner' };
};
