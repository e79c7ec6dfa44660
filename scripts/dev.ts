// `pnpm dev`: the whole product on this machine (see packages/local/README.md).
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  banner,
  DEV_USAGE,
  parseDevArgs,
  realGitLabFromEnvironment,
  startConsoleView,
  startLocalStack,
  streamLogger,
} from '@glr/local';

const rootDir = resolve(import.meta.dirname, '..');

const main = async (): Promise<void> => {
  const options = parseDevArgs(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(`${DEV_USAGE}\n`);
    return;
  }
  const gitlab = realGitLabFromEnvironment(process.env);
  const dataDir = options.dataDir ? resolve(options.dataDir) : await mkdtemp(join(tmpdir(), 'glr-local-'));
  await mkdir(dataDir, { recursive: true });
  const liveView = process.stdout.isTTY === true && !options.logs;
  // With the live view, log lines go to a file; the handlers' own loggers keep to warnings.
  if (liveView) process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const logFile = join(dataDir, 'local.log');
  const logger = streamLogger(liveView ? createWriteStream(logFile, { flags: 'a' }) : process.stderr);
  const stack = await startLocalStack({
    rootDir,
    host: options.host,
    port: options.port,
    dataDir,
    persistDynamoDb: options.dataDir !== undefined,
    ...(gitlab ? { gitlab } : {}),
    logger,
  });
  const header = [...banner(stack, rootDir), ...(liveView ? [`  logs         ${logFile}`] : [])];
  if (!liveView) process.stdout.write(`${header.join('\n')}\n`);
  const stopView = startConsoleView(process.stdout, stack.state, header);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    stopView();
    process.stdout.write(`\n${signal}: stopping the local stack…\n`);
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
};

main().catch((error: unknown) => {
  process.stderr.write(`pnpm dev: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
