// Adapters are re-exported here, one line a module.
export { AwsCallError, type AwsFailure, StackOutputMissingError, toAwsCallError } from './call-errors.ts';
export type { AwsClientSettings } from './client-settings.ts';
export {
  createEc2RunnerLauncher,
  type Ec2RunnerLauncherOptions,
  MANAGED_TAG,
} from './ec2-runner-launcher.ts';
export { AwsAdapterError, EventPublishError, MissingParameterError, ParameterReadError } from './errors.ts';
export {
  type BusEvent,
  createEventPublisher,
  type EventPublisher,
  type EventPublisherOptions,
} from './event-bus.ts';
export {
  createLambdaRunnerInvoker,
  LambdaRunnerInvokeError,
  type LambdaRunnerInvokerOptions,
} from './lambda-runner-invoker.ts';
export {
  createManagedInstances,
  type ManagedInstances,
  type ManagedInstancesOptions,
} from './managed-instances.ts';
export {
  BATCH_WRITE_LIMIT,
  type BatchRetryOptions,
  createMappingTable,
  type MappingChanges,
  type MappingTable,
  type MappingTableOptions,
} from './mapping-table.ts';
export {
  createRunnerStateTable,
  RUNNER_STATE_STATUS_INDEX,
  type RunnerStateTable,
  type RunnerStateTableOptions,
  statusIndexKey,
} from './runner-state-table.ts';
export {
  createRunnerTokenParameters,
  type Ec2RunnerBootstrap,
  RUNNER_TOKEN_INSTANCE_ARN_TAG,
  RUNNER_TOKEN_INSTANCE_TAG,
  type RunnerInstance,
  type RunnerTokenParameters,
  type RunnerTokenParametersOptions,
} from './runner-token-parameter.ts';
export {
  createRunnerTokenVault,
  type RunnerTokenVault,
  type RunnerTokenVaultOptions,
} from './runner-token-vault.ts';
export {
  createSecretParameters,
  PARAMETER_NAMES,
  type SecretParameters,
  type SecretParametersOptions,
} from './secret-parameters.ts';
export { readStackOutput, type StackOutputRequest } from './stack-outputs.ts';
export {
  createStartRunnerExecutions,
  type StartRunnerExecutionsOptions,
} from './start-runner-executions.ts';
