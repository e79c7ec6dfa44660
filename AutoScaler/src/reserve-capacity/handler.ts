import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { reserveCapacity } from '@glr/core';
import { loadReserveCapacityConfig } from '../config.ts';
import { systemClock } from '../shared/clock.ts';
import { logger, metrics, taskHandler } from '../shared/observability.ts';
import { parsePlannedState } from '../shared/state-input.ts';
import { stateTableFrom } from '../shared/state-table.ts';

const config = loadReserveCapacityConfig();
const store = stateTableFrom(config);
const limits = { LAMBDA: config.GLR_MAX_LAMBDA_RUNNERS, EC2: config.GLR_MAX_EC2_RUNNERS };

/** "Reserve capacity": one unit of the plan's kind, or the job waits (`reserved: false`). */
export const handler = taskHandler(async (input: unknown) => {
  const { job, plan } = parsePlannedState(input);
  const outcome = await reserveCapacity(store, { jobId: job.jobId, kind: plan.kind, limits }, systemClock);
  if (outcome === 'waiting') {
    logger.info('Runner cap reached: the job waits for capacity', { jobId: job.jobId, kind: plan.kind });
  }
  metrics.addDimension('Kind', plan.kind);
  metrics.addMetric(
    outcome === 'reserved' ? 'CapacityReserved' : 'JobsWaitingForCapacity',
    MetricUnit.Count,
    1,
  );
  return { reserved: outcome === 'reserved' };
});
