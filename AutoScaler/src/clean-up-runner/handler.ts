import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createManagedInstances } from '@glr/aws';
import { finishJob, restartInput } from '@glr/core';
import { loadCleanUpRunnerConfig } from '../config.ts';
import { systemClock } from '../shared/clock.ts';
import { gitLabAccessFrom } from '../shared/gitlab.ts';
import { parseFinishedEvent } from '../shared/lifecycle-input.ts';
import { loggerPort, metrics, taskHandler } from '../shared/observability.ts';
import { runnerTeardownFrom } from '../shared/runner-teardown.ts';
import { stateTableFrom } from '../shared/state-table.ts';

const config = loadCleanUpRunnerConfig();
const dependencies = {
  store: stateTableFrom(config),
  teardown: runnerTeardownFrom(config, {
    ...gitLabAccessFrom(config, loggerPort),
    instances: createManagedInstances(),
    logger: loggerPort,
  }),
  clock: systemClock,
  logger: loggerPort,
};

/**
 * "Clean up the runner that ran the job": releases the job's claim, deletes the runner that ran it
 * (GitLab, instance, token parameter) and returns `next`, the StartRunner input of the oldest job
 * waiting for the capacity it freed.
 */
export const handler = taskHandler(async (input: unknown) => {
  const outcome = await finishJob(dependencies, parseFinishedEvent(input));
  if (outcome.action === 'cleaned-up') {
    metrics.addDimension('Kind', outcome.kind);
    metrics.addMetric('RunnersCleanedUp', MetricUnit.Count, 1);
  } else if (outcome.action === 'ignored') {
    metrics.addDimension('Reason', outcome.reason);
    metrics.addMetric('FinishedEventsIgnored', MetricUnit.Count, 1);
  }
  const next = outcome.action === 'cleaned-up' ? outcome.next : undefined;
  return { action: outcome.action, ...(next ? { next: restartInput(next) } : {}) };
});
