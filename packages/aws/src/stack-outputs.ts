import { CloudFormationClient, DescribeStacksCommand, type Output } from '@aws-sdk/client-cloudformation';
import { StackOutputMissingError, toAwsCallError } from './call-errors.ts';
import { type AwsClientSettings, clientConfig } from './client-settings.ts';

/** What {@link readStackOutput} reads. */
export interface StackOutputRequest {
  readonly stackName: string;
  /** The output's logical key, e.g. `MappingTableName`. */
  readonly outputKey: string;
  readonly client?: CloudFormationClient;
  readonly settings?: AwsClientSettings;
}

/**
 * Reads one output of a deployed CloudFormation stack (DescribeStacks). Throws `AwsCallError`
 * (`stack X not found in region R`, access denied, …) or {@link StackOutputMissingError}.
 */
export const readStackOutput = async (request: StackOutputRequest): Promise<string> => {
  const client = request.client ?? new CloudFormationClient(clientConfig(request.settings));
  const { stackName, outputKey } = request;
  let outputs: Output[];
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = Stacks?.[0]?.Outputs ?? [];
  } catch (error) {
    const region = await client.config.region().catch(() => 'the configured region');
    throw toAwsCallError('CloudFormation DescribeStacks', error, {
      message: `stack ${stackName} not found in region ${region}`,
      isNotFound: (cause) => /does not exist/.test(cause.message),
    });
  }
  const value = outputs.find((output) => output.OutputKey === outputKey)?.OutputValue;
  if (value === undefined) {
    throw new StackOutputMissingError(
      stackName,
      outputKey,
      outputs.flatMap((output) => (output.OutputKey ? [output.OutputKey] : [])),
    );
  }
  return value;
};
