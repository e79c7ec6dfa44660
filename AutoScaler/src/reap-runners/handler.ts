import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createManagedInstances, createStartRunnerExecutions } from '@glr/aws';
import { type ReaperAction, reap } from '@glr/core';
import { loadReapRunnersConfig } from '../config.ts';
import { systemClock } from '../shared/clock.ts';
import { gitLabAccessFrom } from '../shared/gitlab.ts';
import { logger, loggerPort, metrics, taskHandler } from '../shared/observability.ts';
import { runnerTeardownFrom } from '../shared/runner-teardown.ts';
import { stateTableFrom } from '../shared/state-table.ts';
import { createReaperGitLab } from './gitlab-view.ts';

const config = loadReapRunnersConfig();
const access = gitLabAccessFrom(config, loggerPort);
const instances = createManagedInstances();
const settings = {
  pickupTimeoutSeconds: config.GLR_PICKUP_TIMEOUT_SECONDS,
  maxLifetimeSeconds: config.GLR_MAX_RUNNER_LIFETIME_SECONDS,
  stuckAfterSeconds: config.GLR_STUCK_AFTER_SECONDS,
  maxStartAttempts: config.GLR_MAX_START_ATTEMPTS,
  limits: { LAMBDA: config.GLR_MAX_LAMBDA_RUNNERS, EC2: config.GLR_MAX_EC2_RUNNERS },
  dryRun: config.GLR_REAPER_DRY_RUN === 'true',
};

/** Logs an action with its reason and counts it: `ReaperActions` by action and reason, `JobsAbandoned` for the alarm. */
const report = (action: ReaperAction) => {
  logger.info(action.dryRun ? 'Reaper would act (dry run)' : 'Reaper acted', { ...action });
  const metric = metrics.singleMetric();
  metric.addDimensions({ Action: action.action, Reason: action.reason, DryRun: String(action.dryRun) });
  metric.addMetric('ReaperActions', MetricUnit.Count, 1);
  if (action.action === 'abandon-job' && !action.dryRun)
    metrics.addMetric('JobsAbandoned', MetricUnit.Count, 1);
};

const dependencies = {
  store: stateTableFrom(config),
  teardown: runnerTeardownFrom(config, { ...access, instances, logger: loggerPort }),
  listManagedInstances: () => instances.list(),
  gitlab: createReaperGitLab({ ...access, scope: config.GLR_RUNNER_SCOPE }),
  restarter: createStartRunnerExecutions({ stateMachineArn: config.GLR_START_RUNNER_STATE_MACHINE_ARN }),
  clock: systemClock,
  logger: loggerPort,
  report,
};

/** The reaper, run by EventBridge Scheduler: one pass of every safety-net rule; returns the actions. */
export const handler = taskHandler(async () => {
  const actions = await reap(dependencies, settings);
  logger.info('Reaper pass done', { actions: actions.length, dryRun: settings.dryRun });
  return { dryRun: settings.dryRun, actions };
});
