import type { JobDefinition } from './pipeline-definition.ts';

/** Scopes of a GitLab access token that the fake enforces. */
export type AccessTokenScope = 'api' | 'read_api' | 'create_runner' | 'manage_runner';

/** An access token the fake accepts in `PRIVATE-TOKEN`. */
export interface AccessTokenSpec {
  readonly token: string;
  readonly scopes: readonly AccessTokenScope[];
  /** Administrators may create and list instance runners (default false). */
  readonly admin?: boolean;
}

/** A group (namespace) of projects. */
export interface FakeGroup {
  readonly id: number;
  readonly name: string;
  readonly path: string;
}

/** A project; its jobs run on instance runners, its group's runners and its own runners. */
export interface FakeProject {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly groupId: number;
}

/** Runner scope, as GitLab names it. */
export type FakeRunnerType = 'instance_type' | 'group_type' | 'project_type';

/** A runner known to the fake. */
export interface FakeRunner {
  readonly id: number;
  /** The runner's `glrt-…` authentication token. */
  readonly token: string;
  readonly description: string;
  readonly runnerType: FakeRunnerType;
  readonly groupId: number | null;
  readonly projectId: number | null;
  /** Sorted. */
  readonly tags: readonly string[];
  readonly runUntagged: boolean;
  readonly locked: boolean;
  /** Seconds; null means no limit. */
  readonly maximumTimeout: number | null;
  paused: boolean;
  readonly maintenanceNote: string | null;
  /** How it was created: `POST /user/runners` or legacy `POST /runners`. */
  readonly createdWith: 'access-token' | 'registration-token';
  contactedAt: Date | null;
}

/** Every job status the fake uses. */
export type FakeJobStatus =
  | 'created'
  | 'pending'
  | 'running'
  | 'canceling'
  | 'success'
  | 'failed'
  | 'canceled'
  | 'skipped';

/** The runner that picked a job, frozen when it picked it (the runner may be deleted later). */
export interface JobRunnerRef {
  readonly id: number;
  readonly description: string;
  readonly runnerType: FakeRunnerType;
  readonly tags: readonly string[];
  readonly maximumTimeout: number | null;
}

/** A CI job: its definition from the pipeline YAML, and its state. */
export interface FakeJob extends JobDefinition {
  readonly id: number;
  readonly projectId: number;
  readonly pipelineId: number;
  readonly stageIndex: number;
  /** The job token (`CI_JOB_TOKEN`). */
  readonly token: string;
  status: FakeJobStatus;
  failureReason: string | null;
  runner: JobRunnerRef | null;
  /** Assigned to a runner that has not acknowledged it yet (two-phase commit). */
  awaitingAcknowledgement: boolean;
  trace: Buffer;
  exitCode: number | null;
  readonly createdAt: Date;
  queuedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A pipeline: jobs run stage by stage. */
export interface FakePipeline {
  readonly id: number;
  readonly projectId: number;
  readonly ref: string;
  readonly sha: string;
  readonly jobIds: readonly number[];
  readonly createdAt: Date;
}

/** Statuses after which a job never changes again. */
export const FINISHED_JOB_STATUSES: readonly FakeJobStatus[] = ['success', 'failed', 'canceled', 'skipped'];

/** Whether `status` is final. */
export const isFinished = (status: FakeJobStatus): boolean => FINISHED_JOB_STATUSES.includes(status);
