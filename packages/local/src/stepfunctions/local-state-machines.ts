import { randomUUID } from 'node:crypto';
import { type LoggerPort, silentLogger } from '@glr/core';
import { StateMachine } from 'aws-local-stepfunctions';
import { ExecutionFailedError, LocalStackError } from '../errors.ts';
import type { StateMachineDefinition } from './state-machines.ts';
import {
  bindTaskState,
  type InvokeFunction,
  type ServiceIntegration,
  type TaskHandler,
} from './task-bindings.ts';
import { retryingStates, taskStates } from './task-states.ts';

/** One execution, as `DescribeExecution` would summarise it (no input or output: they may be large). */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachine: string;
  readonly startDate: Date;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  stopDate?: Date;
  /** The error name a failed execution ended with (`States.TaskFailed`, `JobAlreadyClaimed`, …). */
  error?: string;
}

/** A started execution: its record, and its result (rejects with the error the execution failed with). */
export interface StartedExecution {
  readonly record: ExecutionRecord;
  readonly result: Promise<unknown>;
}

/** Options of {@link LocalStateMachines}. */
export interface LocalStateMachinesOptions {
  readonly machines: readonly StateMachineDefinition[];
  readonly invoke: InvokeFunction;
  readonly integrations?: Readonly<Record<string, ServiceIntegration>>;
  /** Retry immediately instead of after `IntervalSeconds` (tests). */
  readonly immediateRetries?: boolean;
  readonly logger?: LoggerPort;
}

interface Compiled {
  readonly definition: StateMachineDefinition;
  readonly machine: StateMachine;
  readonly handlers: Record<string, TaskHandler>;
  readonly retries: Record<string, number>;
}

/**
 * Runs a template's state machines with `aws-local-stepfunctions` (JSONPath ASL), every Task state
 * bound to local code when constructed, so a Resource that cannot run locally fails at start-up.
 */
export class LocalStateMachines {
  readonly #compiled = new Map<string, Compiled>();
  readonly #executions: ExecutionRecord[] = [];
  readonly #logger: LoggerPort;

  public constructor(options: LocalStateMachinesOptions) {
    this.#logger = options.logger ?? silentLogger;
    const integrations = { 'states:startExecution': this.#startExecution, ...options.integrations };
    for (const definition of options.machines) {
      const handlers = Object.fromEntries(
        taskStates(definition.definition).map((task) => [
          task.name,
          bindTaskState(definition.logicalId, task, options.invoke, integrations),
        ]),
      );
      const retries = options.immediateRetries
        ? Object.fromEntries(retryingStates(definition.definition).map((name) => [name, 0]))
        : {};
      // The constructor validates the definition (asl-validator) and throws on an invalid one.
      type Definition = ConstructorParameters<typeof StateMachine>[0];
      const machine = new StateMachine(definition.definition as unknown as Definition);
      const compiled = { definition, machine, handlers, retries };
      for (const key of [definition.logicalId, definition.name, definition.arn])
        this.#compiled.set(key, compiled);
    }
  }

  /**
   * The `states:startExecution` integration (fire and forget, as without `.sync`): starts the
   * machine `StateMachineArn` names with `Input` (an object, or a JSON string) and answers
   * `{ ExecutionArn, StartDate }` at once.
   */
  readonly #startExecution = async (parameters: unknown): Promise<unknown> => {
    const { StateMachineArn, Input } = (parameters ?? {}) as { StateMachineArn?: unknown; Input?: unknown };
    if (typeof StateMachineArn !== 'string') {
      throw Object.assign(new Error('StateMachineArn is required'), {
        name: 'StepFunctions.InvalidArnException',
      });
    }
    const input = typeof Input === 'string' ? JSON.parse(Input) : (Input ?? {});
    const { record, result } = this.start(StateMachineArn, input);
    result.catch(() => {});
    return { ExecutionArn: record.executionArn, StartDate: record.startDate.toISOString() };
  };

  /** Every execution so far, oldest first. */
  public get executions(): readonly ExecutionRecord[] {
    return this.#executions;
  }

  /** Starts an execution of the machine a logical id, name or ARN designates. */
  public start(machine: string, input: unknown): StartedExecution {
    const compiled = this.#compiled.get(machine);
    if (!compiled) throw new LocalStackError(`no local state machine named ${machine}`);
    const { definition } = compiled;
    const name = randomUUID();
    const executionArn = `${definition.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const record: ExecutionRecord = {
      executionArn,
      stateMachine: definition.logicalId,
      startDate: new Date(),
      status: 'RUNNING',
    };
    this.#executions.push(record);
    const execution = compiled.machine.run(JSON.parse(JSON.stringify(input ?? {})), {
      overrides: { taskResourceLocalHandlers: compiled.handlers, retryIntervalOverrides: compiled.retries },
      context: {
        Execution: { Id: executionArn, Name: name, Input: input, StartTime: record.startDate.toISOString() },
        StateMachine: { Id: definition.arn, Name: definition.name },
      },
    } as Parameters<StateMachine['run']>[1]);
    const result = execution.result.then(
      (output) => {
        record.status = 'SUCCEEDED';
        record.stopDate = new Date();
        return output;
      },
      (error: unknown) => {
        const failure = new ExecutionFailedError(definition.logicalId, error);
        record.status = 'FAILED';
        record.stopDate = new Date();
        record.error = failure.name;
        this.#logger.warn('execution failed', {
          stateMachine: definition.logicalId,
          executionArn,
          error: failure.name,
        });
        throw failure;
      },
    );
    return { record, result };
  }
}
