import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordJobRunning, restartInput } from '@glr/core';
import { loadRecordPickupConfig } from '../config.ts';
import { systemClock } from '../shared/clock.ts';
import { parseRunningEvent } from '../shared/lifecycle-input.ts';
import { loggerPort, metrics, taskHandler } from '../shared/observability.ts';
import { stateTableFrom } from '../shared/state-table.ts';

const config = loadRecordPickupConfig();
const dependencies = {
  store: stateTableFrom(config),
  clock: systemClock,
  logger: loggerPort,
};

/**
 * "Record who took the job": marks the job running and its runner busy; when the runner had been
 * started for another job, hands that job to an idle runner or returns `replacement`, the
 * StartRunner input that starts a new runner for it.
 */
export const handler = taskHandler(async (input: unknown) => {
  const outcome = await recordJobRunning(dependencies, parseRunningEvent(input));
  if (outcome.pickupLatencyMs !== undefined) {
    metrics.addMetric('PickupLatency', MetricUnit.Milliseconds, outcome.pickupLatencyMs);
  }
  const orphaned = outcome.action === 'recorded' ? outcome.orphaned : undefined;
  if (outcome.action === 'recorded' && outcome.orphaned === undefined) {
    metrics.addMetric('JobsTakenByTheirRunner', MetricUnit.Count, 1);
  } else if (orphaned) {
    metrics.addMetric(
      'handedTo' in orphaned ? 'JobsHandedToIdleRunner' : 'ReplacementRunnersRequested',
      MetricUnit.Count,
      1,
    );
  }
  return {
    action: outcome.action,
    ...(orphaned && 'handedTo' in orphaned ? { handedTo: orphaned.handedTo } : {}),
    ...(orphaned && 'replacement' in orphaned ? { replacement: restartInput(orphaned.replacement) } : {}),
  };
});
