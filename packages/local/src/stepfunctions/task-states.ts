import { isRecord } from '../json.ts';

/** A Task state found anywhere in a definition (Map and Parallel branches included). */
export interface TaskStateRef {
  readonly name: string;
  readonly resource: string;
  readonly parameters: unknown;
}

const statesOf = (definition: unknown): [string, Record<string, unknown>][] => {
  const states = isRecord(definition) ? definition.States : undefined;
  return isRecord(states)
    ? Object.entries(states).filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
    : [];
};

const childDefinitions = (state: Record<string, unknown>): unknown[] => [
  state.ItemProcessor,
  state.Iterator,
  ...(Array.isArray(state.Branches) ? state.Branches : []),
];

/** Every Task state of a definition, nested ones included, keyed by state name as overrides are. */
export const taskStates = (definition: unknown): TaskStateRef[] =>
  statesOf(definition).flatMap(([name, state]): TaskStateRef[] => {
    const inner = childDefinitions(state).flatMap((child) => taskStates(child));
    if (state.Type !== 'Task') return inner;
    return [{ name, resource: String(state.Resource), parameters: state.Parameters }, ...inner];
  });

/** Names of the states (nested ones included) that have a `Retry` field. */
export const retryingStates = (definition: unknown): string[] =>
  statesOf(definition).flatMap(([name, state]) => [
    ...(Array.isArray(state.Retry) ? [name] : []),
    ...childDefinitions(state).flatMap((child) => retryingStates(child)),
  ]);
