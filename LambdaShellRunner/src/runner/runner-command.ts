import type { WorkDirs } from './work-dirs.ts';

/**
 * Set in gitlab-runner's environment, and so inherited by every process of the job: how the
 * clean-up finds processes a job left behind.
 */
export const RUNNER_MARKER_VARIABLE = 'GLR_LAMBDA_RUNNER';

/**
 * Variables never passed on: gitlab-runner reads `CI_SERVER_*`, `RUNNER_*`, `REGISTER_*` and
 * `CONFIG_FILE` as settings, and a job has no business with the Lambda runtime API.
 */
const WITHHELD = /^(CI_|RUNNER_|REGISTER_|REGISTRATION_TOKEN$|CONFIG_FILE$|AWS_LAMBDA_RUNTIME_API$)/;

/** What `gitlab-runner run-single` is started with for one job. */
export interface RunnerCommandInput {
  readonly configPath: string;
  readonly runnerName: string;
  readonly waitTimeoutSeconds: number;
}

/** The argv after the executable: one job, a short wait, the runner from `config.toml`. No token. */
export const runnerArguments = (input: RunnerCommandInput): string[] => [
  'run-single',
  '--config',
  input.configPath,
  '--runner',
  input.runnerName,
  '--max-builds',
  '1',
  '--wait-timeout',
  String(input.waitTimeoutSeconds),
];

/**
 * gitlab-runner's environment, which the shell executor passes on to the job: the function's own
 * (with its AWS credentials, so a job acts as the function's role) minus runner settings, with
 * HOME and TMPDIR inside the work directory and the clean-up marker.
 */
export const runnerEnvironment = (
  inherited: NodeJS.ProcessEnv,
  dirs: Pick<WorkDirs, 'home' | 'tmp'>,
  runnerName: string,
): NodeJS.ProcessEnv => {
  const kept = Object.entries(inherited).filter(
    ([name, value]) => value !== undefined && !WITHHELD.test(name),
  );
  return {
    ...Object.fromEntries(kept),
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    [RUNNER_MARKER_VARIABLE]: runnerName,
  };
};
