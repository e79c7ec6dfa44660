// Messages between parts 4 and 5 (`dispatch.ts`, which plays GitLab's webhooks) and the worker
// process that runs the local stack (`dispatch-worker.ts`). Times are `wallClockMs` values.
import type { HookJob } from '../lib/job-hook.ts';

/** How a job's runner is started: the default Lambda runner, or an EC2 instance (a mapping). */
export type RunnerKind = 'LAMBDA' | 'EC2';

/** A pending job made in the fake GitLab for the benchmark. */
export interface BenchJob extends HookJob {
  readonly kind: RunnerKind;
}

/** A runner start the control plane requested: a Lambda `Invoke`, or an instance launched. */
export interface RunnerStart {
  readonly runnerName: string;
  readonly kind: RunnerKind;
  readonly atMs: number;
}

/** A runner as GitLab knows it (what a `running` Job Hook names). */
export interface GitLabRunnerRef {
  readonly id: number;
  readonly description: string;
  readonly tags: readonly string[];
}

/** When a runner was seen gone from GitLab and, for EC2, when its instance was terminated. */
export interface RunnerEnd {
  readonly runnerName: string;
  readonly deletedAtMs?: number;
  readonly terminatedAtMs?: number;
}

/** What the parent asks of the worker. */
export type ToWorker =
  | { readonly type: 'create-jobs'; readonly count: number }
  /** Report `flows-done` once `finished` executions have finished in total and none runs. */
  | { readonly type: 'watch-flows'; readonly finished: number; readonly timeoutMs: number }
  /** Report `starts` (every start so far, and the runners GitLab has). */
  | { readonly type: 'starts' }
  /** Report `cleaned-up` once these runners are gone from GitLab and their instances terminated. */
  | { readonly type: 'watch-clean-up'; readonly runnerNames: readonly string[]; readonly timeoutMs: number }
  | { readonly type: 'stop' };

/** What the worker answers. */
export type FromWorker =
  | {
      readonly type: 'ready';
      readonly webhookUrl: string;
      /** The fake GitLab's webhook secret, for `X-Gitlab-Token` (generated per run, loopback only). */
      readonly webhookSecret: string;
      /** Executions finished before the benchmark sent anything. */
      readonly finished: number;
    }
  | { readonly type: 'jobs'; readonly jobs: readonly BenchJob[] }
  | {
      readonly type: 'flows-done';
      /** When the last execution was seen finished, or undefined after the timeout. */
      readonly doneAtMs?: number;
      readonly finished: number;
      readonly failed: number;
    }
  | {
      readonly type: 'starts';
      readonly starts: readonly RunnerStart[];
      readonly gitlabRunners: readonly GitLabRunnerRef[];
      /** Peak resident set size of the worker process so far, in KiB. */
      readonly maxRssKiB: number;
    }
  | { readonly type: 'watching' }
  | {
      readonly type: 'cleaned-up';
      readonly ends: readonly RunnerEnd[];
      /** GitLab runners and live instances of the watched runners still there at the end. */
      readonly leftovers: { readonly gitlabRunners: number; readonly liveInstances: number };
      readonly maxRssKiB: number;
    }
  | { readonly type: 'failed'; readonly message: string };
