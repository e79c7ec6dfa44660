// Parts 4 and 5: figures and counts from what the burst observed (pure, so tests can feed it).
import type { Count, Figure, PartResult } from '../lib/results.ts';
import { percentile, type Spread } from '../lib/stats.ts';
import type { BenchJob, RunnerEnd, RunnerStart } from './dispatch-protocol.ts';

/** What part 4 saw of one burst of pending jobs. */
export interface DispatchObservation {
  readonly jobs: readonly BenchJob[];
  /** Deliveries sent per job (the same event each time). */
  readonly copies: number;
  /** Pending deliveries answered 2xx. */
  readonly accepted: number;
  /** When each job's first delivery was answered 2xx, by job id (`wallClockMs`). */
  readonly acceptedAtMs: ReadonlyMap<number, number>;
  readonly firstSentAtMs: number;
  readonly webhooksPerSecond: number;
  /** Runner starts the control plane requested for this burst's jobs. */
  readonly starts: readonly RunnerStart[];
  /** Runners of this burst's jobs that GitLab has. */
  readonly gitlabRunners: number;
  /** StartRunner executions of the burst, how many failed, and when the last one was seen done. */
  readonly executions: number;
  readonly failedExecutions: number;
  readonly flowsDoneAtMs: number | undefined;
  readonly maxRssKiB: number;
}

/** What part 5 saw while the burst's jobs finished. */
export interface CleanUpObservation {
  readonly runners: number;
  readonly ec2Runners: number;
  /** `running` and `success` deliveries sent, and answered 2xx. */
  readonly sent: number;
  readonly accepted: number;
  /** When each runner's job's `success` delivery was answered 2xx, by runner name. */
  readonly successAcceptedAtMs: ReadonlyMap<string, number>;
  readonly ends: readonly RunnerEnd[];
  readonly leftovers: { readonly gitlabRunners: number; readonly liveInstances: number };
  readonly maxRssKiB: number;
}

