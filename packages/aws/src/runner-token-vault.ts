import {
  DeleteParameterCommand,
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import {
  type RunnerTokenParameterOptions,
  runnerTokenParameterName,
  secureStringFields,
} from './runner-token-names.ts';

/** Settings of {@link createRunnerTokenVault}. */
export interface RunnerTokenVaultOptions extends RunnerTokenParameterOptions {
  readonly client?: SSMClient;
}

/**
 * Runner token parameters the control plane deletes: an EC2 runner's bootstrap parameter
 * (`<path>runner-tokens/<instance id>`, which the runner normally deletes itself), and in
 * registration-token mode the runner's own token kept under its name
 * (`<path>runner-tokens/<runner name>`), the only way to delete such a runner from GitLab later
 * (`DELETE /runners` with the token) without an access token. Every delete tolerates "not found".
 */
export interface RunnerTokenVault {
  /** Keeps a registration-token-mode runner's token until the runner is deleted. */
  keep(runnerName: string, token: string): Promise<void>;
  /** The kept token, or `undefined` when none is kept. */
  read(runnerName: string): Promise<string | undefined>;
  /** Deletes the kept token of a runner. */
  forget(runnerName: string): Promise<void>;
  /** Deletes an EC2 runner's bootstrap parameter. */
  deleteInstanceToken(instanceId: string): Promise<void>;
}

/** Creates the SSM adapter of {@link RunnerTokenVault}. */
export const createRunnerTokenVault = (options: RunnerTokenVaultOptions): RunnerTokenVault => {
  const nameOf = runnerTokenParameterName(options.parameterPath);
  const client = options.client ?? new SSMClient({});
  const remove = async (key: string) => {
    try {
      await client.send(new DeleteParameterCommand({ Name: nameOf(key) }));
    } catch (error) {
      if (!(error instanceof ParameterNotFound)) throw error;
    }
  };
  return {
    keep: async (runnerName, token) => {
      await client.send(
        new PutParameterCommand({ Name: nameOf(runnerName), Value: token, ...secureStringFields(options) }),
      );
    },
    read: async (runnerName) => {
      try {
        const { Parameter } = await client.send(
          new GetParameterCommand({ Name: nameOf(runnerName), WithDecryption: true }),
        );
        return Parameter?.Value;
      } catch (error) {
        if (error instanceof ParameterNotFound) return undefined;
        throw error;
      }
    },
    forget: remove,
    deleteInstanceToken: remove,
  };
};
