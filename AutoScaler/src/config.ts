import { loadEnvironment, parameterPathSetting, positiveIntegerSetting } from '@glr/core';
import { z } from 'zod';

const text = (description: string) => z.string().describe(description);

const parameterPath = parameterPathSetting().describe(
  'the SSM parameter path with leading and trailing slash, e.g. /gitlabrunner/',
);

const positiveInteger = (description: string, defaultValue: number) =>
  positiveIntegerSetting(defaultValue).describe(description);

const stateTable = {
  GLR_STATE_TABLE_NAME: text('the runner state table name'),
  GLR_STATE_RETENTION_DAYS: positiveInteger('days state records are kept after their last change', 7),
};

const secrets = {
  GLR_PARAMETER_PATH: parameterPath,
  GLR_SECRETS_MAX_AGE_SECONDS: positiveInteger('seconds secrets are cached', 300),
};

/** Runner scope for authentication-token mode: `instance`, `group:<id>`, or `project` (the job's project). */
export type RunnerScopeSetting =
  | { readonly type: 'instance' }
  | { readonly type: 'group'; readonly groupId: number }
  | { readonly type: 'project' };

const runnerScope = text('the runner scope: instance, group:<group id> or project')
  .default('project')
  .transform((value, context): RunnerScopeSetting => {
    if (value === 'instance' || value === 'project') return { type: value };
    const group = /^group:(\d+)$/.exec(value);
    if (group?.[1]) return { type: 'group', groupId: Number(group[1]) };
    context.addIssue({ code: 'custom', message: 'must be instance, group:<group id> or project' });
    return z.NEVER;
  });

const commaList = (description: string) =>
  text(description).transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const tokenMode = z
  .enum(['authentication-token', 'registration-token'], {
    error: 'must be authentication-token or registration-token',
  })
  .describe('how runners are created in GitLab');

/** Settings of the claim-job function. */
export const loadClaimJobConfig = () => loadEnvironment(z.object({ ...stateTable }));

/** Settings of the plan-runner function. */
export const loadPlanRunnerConfig = () =>
  loadEnvironment(
    z.object({
      ...secrets,
      GLR_MAPPING_TABLE_NAME: text('the mapping table name'),
      GLR_DEFAULT_RUNNER_FUNCTION_ARN: text('the default Lambda runner function ARN'),
      GLR_EC2_MAXIMUM_TIMEOUT: positiveInteger('default maximum_timeout of EC2 runners', 3600),
    }),
  );

/** Settings of the reserve-capacity function. */
export const loadReserveCapacityConfig = () =>
  loadEnvironment(
    z.object({
      ...stateTable,
      GLR_MAX_LAMBDA_RUNNERS: positiveInteger('maximum live Lambda runners', 100),
      GLR_MAX_EC2_RUNNERS: positiveInteger('maximum live EC2 runners', 20),
    }),
  );

/** Settings of the start-runner function. */
export const loadStartRunnerConfig = () =>
  loadEnvironment(
    z.object({
      ...stateTable,
      ...secrets,
      GLR_TOKEN_MODE: tokenMode,
      GLR_RUNNER_SCOPE: runnerScope,
      GLR_LAUNCH_TEMPLATE_ID: text('the EC2 runner launch template id'),
      GLR_SUBNET_IDS: commaList('comma-separated subnet ids for EC2 runners'),
      GLR_EC2_INSTANCE_TYPES: commaList('comma-separated default EC2 instance types, preferred first'),
      GLR_EC2_SPOT: z.enum(['true', 'false']).default('true').describe('try spot before on-demand'),
      GLR_EC2_EXECUTOR: z.enum(['docker', 'shell']).default('docker').describe('default EC2 executor'),
      GLR_EC2_DOCKER_IMAGE: text('default image of docker-executor jobs').default('alpine:3'),
      GLR_RUNNER_WAIT_TIMEOUT_SECONDS: positiveInteger('how long an EC2 runner waits for a job', 600),
    }),
  );

/** Settings of the record-failure function. */
export const loadRecordFailureConfig = () => loadEnvironment(z.object({ ...stateTable }));

/** Settings of the record-pickup function (`running` events). */
export const loadRecordPickupConfig = () => loadEnvironment(z.object({ ...stateTable }));

const teardown = {
  ...stateTable,
  ...secrets,
  GLR_TOKEN_MODE: tokenMode,
};

/** Settings of the clean-up-runner function (finished events). */
export const loadCleanUpRunnerConfig = () => loadEnvironment(z.object(teardown));

/** Settings of the reap-runners function (the scheduled safety net). */
export const loadReapRunnersConfig = () =>
  loadEnvironment(
    z.object({
      ...teardown,
      GLR_RUNNER_SCOPE: runnerScope,
      GLR_MAX_LAMBDA_RUNNERS: positiveInteger('maximum live Lambda runners', 100),
      GLR_MAX_EC2_RUNNERS: positiveInteger('maximum live EC2 runners', 20),
      GLR_START_RUNNER_STATE_MACHINE_ARN: text('the StartRunner state machine ARN, to restart jobs'),
      GLR_PICKUP_TIMEOUT_SECONDS: positiveInteger('seconds a runner has to take a job', 900),
      GLR_MAX_RUNNER_LIFETIME_SECONDS: positiveInteger('seconds no idle runner outlives', 6 * 3600),
      GLR_STUCK_AFTER_SECONDS: positiveInteger(
        'seconds after which a creating runner or claimed job is stuck',
        600,
      ),
      GLR_MAX_START_ATTEMPTS: positiveInteger('times a job is started before it is abandoned', 3),
      GLR_REAPER_DRY_RUN: z
        .enum(['true', 'false'])
        .default('false')
        .describe('only report what the reaper would do'),
    }),
  );
