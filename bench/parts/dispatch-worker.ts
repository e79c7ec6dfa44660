// Parts 4 and 5: the process that runs the local stack (one per process: handlers read their
// settings once) and reports what it sees to `dispatch.ts`, which plays GitLab's webhooks.
// `node dispatch-worker.ts --capacity <n>`; talks over the IPC channel (dispatch-protocol.ts).
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { type LocalStack, startLocalStack } from '@glr/local';
import { repositoryRoot } from '../../scripts/lambda-functions.ts';
import { BenchError } from '../errors.ts';
import { type AwsStandIn, startAwsStandIn } from '../lib/aws-stand-in.ts';
import { wallClockMs } from '../lib/stats.ts';
import type {
  BenchJob,
  FromWorker,
  GitLabRunnerRef,
  RunnerEnd,
  RunnerKind,
  RunnerStart,
  ToWorker,
} from './dispatch-protocol.ts';

/** The `gitlab-runner` the local EC2 host runs on each instance: waits idle until terminated. */
const IDLE_RUNNER = join(import.meta.dirname, '..', 'lib', 'idle-runner.sh');
const POLL_MS = 20;
/** How long an instance may take to boot (read its token) before the stack is stopped anyway. */
const BOOT_WAIT_MS = 10_000;
/** How long the stack may take to stop before the worker exits anyway. */
const STOP_WAIT_MS = 10_000;
/** Every fifth job runs on EC2 (the `docker-build` mapping of mappings.local.json). */
const EC2_EVERY = 5;
/** One-job pipelines whose job the local mappings send to the default Lambda runner or to EC2. */
const PIPELINES: Readonly<Record<RunnerKind, string>> = {
  LAMBDA: 'unit-tests:\n  script: [echo bench]\n',
  EC2: 'docker-build:\n  tags: [docker]\n  script: [echo bench]\n',
};

type FakeGitLab = NonNullable<LocalStack['gitlab']['fake']>;

const send = (message: FromWorker): void => {
  if (process.connected) process.send?.(message);
};

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

const maxRssKiB = (): number => process.resourceUsage().maxRSS;

