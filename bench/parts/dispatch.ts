// Parts 4 and 5: dispatch and clean-up at scale on the local stack. The stack runs in a worker
// process (dispatch-worker.ts); this process plays GitLab: it sends the Job Hooks over HTTP to the
// stack's webhook endpoint and times what the worker reports.
import { sendLoad } from '../lib/http-load.ts';
import { type Delivery, type HookRunner, jobHook, resends } from '../lib/job-hook.ts';
import type { PartResult } from '../lib/results.ts';
import { shuffled } from '../lib/shuffle.ts';
import { wallClockMs } from '../lib/stats.ts';
import {
  cleanUpResult,
  type DispatchObservation,
  dispatchResult,
  jobIdOfRunner,
} from './dispatch-figures.ts';
import type { BenchJob } from './dispatch-protocol.ts';
import { type DispatchWorker, startDispatchWorker } from './dispatch-worker-client.ts';
import type { BenchPart, RunSize } from './part.ts';

/** Deliveries of each pending Job Hook (GitLab resends; the same `Idempotency-Key`). */
const COPIES = 3;
/** Connections GitLab's webhook workers keep open to the endpoint at once. */
const CONCURRENCY = 16;
/**
 * Deliveries a second: a steady arrival the local stack (every function, dynalite, moto and the
 * fake GitLab on 2 shared cores) absorbs, so a job's latency is its own flow's rather than the
 * backlog's (see docs/performance.md).
 */
const DELIVERIES_PER_SECOND = 40;
const SEED = 20_260_302;

/**
 * Jobs of the warm-up (handlers load, JIT warms), of the measured paced burst, and of the unpaced
 * burst that measures how many StartRunner executions a second the stack sustains.
 */
const burstSizes = (size: RunSize) =>
  size.quick ? { warmup: 5, measured: 30, unpaced: 30 } : { warmup: 20, measured: 1000, unpaced: 300 };
const flowTimeoutMs = (size: RunSize) => (size.quick ? 30_000 : 150_000);

interface Session {
  readonly worker: DispatchWorker;
  readonly webhookUrl: string;
  readonly secret: string;
  /** Executions finished in the stack so far (every state machine). */
  finished: number;
}

/**
 * Sends `deliveries`, each a job's, at DELIVERIES_PER_SECOND (or as fast as CONCURRENCY
 * connections go when not `paced`), and returns when each job's first one was answered 2xx.
 */
const deliver = async (
  session: Session,
  deliveries: readonly { jobKey: string; delivery: Delivery }[],
  paced = true,
) => {
  const acceptedAtMs = new Map<string, number>();
  let accepted = 0;
  const firstSentAtMs = wallClockMs();
  const load = await sendLoad(
    session.webhookUrl,
    deliveries.map((item) => item.delivery),
    {
      concurrency: CONCURRENCY,
      ...(paced ? { perSecond: DELIVERIES_PER_SECOND } : {}),
      onAnswer: (index, status, atMs) => {
        if (status < 200 || status >= 300) return;
        accepted += 1;
        const key = (deliveries[index] as { jobKey: string }).jobKey;
        if (!acceptedAtMs.has(key)) acceptedAtMs.set(key, atMs);
      },
    },
  );
  return { acceptedAtMs, accepted, firstSentAtMs, perSecond: load.requestsPerSecond };
};

/** Asks the worker to report once `count` more executions have finished and none runs. */
const watchFlows = (session: Session, count: number, timeoutMs: number) => {
  session.worker.send({ type: 'watch-flows', finished: session.finished + count, timeoutMs });
  return async () => {
    const done = await session.worker.next('flows-done');
    const executions = done.finished - session.finished;
    session.finished = done.finished;
    return { doneAtMs: done.doneAtMs, executions, failed: done.failed };
  };
};

/** Whether a runner name is one of a runner started for one of `jobs`. */
const runnerOfJobs = (jobs: readonly BenchJob[]) => {
  const ids = new Set(jobs.map((job) => job.id));
  return (runnerName: string): boolean => ids.has(jobIdOfRunner(runnerName) ?? -1);
};

