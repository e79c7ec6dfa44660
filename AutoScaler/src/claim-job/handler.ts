import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { claimJob } from '@glr/core';
import { loadClaimJobConfig } from '../config.ts';
import { systemClock } from '../shared/clock.ts';
import { logger, metrics, taskHandler } from '../shared/observability.ts';
import { parseStartEvent } from '../shared/state-input.ts';
import { stateTableFrom } from '../shared/state-table.ts';

const config = loadClaimJobConfig();
const store = stateTableFrom(config);

/** "Claim job": claims the job once; a duplicate or late `pending` event gets `claimed: false`. */
export const handler = taskHandler(async (input: unknown) => {
  const { job, restart } = parseStartEvent(input);
  const outcome = await claimJob(store, job, restart ? 'restart' : 'pending-event', systemClock);
  if (!outcome.claimed) {
    logger.info('Job already claimed: starting nothing', { jobId: job.jobId, status: outcome.status });
  }
  metrics.addMetric(outcome.claimed ? 'JobsClaimed' : 'DuplicatePendingEvents', MetricUnit.Count, 1);
  return { claimed: outcome.claimed, job };
});
