export {
  InvalidEventPatternError,
  LambdaFunctionError,
  LocalDynamoDbError,
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
