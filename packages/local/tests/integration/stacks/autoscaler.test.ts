import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalStateMachines } from '../../../src/stepfunctions/local-state-machines.ts';
import { taskStates } from '../../../src/stepfunctions/task-states.ts';
import { loadStack } from '../../../src/template/load-stack.ts';
import { repositoryRoot } from '../../fixtures/stack.ts';

const stack = loadStack({
  stackDir: join(repositoryRoot, 'AutoScaler'),
  rootDir: repositoryRoot,
  deployment: {
    stackName: 'glr-autoscaler',
    region: 'eu-west-1',
    account: '000000000000',
    parameters: {
      DefaultRunnerFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:glr-runner-default',
    },
    imports: {
      'glr-infrastructure-ParameterPath': '/gitlabrunner/',
      'glr-infrastructure-SubnetIds': 'subnet-1,subnet-2',
      'glr-infrastructure-EventBusName': 'glr-bus',
      'glr-infrastructure-RunnerSecurityGroupId': 'sg-1',
    },
    physicalIds: { RunnerLaunchTemplate: 'lt-0123456789abcdef0' },
  },
});

describe('the AutoScaler stack, read by the local stack', () => {
  it('finds a handler file for every function', () => {
    expect(stack.functions.length).toBeGreaterThan(0);
    for (const fn of stack.functions) expect(fn.handlerPath).toMatch(/AutoScaler\/src\/[\w-]+\/handler\.ts$/);
  });

  it('binds every Task state to a local function or a state machine of the stack', () => {
    const functions = new Set(stack.functions.map((fn) => fn.arn));
    const machines = new Set(stack.stateMachines.map((machine) => machine.arn));
    for (const machine of stack.stateMachines) {
      for (const task of taskStates(machine.definition)) {
        if (task.resource === 'arn:aws:states:::states:startExecution') {
          expect(machines).toContain((task.parameters as { StateMachineArn: string }).StateMachineArn);
        } else {
          expect(functions).toContain(task.resource);
        }
      }
    }
    expect(
      () => new LocalStateMachines({ machines: stack.stateMachines, invoke: async () => ({}) }),
    ).not.toThrow();
  });

  it('routes pending job events to the StartRunner state machine', () => {
    const pending = {
      source: 'gitlab-ephemeral-runners.webhook',
      'detail-type': 'GitLab Job Status Changed',
      detail: { status: 'pending' },
    };
    const targets = stack.rules.filter((rule) => rule.matches(pending)).flatMap((rule) => rule.targets);
    expect(targets.map((target) => target.logicalId)).toContain('StartRunnerStateMachine');
  });

  it('creates the tables the functions name in their environment', () => {
    const tableNames = stack.tables.map((table) => table.request.TableName);
    const start = stack.functions.find((fn) => fn.logicalId === 'StartRunnerFunction');
    expect(tableNames).toContain(start?.environment.GLR_STATE_TABLE_NAME);
    expect(start?.environment.GLR_LAUNCH_TEMPLATE_ID).toBe('lt-0123456789abcdef0');
  });
});
