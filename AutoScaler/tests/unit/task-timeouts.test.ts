import { readFileSync } from 'node:fs';
import { parseTemplate } from '@glr/cfn-template';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const template = parseTemplate(read('../../template.yaml'));
const globalTimeout = (template as unknown as { Globals: { Function: { Timeout: number } } }).Globals.Function
  .Timeout;

/** Seconds a Task state waits beyond its function's Timeout: room for the function's start-up. */
const START_UP_MARGIN_SECONDS = 10;
/** Express workflows end at 5 minutes. */
const EXPRESS_LIMIT_SECONDS = 300;

interface TaskState {
  readonly Type: string;
  readonly Resource?: string;
  readonly TimeoutSeconds?: number;
}

const MACHINES = {
  'start-runner.asl.json': 'StartRunnerStateMachine',
  'stop-runner.asl.json': 'StopRunnerStateMachine',
  'job-running.asl.json': 'JobRunningStateMachine',
} as const;

const tasksOf = (file: string) =>
  Object.entries(
    (JSON.parse(read(`../../statemachines/${file}`)) as { States: Record<string, TaskState> }).States,
  ).filter(([, state]) => state.Type === 'Task');

/** The Timeout of the function a `${XFunctionArn}` Task resource is substituted with, else undefined. */
const functionTimeout = (machine: string, resource: string | undefined): number | undefined => {
  const substitution = /^\$\{(\w+)\}$/.exec(resource ?? '')?.[1];
  if (!substitution) return undefined;
  const substitutions = template.Resources[machine]?.Properties?.DefinitionSubstitutions as Record<
    string,
    unknown
  >;
  const target = (substitutions[substitution] as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
  const fn = template.Resources[target ?? ''];
  if (fn?.Type !== 'AWS::Serverless::Function') return undefined;
  return (fn.Properties?.Timeout as number | undefined) ?? globalTimeout;
};

describe.each(Object.entries(MACHINES))('%s Task timeouts', (file, machine) => {
  it('gives every Task state an explicit TimeoutSeconds', () => {
    for (const [name, state] of tasksOf(file)) expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
  });

  it('waits longer for a function Task than the function may run, so a Catch never acts while it still runs', () => {
    const lambdaTasks = tasksOf(file).filter(
      ([, state]) => functionTimeout(machine, state.Resource) !== undefined,
    );
    expect(lambdaTasks.length).toBeGreaterThan(0);
    for (const [name, state] of lambdaTasks) {
      const timeout = functionTimeout(machine, state.Resource) ?? 0;
      expect(state.TimeoutSeconds, name).toBeGreaterThanOrEqual(timeout + START_UP_MARGIN_SECONDS);
    }
  });

  it('ends within the Express limit even when every Task runs into its timeout once', () => {
    const total = tasksOf(file).reduce((sum, [, state]) => sum + (state.TimeoutSeconds ?? 0), 0);
    expect(total).toBeLessThanOrEqual(EXPRESS_LIMIT_SECONDS);
  });
});