/** The job id in a runner name, `glr-<job id>-<random>` (docs/architecture.md, runner names). */
export const jobIdOfRunner = (runnerName: string): number | undefined => {
  const match = /^glr-(\d+)-/.exec(runnerName);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/** A figure measured once (one burst): median, min and max are the same value. */
const once = (value: number): Spread => ({ median: value, min: value, max: value });

const latencyFigures = (label: string, samples: readonly number[]): Figure[] =>
  samples.length === 0
    ? []
    : [
        { name: `${label}, p50`, unit: 'ms', value: once(percentile(samples, 50)) },
        { name: `${label}, p99`, unit: 'ms', value: once(percentile(samples, 99)) },
      ];

/** The first start of each job of the burst, by job id. */
const firstStarts = (starts: readonly RunnerStart[]): Map<number, RunnerStart> => {
  const first = new Map<number, RunnerStart>();
  for (const start of starts) {
    const jobId = jobIdOfRunner(start.runnerName);
    const known = jobId === undefined ? undefined : first.get(jobId);
    if (jobId !== undefined && (known === undefined || start.atMs < known.atMs)) first.set(jobId, start);
  }
  return first;
};

const latencies = (seen: DispatchObservation, kind?: string): number[] => {
  const first = firstStarts(seen.starts);
  return seen.jobs.flatMap((job) => {
    const start = first.get(job.id);
    const accepted = seen.acceptedAtMs.get(job.id);
    return start && accepted !== undefined && (kind === undefined || start.kind === kind)
      ? [start.atMs - accepted]
      : [];
  });
};

const startCounts = (seen: DispatchObservation, prefix: string): Count[] => {
  const started = firstStarts(seen.starts).size;
  return [
    {
      name: `${prefix}pending deliveries answered 2xx`,
      actual: seen.accepted,
      expected: seen.jobs.length * seen.copies,
    },
    { name: `${prefix}runners started (distinct jobs)`, actual: started, expected: seen.jobs.length },
    { name: `${prefix}duplicate runner starts`, actual: seen.starts.length - started, expected: 0 },
    { name: `${prefix}runners created in GitLab`, actual: seen.gitlabRunners, expected: seen.jobs.length },
    { name: `${prefix}StartRunner executions failed`, actual: seen.failedExecutions, expected: 0 },
  ];
};

const drainSeconds = (seen: DispatchObservation): number | undefined =>
  seen.flowsDoneAtMs === undefined ? undefined : (seen.flowsDoneAtMs - seen.firstSentAtMs) / 1000;

/**
 * Part 4's result: latencies of the paced burst (each job's own flow), throughput of the unpaced
 * one (how many StartRunner executions a second the stack sustains when deliveries pile up).
 */
export const dispatchResult = (paced: DispatchObservation, unpaced: DispatchObservation): PartResult => {
  const drain = drainSeconds(unpaced);
  const unpacedLatency = latencies(unpaced);
  const ec2Jobs = paced.jobs.filter((job) => job.kind === 'EC2').length;
  return {
    id: 'dispatch',
    title: '4. Dispatch at scale',
    status: 'measured',
    size: `${paced.jobs.length} pending jobs (${ec2Jobs} on EC2), each Job Hook delivered ${paced.copies}× in shuffled order at ${Math.round(paced.webhooksPerSecond)} deliveries/s; then ${unpaced.jobs.length} more as fast as the endpoint answers`,
    figures: [
      ...latencyFigures('webhook accepted → runner start requested', latencies(paced)),
      ...latencyFigures('same, Lambda runners', latencies(paced, 'LAMBDA')),
      ...latencyFigures('same, EC2 runners', latencies(paced, 'EC2')),
      { name: 'peak RSS of the stack process', unit: 'MiB', value: once(paced.maxRssKiB / 1024) },
      { name: 'unpaced: deliveries accepted', unit: 'req/s', value: once(unpaced.webhooksPerSecond) },
      ...(drain === undefined
        ? []
        : [
            {
              name: 'unpaced: StartRunner executions',
              unit: 'exec/s',
              value: once(unpaced.executions / drain),
            },
          ]),
      ...(unpacedLatency.length === 0
        ? []
        : [
            {
              name: 'unpaced: last runner start after its webhook',
              unit: 'ms',
              value: once(Math.max(...unpacedLatency)),
            },
          ]),
    ],
    counts: [...startCounts(paced, ''), ...startCounts(unpaced, 'unpaced: ')],
    notes: [
      `Paced: ${paced.executions} StartRunner executions (one per delivery: the copies end at "already claimed").`,
      `Unpaced: ${unpaced.executions} executions, ${drain === undefined ? 'not all finished' : `all finished ${drain.toFixed(1)} s after the first delivery`}.`,
    ],
  };
};

/** Part 5's result. */
export const cleanUpResult = (seen: CleanUpObservation): PartResult => {
  const endOf = (end: RunnerEnd): number | undefined =>
    end.deletedAtMs === undefined ? undefined : Math.max(end.deletedAtMs, end.terminatedAtMs ?? 0);
  const latencies = seen.ends.flatMap((end) => {
    const finished = endOf(end);
    const accepted = seen.successAcceptedAtMs.get(end.runnerName);
    return finished === undefined || accepted === undefined ? [] : [finished - accepted];
  });
  return {
    id: 'cleanup',
    title: '5. Clean-up at scale',
    status: 'measured',
    size: `${seen.runners} runners (${seen.ec2Runners} EC2 instances): a running then a success Job Hook per job, naming its runner`,
    figures: [
      ...latencyFigures('success accepted → runner deleted (and instance terminated)', latencies),
      ...(latencies.length === 0
        ? []
        : [{ name: 'slowest runner', unit: 'ms', value: once(Math.max(...latencies)) }]),
      { name: 'peak RSS of the stack process', unit: 'MiB', value: once(seen.maxRssKiB / 1024) },
    ],
    counts: [
      { name: 'running and success deliveries answered 2xx', actual: seen.accepted, expected: seen.sent },
      {
        name: 'runners deleted in GitLab',
        actual: seen.ends.filter((end) => end.deletedAtMs !== undefined).length,
        expected: seen.runners,
      },
      {
        name: 'instances terminated',
        actual: seen.ends.filter((end) => end.terminatedAtMs !== undefined).length,
        expected: seen.ec2Runners,
      },
      {
        name: 'leftovers (GitLab runners and live instances)',
        actual: seen.leftovers.gitlabRunners + seen.leftovers.liveInstances,
        expected: 0,
      },
    ],
    notes: [],
  };
};