/** Polls `done` every POLL_MS; true once it holds, false after `timeoutMs`. */
const pollUntil = async (done: () => boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = wallClockMs() + timeoutMs;
  while (!done()) {
    if (wallClockMs() > deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
};

const createJobs = (gitlab: FakeGitLab, count: number, firstIndex: number): BenchJob[] =>
  Array.from({ length: count }, (_, offset) => {
    const kind: RunnerKind = (firstIndex + offset) % EC2_EVERY === EC2_EVERY - 1 ? 'EC2' : 'LAMBDA';
    const pipeline = gitlab.createPipeline(PIPELINES[kind]);
    const job = gitlab.job(pipeline.jobIds[0] ?? -1);
    if (!job) throw new BenchError(`the fake GitLab made no job for pipeline ${pipeline.id}`);
    return { id: job.id, name: job.name, stage: job.stage, pipelineId: pipeline.id, projectId: 42, kind };
  });

const ec2Runners = (stack: LocalStack) => stack.state().runners.filter((runner) => runner.kind === 'EC2');

const runnerStarts = (stack: LocalStack, aws: AwsStandIn): RunnerStart[] => [
  ...aws.invocations.flatMap((invocation) =>
    invocation.runnerName === undefined
      ? []
      : [{ runnerName: invocation.runnerName, kind: 'LAMBDA' as const, atMs: invocation.atMs }],
  ),
  ...ec2Runners(stack).map((runner) => ({
    runnerName: runner.name,
    kind: 'EC2' as const,
    atMs: Date.parse(runner.startedAt),
  })),
];

const executionsFinished = (stack: LocalStack) => {
  const { succeeded, failed, running } = stack.state().executions;
  return { finished: succeeded + failed, failed, running };
};

/** Watches runners until each is gone from GitLab and, on EC2, its instance terminated. */
const watchCleanUp = async (
  stack: LocalStack,
  gitlab: FakeGitLab,
  runnerNames: readonly string[],
  timeoutMs: number,
): Promise<FromWorker> => {
  const ids = new Map(gitlab.runners().map((runner) => [runner.description, runner.id]));
  const ends = new Map<string, { deletedAtMs?: number; terminatedAtMs?: number }>(
    runnerNames.map((name) => [name, {}]),
  );
  const isEc2 = new Set(ec2Runners(stack).map((runner) => runner.name));
  const pending = () => {
    const now = wallClockMs();
    const instances = new Map(ec2Runners(stack).map((runner) => [runner.name, runner]));
    let left = 0;
    for (const [name, end] of ends) {
      const id = ids.get(name);
      if (end.deletedAtMs === undefined && (id === undefined || gitlab.runner(id) === undefined))
        end.deletedAtMs = now;
      const instance = instances.get(name);
      if (end.terminatedAtMs === undefined && instance?.status === 'terminated' && instance.finishedAt)
        end.terminatedAtMs = Date.parse(instance.finishedAt);
      if (end.deletedAtMs === undefined || (isEc2.has(name) && end.terminatedAtMs === undefined)) left += 1;
    }
    return left;
  };
  await pollUntil(() => pending() === 0, timeoutMs);
  const list: RunnerEnd[] = [...ends].map(([runnerName, end]) => ({ runnerName, ...end }));
  return {
    type: 'cleaned-up',
    ends: list,
    leftovers: {
      gitlabRunners: list.filter((end) => end.deletedAtMs === undefined).length,
      liveInstances: list.filter((end) => isEc2.has(end.runnerName) && end.terminatedAtMs === undefined)
        .length,
    },
    maxRssKiB: maxRssKiB(),
  };
};

const gitlabRunners = (gitlab: FakeGitLab): GitLabRunnerRef[] =>
  gitlab.runners().map((runner) => ({ id: runner.id, description: runner.description, tags: runner.tags }));

const main = async (capacity: number): Promise<void> => {
  const aws = await startAwsStandIn(() => undefined);
  const stack = await startLocalStack({
    rootDir: repositoryRoot,
    port: 0,
    runnerCommand: IDLE_RUNNER,
    functionOutput: new Writable({ write: (_chunk, _encoding, done) => done() }),
    environment: {
      // Lambda runners: the start function's Invoke goes to the stand-in, which only records it.
      AWS_ENDPOINT_URL_LAMBDA: aws.endpoint,
      GLR_MAX_LAMBDA_RUNNERS: String(capacity),
      GLR_MAX_EC2_RUNNERS: String(capacity),
    },
  });
  const gitlab = stack.gitlab.fake;
  if (!gitlab) throw new BenchError('the dispatch benchmark needs the bundled fake GitLab: unset GITLAB_URL');
  // The benchmark delivers every Job Hook itself.
  gitlab.webhooks.configure(null);
  let jobsMade = 0;
  const handle = async (message: ToWorker): Promise<void> => {
    if (message.type === 'create-jobs') {
      const jobs = createJobs(gitlab, message.count, jobsMade);
      jobsMade += jobs.length;
      send({ type: 'jobs', jobs });
    } else if (message.type === 'watch-flows') {
      const done = await pollUntil(() => {
        const { finished, running } = executionsFinished(stack);
        return finished >= message.finished && running === 0;
      }, message.timeoutMs);
      const { finished, failed } = executionsFinished(stack);
      send({ type: 'flows-done', ...(done ? { doneAtMs: wallClockMs() } : {}), finished, failed });
    } else if (message.type === 'starts') {
      const starts = runnerStarts(stack, aws);
      send({ type: 'starts', starts, gitlabRunners: gitlabRunners(gitlab), maxRssKiB: maxRssKiB() });
    } else if (message.type === 'watch-clean-up') {
      send({ type: 'watching' });
      send(await watchCleanUp(stack, gitlab, message.runnerNames, message.timeoutMs));
    } else {
      // The local EC2 host waits for a booting instance's runner to exit: let boots finish first.
      await pollUntil(() => !ec2Runners(stack).some((runner) => runner.status === 'booting'), BOOT_WAIT_MS);
      // Bounded: exiting runs the emulators' exit hooks, which stop them if the stack's stop hangs.
      await Promise.race([stack.stop(), sleep(STOP_WAIT_MS)]);
      await aws.close();
      process.exit(0);
    }
  };
  const onMessage = (message: ToWorker) => {
    handle(message).catch((error: unknown) => send({ type: 'failed', message: describe(error) }));
  };
  process.on('message', onMessage);
  // The parent went away (killed, crashed): stop the stack and its emulators all the same.
  process.on('disconnect', () => onMessage({ type: 'stop' }));
  send({
    type: 'ready',
    webhookUrl: stack.webhookUrl,
    webhookSecret: stack.gitlab.webhookSecret,
    finished: executionsFinished(stack).finished,
  });
};

if (import.meta.main) {
  const { values } = parseArgs({ options: { capacity: { type: 'string' } } });
  main(Number(values.capacity ?? 1000)).catch((error: unknown) => {
    send({ type: 'failed', message: describe(error) });
    process.exit(1);
  });
}
