/** Scope of a runner created with an access token. */
export type RunnerType = 'instance_type' | 'group_type' | 'project_type';

/** Runner settings shared by both creation workflows. */
export interface RunnerSettings {
  /** The runner's name, e.g. `glr-4711-abc123`. */
  readonly description: string;
  readonly tags: readonly string[];
  readonly runUntagged: boolean;
  readonly locked: boolean;
  /** Longest job the runner accepts, in seconds. */
  readonly maximumTimeout: number;
  readonly paused?: boolean;
  readonly maintenanceNote?: string;
}

/** `createRunner` input: authentication-token mode (`POST /user/runners`). */
export interface CreateRunnerInput extends RunnerSettings {
  /** Access token with `create_runner` (or `api`). */
  readonly accessToken: string;
  readonly runnerType: RunnerType;
  /** Required for `group_type`. */
  readonly groupId?: number;
  /** Required for `project_type`. */
  readonly projectId?: number;
}

/** `registerRunner` input: legacy registration-token mode (`POST /runners`). */
export interface RegisterRunnerInput extends RunnerSettings {
  readonly registrationToken: string;
}

/** A runner just created in GitLab. `token` is the runner's own `glrt-…` token: a secret. */
export interface CreatedRunner {
  readonly id: number;
  readonly token: string;
  readonly tokenExpiresAt: string | null;
}

/** Outcome of a delete that tolerates the runner being gone already. */
export type DeleteOutcome = 'deleted' | 'already-gone';

/** A job as `GET /projects/:id/jobs/:job_id` describes it. */
export interface GitLabJob {
  readonly id: number;
  readonly name: string;
  readonly status: string;
  /** The job's own tags, sorted (GitLab sorts them). */
  readonly tagList: string[];
  /** The runner that picked the job, or null while nobody has. */
  readonly runner: { readonly id: number; readonly description: string } | null;
}

/** A job in a runner's job list. */
export interface RunnerJob {
  readonly id: number;
  readonly name: string;
  readonly status: string;
}

/** Which runners `listRunners` lists. */
export type RunnerScope =
  | { readonly type: 'instance' }
  | { readonly type: 'group'; readonly groupId: number }
  | { readonly type: 'project'; readonly projectId: number };

/** A runner in a runner list. */
export interface RunnerSummary {
  readonly id: number;
  readonly description: string;
  /** `online`, `offline`, `stale`, `never_contacted`, when GitLab says. */
  readonly status?: string;
}
