import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runScript, type ScriptOutcome } from './execute.ts';
import { DEFAULT_JOB_TIMEOUT_SECONDS, type RunnerJob } from './job-schema.ts';
import type { JobsApi } from './jobs-api.ts';
import { JobTrace } from './trace.ts';

/** How a job ended for this runner. */
export type JobResult = 'success' | 'failed' | 'canceled' | 'dropped' | 'aborted';

/** What {@link runJob} needs besides the job. */
export interface RunJobContext {
  readonly api: JobsApi;
  readonly buildsDir: string;
  /** Aborted on SIGTERM: the running step is killed and the job reported failed. */
  readonly stop: AbortSignal;
  /** How often the log is sent while a step runs, in ms. */
  readonly traceIntervalMs: number;
}

const FINAL_UPDATE_ATTEMPTS = 10;

/**
 * Runs one job as gitlab-runner's shell executor would: acknowledge it (`PUT state=running`), run
 * each step with bash, stream the log, and send the final state with the log's checksum.
 */
export const runJob = async (job: RunnerJob, context: RunJobContext): Promise<JobResult> => {
  const { api } = context;
  const accepted = await api.updateJob(job, { state: 'running' });
  if (accepted.state === 'abort') return 'dropped';
  const cancel = new AbortController();
  if (accepted.state === 'canceling') cancel.abort();
  const drop = new AbortController();
  const trace = new JobTrace(api, job);
  /** Sends new output, or a keep-alive when there is none, and reacts to GitLab's view of the job. */
  const follow = async () => {
    const state =
      (await trace.flush()) ?? (await api.updateJob(job, { state: 'running', output: trace.output() })).state;
    if (state === 'canceling') cancel.abort();
    if (state === 'abort') drop.abort();
  };
  let following: Promise<void> | undefined;
  const ticker = setInterval(() => {
    following ??= follow()
      // A failed send is retried on the next tick; the final update reports the whole log anyway.
      .catch(() => {})
      .finally(() => {
        following = undefined;
      });
  }, context.traceIntervalMs);
  const cwd = join(context.buildsDir, String(job.id));
  await mkdir(cwd, { recursive: true });
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    CI_BUILDS_DIR: context.buildsDir,
    CI_PROJECT_DIR: cwd,
    ...Object.fromEntries(job.variables.map((variable) => [variable.key, variable.value])),
  };
  const jobTimeoutSeconds =
    job.runner_info.timeout > 0 ? job.runner_info.timeout : DEFAULT_JOB_TIMEOUT_SECONDS;
  trace.append(`Running with glr-local-runner (shell executor, bash) in ${cwd}\n`);

  let failed: { reason: string; exitCode: number | null } | undefined;
  try {
    for (const step of job.steps) {
      const runsNow = step.when === 'always' || (step.when === 'on_failure') === (failed !== undefined);
      if (!runsNow) continue;
      const stoppers =
        step.when === 'always' ? [context.stop, drop.signal] : [context.stop, drop.signal, cancel.signal];
      const outcome = await runScript({
        name: step.name,
        lines: step.script,
        cwd,
        env,
        timeoutMs: Math.min(step.timeout ?? jobTimeoutSeconds, jobTimeoutSeconds) * 1000,
        signal: AbortSignal.any(stoppers),
        onOutput: (chunk) => trace.append(chunk),
      });
      if (outcome.exitCode !== 0 && !step.allow_failure && failed === undefined) failed = failureOf(outcome);
      if (drop.signal.aborted) return 'aborted';
    }
  } finally {
    clearInterval(ticker);
    await following;
  }
  if (context.stop.aborted) failed = { reason: 'runner_system_failure', exitCode: null };
  trace.append(
    failed
      ? `ERROR: Job failed: ${failed.reason}${context.stop.aborted ? ' (runner stopped)' : ''}\n`
      : 'Job succeeded\n',
  );
  if ((await trace.flush()) === 'abort') return 'aborted';
  await sendFinalUpdate(api, job, {
    state: failed ? 'failed' : 'success',
    ...(failed
      ? { failure_reason: failed.reason, exit_code: failed.exitCode ?? undefined }
      : { exit_code: 0 }),
    checksum: trace.output().checksum,
    output: trace.output(),
  });
  if (cancel.signal.aborted) return 'canceled';
  return failed ? 'failed' : 'success';
};

const failureOf = (outcome: ScriptOutcome): { reason: string; exitCode: number | null } => ({
  reason: outcome.timedOut ? 'job_execution_timeout' : 'script_failure',
  exitCode: outcome.exitCode,
});

/** The final `PUT`, repeated while GitLab answers 202 (still finalising) or fails transiently. */
const sendFinalUpdate = async (
  api: JobsApi,
  job: RunnerJob,
  body: Record<string, unknown>,
): Promise<void> => {
  for (let attempt = 1; attempt <= FINAL_UPDATE_ATTEMPTS; attempt += 1) {
    const answer = await api.updateJob(job, body);
    if (answer.status === 200 || answer.state === 'abort') return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * attempt, 5000)));
  }
};
