// Part 3: cold start proxy. For every Lambda bundle: its size, and the time a fresh Node.js process
// takes to import it and run one invocation, against `node -e 0` in the same run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleHandler } from '../../scripts/bundle.ts';
import { type LambdaFunction, listLambdaFunctions, repositoryRoot } from '../../scripts/lambda-functions.ts';
import { startAwsStandIn } from '../lib/aws-stand-in.ts';
import { BENCH_WEBHOOK_SECRET, httpApiEvent, pendingJobHook } from '../lib/job-hook.ts';
import { benchParameterValue, lambdaEnvironment } from '../lib/lambda.ts';
import type { Figure, PartResult } from '../lib/results.ts';
import { nowMs, runRounds, spread } from '../lib/stats.ts';
import type { BenchPart, RunSize } from './part.ts';

const CHILD = join(import.meta.dirname, 'cold-start-child.mjs');
/** A child still running after this long is killed and its round reported as such. */
const CHILD_TIMEOUT_MS = 30_000;

/** Runs `node args` once with `env` and returns the wall-clock milliseconds from spawn to exit. */
const timeProcess = (args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = nowMs();
    const child = spawn(process.execPath, args, { env, stdio: 'ignore', timeout: CHILD_TIMEOUT_MS });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== null) reject(new Error(`node ${args.join(' ')} ended by ${signal}`));
      else if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}`));
      else resolve(nowMs() - started);
    });
  });

/**
 * Sample events for functions whose stack has none named `events/<function>.json`: the start flow
 * hands Claim job the bus event whole; Record failure and Create and start runner have several.
 */
const SAMPLE_FILES: Readonly<Record<string, string>> = {
  'AutoScaler/claim-job': 'AutoScaler/events/job-pending.json',
  'AutoScaler/record-failure': 'AutoScaler/events/record-failure-start-runner.json',
  'AutoScaler/start-runner': 'AutoScaler/events/start-runner-lambda.json',
};

/**
 * The sample event of a function: `<Stack>/events/<name>.json` or its entry in SAMPLE_FILES, a
 * pending Job Hook for the webhook, else `{}`. The runner gets `{}`: its sample payloads name a
 * GitLab that is not on this machine.
 */
const sampleEvent = (fn: LambdaFunction): { event: unknown; source: string } => {
  const file = existsSync(join(repositoryRoot, fn.stack, 'events', `${fn.name}.json`))
    ? `${fn.stack}/events/${fn.name}.json`
    : SAMPLE_FILES[fn.id];
  if (file !== undefined)
    return { event: JSON.parse(readFileSync(join(repositoryRoot, file), 'utf8')), source: file };
  if (fn.id === 'Infrastructure/webhook') {
    return { event: httpApiEvent(pendingJobHook(4711, BENCH_WEBHOOK_SECRET)), source: 'a pending Job Hook' };
  }
  return { event: {}, source: '{} (no sample event: refused after initialisation)' };
};

interface Measured {
  readonly fn: LambdaFunction;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly eventSource: string;
  readonly outcomeFile: string;
}

const prepare = (fn: LambdaFunction, workDir: string, awsEndpoint: string): Measured => {
  const bundle = join(fn.outdir, 'index.mjs');
  const code = readFileSync(bundle);
  const { event, source } = sampleEvent(fn);
  const slug = fn.id.replace('/', '-');
  const eventFile = join(workDir, `${slug}.event.json`);
  const outcomeFile = join(workDir, `${slug}.outcome`);
  writeFileSync(eventFile, JSON.stringify(event));
  return {
    fn,
    bytes: statSync(bundle).size,
    gzipBytes: gzipSync(code).length,
    args: [CHILD, bundle, eventFile, outcomeFile, fn.name],
    env: { PATH: process.env.PATH, ...lambdaEnvironment(fn.stack, fn.name, awsEndpoint) },
    eventSource: source,
    outcomeFile,
  };
};

/** A fresh process per bundle per round is slow: `--quick` (counts only) measures one round. */
const coldStartRounds = (size: RunSize) => (size.quick ? { warmup: 0, measured: 1 } : size.rounds);

const measure = async (size: RunSize): Promise<PartResult> => {
  const functions = listLambdaFunctions();
  await Promise.all(functions.map((fn) => bundleHandler(fn.entry, fn.outdir)));
  const aws = await startAwsStandIn(benchParameterValue);
  const workDir = mkdtempSync(join(tmpdir(), 'glr-bench-'));
  try {
    const targets = functions.map((fn) => prepare(fn, workDir, aws.endpoint));
    const rounds = await runRounds(coldStartRounds(size), async () => {
      const bare = await timeProcess(['-e', '0'], { PATH: process.env.PATH });
      const times: number[] = [];
      for (const target of targets) times.push(await timeProcess(target.args, target.env));
      return { bare, times };
    });
    const bare = spread(rounds.map((round) => round.bare));
    const figures: Figure[] = targets.map((target, index) => {
      const times = rounds.map((round) => round.times[index] as number);
      return {
        name: `${target.fn.id} (${Math.round(target.bytes / 1024)} KiB, ${Math.round(target.gzipBytes / 1024)} KiB gzip)`,
        unit: 'ms',
        value: spread(times),
        baseline: {
          name: 'node -e 0',
          value: bare,
          ratio: spread(rounds.map((round) => (round.times[index] as number) / round.bare)),
        },
      };
    });
    return {
      id: 'cold-start',
      title: '3. Cold start proxy',
      status: 'measured',
      size: `${targets.length} bundles, a fresh process per bundle per round`,
      figures,
      counts: [
        {
          name: 'bundles built and measured',
          actual: targets.filter((t) => t.bytes > 0).length,
          expected: functions.length,
        },
      ],
      notes: targets.map(
        (t) =>
          `${t.fn.id}: ${t.bytes} bytes, ${t.gzipBytes} gzip; event ${t.eventSource}; invocation: ${readFileSync(t.outcomeFile, 'utf8')}`,
      ),
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    await aws.close();
  }
};

/** Part 3 over every bundle `scripts/lambda-functions.ts` lists. */
export const coldStartPart: BenchPart = {
  id: 'cold-start',
  title: '3. Cold start proxy',
  run: async (size) => {
    if (listLambdaFunctions().length === 0) {
      return {
        id: 'cold-start',
        title: '3. Cold start proxy',
        status: 'skipped',
        reason: 'no Lambda handlers yet',
      };
    }
    return measure(size);
  },
};
