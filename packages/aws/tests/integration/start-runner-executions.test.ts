import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { restartInput } from '@glr/core';
import { type MotoServer, startMotoServer } from '@glr/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStartRunnerExecutions } from '../../src/index.ts';

const JOB = { jobId: 7, jobName: 'build', projectId: 42, pendingAt: '2026-03-02T10:00:00.000Z' };
let moto: MotoServer;
let sfn: SFNClient;
let stateMachineArn: string;

beforeAll(async () => {
  moto = await startMotoServer();
  sfn = new SFNClient({ endpoint: moto.endpoint });
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: 'start-runner',
      type: 'EXPRESS',
      roleArn: 'arn:aws:iam::123456789012:role/start-runner',
      definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }),
    }),
  );
  stateMachineArn = created.stateMachineArn ?? '';
});
afterAll(() => moto.stop());

describe('StartRunner executions on Step Functions (moto)', () => {
  it('restarts a job with one StartRunner execution whose input is the pending shape with restart: true', async () => {
    await createStartRunnerExecutions({ stateMachineArn, client: sfn }).restart(JOB);

    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(executions).toHaveLength(1);
    const execution = await sfn.send(
      new DescribeExecutionCommand({ executionArn: executions?.[0]?.executionArn }),
    );
    expect(JSON.parse(execution.input ?? '')).toEqual(restartInput(JOB));
    expect(JSON.parse(execution.input ?? '')).toMatchObject({
      restart: true,
      detail: { jobId: 7, status: 'pending' },
    });
  });

  it('fails with Step Functions’ own error when the state machine does not exist', async () => {
    const missing = createStartRunnerExecutions({
      stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:missing',
      client: sfn,
    });

    await expect(missing.restart(JOB)).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });
});
