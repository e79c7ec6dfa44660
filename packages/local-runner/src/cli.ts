#!/usr/bin/env node
/**
 * A small stand-in for `gitlab-runner run-single` (shell executor, bash), for machines without it:
 *   CI_SERVER_TOKEN=glrt-… node packages/local-runner/src/cli.ts run-single --url U --max-builds 1 \
 *     --wait-timeout N --builds-dir D [--description NAME]
 * The token comes only from the environment. SIGTERM/SIGINT fail the running job and exit.
 * Exit code 0 when the last job succeeded or none ran, 1 when a job did not succeed, 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { RunnerUsageError } from './errors.ts';
import { runSingle } from './run-single.ts';

const nonNegative = (flag: string, value: string | undefined): number => {
  const parsed = Number(value ?? '0');
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new RunnerUsageError(`--${flag} must be a whole number of 0 or more, got "${value}"`);
  }
  return parsed;
};

const main = async (): Promise<number> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'max-builds': { type: 'string' },
      'wait-timeout': { type: 'string' },
      'builds-dir': { type: 'string' },
      description: { type: 'string' },
    },
  });
  if (positionals[0] !== 'run-single') throw new RunnerUsageError('the only command is run-single');
  const token = process.env.CI_SERVER_TOKEN;
  if (!token)
    throw new RunnerUsageError(
      'CI_SERVER_TOKEN is required (the runner token; never pass it as an argument)',
    );
  if (!values.url) throw new RunnerUsageError('--url is required (the GitLab base URL)');
  if (!values['builds-dir']) throw new RunnerUsageError('--builds-dir is required (where jobs run)');
  const controller = new AbortController();
  process.once('SIGTERM', () => controller.abort());
  process.once('SIGINT', () => controller.abort());
  const summary = await runSingle({
    url: values.url,
    token,
    buildsDir: values['builds-dir'],
    maxBuilds: nonNegative('max-builds', values['max-builds']),
    waitTimeoutSeconds: nonNegative('wait-timeout', values['wait-timeout']),
    signal: controller.signal,
  });
  process.stdout.write(`${JSON.stringify({ description: values.description ?? null, ...summary })}\n`);
  const last = summary.results.at(-1);
  return last === undefined || last === 'success' ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof RunnerUsageError ? 2 : 1);
  },
);
