import { parseArgs } from 'node:util';
import { gitlabRunnerLogLine, runSingle } from '@glr/local-runner';
import { readRunnerConfig } from './runner-config.ts';

/**
 * `gitlab-runner run-single --config FILE --runner NAME --max-builds N --wait-timeout S`, the
 * subset the LambdaShellRunner and the EC2 bootstrap use, served by the project's own runner
 * (`@glr/local-runner`) for machines without gitlab-runner. The token is read from the config
 * file and passed in process: never through argv or the job's environment. It logs, on stderr,
 * the lines gitlab-runner logs for the same events (starting, a job received, the build limit or
 * the wait timeout reached), which is what the LambdaShellRunner reads to tell a job from an idle run.
 */
export const runShim = async (argv: readonly string[], signal: AbortSignal): Promise<number> => {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      runner: { type: 'string', short: 'r' },
      'max-builds': { type: 'string', default: '1' },
      'wait-timeout': { type: 'string', default: '0' },
    },
  });
  if (positionals[0] !== 'run-single' || !values.config || !values.runner) {
    process.stderr.write(
      'usage: gitlab-runner-local run-single --config FILE --runner NAME [--max-builds N] [--wait-timeout S]\n',
    );
    return 2;
  }
  const runner = await readRunnerConfig(values.config, values.runner);
  const context = { url: runner.url, runnerName: runner.name };
  const summary = await runSingle({
    onEvent: (event) => process.stderr.write(`${gitlabRunnerLogLine(event, context)}\n`),
    url: runner.url,
    token: runner.token,
    buildsDir: runner.buildsDir,
    maxBuilds: Number(values['max-builds']),
    waitTimeoutSeconds: Number(values['wait-timeout']),
    signal,
  });
  process.stdout.write(`${JSON.stringify({ runner: runner.name, ...summary })}\n`);
  const last = summary.results.at(-1);
  return last === undefined || last === 'success' ? 0 : 1;
};
