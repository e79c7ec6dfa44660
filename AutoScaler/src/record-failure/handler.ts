import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordStartFailure } from '@glr/core';
import { loadRecordFailureConfig } from '../config.ts';
import { systemClock } from '../shared/clock.ts';
import { logger, metrics, taskHandler } from '../shared/observability.ts';
import { parseFailedState } from '../shared/state-input.ts';
import { stateTableFrom } from '../shared/state-table.ts';

const config = loadRecordFailureConfig();
const store = stateTableFrom(config);

/**
 * "Record failure": the claim becomes `failed`, reserved capacity is given back, and the failure is
 * counted by error name. A flow that failed before it claimed the job only counts it.
 */
export const handler = taskHandler(async (input: unknown) => {
  const failed = parseFailedState(input);
  const jobId = failed.job?.jobId ?? failed.detail?.jobId;
  if (failed.job) {
    const reservedCapacity = failed.capacity?.reserved && failed.plan ? failed.plan.kind : undefined;
    await recordStartFailure(
      store,
      {
        jobId: failed.job.jobId,
        error: failed.error.Error,
        ...(reservedCapacity ? { reservedCapacity } : {}),
      },
      systemClock,
    );
  }
  logger.error('No runner could be started for the job', { jobId, error: failed.error.Error });
  metrics.addDimension('Error', failed.error.Error);
  metrics.addMetric('RunnerStartFailures', MetricUnit.Count, 1);
  return { jobId, failure: failed.error.Error };
});
