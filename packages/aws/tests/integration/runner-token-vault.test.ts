import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type MotoServer, startMotoServer } from '@glr/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRunnerTokenVault, type RunnerTokenVault } from '../../src/index.ts';

const PATH = '/gitlabrunner/';
let moto: MotoServer;
let ssm: SSMClient;
let vault: RunnerTokenVault;

beforeAll(async () => {
  moto = await startMotoServer();
  ssm = new SSMClient({ endpoint: moto.endpoint });
});
afterAll(() => moto.stop());
beforeEach(async () => {
  await moto.reset();
  vault = createRunnerTokenVault({ parameterPath: PATH, client: ssm });
});

const parameter = (name: string) =>
  ssm.send(new GetParameterCommand({ Name: name })).then(
    (answer) => answer.Parameter,
    () => undefined,
  );

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

  it('refuses a parameter path without its slashes, naming the fix', () => {
    expect(() => createRunnerTokenVault({ parameterPath: 'gitlabrunner', client: ssm })).toThrow(
      'parameterPath must start and end with "/", e.g. /gitlabrunner/ (got gitlabrunner)',
    );
  });
});
