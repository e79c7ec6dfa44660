export { type AsyncInvocation, lambdaInvokeRoute } from './aws/lambda-invoke-route.ts';
export { banner } from './cli/banner.ts';
export { DEMO_EXPECTATIONS, type DemoResult, type DemoRow, formatDemo, runDemo } from './cli/demo.ts';
export { DEV_USAGE, type DevOptions, parseDevArgs } from './cli/dev-args.ts';
export { streamLogger } from './cli/stream-logger.ts';
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
export { fromApiGatewayResult, type HttpApiSettings, toApiGatewayEvent } from './http/api-gateway.ts';
export { createLambdaContext } from './lambda/lambda-context.ts';
export { LAMBDA_TIMEOUT_ERROR, LocalLambdaRuntime } from './lambda/local-lambda.ts';
export { LocalEc2Host, type LocalInstance } from './runners/ec2-host.ts';
export { LOCAL_RUNNER_SHIM, type RunnerCommand, resolveRunnerCommand } from './runners/runner-command.ts';
export {
  type GitLabConnection,
  type RealGitLabSettings,
  realGitLabFromEnvironment,
} from './stack/gitlab-connection.ts';
export { type LocalStack, type LocalStackOptions, startLocalStack } from './stack/start-local-stack.ts';
export {
  type ExecutionRecord,
  LocalStateMachines,
  type LocalStateMachinesOptions,
  type StartedExecution,
} from './stepfunctions/local-state-machines.ts';
export { readStateMachines, type StateMachineDefinition } from './stepfunctions/state-machines.ts';
export type { InvokeFunction, ServiceIntegration } from './stepfunctions/task-bindings.ts';
export { type LocalFunction, readFunctions } from './template/functions.ts';
export { type LoadedStack, loadStack, type StackSource, stackExports } from './template/load-stack.ts';
export { type MakeVariables, readMakefileHandlers } from './template/makefile.ts';
export { createTemplateResolver, type LocalDeployment, type TemplateResolver } from './template/resolver.ts';
export { renderState, startConsoleView } from './view/console-view.ts';
export type { JobView, LocalStateSnapshot, RunnerView } from './view/local-state.ts';
