// Adapters are re-exported here, one line a module.
export { AwsCallError, type AwsFailure, StackOutputMissingError, toAwsCallError } from './call-errors.ts';
export type { AwsClientSettings } from './client-settings.ts';
export { AwsAdapterError, EventPublishError, MissingParameterError, ParameterReadError } from './errors.ts';
export {
  type BusEvent,
  createEventPublisher,
  type EventPublisher,
  type EventPublisherOptions,
} from './event-bus.ts';
export {
  BATCH_WRITE_LIMIT,
  type BatchRetryOptions,
  createMappingTable,
  type MappingChanges,
  type MappingTable,
  type MappingTableOptions,
} from './mapping-table.ts';
export {
  createSecretParameters,
  PARAMETER_NAMES,
  type SecretParameters,
  type SecretParametersOptions,
} from './secret-parameters.ts';
export { readStackOutput, type StackOutputRequest } from './stack-outputs.ts';
