import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createJobsApi } from './jobs-api.ts';
import { type JobResult, runJob } from './run-job.ts';

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
}

/** Why {@link runSingle} returned, and what it ran. */
export interface RunSingleSummary {
  readonly reason: 'max-builds' | 'idle' | 'stopped';
  readonly results: readonly JobResult[];
}

/**
 * The runner loop: poll `POST /jobs/request`, run each job, exit after `maxBuilds` jobs, after
 * `waitTimeoutSeconds` idle, or when `signal` aborts. A job GitLab withdraws before it starts
 * (`dropped`) counts neither as a build nor as activity, as in gitlab-runner.
 */
export const runSingle = async (options: RunSingleOptions): Promise<RunSingleSummary> => {
  const systemId = `r_${randomBytes(9).toString('base64url').slice(0, 12)}`;
  const api = createJobsApi(options.url, options.token, systemId);
  const stop = options.signal ?? new AbortController().signal;
  const pollIntervalMs = options.pollIntervalMs ?? 3000;
  const results: JobResult[] = [];
  let builds = 0;
  let lastActivity = Date.now();
  for (;;) {
    if (stop.aborted) return { reason: 'stopped', results };
    const job = await api.requestJob();
    if (job) {
      const result = await runJob(job, {
        api,
        buildsDir: options.buildsDir,
        stop,
        traceIntervalMs: options.traceIntervalMs ?? 1000,
      });
      results.push(result);
      if (result !== 'dropped') {
        builds += 1;
        lastActivity = Date.now();
      }
      if (options.maxBuilds > 0 && builds >= options.maxBuilds) return { reason: 'max-builds', results };
      continue;
    }
    const idleMs = Date.now() - lastActivity;
    const waitLimitMs = options.waitTimeoutSeconds * 1000;
    if (waitLimitMs > 0 && idleMs >= waitLimitMs) return { reason: 'idle', results };
    const pauseMs = waitLimitMs > 0 ? Math.min(pollIntervalMs, waitLimitMs - idleMs) : pollIntervalMs;
    await sleep(pauseMs, undefined, { signal: stop }).catch(() => {});
  }
};
