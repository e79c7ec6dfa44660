import { createStartRunnerExecutions } from '@glr/aws';
import { restartInput } from '@glr/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stepFunctionsRoute } from '../../../src/aws/stepfunctions-route.ts';
import { type LocalHttpServer, startLocalHttpServer } from '../../../src/http/http-server.ts';
import { LocalStateMachines } from '../../../src/stepfunctions/local-state-machines.ts';

const ARN = 'arn:aws:states:eu-west-1:000000000000:stateMachine:glr-StartRunner';

describe('local AWS endpoint: Step Functions StartExecution for an unchanged SDK client', () => {
  let server: LocalHttpServer;
  const inputs: unknown[] = [];
  const machines = new LocalStateMachines({
    machines: [
      {
        logicalId: 'StartRunnerStateMachine',
        name: 'glr-StartRunner',
        arn: ARN,
        type: 'EXPRESS',
        definition: {
          StartAt: 'Record',
          States: { Record: { Type: 'Task', Resource: 'arn:aws:states:::local:record', End: true } },
        },
      },
    ],
    invoke: async () => ({}),
    integrations: { 'local:record': async (input) => inputs.push(input) },
  });

  beforeAll(async () => {
    server = await startLocalHttpServer({ routes: [stepFunctionsRoute(machines)] });
    process.env.AWS_ENDPOINT_URL_SFN = server.url;
  });
  afterAll(async () => {
    await server.close();
  });

  it('starts the state machine with the input of the job restarter adapter', async () => {
    const job = { jobId: 12, jobName: 'unit', projectId: 42, pendingAt: '2026-03-02T10:15:01Z' };
    await createStartRunnerExecutions({ stateMachineArn: ARN }).restart(job);
    await vi.waitFor(() => expect(machines.executions.at(-1)?.status).toBe('SUCCEEDED'));
    expect(inputs).toEqual([restartInput(job)]);
  });

  it('answers StateMachineDoesNotExist for an unknown machine', async () => {
    const restarter = createStartRunnerExecutions({ stateMachineArn: `${ARN}-missing` });
    await expect(
      restarter.restart({ jobId: 1, jobName: 'x', projectId: 1, pendingAt: '2026-03-02T10:15:01Z' }),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });
});
