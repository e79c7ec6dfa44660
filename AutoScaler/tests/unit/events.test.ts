import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { restartInput } from '@glr/core';
import { describe, expect, it } from 'vitest';
import { parseFinishedEvent, parseRunningEvent } from '../../src/shared/lifecycle-input.ts';
import {
  parseFailedState,
  parseJobState,
  parsePlannedState,
  parseStartEvent,
} from '../../src/shared/state-input.ts';

const stackDir = resolve(import.meta.dirname, '../..');
const eventsDir = join(stackDir, 'events');
const sourceDir = join(stackDir, 'src');

/** What every parser below gives: the job, or (a failure before the claim) the event's detail. */
type InputParser = (input: unknown) => {
  readonly job?: { readonly jobId: number };
  readonly detail?: { readonly jobId: number };
};

/** The input parser each function's handler calls; the reaper reads no input (its schedule sends `{}`). */
const PARSERS: Readonly<Record<string, InputParser | null>> = {
  'claim-job': parseStartEvent,
  'plan-runner': parseJobState,
  'reserve-capacity': parsePlannedState,
  'start-runner': parsePlannedState,
  'record-failure': parseFailedState,
  'record-pickup': parseRunningEvent,
  'clean-up-runner': parseFinishedEvent,
  'reap-runners': null,
};

/** The StartRunner state machine's input (the bus event, whole) is Claim job's input too. */
const STATE_MACHINE_INPUTS: Readonly<Record<string, string>> = { 'job-pending.json': 'claim-job' };

const functions = readdirSync(sourceDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(join(sourceDir, entry.name)).includes('handler.ts'))
  .map((entry) => entry.name)
  .sort();
const eventFiles = readdirSync(eventsDir)
  .filter((file) => file.endsWith('.json'))
  .sort();
const readEvent = (file: string): unknown => JSON.parse(readFileSync(join(eventsDir, file), 'utf8'));

/** `<function>.json` or `<function>-<case>.json`, the longest function name first. */
const functionOf = (file: string): string | undefined =>
  STATE_MACHINE_INPUTS[file] ??
  [...functions]
    .sort((a, b) => b.length - a.length)
    .find((name) => file === `${name}.json` || file.startsWith(`${name}-`));

const eventsOf = (name: string) => eventFiles.filter((file) => functionOf(file) === name);

/** `${PlanRunnerFunctionArn}` → `plan-runner`. */
const functionOfResource = (resource: unknown): string | undefined => {
  const match = /^\$\{(\w+)FunctionArn\}$/.exec(String(resource));
  return match?.[1]?.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();
};

interface TaskState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Parameters?: Record<string, unknown>;
}

/** Every Task state of the stack's state machines that runs one of its functions. */
const functionTasks = readdirSync(join(stackDir, 'statemachines'))
  .filter((file) => file.endsWith('.asl.json'))
  .flatMap((file) => {
    const definition = JSON.parse(readFileSync(join(stackDir, 'statemachines', file), 'utf8')) as {
      States: Record<string, TaskState>;
    };
    return Object.entries(definition.States).flatMap(([state, task]) => {
      const name = task.Type === 'Task' ? functionOfResource(task.Resource) : undefined;
      return name ? [{ state, name, parameters: task.Parameters }] : [];
    });
  });

describe('AutoScaler sample events for pnpm invoke and sam local invoke', () => {
  it('knows the input parser of every function, and each handler calls it', () => {
    expect(Object.keys(PARSERS).sort()).toEqual(functions);
    for (const [name, parser] of Object.entries(PARSERS)) {
      if (parser === null) continue;
      const handler = readFileSync(join(sourceDir, name, 'handler.ts'), 'utf8');
      expect(handler, `${name}/handler.ts calls ${parser.name}`).toContain(`${parser.name}(input)`);
    }
  });

  it.each(functions)('has at least one event for %s', (name) => {
    expect(eventsOf(name)).not.toEqual([]);
  });

  it.each(eventFiles)('%s belongs to a function', (file) => {
    expect(functionOf(file)).toBeDefined();
  });

  it.each(eventFiles.filter((file) => PARSERS[functionOf(file) ?? ''] != null))(
    '%s is accepted by its function and is about job 4711',
    (file) => {
      const parse = PARSERS[functionOf(file) ?? ''];
      const parsed = parse?.(readEvent(file));
      expect(parsed?.job?.jobId ?? parsed?.detail?.jobId).toBe(4711);
    },
  );

  it('gives the reaper what its schedule sends: an empty object', () => {
    expect(eventsOf('reap-runners').map(readEvent)).toEqual([{}]);
  });

  it('runs every function but the reaper as a Task state', () => {
    const tasks = new Set(functionTasks.map((task) => task.name));
    expect([...tasks].sort()).toEqual(functions.filter((name) => name !== 'reap-runners'));
  });

  it.each(functionTasks.filter((task) => task.parameters !== undefined))(
    'events of $name hold exactly the fields $state passes it',
    ({ name, parameters }) => {
      const fields = Object.keys(parameters ?? {}).map((key) => key.replace(/\.\$$/, ''));
      for (const file of eventsOf(name)) {
        expect(Object.keys(readEvent(file) as object).sort(), file).toEqual(fields.sort());
      }
    },
  );

  it('restarts the pending job with the input clean-up, pick-up and reaper hand to StartRunner', () => {
    const { job } = parseStartEvent(readEvent('job-pending.json'));
    expect(readEvent('claim-job-restart.json')).toEqual(restartInput(job));
  });
});
