export {
  ExecutionFailedError,
  FunctionNotFoundError,
  InvalidEventPatternError,
  LambdaFunctionError,
  LocalAwsCallError,
  LocalStackError,
  TaskBindingError,
  TemplateReadError,
} from './errors.ts';
export { compileEventPattern, type EventPattern, matchesEventPattern } from './events/event-pattern.ts';
export {
  type BusEvent,
  type DeliverToTarget,
  type Delivery,
  LocalEventBus,
  type LocalEventBusOptions,
  type PutEventsEntry,
  type PutEventsResultEntry,
} from './events/local-bus.ts';
export { type EventRule, type RuleTarget, readEventRules } from './events/rules.ts';
export { createLambdaContext } from './lambda/lambda-context.ts';
export { LAMBDA_TIMEOUT_ERROR, LocalLambdaRuntime } from './lambda/local-lambda.ts';
export {
  type ExecutionRecord,
  LocalStateMachines,
  type LocalStateMachinesOptions,
  type StartedExecution,
} from './stepfunctions/local-state-machines.ts';
export { readStateMachines, type StateMachineDefinition } from './stepfunctions/state-machines.ts';
export type { InvokeFunction, ServiceIntegration } from './stepfunctions/task-bindings.ts';
export { type LocalFunction, readFunctions } from './template/functions.ts';
export { type MakeVariables, readMakefileHandlers } from './template/makefile.ts';
export { createTemplateResolver, type LocalDeployment, type TemplateResolver } from './template/resolver.ts';
