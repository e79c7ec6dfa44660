import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type MotoServer, startMotoServer } from '@glr/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSecretParameters,
  MissingParameterError,
  PARAMETER_NAMES,
  ParameterReadError,
  type SecretParameters,
} from '../../src/index.ts';

const PATH = '/gitlabrunner/';
let moto: MotoServer;
let ssm: SSMClient;
let secrets: SecretParameters;

const putSecret = (name: string, value: string) =>
  ssm.send(
    new PutParameterCommand({ Name: `${PATH}${name}`, Value: value, Type: 'SecureString', Overwrite: true }),
  );

beforeAll(async () => {
  moto = await startMotoServer();
  ssm = new SSMClient({ endpoint: moto.endpoint });
});

afterAll(async () => {
  await moto.stop();
});

beforeEach(async () => {
  await moto.reset();
  secrets = createSecretParameters({ path: PATH, maxAgeSeconds: 60, client: ssm });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createSecretParameters against moto', () => {
  it('reads and decrypts a SecureString under the path', async () => {
    await putSecret(PARAMETER_NAMES.webhookSecret, 'hook-secret-1');

    expect(await secrets.get(PARAMETER_NAMES.webhookSecret)).toBe('hook-secret-1');
  });

  it('serves the cached value until the TTL passes, then the rotated one', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T10:00:00Z') });
    await putSecret(PARAMETER_NAMES.webhookSecret, 'before-rotation');
    expect(await secrets.get(PARAMETER_NAMES.webhookSecret)).toBe('before-rotation');

    await putSecret(PARAMETER_NAMES.webhookSecret, 'after-rotation');
    vi.setSystemTime(new Date('2026-03-02T10:00:59Z'));
    expect(await secrets.get(PARAMETER_NAMES.webhookSecret)).toBe('before-rotation');

    vi.setSystemTime(new Date('2026-03-02T10:01:01Z'));
    expect(await secrets.get(PARAMETER_NAMES.webhookSecret)).toBe('after-rotation');
  });

  it('finds nothing for an absent optional parameter, and notices it once created after the TTL', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T10:00:00Z') });
    expect(await secrets.find(PARAMETER_NAMES.webhookSecretPrevious)).toBeUndefined();

    await putSecret(PARAMETER_NAMES.webhookSecretPrevious, 'old-secret');
    expect(await secrets.find(PARAMETER_NAMES.webhookSecretPrevious)).toBeUndefined();

    vi.setSystemTime(new Date('2026-03-02T10:01:01Z'));
    expect(await secrets.find(PARAMETER_NAMES.webhookSecretPrevious)).toBe('old-secret');
  });

  it('names the missing parameter and the command that creates it', async () => {
    const error = await secrets.get(PARAMETER_NAMES.accessToken).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MissingParameterError);
    expect((error as Error).message).toBe(
      'SSM parameter /gitlabrunner/AccessToken does not exist: create it with ' +
        'aws ssm put-parameter --name /gitlabrunner/AccessToken --type SecureString --value <value>',
    );
  });

  it('wraps a failed read in a ParameterReadError that carries the name, never a value', async () => {
    const unreachable = new SSMClient({ endpoint: 'http://127.0.0.1:1', maxAttempts: 1 });
    const offline = createSecretParameters({ path: PATH, maxAgeSeconds: 60, client: unreachable });

    const error = await offline.get(PARAMETER_NAMES.webhookSecret).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ParameterReadError);
    expect(error).toMatchObject({ parameterName: '/gitlabrunner/WebhookSecret' });
  });
});