/** Part 4 on one burst of `count` jobs; returns the observation and the runners GitLab has for them. */
const dispatchBurst = async (session: Session, count: number, timeoutMs: number, paced = true) => {
  session.worker.send({ type: 'create-jobs', count });
  const { jobs } = await session.worker.next('jobs');
  const deliveries = jobs.flatMap((job) =>
    resends(jobHook(job, 'pending', session.secret), COPIES).map((delivery) => ({
      jobKey: String(job.id),
      delivery,
    })),
  );
  const flowsDone = watchFlows(session, deliveries.length, timeoutMs);
  const sent = await deliver(session, shuffled(deliveries, SEED + count), paced);
  const flows = await flowsDone();
  session.worker.send({ type: 'starts' });
  const report = await session.worker.next('starts');
  const ours = runnerOfJobs(jobs);
  const starts = report.starts.filter((start) => ours(start.runnerName));
  const runners = report.gitlabRunners.filter((runner) => ours(runner.description));
  const observation: DispatchObservation = {
    jobs,
    copies: COPIES,
    accepted: sent.accepted,
    acceptedAtMs: new Map([...sent.acceptedAtMs].map(([key, atMs]) => [Number(key), atMs])),
    firstSentAtMs: sent.firstSentAtMs,
    webhooksPerSecond: sent.perSecond,
    starts,
    gitlabRunners: runners.length,
    executions: flows.executions,
    failedExecutions: flows.failed,
    flowsDoneAtMs: flows.doneAtMs,
    maxRssKiB: report.maxRssKiB,
  };
  return { observation, jobs, starts, runners };
};

/** Part 5: every job of the burst runs on the runner started for it, then succeeds. */
const cleanUpBurst = async (
  session: Session,
  burst: Awaited<ReturnType<typeof dispatchBurst>>,
  timeoutMs: number,
): Promise<PartResult> => {
  const byName = new Map(burst.runners.map((runner) => [runner.description, runner]));
  const ran = burst.jobs.flatMap((job) => {
    const start = burst.starts.find((candidate) => jobIdOfRunner(candidate.runnerName) === job.id);
    const runner = start ? byName.get(start.runnerName) : undefined;
    return start && runner ? [{ job, runner: runner as HookRunner, kind: start.kind }] : [];
  });
  const hooks = (status: 'running' | 'success') =>
    shuffled(
      ran.map(({ job, runner }) => ({
        jobKey: runner.description,
        delivery: jobHook(job, status, session.secret, { runner }),
      })),
      SEED + ran.length + (status === 'running' ? 1 : 2),
    );
  const runningDone = watchFlows(session, ran.length, timeoutMs);
  const running = await deliver(session, hooks('running'));
  await runningDone();
  session.worker.send({
    type: 'watch-clean-up',
    runnerNames: ran.map((item) => item.runner.description),
    timeoutMs,
  });
  await session.worker.next('watching');
  const stopDone = watchFlows(session, ran.length, timeoutMs);
  const success = await deliver(session, hooks('success'));
  const cleaned = await session.worker.next('cleaned-up');
  await stopDone();
  return cleanUpResult({
    runners: ran.length,
    ec2Runners: ran.filter((item) => item.kind === 'EC2').length,
    sent: 2 * ran.length,
    accepted: running.accepted + success.accepted,
    successAcceptedAtMs: success.acceptedAtMs,
    ends: cleaned.ends,
    leftovers: cleaned.leftovers,
    maxRssKiB: cleaned.maxRssKiB,
  });
};

const measure = async (size: RunSize): Promise<PartResult[]> => {
  const sizes = burstSizes(size);
  const timeoutMs = flowTimeoutMs(size);
  const { worker, ready } = await startDispatchWorker(sizes.warmup + sizes.measured + sizes.unpaced);
  const session: Session = {
    worker,
    webhookUrl: ready.webhookUrl,
    secret: ready.webhookSecret,
    finished: ready.finished,
  };
  try {
    await cleanUpBurst(session, await dispatchBurst(session, sizes.warmup, timeoutMs), timeoutMs);
    const paced = await dispatchBurst(session, sizes.measured, timeoutMs);
    const cleanUp = await cleanUpBurst(session, paced, timeoutMs);
    // Last, so that its backlog disturbs neither figure above; the stack is discarded after it.
    const unpaced = await dispatchBurst(session, sizes.unpaced, timeoutMs, false);
    return [dispatchResult(paced.observation, unpaced.observation), cleanUp];
  } finally {
    await worker.stop();
  }
};

/** Parts 4 and 5 on the local stack. */
export const dispatchParts: BenchPart = {
  id: 'dispatch',
  title: 'Dispatch and clean-up at scale',
  run: measure,
};
