/**
 * Names of the runner token parameters, `<path>runner-tokens/<key>`: keyed by instance id for an EC2
 * runner's bootstrap, by runner name for a token kept in registration-token mode. Throws when
 * `parameterPath` lacks its leading or trailing slash.
 */
export const runnerTokenParameterName = (parameterPath: string): ((key: string) => string) => {
  if (!parameterPath.startsWith('/') || !parameterPath.endsWith('/')) {
    throw new TypeError(
      `parameterPath must start and end with "/", e.g. /gitlabrunner/ (got ${parameterPath})`,
    );
  }
  return (key) => `${parameterPath}runner-tokens/${key}`;
};

/** Settings both runner token adapters take. */
export interface RunnerTokenParameterOptions {
  /** The stack's parameter path with its trailing slash, e.g. `/gitlabrunner/`. */
  readonly parameterPath: string;
  /** KMS key for the SecureStrings; default the account's `alias/aws/ssm`. */
  readonly kmsKeyId?: string;
}

/** The `PutParameter` fields of a runner token: a SecureString, under the configured KMS key if any. */
export const secureStringFields = (options: RunnerTokenParameterOptions) =>
  ({ Type: 'SecureString', ...(options.kmsKeyId ? { KeyId: options.kmsKeyId } : {}) }) as const;
