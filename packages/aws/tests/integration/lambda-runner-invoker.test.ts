import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { RunnerLaunch, RunnerPlan } from '@glr/core';
import { type MotoServer, startMotoServer } from '@glr/test-support';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaRunnerInvoker, LambdaRunnerInvokeError } from '../../src/index.ts';

const GITLAB_URL = 'https://gitlab.example.com';
/** An empty zip archive (end-of-central-directory record only): moto stores the code, never runs it here. */
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
let moto: MotoServer;
let lambda: LambdaClient;
let functionArn: string;

const launchOf = (plan: RunnerPlan): RunnerLaunch => ({
  runnerName: 'glr-7-aaaaaa',
  job: { jobId: 7, jobName: 'build', projectId: 42, pendingAt: '2026-03-02T10:00:00.000Z' },
  plan,
  runnerToken: 'glrt-runner-token',
});
const lambdaPlan = (arn: string): RunnerPlan => ({
  kind: 'LAMBDA',
  functionArn: arn,
  tags: ['node'],
  runUntagged: false,
  maximumTimeout: 840,
  source: 'mapping',
  tagsFromApi: false,
});

beforeAll(async () => {
  moto = await startMotoServer();
  lambda = new LambdaClient({ endpoint: moto.endpoint });
  const role = await new IAMClient({ endpoint: moto.endpoint, region: 'us-east-1' }).send(
    new CreateRoleCommand({ RoleName: 'glr-runner', AssumeRolePolicyDocument: '{}' }),
  );
  const created = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'glr-runner-node',
      Runtime: 'nodejs22.x',
      Role: role.Role?.Arn,
      Handler: 'index.handler',
      Code: { ZipFile: EMPTY_ZIP },
    }),
  );
  functionArn = created.FunctionArn ?? '';
});
afterAll(() => moto.stop());

describe('Lambda runner invoker on Lambda (moto)', () => {
  it('queues one asynchronous invocation of the planned function', async () => {
    const invoker = createLambdaRunnerInvoker({ gitlabUrl: async () => GITLAB_URL, client: lambda });

    await expect(invoker.launch(launchOf(lambdaPlan(functionArn)))).resolves.toEqual({});
  });

  it('fails with Lambda’s own error when the planned function does not exist', async () => {
    const invoker = createLambdaRunnerInvoker({ gitlabUrl: async () => GITLAB_URL, client: lambda });
    const missing = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-runner-missing';

    await expect(invoker.launch(launchOf(lambdaPlan(missing)))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses an EC2 plan', async () => {
    const invoker = createLambdaRunnerInvoker({ gitlabUrl: async () => GITLAB_URL, client: lambda });
    const ec2: RunnerPlan = { ...lambdaPlan(functionArn), kind: 'EC2', ec2: {} } as RunnerPlan;

    await expect(invoker.launch(launchOf(ec2))).rejects.toThrow('Lambda invoker got a EC2 plan');
  });
});

describe('Lambda runner invoker when Lambda does not queue the event', () => {
  it('sends the runner payload and throws LambdaRunnerInvokeError on any status but 202', async () => {
    // moto answers every accepted Event invoke with 202, so this status comes from aws-sdk-client-mock.
    const client = new LambdaClient({ endpoint: 'http://127.0.0.1:1' });
    const mocked = mockClient(client);
    mocked.on(InvokeCommand).resolves({ StatusCode: 200 });
    const invoker = createLambdaRunnerInvoker({ gitlabUrl: async () => GITLAB_URL, client });

    const error = await invoker.launch(launchOf(lambdaPlan(functionArn))).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LambdaRunnerInvokeError);
    expect((error as Error).message).not.toContain('glrt-runner-token');
    const [call] = mocked.commandCalls(InvokeCommand);
    expect(call?.args[0].input).toMatchObject({ FunctionName: functionArn, InvocationType: 'Event' });
    expect(JSON.parse(new TextDecoder().decode(call?.args[0].input.Payload as Uint8Array))).toEqual({
      runnerName: 'glr-7-aaaaaa',
      gitlabUrl: GITLAB_URL,
      runnerToken: 'glrt-runner-token',
      tags: ['node'],
      maximumTimeout: 840,
      jobId: 7,
    });
  });
});
