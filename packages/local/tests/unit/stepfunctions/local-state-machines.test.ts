import { describe, expect, it, vi } from 'vitest';
import { ExecutionFailedError, TaskBindingError } from '../../../src/errors.ts';
import { LocalLambdaRuntime } from '../../../src/lambda/local-lambda.ts';
import { LocalStateMachines } from '../../../src/stepfunctions/local-state-machines.ts';
import { readStateMachines, type StateMachineDefinition } from '../../../src/stepfunctions/state-machines.ts';
import { fixtureFunctions, fixtureResolver, fixtureStackDir, fixtureTemplate } from '../../fixtures/stack.ts';

const template = fixtureTemplate();
const runtime = new LocalLambdaRuntime({ functions: fixtureFunctions(template) });
const invoke = (name: string, payload: unknown) => runtime.invoke(name, payload);
const definitions = readStateMachines(template, fixtureResolver(template), fixtureStackDir);
const machines = new LocalStateMachines({ machines: definitions, invoke, immediateRetries: true });

const singleTask = (resource: string): StateMachineDefinition => ({
  logicalId: 'Single',
  name: 'fixture-Single',
  arn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:fixture-Single',
  type: 'EXPRESS',
  definition: { StartAt: 'Only', States: { Only: { Type: 'Task', Resource: resource, End: true } } },
});

describe('readStateMachines', () => {
  it('applies DefinitionSubstitutions with the local names of functions and tables', () => {
    const start = definitions.find((machine) => machine.logicalId === 'StartStateMachine');
    expect(start?.arn).toBe('arn:aws:states:eu-west-1:000000000000:stateMachine:fixture-StartStateMachine');
    expect(start?.definition).toMatchObject({
      States: {
        Claim: {
          Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:fixture-ClaimFunction',
          Parameters: { table: 'fixture-StateTable' },
        },
        Record: { Parameters: { FunctionName: 'fixture-RecordFunction' } },
      },
    });
  });
});

describe('LocalStateMachines', () => {
  it('runs each Task state with the real handler, its environment and a Lambda context', async () => {
    const { result, record } = machines.start('StartStateMachine', { jobId: 41 });
    const output = await result;
    expect(output).toMatchObject({
      jobId: 41,
      claim: {
        table: 'fixture-StateTable',
        tableFromEnvironment: 'fixture-StateTable',
        functionName: 'fixture-ClaimFunction',
        remainingPositive: true,
      },
      record: { recorded: { recordedJob: 41 } },
    });
    expect(record.status).toBe('SUCCEEDED');
  });

  it('retries a state on the error name the handler threw', async () => {
    const output = await machines.start('StartStateMachine', { jobId: 42 }).result;
    expect(output).toMatchObject({ flaky: { attempt: 2 } });
  });

  it('catches a handler error by its name, with a Lambda-shaped Cause', async () => {
    await machines.start('StartStateMachine', { jobId: 43 }).result;
    const output = (await machines.start('StartStateMachine', { jobId: 43 }).result) as {
      error: { Error: string; Cause: string };
    };
    expect(output.error.Error).toBe('JobAlreadyClaimed');
    expect(JSON.parse(output.error.Cause)).toMatchObject({
      errorType: 'JobAlreadyClaimed',
      errorMessage: 'job 43 is already claimed',
    });
  });

  it('fails the execution with the name of an uncaught handler error', async () => {
    const { result, record } = machines.start('fixture-StartStateMachine', { jobId: 0 });
    await expect(result).rejects.toThrow(ExecutionFailedError);
    await expect(result).rejects.toHaveProperty('name', 'InvalidJob');
    expect(record).toMatchObject({ status: 'FAILED', error: 'InvalidJob' });
  });

  it('starts a machine by ARN and records every execution', async () => {
    await machines.start('arn:aws:states:eu-west-1:000000000000:stateMachine:fixture-StopStateMachine', {})
      .result;
    expect(machines.executions.at(-1)).toMatchObject({
      stateMachine: 'StopStateMachine',
      status: 'SUCCEEDED',
    });
  });

  it('runs a service integration given for a Task resource', async () => {
    const local = new LocalStateMachines({
      machines: [singleTask('arn:aws:states:::dynamodb:getItem')],
      invoke,
      integrations: { 'dynamodb:getItem': async () => ({ Item: { pk: { S: 'x' } } }) },
    });
    await expect(local.start('Single', {}).result).resolves.toEqual({ Item: { pk: { S: 'x' } } });
  });

  it('starts another state machine with states:startExecution, without waiting for it', async () => {
    const childArn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:fixture-Child';
    const child = {
      ...singleTask('arn:aws:states:::dynamodb:getItem'),
      logicalId: 'Child',
      name: 'fixture-Child',
      arn: childArn,
    };
    const parent = {
      ...singleTask('arn:aws:states:::states:startExecution'),
      definition: {
        StartAt: 'Only',
        States: {
          Only: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution',
            Parameters: { StateMachineArn: childArn, 'Input.$': '$.forChild' },
            End: true,
          },
        },
      },
    };
    const seen: unknown[] = [];
    const local = new LocalStateMachines({
      machines: [parent, child],
      invoke,
      integrations: { 'dynamodb:getItem': async (input) => seen.push(input) },
    });
    const output = (await local.start('Single', { forChild: { jobId: 8 } }).result) as {
      ExecutionArn: string;
    };
    expect(output.ExecutionArn).toMatch(/^arn:aws:states:eu-west-1:000000000000:execution:fixture-Child:/);
    await vi.waitFor(() =>
      expect(local.executions.at(-1)).toMatchObject({ stateMachine: 'Child', status: 'SUCCEEDED' }),
    );
    expect(seen).toEqual([{ jobId: 8 }]);
  });

  it.each([
    [
      'a service the local stack does not provide',
      'arn:aws:states:::sqs:sendMessage',
      /local stack provides/,
    ],
    ['a substitution that is missing', '${MissingFunctionArn}', /DefinitionSubstitutions entry is missing/],
  ])('refuses at start-up a Task resource of %s', (_case, resource, message) => {
    const construct = () => new LocalStateMachines({ machines: [singleTask(resource)], invoke });
    expect(construct).toThrow(TaskBindingError);
    expect(construct).toThrow(message);
  });
});
