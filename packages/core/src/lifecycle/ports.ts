import type { RunnerKind, RunnerPlan } from '../runner-plan.ts';
import type { JobClaimRecord, JobRef, RunnerRecord } from './records.ts';

/** Outcome of a conditional write that another writer may have won. */
export type ConditionalOutcome = 'written' | 'conflict';

/**
 * The runner state table as the lifecycle sees it. Every write is conditional where two flows may
 * race, so a duplicate event or a retried state can never start a second runner.
 */
export interface RunnerStateStore {
  /** Writes a new `claimed` record for the job unless one exists. */
  putJobClaim(record: JobClaimRecord): Promise<ConditionalOutcome>;
  getJobClaim(jobId: number): Promise<JobClaimRecord | undefined>;
  /**
   * Moves a claim from one status to another, only when it is in `from`; `changes` are set at the
   * same time (`attempts` is incremented when `countAttempt`).
   */
  updateJobClaim(
    jobId: number,
    from: readonly JobClaimRecord['status'][],
    changes: JobClaimChanges,
  ): Promise<ConditionalOutcome>;
  /** Writes a new runner record unless one with that name exists. */
  putRunner(record: RunnerRecord): Promise<ConditionalOutcome>;
  getRunner(runnerName: string): Promise<RunnerRecord | undefined>;
  /** Moves a runner record from one status to another, only when it is in `from`. */
  updateRunner(
    runnerName: string,
    from: readonly RunnerRecord['status'][],
    changes: RunnerChanges,
  ): Promise<ConditionalOutcome>;
  /** Takes one unit of `kind` capacity unless `maximum` are taken. */
  reserveCapacity(kind: RunnerKind, maximum: number): Promise<boolean>;
  /** Gives back one unit of `kind` capacity (never below zero). */
  releaseCapacity(kind: RunnerKind): Promise<void>;
}

/** Fields a job claim transition sets: its new status and time, any of the claim's optional facts. */
export type JobClaimChanges = Pick<JobClaimRecord, 'status' | 'updatedAt'> &
  Partial<
    Pick<
      JobClaimRecord,
      'waitingFor' | 'runnerName' | 'failure' | 'ranBy' | 'runningAt' | 'finishedStatus' | 'finishedAt'
    >
  > & {
    /** Adds one to `attempts` (a restart took the claim). */
    readonly countAttempt?: boolean;
  };

/** Fields a runner record transition sets: its new status and time, any of the runner's optional facts. */
export type RunnerChanges = Pick<RunnerRecord, 'status' | 'updatedAt'> &
  Partial<
    Pick<
      RunnerRecord,
      | 'gitlabRunnerId'
      | 'instanceId'
      | 'startedAt'
      | 'failure'
      | 'expectedJobId'
      | 'ranJobId'
      | 'pickedAt'
      | 'finishedAt'
      | 'cleanUpReason'
    >
  >;

/** A runner as GitLab created it. `token` is the runner's own secret: never stored, logged or returned. */
export interface RegisteredRunner {
  readonly id: number;
  readonly token: string;
}

/**
 * GitLab's runner registry, in whichever token mode the stack runs: authentication-token mode
 * (`POST /user/runners`, delete by id) or registration-token mode (`POST /runners`, delete by token).
 */
export interface RunnerRegistry {
  create(input: {
    readonly runnerName: string;
    readonly plan: RunnerPlan;
    readonly projectId: number;
  }): Promise<RegisteredRunner>;
  /** Deletes the runner; a runner already gone counts as deleted. */
  delete(runner: RegisteredRunner): Promise<void>;
}

/** What starting one runner needs. */
export interface RunnerLaunch {
  readonly runnerName: string;
  readonly job: JobRef;
  readonly plan: RunnerPlan;
  /** The runner's own token (secret). */
  readonly runnerToken: string;
}

/** Starts a runner of one kind: invokes a Lambda runner, or launches an EC2 instance. */
export interface RunnerLauncher {
  /** Resolves once the start was requested; `instanceId` for EC2 runners. Throws when it could not be. */
  launch(launch: RunnerLaunch): Promise<{ readonly instanceId?: string }>;
}

/** The clock, injectable for tests. */
export type Clock = () => Date;
