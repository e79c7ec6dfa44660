import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  createEc2RunnerLauncher,
  createLambdaRunnerInvoker,
  createRunnerTokenParameters,
  createRunnerTokenVault,
  PARAMETER_NAMES,
} from '@glr/aws';
import { type RunnerRegistry, startRunner } from '@glr/core';
import { loadStartRunnerConfig } from '../config.ts';
import { systemClock } from '../shared/clock.ts';
import { createGitLabRunnerRegistry, gitLabAccessFrom } from '../shared/gitlab.ts';
import { loggerPort, metrics, taskHandler } from '../shared/observability.ts';
import { keepRunnerTokens } from '../shared/runner-teardown.ts';
import { parsePlannedState } from '../shared/state-input.ts';
import { stateTableFrom } from '../shared/state-table.ts';

const config = loadStartRunnerConfig();
const access = gitLabAccessFrom(config, loggerPort);
const gitlabUrl = () => access.secrets.get(PARAMETER_NAMES.url);
/** Registration-token mode keeps runner tokens so the stop flow can delete the runners (see runner-teardown.ts). */
const keptTokensInRegistrationMode = (registry: RunnerRegistry): RunnerRegistry =>
  config.GLR_TOKEN_MODE === 'registration-token'
    ? keepRunnerTokens(registry, createRunnerTokenVault({ parameterPath: config.GLR_PARAMETER_PATH }))
    : registry;
const dependencies = {
  store: stateTableFrom(config),
  registry: keptTokensInRegistrationMode(
    createGitLabRunnerRegistry({
      ...access,
      mode: config.GLR_TOKEN_MODE,
      scope: config.GLR_RUNNER_SCOPE,
    }),
  ),
  launchers: {
    LAMBDA: createLambdaRunnerInvoker({ gitlabUrl }),
    EC2: createEc2RunnerLauncher({
      launchTemplateId: config.GLR_LAUNCH_TEMPLATE_ID,
      subnetIds: config.GLR_SUBNET_IDS,
      defaultInstanceTypes: config.GLR_EC2_INSTANCE_TYPES,
      spot: config.GLR_EC2_SPOT === 'true',
      defaultExecutor: config.GLR_EC2_EXECUTOR,
      defaultDockerImage: config.GLR_EC2_DOCKER_IMAGE,
      waitTimeoutSeconds: config.GLR_RUNNER_WAIT_TIMEOUT_SECONDS,
      gitlabUrl,
      tokenParameters: createRunnerTokenParameters({ parameterPath: config.GLR_PARAMETER_PATH }),
      logger: loggerPort,
    }),
  },
  clock: systemClock,
  logger: loggerPort,
};

/**
 * "Create and start runner": creates the runner in GitLab and starts it in one call, so the runner
 * token never enters the execution's data. Returns the runner's name and ids only, with
 * `started: false` when the job no longer waited for a runner (finished or taken meanwhile).
 */
export const handler = taskHandler(async (input: unknown) => {
  const outcome = await startRunner(dependencies, parsePlannedState(input));
  metrics.addDimension('Kind', outcome.kind);
  if (!outcome.started) {
    metrics.addMetric('RunnerStartsSkipped', MetricUnit.Count, 1);
    return outcome;
  }
  metrics.addMetric('RunnersStarted', MetricUnit.Count, 1);
  metrics.addMetric('DispatchLatency', MetricUnit.Milliseconds, outcome.dispatchLatencyMs);
  return outcome;
});
