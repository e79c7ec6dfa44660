import type { LoggerPort } from '../logger.ts';
import { type MappingItem, type PlanDefaults, planRunner } from '../mapping/index.ts';
import type { RunnerPlan } from '../runner-plan.ts';
import type { JobRef } from './records.ts';

/** What {@link planJob} reads. */
export interface PlanJobDependencies {
  /** The mapping items for a job name (the mapping table). */
  readonly mappingItems: (jobName: string) => Promise<readonly MappingItem[]>;
  /** The job's own tags (Jobs API `tag_list`); `undefined` when no access token with `read_api` is set. */
  readonly jobTags: (job: JobRef) => Promise<readonly string[] | undefined>;
  readonly logger: LoggerPort;
}

/**
 * Decides which runner a job gets: the mapping items for its name and, when they can be read, its
 * real tags. A Jobs API failure is not fatal: the plan is made without the tags and a warning logged.
 */
export const planJob = async (
  deps: PlanJobDependencies,
  job: JobRef,
  defaults: PlanDefaults,
): Promise<RunnerPlan> => {
  const [items, tags] = await Promise.all([deps.mappingItems(job.jobName), readTags(deps, job)]);
  return planRunner({
    job: { name: job.jobName, ...(tags ? { tags: [...tags] } : {}) },
    items: [...items],
    defaults,
  });
};

const readTags = async (deps: PlanJobDependencies, job: JobRef): Promise<readonly string[] | undefined> => {
  try {
    return await deps.jobTags(job);
  } catch (error) {
    deps.logger.warn('Could not read the job tags from the Jobs API: planning without them', {
      jobId: job.jobId,
      projectId: job.projectId,
      error,
    });
    return undefined;
  }
};
