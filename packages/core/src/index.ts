export {
  type EnvironmentSchema,
  loadEnvironment,
  parameterPathSetting,
  positiveIntegerSetting,
} from './environment.ts';
export { ConfigurationError, CoreError, ValidationError, type ValidationIssue } from './errors.ts';
export * from './job-event/index.ts';
export {
  type LambdaRunnerPayload,
  lambdaRunnerPayloadSchema,
  parseLambdaRunnerPayload,
} from './lambda-runner-payload.ts';
export * from './lifecycle/index.ts';
export { type LoggerPort, silentLogger } from './logger.ts';
export * from './mapping/index.ts';
export {
  createRunnerName,
  parseRunnerName,
  RUNNER_NAME_PREFIX,
  type RunnerNameParts,
} from './runner-name.ts';
export {
  EC2_DEFAULT_MAXIMUM_TIMEOUT_SECONDS,
  type Ec2Executor,
  type Ec2RunnerPlan,
  type Ec2Settings,
  GITLAB_MINIMUM_TIMEOUT_SECONDS,
  LAMBDA_MAXIMUM_TIMEOUT_SECONDS,
  type LambdaRunnerPlan,
  type PlanSource,
  type RunnerKind,
  type RunnerPlan,
} from './runner-plan.ts';
export { parseWith, toValidationIssues } from './validation.ts';
