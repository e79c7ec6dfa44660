// `pnpm demo`: the local stack with the fake GitLab runs a demo pipeline and checks the outcome.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatDemo, runDemo, startLocalStack, streamLogger } from '@glr/local';

const rootDir = resolve(import.meta.dirname, '..');

const main = async (): Promise<number> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'glr-demo-'));
  const logFile = join(dataDir, 'demo.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const stack = await startLocalStack({
    rootDir,
    port: 0,
    dataDir,
    logger: streamLogger(log),
    functionOutput: log,
    environment: { RUNNER_WAIT_TIMEOUT_SECONDS: '30' },
  });
  try {
    const gitlab = stack.gitlab.fake;
    if (!gitlab) throw new Error('the demo runs on the bundled fake GitLab: unset GITLAB_URL');
    process.stdout.write(`Local stack up (webhook ${stack.webhookUrl}); running the demo pipeline…\n\n`);
    const pipeline = await readFile(join(rootDir, 'packages/local/examples/demo-pipeline.yml'), 'utf8');
    const result = await runDemo(stack, gitlab, pipeline);
    process.stdout.write(`${formatDemo(result)}\nlogs: ${logFile}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await stack.stop();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`pnpm demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
