// Adapters are re-exported here, one line a module.
export { AwsAdapterError, EventPublishError, MissingParameterError, ParameterReadError } from './errors.ts';
export {
  type BusEvent,
  createEventPublisher,
  type EventPublisher,
  type EventPublisherOptions,
} from './event-bus.ts';
export {
  createSecretParameters,
  PARAMETER_NAMES,
  type SecretParameters,
  type SecretParametersOptions,
} from './secret-parameters.ts';
