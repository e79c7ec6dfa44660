import { readFileSync } from 'node:fs';
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateLaunchTemplateCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { parseTemplate } from '@glr/cfn-template';

const TEMPLATE = new URL('../../template.yaml', import.meta.url);

/** Creates a table with the key schema and indexes the AutoScaler template gives `logicalId`. */
export const createTableFromTemplate = async (
  client: DynamoDBClient,
  logicalId: 'MappingTable' | 'RunnerStateTable',
  tableName: string,
): Promise<void> => {
  const properties = parseTemplate(readFileSync(TEMPLATE, 'utf8')).Resources[logicalId]?.Properties ?? {};
  const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, BillingMode } = properties as Omit<
    CreateTableCommandInput,
    'TableName'
  >;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions,
      KeySchema,
      GlobalSecondaryIndexes,
      BillingMode,
    }),
  );
};

/** What the Infrastructure stack and the operator provide, created in moto. */
export interface Ec2Network {
  readonly subnetIds: readonly string[];
  readonly launchTemplateId: string;
}

/** A VPC with two subnets and a runner launch template shaped like the template's, in moto. */
export const createEc2Network = async (client: EC2Client): Promise<Ec2Network> => {
  const vpc = await client.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  const VpcId = vpc.Vpc?.VpcId;
  const subnets = await Promise.all(
    ['10.0.1.0/24', '10.0.2.0/24'].map((CidrBlock) =>
      client.send(new CreateSubnetCommand({ VpcId, CidrBlock })),
    ),
  );
  const images = await client.send(new DescribeImagesCommand({}));
  const template = await client.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: `glr-runners-${Date.now()}`,
      LaunchTemplateData: {
        ImageId: images.Images?.[0]?.ImageId,
        InstanceInitiatedShutdownBehavior: 'terminate',
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
      },
    }),
  );
  return {
    subnetIds: subnets.map((subnet) => subnet.Subnet?.SubnetId ?? ''),
    launchTemplateId: template.LaunchTemplate?.LaunchTemplateId ?? '',
  };
};

/** Writes the parameters the operator puts under the parameter path. */
export const putGitLabParameters = async (
  client: SSMClient,
  path: string,
  values: { readonly url: string; readonly accessToken?: string; readonly registrationToken?: string },
): Promise<void> => {
  const put = (name: string, Value: string, Type: 'String' | 'SecureString') =>
    client.send(new PutParameterCommand({ Name: `${path}${name}`, Value, Type, Overwrite: true }));
  await put('Url', values.url, 'String');
  if (values.accessToken) await put('AccessToken', values.accessToken, 'SecureString');
  if (values.registrationToken) await put('RegistrationToken', values.registrationToken, 'SecureString');
};

export { DynamoDBClient, EC2Client, SSMClient };
