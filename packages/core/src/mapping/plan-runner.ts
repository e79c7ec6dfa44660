import {
  EC2_DEFAULT_MAXIMUM_TIMEOUT_SECONDS,
  GITLAB_MINIMUM_TIMEOUT_SECONDS,
  LAMBDA_MAXIMUM_TIMEOUT_SECONDS,
  type RunnerPlan,
} from '../runner-plan.ts';
import type { MappingItem } from './mapping-item.ts';
import { mappingKey, normaliseTags } from './tags.ts';
import { withoutUndefined } from './without-undefined.ts';

/** The job to plan a runner for. */
export interface PlanJob {
  readonly name: string;
  /** The job's real tags (Jobs API `tag_list`); `undefined` when they could not be read. */
  readonly tags?: readonly string[];
}

/** The stack's default runner and timeouts, used when no mapping sets them. */
export interface PlanDefaults {
  /** The default Lambda runner function. */
  readonly functionArn: string;
  /** Seconds; default {@link LAMBDA_MAXIMUM_TIMEOUT_SECONDS}. */
  readonly lambdaMaximumTimeout?: number;
  /** Seconds; default {@link EC2_DEFAULT_MAXIMUM_TIMEOUT_SECONDS}. */
  readonly ec2MaximumTimeout?: number;
}

/** Input of {@link planRunner}. */
export interface PlanRunnerInput {
  readonly job: PlanJob;
  /** Mapping items; only those for the job's name are considered. */
  readonly items: readonly MappingItem[];
  readonly defaults: PlanDefaults;
}

/**
 * Chooses the runner for a job (precedence in docs/mapping.md):
 * 1. only items for the job's name count;
 * 2. tags known: the item whose tags equal the job's, else the item whose tags cover the job's with
 *    the fewest extra tags (an untagged job is covered only by an untagged item), else none;
 * 3. tags unknown: the item with the fewest tags;
 * 4. ties go to the smaller sort key (`tags#…`); no item: the default Lambda runner with the job's
 *    real tags, or none when they are unknown.
 */
export const planRunner = ({ job, items, defaults }: PlanRunnerInput): RunnerPlan => {
  const jobTags = job.tags === undefined ? undefined : normaliseTags(job.tags);
  const item = fewestTags(
    items.filter(
      (candidate) =>
        candidate.jobName === job.name && (jobTags === undefined || covers(candidate.tags, jobTags)),
    ),
  );
  const tagsFromApi = jobTags !== undefined;
  if (item === undefined) {
    const tags = jobTags ?? [];
    return {
      kind: 'LAMBDA',
      functionArn: defaults.functionArn,
      tags,
      runUntagged: tags.length === 0,
      maximumTimeout: lambdaTimeout(defaults.lambdaMaximumTimeout),
      source: 'default',
      tagsFromApi,
    };
  }
  const tags = normaliseTags(item.tags);
  const common = { tags, runUntagged: tags.length === 0, source: 'mapping', tagsFromApi } as const;
  if (item.type === 'LAMBDA') {
    return {
      ...common,
      kind: 'LAMBDA',
      functionArn: item.arn ?? defaults.functionArn,
      maximumTimeout: lambdaTimeout(item.maximumTimeout ?? defaults.lambdaMaximumTimeout),
    };
  }
  const { instanceTypes, executor, dockerImage, volumeSizeGiB } = item;
  return {
    ...common,
    kind: 'EC2',
    ec2: withoutUndefined({ instanceTypes, executor, dockerImage, volumeSizeGiB }),
    maximumTimeout: Math.max(
      GITLAB_MINIMUM_TIMEOUT_SECONDS,
      item.maximumTimeout ?? defaults.ec2MaximumTimeout ?? EC2_DEFAULT_MAXIMUM_TIMEOUT_SECONDS,
    ),
  };
};

/**
 * Whether a runner with `runnerTags` picks up a job with `jobTags` (normalised): it has every tag of
 * the job, and an untagged job needs an untagged runner (only those are created with `run_untagged`).
 */
const covers = (runnerTags: readonly string[], jobTags: readonly string[]): boolean => {
  const tags = normaliseTags(runnerTags);
  return jobTags.length === 0 ? tags.length === 0 : jobTags.every((tag) => tags.includes(tag));
};

/**
 * The item with the fewest tags (among items covering the job: the equal one, else the one with the
 * fewest extra tags), ties to the smaller sort key.
 */
const fewestTags = (items: readonly MappingItem[]): MappingItem | undefined =>
  items
    .map((item) => ({ item, count: normaliseTags(item.tags).length, sk: mappingKey('', item.tags).sk }))
    .sort((left, right) => left.count - right.count || compareCodePoints(left.sk, right.sk))[0]?.item;

const compareCodePoints = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);

const lambdaTimeout = (seconds: number | undefined): number =>
  Math.min(
    LAMBDA_MAXIMUM_TIMEOUT_SECONDS,
    Math.max(GITLAB_MINIMUM_TIMEOUT_SECONDS, seconds ?? LAMBDA_MAXIMUM_TIMEOUT_SECONDS),
  );
