import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  type RunnerTokenParameterOptions,
  runnerTokenParameterName,
  secureStringFields,
} from './runner-token-names.ts';

/** What an EC2 runner reads from its token parameter (see ami-preparation/README.md "Contract"). */
export interface Ec2RunnerBootstrap {
  readonly url: string;
  /** The runner's own token: the only secret in it. */
  readonly token: string;
  readonly runnerName: string;
  readonly executor: 'docker' | 'shell';
  readonly dockerImage?: string;
  /** How long `run-single` waits for a job before the instance gives up and terminates. */
  readonly waitTimeoutSeconds: number;
}

/** Tag naming the instance a token parameter belongs to, for people and the reaper. */
export const RUNNER_TOKEN_INSTANCE_TAG = 'glr:instance-id';
/**
 * Tag the runner's instance role is scoped by: IAM compares it with `${ec2:SourceInstanceARN}` (it
 * has no policy variable holding the bare instance id), so an instance may read and delete only its
 * own parameter.
 */
export const RUNNER_TOKEN_INSTANCE_ARN_TAG = 'glr:instance-arn';

/** The instance a token parameter is written for. */
export interface RunnerInstance {
  readonly id: string;
  readonly arn: string;
}

/** Writes EC2 runners' token parameters: `<path>runner-tokens/<instance id>`, SecureString. */
export interface RunnerTokenParameters {
  /** The parameter name for an instance. */
  nameFor(instanceId: string): string;
  /** Creates the instance's SecureString (never overwrites), tagged with the instance's id and ARN. */
  put(instance: RunnerInstance, bootstrap: Ec2RunnerBootstrap): Promise<void>;
}

/** Settings of {@link createRunnerTokenParameters}. */
export interface RunnerTokenParametersOptions extends RunnerTokenParameterOptions {
  readonly client?: SSMClient;
}

/** Creates the SSM adapter that hands EC2 runners their token. */
export const createRunnerTokenParameters = (options: RunnerTokenParametersOptions): RunnerTokenParameters => {
  const nameFor = runnerTokenParameterName(options.parameterPath);
  const client = options.client ?? new SSMClient({});
  return {
    nameFor,
    put: async (instance, bootstrap) => {
      await client.send(
        new PutParameterCommand({
          Name: nameFor(instance.id),
          Value: JSON.stringify(bootstrap),
          ...secureStringFields(options),
          Tags: [
            { Key: RUNNER_TOKEN_INSTANCE_TAG, Value: instance.id },
            { Key: RUNNER_TOKEN_INSTANCE_ARN_TAG, Value: instance.arn },
          ],
        }),
      );
    },
  };
};
