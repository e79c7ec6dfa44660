import { ParameterNotFoundError } from '@aws-lambda-powertools/parameters';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { SSMClient } from '@aws-sdk/client-ssm';
import { MissingParameterError, ParameterReadError } from './errors.ts';

/** Names of the product's SSM parameters, relative to the stack's parameter path (`/gitlabrunner/`). */
export const PARAMETER_NAMES = {
  /** GitLab base URL (String, created by the Infrastructure stack). */
  url: 'Url',
  /** `X-Gitlab-Token` secret of the Job Hook webhook (SecureString). */
  webhookSecret: 'WebhookSecret',
  /** The previous webhook secret, accepted too while a rotation is under way (optional SecureString). */
  webhookSecretPrevious: 'WebhookSecretPrevious',
  /** `whsec_…` signing token of Standard Webhooks signatures (optional SecureString). */
  webhookSigningSecret: 'WebhookSigningSecret',
  /** Legacy runner registration token (SecureString, registration-token mode). */
  registrationToken: 'RegistrationToken',
  /** Access token with create_runner, manage_runner, read_api (SecureString, authentication-token mode). */
  accessToken: 'AccessToken',
} as const;

/** Decrypted reads of SSM parameters under one path, cached for a while so rotation takes effect. */
export interface SecretParameters {
  /** The value of `<path><name>`; throws {@link MissingParameterError} when it does not exist. */
  get(name: string): Promise<string>;
  /** The value of `<path><name>`, or `undefined` when it does not exist (absence is cached too). */
  find(name: string): Promise<string | undefined>;
}

/** Where and how long {@link createSecretParameters} reads. */
export interface SecretParametersOptions {
  /** Parameter path with leading and trailing slash, e.g. `/gitlabrunner/`. */
  readonly path: string;
  /** Seconds a value (or its absence) is served from memory before SSM is asked again. */
  readonly maxAgeSeconds: number;
  /** Defaults to a client from the environment (`AWS_ENDPOINT_URL_SSM` is honoured). */
  readonly client?: SSMClient;
}

/**
 * Reads SecureString (and String) parameters through Powertools Parameters with decryption and a
 * TTL cache. Values never appear in errors: only parameter names do.
 */
export const createSecretParameters = ({
  path,
  maxAgeSeconds,
  client = new SSMClient({}),
}: SecretParametersOptions): SecretParameters => {
  const provider = new SSMProvider({ awsSdkV3Client: client });
  const absentUntil = new Map<string, number>();

  const find = async (name: string): Promise<string | undefined> => {
    const fullName = `${path}${name}`;
    if ((absentUntil.get(fullName) ?? 0) > Date.now()) return undefined;
    try {
      const value = await provider.get(fullName, {
        decrypt: true,
        maxAge: maxAgeSeconds,
        throwOnMissing: true,
      });
      absentUntil.delete(fullName);
      return value;
    } catch (error) {
      if (!(error instanceof ParameterNotFoundError))
        throw new ParameterReadError(fullName, { cause: error });
      absentUntil.set(fullName, Date.now() + maxAgeSeconds * 1000);
      return undefined;
    }
  };

  return {
    find,
    get: async (name) => {
      const value = await find(name);
      if (value === undefined) throw new MissingParameterError(`${path}${name}`);
      return value;
    },
  };
};
