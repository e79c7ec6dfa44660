#!/usr/bin/env node
/**
 * A small stand-in for `gitlab-runner run-single` (shell executor, bash), for machines without it:
 *   CI_SERVER_TOKEN=glrt-… node packages/local-runner/src/cli.ts run-single --url U --max-builds 1 \
 *     --wait-timeout N --builds-dir D [--description NAME]
 * The token comes only from the environment. SIGTERM/SIGINT fail the running job and exit.
 * It logs gitlab-runner's lines for its events on stderr and a JSON summary on stdout.
 * Exit code 0 when the last job succeeded or none ran, 1 when a job did not succeed, 2 on bad usage.
 */
import { parseRunSingleCommand } from './cli-args.ts';
import { RunnerUsageError } from './errors.ts';
import { runSingle } from './run-single.ts';
import { gitlabRunnerLogLine } from './runner-log.ts';

const main = async (): Promise<number> => {
  const { options, description } = parseRunSingleCommand(process.argv.slice(2), process.env);
  const controller = new AbortController();
  process.once('SIGTERM', () => controller.abort());
  process.once('SIGINT', () => controller.abort());
  const context = { url: options.url, runnerName: description ?? 'glr-local-runner' };
  const summary = await runSingle({
    ...options,
    signal: controller.signal,
    // gitlab-runner logs to stderr; stdout keeps only the JSON summary.
    onEvent: (event) => process.stderr.write(`${gitlabRunnerLogLine(event, context)}\n`),
  });
  process.stdout.write(`${JSON.stringify({ description, ...summary })}\n`);
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
