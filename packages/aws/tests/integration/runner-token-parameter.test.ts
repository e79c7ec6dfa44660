import { GetParameterCommand, ListTagsForResourceCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type MotoServer, startMotoServer } from '@glr/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createRunnerTokenParameters,
  type Ec2RunnerBootstrap,
  RUNNER_TOKEN_INSTANCE_ARN_TAG,
  RUNNER_TOKEN_INSTANCE_TAG,
  type RunnerTokenParameters,
} from '../../src/index.ts';

const PATH = '/gitlabrunner/';
const INSTANCE = { id: 'i-0abc', arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc' };
const BOOTSTRAP: Ec2RunnerBootstrap = {
  url: 'https://gitlab.example.com',
  token: 'glrt-runner-token',
  runnerName: 'glr-1-aaaaaa',
  executor: 'docker',
  dockerImage: 'alpine:3',
  waitTimeoutSeconds: 600,
};
let moto: MotoServer;
let ssm: SSMClient;
let parameters: RunnerTokenParameters;

beforeAll(async () => {
  moto = await startMotoServer();
  ssm = new SSMClient({ endpoint: moto.endpoint });
});
afterAll(() => moto.stop());
beforeEach(async () => {
  await moto.reset();
  parameters = createRunnerTokenParameters({ parameterPath: PATH, client: ssm });
});

describe('runner token parameters on SSM (moto)', () => {
  it("writes the instance's bootstrap as a SecureString named after the instance", async () => {
    await parameters.put(INSTANCE, BOOTSTRAP);

    expect(parameters.nameFor('i-0abc')).toBe('/gitlabrunner/runner-tokens/i-0abc');
    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: parameters.nameFor('i-0abc'), WithDecryption: true }),
    );
    expect(Parameter?.Type).toBe('SecureString');
    expect(JSON.parse(Parameter?.Value ?? '')).toEqual(BOOTSTRAP);
  });

  it('tags the parameter with the instance id and ARN the instance role is scoped by', async () => {
    await parameters.put(INSTANCE, BOOTSTRAP);

    const { TagList } = await ssm.send(
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: parameters.nameFor('i-0abc') }),
    );
    expect(TagList).toEqual(
      expect.arrayContaining([
        { Key: RUNNER_TOKEN_INSTANCE_TAG, Value: INSTANCE.id },
        { Key: RUNNER_TOKEN_INSTANCE_ARN_TAG, Value: INSTANCE.arn },
      ]),
    );
  });

  it('never overwrites the parameter of an instance', async () => {
    await parameters.put(INSTANCE, BOOTSTRAP);

    await expect(parameters.put(INSTANCE, { ...BOOTSTRAP, token: 'glrt-other' })).rejects.toMatchObject({
      name: 'ParameterAlreadyExists',
    });
  });

  it('refuses a parameter path without its slashes, naming the fix', () => {
    expect(() => createRunnerTokenParameters({ parameterPath: '/gitlabrunner', client: ssm })).toThrow(
      'parameterPath must start and end with "/"',
    );
  });
});
