import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { RunSummary } from './run-runner.ts';

/**
 * Publishes one run's metrics. Every count is published on every run (0 or 1), so averages and
 * alarms see the runs where nothing happened too. `RunnerExits` carries the exit code (or the
 * signal) as its `ExitCode` dimension.
 */
export const recordRunMetrics = (metrics: Metrics, summary: RunSummary): void => {
  const count = (name: string, happened: boolean): void => {
    metrics.addMetric(name, MetricUnit.Count, happened ? 1 : 0);
  };
  count('Runs', true);
  count('JobsRun', summary.jobReceived);
  count('IdleExits', summary.outcome === 'idle');
  count('DeadlineHits', summary.outcome === 'deadline');
  count('RunnerFailures', summary.outcome === 'runner-failed');
  count('RunnerDeleteFailures', summary.runnerDeletion === 'failed');
  metrics.addMetric('StrayProcessesKilled', MetricUnit.Count, summary.strayProcessesKilled);
  metrics.addMetric('RunDuration', MetricUnit.Milliseconds, summary.durationMs);
  const exit = metrics.singleMetric();
  exit.addDimension(
    'ExitCode',
    summary.exitCode === null ? (summary.signal ?? 'unknown') : String(summary.exitCode),
  );
  exit.addMetric('RunnerExits', MetricUnit.Count, 1);
};
