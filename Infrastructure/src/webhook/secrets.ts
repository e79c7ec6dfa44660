import { PARAMETER_NAMES, type SecretParameters } from '@glr/aws';
import { decodeSigningSecret } from './signature.ts';

/** The secrets a webhook request is checked against. */
export interface WebhookSecrets {
  /** Accepted `X-Gitlab-Token` values: the current secret, and the previous one during a rotation. */
  readonly tokens: readonly string[];
  /** HMAC key of Standard Webhooks signatures, when a signing secret is configured. */
  readonly signingKey: Buffer | undefined;
}

/**
 * Loads the webhook secrets from SSM (`WebhookSecret`, optional `WebhookSecretPrevious` and
 * `WebhookSigningSecret`); the parameters' cache decides how often SSM is read.
 */
export const createWebhookSecretsLoader =
  (parameters: SecretParameters) => async (): Promise<WebhookSecrets> => {
    const [current, previous, signing] = await Promise.all([
      parameters.get(PARAMETER_NAMES.webhookSecret),
      parameters.find(PARAMETER_NAMES.webhookSecretPrevious),
      parameters.find(PARAMETER_NAMES.webhookSigningSecret),
    ]);
    return {
      tokens: previous === undefined ? [current] : [current, previous],
      signingKey:
        signing === undefined
          ? undefined
          : decodeSigningSecret(signing, PARAMETER_NAMES.webhookSigningSecret),
    };
  };
