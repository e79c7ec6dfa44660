/** Where a job's runner runs. */
export type RunnerKind = 'LAMBDA' | 'EC2';

/** Executor an EC2 runner uses. */
export type Ec2Executor = 'docker' | 'shell';

/** Why a plan was chosen: a mapping item matched, or nothing did and the default runner is used. */
export type PlanSource = 'mapping' | 'default';

/** EC2 settings a mapping item may override; unset fields fall back to the stack's defaults. */
export interface Ec2Settings {
  readonly instanceTypes?: readonly string[];
  readonly executor?: Ec2Executor;
  readonly dockerImage?: string;
  readonly volumeSizeGiB?: number;
}

interface RunnerPlanBase {
  /** Tags the runner is created with in GitLab (sorted, lower case). */
  readonly tags: readonly string[];
  /** Whether the runner may take untagged jobs: true only when it has no tags. */
  readonly runUntagged: boolean;
  /** Seconds; becomes the GitLab runner's `maximum_timeout`. */
  readonly maximumTimeout: number;
  readonly source: PlanSource;
  /** Whether the job's real tags (Jobs API `tag_list`) were known when planning. */
  readonly tagsFromApi: boolean;
}

/** Run the job in an invocation of a Lambda runner function. */
export interface LambdaRunnerPlan extends RunnerPlanBase {
  readonly kind: 'LAMBDA';
  readonly functionArn: string;
}

/** Run the job on a fresh EC2 instance. */
export interface Ec2RunnerPlan extends RunnerPlanBase {
  readonly kind: 'EC2';
  readonly ec2: Ec2Settings;
}

/** What runner a job gets. Produced by the mapping lookup, consumed by the start flow. */
export type RunnerPlan = LambdaRunnerPlan | Ec2RunnerPlan;

/** Lambda stops a function at 15 minutes; runners are created with a timeout a little under it. */
export const LAMBDA_MAXIMUM_TIMEOUT_SECONDS = 840;
/** GitLab rejects a runner `maximum_timeout` below 10 minutes. */
export const GITLAB_MINIMUM_TIMEOUT_SECONDS = 600;
/** Default `maximum_timeout` for EC2 runners. */
export const EC2_DEFAULT_MAXIMUM_TIMEOUT_SECONDS = 3600;
