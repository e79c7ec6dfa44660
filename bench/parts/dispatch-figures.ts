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
  readonly firstSentAtMs: number;
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

/** Part 4's result. */
export const dispatchResult = (seen: DispatchObservation): PartResult => {
  const first = firstStarts(seen.starts);
  const latency = (kind?: string) =>
    seen.jobs.flatMap((job) => {
      const start = first.get(job.id);
      const accepted = seen.acceptedAtMs.get(job.id);
      return start && accepted !== undefined && (kind === undefined || start.kind === kind)
        ? [start.atMs - accepted]
        : [];
    });
  const seconds =
    seen.flowsDoneAtMs === undefined ? undefined : (seen.flowsDoneAtMs - seen.firstSentAtMs) / 1000;
  const ec2Jobs = seen.jobs.filter((job) => job.kind === 'EC2').length;
  const counts: Count[] = [
    {
      name: 'pending deliveries answered 2xx',
      actual: seen.accepted,
      expected: seen.jobs.length * seen.copies,
    },
    { name: 'runners started (distinct jobs)', actual: first.size, expected: seen.jobs.length },
    { name: 'duplicate runner starts', actual: seen.starts.length - first.size, expected: 0 },
    { name: 'runners created in GitLab', actual: seen.gitlabRunners, expected: seen.jobs.length },
    { name: 'StartRunner executions failed', actual: seen.failedExecutions, expected: 0 },
  ];
  return {
    id: 'dispatch',
    title: '4. Dispatch at scale',
    status: 'measured',
    size: `${seen.jobs.length} pending jobs (${ec2Jobs} on EC2), each Job Hook delivered ${seen.copies}× in shuffled order, one burst`,
    figures: [
      ...latencyFigures('webhook accepted → runner start requested', latency()),
      ...latencyFigures('  Lambda runners', latency('LAMBDA')),
      ...latencyFigures('  EC2 runners', latency('EC2')),
      { name: 'webhook deliveries accepted', unit: 'req/s', value: once(seen.webhooksPerSecond) },
      ...(seconds === undefined
        ? []
        : [{ name: 'StartRunner executions', unit: 'exec/s', value: once(seen.executions / seconds) }]),
      { name: 'peak RSS of the stack process', unit: 'MiB', value: once(seen.maxRssKiB / 1024) },
    ],
    counts,
    notes: [
      `${seen.executions} StartRunner executions (one per delivery: duplicates end at "already claimed"), ${seconds === undefined ? 'not all finished' : `all finished ${seconds.toFixed(1)} s after the first delivery`}.`,
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
  const lastEnd = Math.max(...seen.ends.map((end) => endOf(end) ?? Number.NaN));
  return {
    id: 'cleanup',
    title: '5. Clean-up at scale',
    status: 'measured',
    size: `${seen.runners} runners (${seen.ec2Runners} EC2 instances): a running then a success Job Hook per job, naming its runner`,
    figures: [
      ...latencyFigures('success accepted → runner deleted (and instance terminated)', latencies),
      ...(Number.isNaN(lastEnd)
        ? []
        : [
            {
              name: 'every runner gone, from the first success',
              unit: 'ms',
              value: once(lastEnd - seen.firstSentAtMs),
            },
          ]),
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
