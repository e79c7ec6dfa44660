import {
  GetParameterCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { type MotoServer, startMotoServer } from '@glr/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createRunnerTokenParameters,
  createRunnerTokenVault,
  type Ec2RunnerBootstrap,
  RUNNER_TOKEN_INSTANCE_ARN_TAG,
  RUNNER_TOKEN_INSTANCE_TAG,
  type RunnerTokenParameters,
  type RunnerTokenVault,
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
let vault: RunnerTokenVault;
let parameters: RunnerTokenParameters;

beforeAll(async () => {
  moto = await startMotoServer();
  ssm = new SSMClient({ endpoint: moto.endpoint });
});
afterAll(() => moto.stop());
beforeEach(async () => {
  await moto.reset();
  vault = createRunnerTokenVault({ parameterPath: PATH, client: ssm });
  parameters = createRunnerTokenParameters({ parameterPath: PATH, client: ssm });
});

const parameter = (name: string) =>
  ssm.send(new GetParameterCommand({ Name: name })).then(
    (answer) => answer.Parameter,
    () => undefined,
  );

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
});

describe('runner token vault on SSM (moto)', () => {
  it("keeps a runner's token as a SecureString under its name and reads it back", async () => {
    await vault.keep('glr-1-aaaaaa', 'glrt-kept-token');

    expect(await parameter(`${PATH}runner-tokens/glr-1-aaaaaa`)).toMatchObject({ Type: 'SecureString' });
    expect(await vault.read('glr-1-aaaaaa')).toBe('glrt-kept-token');
  });

  it('reads nothing for a runner whose token is not kept', async () => {
    expect(await vault.read('glr-2-bbbbbb')).toBeUndefined();
  });

  it('forgets a kept token, and forgetting it again is no error', async () => {
    await vault.keep('glr-1-aaaaaa', 'glrt-kept-token');

    await vault.forget('glr-1-aaaaaa');
    await vault.forget('glr-1-aaaaaa');

    expect(await vault.read('glr-1-aaaaaa')).toBeUndefined();
  });

  it("deletes an EC2 runner's bootstrap parameter, whether or not the runner already did", async () => {
    const name = `${PATH}runner-tokens/i-0abc`;
    await ssm.send(new PutParameterCommand({ Name: name, Type: 'SecureString', Value: '{"token":"x"}' }));

    await vault.deleteInstanceToken('i-0abc');
    await vault.deleteInstanceToken('i-0abc');

    expect(await parameter(name)).toBeUndefined();
  });
});

describe('runner token parameter names', () => {
  it.each([
    ['vault', () => createRunnerTokenVault({ parameterPath: 'gitlabrunner', client: ssm })],
    [
      'bootstrap parameters',
      () => createRunnerTokenParameters({ parameterPath: 'gitlabrunner', client: ssm }),
    ],
  ])('the %s refuse a parameter path without its slashes, naming the fix', (_, create) => {
    expect(create).toThrow(
      'parameterPath must start and end with "/", e.g. /gitlabrunner/ (got gitlabrunner)',
    );
  });
});
