import { isRecord } from '../json.ts';

/** A job as the local stack saw it on the bus. */
export interface JobView {
  readonly jobId: number;
  jobName: string;
  status: string;
  /** The runner GitLab reported for the job (`glr-…`), once one picked it. */
  runner: string | null;
  pendingAt?: string;
  runningAt?: string;
  finishedAt?: string;
}

/** A runner the local stack started. */
export interface RunnerView {
  readonly name: string;
  readonly kind: 'LAMBDA' | 'EC2';
  readonly status: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** For EC2: the instance, its type, subnet and market. */
  readonly detail?: string;
}

/** What `GET /local/state` answers and the console shows. */
export interface LocalStateSnapshot {
  readonly jobs: readonly JobView[];
  readonly runners: readonly RunnerView[];
  readonly executions: { readonly running: number; readonly succeeded: number; readonly failed: number };
}

const TERMINAL = new Set(['success', 'failed', 'canceled', 'skipped']);

/** Jobs as seen on the bus, for the console view and `/local/state`. */
export class LocalStateView {
  readonly #jobs = new Map<number, JobView>();

  /** Records a job event (the `detail` of a bus event); a late `pending` never undoes `running`. */
  public jobEvent(detail: Record<string, unknown>, time: string): void {
    const jobId = Number(detail.jobId);
    if (!Number.isSafeInteger(jobId) || typeof detail.status !== 'string') return;
    const job = this.#jobs.get(jobId) ?? {
      jobId,
      jobName: String(detail.jobName ?? ''),
      status: 'created',
      runner: null,
    };
    this.#jobs.set(jobId, job);
    const status = detail.status;
    if (status === 'pending') job.pendingAt ??= time;
    if (status === 'running') job.runningAt ??= time;
    if (TERMINAL.has(status)) job.finishedAt ??= time;
    const runner = isRecord(detail.runner) ? detail.runner.description : undefined;
    if (typeof runner === 'string') job.runner = runner;
    if (!TERMINAL.has(job.status) && !(status === 'pending' && job.status === 'running')) job.status = status;
  }

  /** The jobs, by id, with the runners and executions the caller knows of. */
  public snapshot(
    runners: readonly RunnerView[],
    executions: LocalStateSnapshot['executions'],
  ): LocalStateSnapshot {
    return { jobs: [...this.#jobs.values()].sort((a, b) => a.jobId - b.jobId), runners, executions };
  }
}
