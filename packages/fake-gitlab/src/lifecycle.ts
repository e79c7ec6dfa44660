import { createHash } from 'node:crypto';
import { FakeGitLabNotFoundError } from './errors.ts';
import { type FakeJob, type FakeJobStatus, type FakePipeline, type FakeRunner, isFinished } from './model.ts';
import type { PipelineDefinition } from './pipeline-definition.ts';
import { type FakeStore, generateToken } from './store.ts';

/** Settings of {@link JobLifecycle}. */
export interface LifecycleOptions {
  /** A pending job nobody picks fails with `stuck_or_timeout_failure` after this many seconds. */
  readonly pendingTimeoutSeconds: number;
  /** How many real milliseconds one GitLab "second" of a timeout lasts (1000; smaller in tests). */
  readonly secondMs: number;
  /** Called after every status change, with the job in its new state. */
  readonly onTransition: (job: FakeJob) => void;
}

/**
 * Moves jobs through GitLab's states (created → pending → running → success | failed | canceled,
 * skipped) stage by stage, with the stuck-pending and execution timeouts.
 */
export class JobLifecycle {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly store: FakeStore;
  private readonly options: LifecycleOptions;

  public constructor(store: FakeStore, options: LifecycleOptions) {
    this.store = store;
    this.options = options;
  }

  /** Creates a pipeline: every job `created`, then the first stage's jobs `pending`. */
  public createPipeline(projectId: number, definition: PipelineDefinition, ref = 'main'): FakePipeline {
    if (!this.store.projects.has(projectId))
      throw new FakeGitLabNotFoundError(`project ${projectId} does not exist`);
    const id = this.store.allocatePipelineId();
    const now = new Date();
    const jobs = definition.jobs.map(
      (job): FakeJob => ({
        id: this.store.allocateJobId(),
        projectId,
        pipelineId: id,
        name: job.name,
        stage: job.stage,
        stageIndex: definition.stages.indexOf(job.stage),
        tags: job.tags,
        script: job.script,
        afterScript: job.afterScript,
        timeoutSeconds: job.timeoutSeconds,
        allowFailure: job.allowFailure,
        token: generateToken('glcbt-64_'),
        status: 'created',
        failureReason: null,
        runner: null,
        awaitingAcknowledgement: false,
        trace: Buffer.alloc(0),
        exitCode: null,
        createdAt: now,
        queuedAt: null,
        startedAt: null,
        finishedAt: null,
      }),
    );
    const sha = createHash('sha1').update(`pipeline-${id}`).digest('hex');
    const pipeline: FakePipeline = {
      id,
      projectId,
      ref,
      sha,
      jobIds: jobs.map((job) => job.id),
      createdAt: now,
    };
    this.store.pipelines.set(id, pipeline);
    for (const job of jobs) {
      this.store.jobs.set(job.id, job);
      this.options.onTransition(job);
    }
    this.advance(pipeline);
    return pipeline;
  }

  /** A runner picked `job`: running at once, or pending until acknowledged (two-phase commit). */
  public pick(job: FakeJob, runner: FakeRunner, twoPhase: boolean): void {
    job.runner = {
      id: runner.id,
      description: runner.description,
      runnerType: runner.runnerType,
      tags: runner.tags,
      maximumTimeout: runner.maximumTimeout,
    };
    if (twoPhase) job.awaitingAcknowledgement = true;
    else this.start(job);
  }

  /** The picked job starts running (the runner acknowledged it, or it needs no acknowledgement). */
  public start(job: FakeJob): void {
    job.awaitingAcknowledgement = false;
    job.startedAt = new Date();
    this.transition(job, 'running');
    this.schedule(job, runnerTimeoutSeconds(job), () => this.fail(job, 'job_execution_timeout'));
  }

  /** The runner reported the job's end; a job being canceled ends as canceled whatever it reports. */
  public finish(
    job: FakeJob,
    state: 'success' | 'failed',
    failureReason: string | null,
    exitCode: number | null,
  ) {
    job.exitCode = exitCode;
    if (job.status === 'canceling') this.end(job, 'canceled', null);
    else if (state === 'success') this.end(job, 'success', null);
    else this.end(job, 'failed', failureReason ?? 'script_failure');
  }

  /** Fails an unfinished job (timeouts); the runner learns it from `Job-Status` on its next call. */
  public fail(job: FakeJob, failureReason: string): void {
    if (!isFinished(job.status)) this.end(job, 'failed', failureReason);
  }

  /**
   * Cancels a job: a job no runner runs is canceled at once; a running one becomes `canceling`
   * (the runner runs after_script and reports), or `canceled` at once with `force`.
   */
  public cancel(job: FakeJob, force = false): void {
    if (isFinished(job.status)) return;
    if (job.status === 'running' && !force) this.transition(job, 'canceling');
    else this.end(job, 'canceled', null);
  }

  /** Clears every timer. */
  public dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private end(job: FakeJob, status: FakeJobStatus, failureReason: string | null): void {
    job.failureReason = failureReason;
    job.awaitingAcknowledgement = false;
    job.finishedAt = new Date();
    this.clearTimer(job);
    this.transition(job, status);
    const pipeline = this.store.pipelines.get(job.pipelineId);
    if (pipeline) this.advance(pipeline);
  }

  private transition(job: FakeJob, status: FakeJobStatus): void {
    job.status = status;
    this.options.onTransition(job);
  }

  /** Queues the next stage when the current one is done, or skips the rest after a failure. */
  private advance(pipeline: FakePipeline): void {
    const jobs = pipeline.jobIds.map((id) => this.store.jobs.get(id)).filter((job) => job !== undefined);
    const open = jobs.filter((job) => !isFinished(job.status) && job.status !== 'created');
    if (open.length > 0) return;
    const broken = jobs.some(
      (job) => (job.status === 'failed' || job.status === 'canceled') && !job.allowFailure,
    );
    const waiting = jobs.filter((job) => job.status === 'created');
    if (waiting.length === 0) return;
    if (broken) {
      for (const job of waiting) {
        job.finishedAt = new Date();
        this.transition(job, 'skipped');
      }
      return;
    }
    const nextStage = Math.min(...waiting.map((job) => job.stageIndex));
    for (const job of waiting.filter((candidate) => candidate.stageIndex === nextStage)) this.enqueue(job);
  }

  private enqueue(job: FakeJob): void {
    job.queuedAt = new Date();
    this.transition(job, 'pending');
    this.schedule(job, this.options.pendingTimeoutSeconds, () => {
      if (job.status === 'pending') this.fail(job, 'stuck_or_timeout_failure');
    });
  }

  private schedule(job: FakeJob, seconds: number, action: () => void): void {
    this.clearTimer(job);
    const timer = setTimeout(() => {
      this.timers.delete(job.id);
      action();
    }, seconds * this.options.secondMs);
    timer.unref();
    this.timers.set(job.id, timer);
  }

  private clearTimer(job: FakeJob): void {
    clearTimeout(this.timers.get(job.id));
    this.timers.delete(job.id);
  }
}

/** The timeout a runner applies: the job's own, capped by the runner's `maximum_timeout`. */
export const runnerTimeoutSeconds = (job: FakeJob): number =>
  Math.min(job.timeoutSeconds, job.runner?.maximumTimeout ?? Number.POSITIVE_INFINITY);
