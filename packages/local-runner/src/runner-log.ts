import type { JobResult } from './run-job.ts';

/** Something the runner loop did that gitlab-runner reports in its own log. */
export type RunnerEvent =
  | { readonly type: 'started' }
  | { readonly type: 'job-received'; readonly jobId: number }
  | { readonly type: 'request-failed'; readonly status: number | null }
  | {
      readonly type: 'job-finished';
      readonly jobId: number;
      readonly result: JobResult;
      readonly durationMs: number;
    }
  | { readonly type: 'build-limit' }
  | { readonly type: 'idle'; readonly waitTimeoutSeconds: number }
  | { readonly type: 'stopped' };

/** Who is logging: the GitLab URL and the runner's name (never its token). */
export interface RunnerLogContext {
  readonly url: string;
  readonly runnerName: string;
}

const FINISHED: Readonly<Record<JobResult, string>> = {
  success: 'Job succeeded',
  failed: 'WARNING: Job failed: see the job log',
  canceled: 'WARNING: Job failed: canceled',
  aborted: 'WARNING: Job failed: aborted by GitLab',
  dropped: 'WARNING: Job dropped: GitLab withdrew it before it started',
};

/**
 * The line gitlab-runner's `run-single` logs for an event (its text format: message, then
 * `key=value` fields), so whatever reads gitlab-runner's output (the LambdaShellRunner's summary)
 * reads this runner's the same way. The messages are gitlab-runner's own (`commands/single.go`,
 * `network/gitlab.go`); where gitlab-runner names the runner by a shortened token, this names it
 * by its name, so no part of a token is ever logged.
 */
export const gitlabRunnerLogLine = (event: RunnerEvent, context: RunnerLogContext): string => {
  const runner = `runner=${context.runnerName}`;
  switch (event.type) {
    case 'started':
      return `Starting runner for ${context.url} as ${context.runnerName} ...`;
    case 'job-received':
      return `Checking for jobs... received                       job=${event.jobId} ${runner}`;
    case 'request-failed':
      return `WARNING: Checking for jobs... failed                 ${runner} status=${event.status ?? 'network error'}`;
    case 'job-finished':
      return `${FINISHED[event.result]}   duration_s=${(event.durationMs / 1000).toFixed(3)} job=${event.jobId} ${runner}`;
    case 'build-limit':
      return 'This runner has processed its build limit, so now exiting';
    case 'idle':
      return `This runner has not received a job in ${event.waitTimeoutSeconds} seconds, so now exiting`;
    case 'stopped':
      return 'WARNING: Requested exit: terminated';
  }
};
