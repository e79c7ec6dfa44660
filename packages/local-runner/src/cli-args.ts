import { parseArgs } from 'node:util';
import { RunnerUsageError } from './errors.ts';
import type { RunSingleOptions } from './run-single.ts';

/** What the `run-single` command line asks for: the runner's options and the name it reports. */
export interface RunSingleCommand {
  readonly options: Omit<RunSingleOptions, 'signal'>;
  /** `--description`, echoed in the summary line (gitlab-runner's runner name). */
  readonly description: string | null;
}

const nonNegative = (flag: string, value: string | undefined): number => {
  const parsed = Number(value ?? '0');
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new RunnerUsageError(`--${flag} must be a whole number of 0 or more, got "${value}"`);
  }
  return parsed;
};

/**
 * Reads `run-single --url U --max-builds N --wait-timeout N --builds-dir D [--description NAME]`, and
 * the runner token from `CI_SERVER_TOKEN` in `environment` (never from an argument). Throws
 * {@link RunnerUsageError} naming the flag and the fix.
 */
export const parseRunSingleCommand = (
  argv: readonly string[],
  environment: Readonly<Record<string, string | undefined>>,
): RunSingleCommand => {
  let parsed: ReturnType<typeof readFlags>;
  try {
    parsed = readFlags(argv);
  } catch (error) {
    throw new RunnerUsageError(`${(error as Error).message}; usage: run-single --url U ...`, {
      cause: error,
    });
  }
  const { positionals, values } = parsed;
  if (positionals[0] !== 'run-single') throw new RunnerUsageError('the only command is run-single');
  const token = environment.CI_SERVER_TOKEN;
  if (!token) {
    throw new RunnerUsageError(
      'CI_SERVER_TOKEN is required (the runner token; never pass it as an argument)',
    );
  }
  if (!values.url) throw new RunnerUsageError('--url is required (the GitLab base URL)');
  if (!values['builds-dir']) throw new RunnerUsageError('--builds-dir is required (where jobs run)');
  return {
    options: {
      url: values.url,
      token,
      buildsDir: values['builds-dir'],
      maxBuilds: nonNegative('max-builds', values['max-builds']),
      waitTimeoutSeconds: nonNegative('wait-timeout', values['wait-timeout']),
    },
    description: values.description ?? null,
  };
};

const readFlags = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'max-builds': { type: 'string' },
      'wait-timeout': { type: 'string' },
      'builds-dir': { type: 'string' },
      description: { type: 'string' },
    },
  });
