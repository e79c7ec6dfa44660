import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createMappingTable, PARAMETER_NAMES } from '@glr/aws';
import { planJob } from '@glr/core';
import { loadPlanRunnerConfig } from '../config.ts';
import { gitLabAccessFrom } from '../shared/gitlab.ts';
import { logger, loggerPort, metrics, taskHandler } from '../shared/observability.ts';
import { parseJobState } from '../shared/state-input.ts';

const config = loadPlanRunnerConfig();
const { secrets, gitlab } = gitLabAccessFrom(config, loggerPort);
const mapping = createMappingTable({ tableName: config.GLR_MAPPING_TABLE_NAME });
const defaults = {
  functionArn: config.GLR_DEFAULT_RUNNER_FUNCTION_ARN,
  ec2MaximumTimeout: config.GLR_EC2_MAXIMUM_TIMEOUT,
};

/** "Plan runner": the mapping items for the job's name and, with an access token, its real tags. */
export const handler = taskHandler(async (input: unknown) => {
  const { job } = parseJobState(input);
  const plan = await planJob(
    {
      mappingItems: (jobName) => mapping.itemsForJob(jobName),
      jobTags: async ({ projectId, jobId }) => {
        const accessToken = await secrets.find(PARAMETER_NAMES.accessToken);
        if (!accessToken) return undefined;
        return (await (await gitlab()).getJob({ accessToken, projectId, jobId })).tagList;
      },
      logger: loggerPort,
    },
    job,
    defaults,
  );
  metrics.addDimension('Source', plan.tagsFromApi ? `${plan.source}-with-api-tags` : plan.source);
  metrics.addMetric('RunnersPlanned', MetricUnit.Count, 1);
  logger.info('Runner planned', { jobId: job.jobId, kind: plan.kind, source: plan.source, tags: plan.tags });
  return plan;
});
