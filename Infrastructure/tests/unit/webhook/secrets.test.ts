import { MissingParameterError, PARAMETER_NAMES, type SecretParameters } from '@glr/aws';
import { ConfigurationError } from '@glr/core';
import { describe, expect, it } from 'vitest';
import { createWebhookSecretsLoader } from '../../../src/webhook/secrets.ts';

/** SecretParameters over a plain map: the SSM adapter itself is tested against moto in @glr/aws. */
const parameters = (values: Record<string, string>): SecretParameters => ({
  find: async (name) => values[name],
  get: async (name) => {
    const value = values[name];
    if (value === undefined) throw new MissingParameterError(`/gitlabrunner/${name}`);
    return value;
  },
});

describe('createWebhookSecretsLoader', () => {
  it('accepts only the current secret when no rotation is under way', async () => {
    const load = createWebhookSecretsLoader(parameters({ [PARAMETER_NAMES.webhookSecret]: 'current' }));

    expect(await load()).toEqual({ tokens: ['current'], signingKey: undefined });
  });

  it('accepts the current and the previous secret during a rotation', async () => {
    const load = createWebhookSecretsLoader(
      parameters({
        [PARAMETER_NAMES.webhookSecret]: 'current',
        [PARAMETER_NAMES.webhookSecretPrevious]: 'old',
      }),
    );

    expect((await load()).tokens).toEqual(['current', 'old']);
  });

  it('decodes a whsec_ signing secret into its key', async () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const load = createWebhookSecretsLoader(
      parameters({
        [PARAMETER_NAMES.webhookSecret]: 'current',
        [PARAMETER_NAMES.webhookSigningSecret]: `whsec_${key.toString('base64')}`,
      }),
    );

    expect((await load()).signingKey).toEqual(key);
  });

  it.each(['not-a-whsec', 'whsec_', 'whsec_not base64!'])(
    'refuses the signing secret %j without echoing it',
    async (value) => {
      const load = createWebhookSecretsLoader(
        parameters({
          [PARAMETER_NAMES.webhookSecret]: 'current',
          [PARAMETER_NAMES.webhookSigningSecret]: value,
        }),
      );

      const error = await load().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toBe(
        "WebhookSigningSecret must be 'whsec_' followed by the base64 signing key",
      );
    },
  );

  it('fails when the webhook secret has not been created', async () => {
    await expect(createWebhookSecretsLoader(parameters({}))()).rejects.toThrow(MissingParameterError);
  });
});
