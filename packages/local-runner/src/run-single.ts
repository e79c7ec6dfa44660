import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobProtocolError } from './errors.ts';
import type { RunnerJob } from './job-schema.ts';
import { createJobsApi, type JobsApi } from './jobs-api.ts';
import { type JobResult, runJob } from './run-job.ts';
import type { RunnerEvent } from './runner-log.ts';

/** Settings of {@link runSingle}, mirroring `gitlab-runner run-single`. */
export interface RunSingleOptions {
  /** GitLab base URL. */
  readonly url: string;
  /** The runner's `glrt-…` authentication token. */
  readonly token: string;
  /** Where jobs run (`<buildsDir>/<job id>`). */
  readonly buildsDir: string;
  /** Exit after this many jobs (0: never). */
  readonly maxBuilds: number;
  /** Exit after this many idle seconds since start or the last job (0: never). */
  readonly waitTimeoutSeconds: number;
  /** Pause between polls when GitLab has no job, in ms (gitlab-runner: 3000). */
  readonly pollIntervalMs?: number;
  /** How often a running job's log is sent, in ms (default 1000). */
  readonly traceIntervalMs?: number;
  /** Aborting stops the runner: the running job is reported failed, then it returns. */
  readonly signal?: AbortSignal;
  /** Told what gitlab-runner would log (see `gitlabRunnerLogLine`). */
  readonly onEvent?: (event: RunnerEvent) => void;
}

/** Why {@link runSingle} returned, and what it ran. */
export interface RunSingleSummary {
  readonly reason: 'max-builds' | 'idle' | 'stopped';
  readonly results: readonly JobResult[];
}

/**
 * The runner loop: poll `POST /jobs/request`, run each job, exit after `maxBuilds` jobs, after
 * `waitTimeoutSeconds` idle, or when `signal` aborts. A job GitLab withdraws before it starts
 * (`dropped`) counts neither as a build nor as activity, and a poll GitLab answers with 429 or 5xx
 * (or that does not reach it) is only reported before the next one, as in gitlab-runner.
 */
export const runSingle = async (options: RunSingleOptions): Promise<RunSingleSummary> => {
  const systemId = `r_${randomBytes(9).toString('base64url').slice(0, 12)}`;
  const api = createJobsApi(options.url, options.token, systemId);
  const stop = options.signal ?? new AbortController().signal;
  const emit = options.onEvent ?? (() => {});
  const pollIntervalMs = options.pollIntervalMs ?? 3000;
  const results: JobResult[] = [];
  const finish = (reason: RunSingleSummary['reason'], event: RunnerEvent): RunSingleSummary => {
    emit(event);
    return { reason, results };
  };
  let builds = 0;
  let lastActivity = Date.now();
  emit({ type: 'started' });
  for (;;) {
    if (stop.aborted) return finish('stopped', { type: 'stopped' });
    const job = await requestJob(api, emit);
    if (job) {
      emit({ type: 'job-received', jobId: job.id });
      const startedAt = Date.now();
      const result = await runJob(job, {
        api,
        buildsDir: options.buildsDir,
        stop,
        traceIntervalMs: options.traceIntervalMs ?? 1000,
      });
      emit({ type: 'job-finished', jobId: job.id, result, durationMs: Date.now() - startedAt });
      results.push(result);
      if (result !== 'dropped') {
        builds += 1;
        lastActivity = Date.now();
      }
      if (options.maxBuilds > 0 && builds >= options.maxBuilds) {
        return finish('max-builds', { type: 'build-limit' });
      }
      continue;
    }
    const idleMs = Date.now() - lastActivity;
    const waitLimitMs = options.waitTimeoutSeconds * 1000;
    if (waitLimitMs > 0 && idleMs >= waitLimitMs) {
      return finish('idle', { type: 'idle', waitTimeoutSeconds: options.waitTimeoutSeconds });
    }
    const pauseMs = waitLimitMs > 0 ? Math.min(pollIntervalMs, waitLimitMs - idleMs) : pollIntervalMs;
    await sleep(pauseMs, undefined, { signal: stop }).catch(() => {});
  }
};

/** One poll: a job, or none when GitLab has none or failed transiently (reported through `emit`). */
const requestJob = async (
  api: JobsApi,
  emit: (event: RunnerEvent) => void,
): Promise<RunnerJob | undefined> => {
  try {
    return await api.requestJob();
  } catch (error) {
    if (error instanceof JobProtocolError && (error.status >= 500 || error.status === 429)) {
      emit({ type: 'request-failed', status: error.status });
      return undefined;
    }
    // fetch rejects with a TypeError when GitLab cannot be reached, and a TimeoutError when it is slow.
    if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError')) {
      emit({ type: 'request-failed', status: null });
      return undefined;
    }
    throw error;
  }
};
