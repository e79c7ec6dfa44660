import { PARAMETER_NAMES } from '@glr/aws';
import type { Template } from '@glr/cfn-template';
import { callAwsJson } from '../aws/aws-json.ts';
import { callEc2, xmlValues } from '../aws/ec2-query.ts';
import type { TemplateResolver } from '../template/resolver.ts';
import type { GitLabConnection } from './gitlab-connection.ts';

/** The network moto gives the local runners (its default VPC). */
export interface LocalNetwork {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
}

/** moto's default VPC, subnets and security group. */
export const readLocalNetwork = async (motoEndpoint: string, region: string): Promise<LocalNetwork> => {
  const subnets = await callEc2(motoEndpoint, region, 'DescribeSubnets');
  const groups = await callEc2(motoEndpoint, region, 'DescribeSecurityGroups', { 'GroupName.1': 'default' });
  return {
    vpcId: xmlValues(subnets, 'vpcId')[0] ?? '',
    subnetIds: xmlValues(subnets, 'subnetId'),
    securityGroupId: xmlValues(groups, 'groupId')[0] ?? '',
  };
};

/** `Ref` values for a template's network resources: its subnets, security groups and VPCs map onto moto's. */
export const networkPhysicalIds = (template: Template, network: LocalNetwork): Record<string, string> => {
  let subnet = 0;
  return Object.fromEntries(
    Object.entries(template.Resources).flatMap(([logicalId, resource]): [string, string][] => {
      if (resource.Type === 'AWS::EC2::Subnet') {
        return [[logicalId, network.subnetIds[subnet++ % Math.max(1, network.subnetIds.length)] ?? '']];
      }
      if (resource.Type === 'AWS::EC2::SecurityGroup') return [[logicalId, network.securityGroupId]];
      if (resource.Type === 'AWS::EC2::VPC') return [[logicalId, network.vpcId]];
      return [];
    }),
  );
};

/** Creates a launch template in moto for the stack's runner launch template; returns its id. */
export const createLaunchTemplate = async (
  motoEndpoint: string,
  region: string,
  name: string,
): Promise<string> => {
  const answer = await callEc2(motoEndpoint, region, 'CreateLaunchTemplate', {
    LaunchTemplateName: name,
    'LaunchTemplateData.ImageId': 'ami-12c6146b',
  });
  return xmlValues(answer, 'launchTemplateId')[0] ?? '';
};

const putParameter = (motoEndpoint: string, region: string, body: Record<string, unknown>) =>
  callAwsJson({
    endpoint: motoEndpoint,
    region,
    service: 'ssm',
    target: 'AmazonSSM.PutParameter',
    body: { Overwrite: true, ...body },
  });

/** Creates a template's `AWS::SSM::Parameter` resources in moto, as CloudFormation would. */
export const createTemplateParameters = async (
  motoEndpoint: string,
  region: string,
  template: Template,
  resolver: TemplateResolver,
): Promise<void> => {
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::SSM::Parameter') continue;
    const properties = resolver.resolve(resource.Properties ?? {}, logicalId) as Record<string, unknown>;
    await putParameter(motoEndpoint, region, {
      Name: properties.Name,
      Value: properties.Value,
      Type: properties.Type ?? 'String',
    });
  }
};

/**
 * Puts the secrets an operator puts by hand in AWS (CloudFormation cannot create SecureStrings):
 * the webhook secret and the access or registration token, under the stack's parameter path.
 */
export const putGitLabSecrets = async (
  motoEndpoint: string,
  region: string,
  parameterPath: string,
  gitlab: GitLabConnection,
): Promise<void> => {
  const secrets: [string, string | undefined][] = [
    [PARAMETER_NAMES.url, gitlab.url],
    [PARAMETER_NAMES.webhookSecret, gitlab.webhookSecret],
    [PARAMETER_NAMES.accessToken, gitlab.accessToken],
    [PARAMETER_NAMES.registrationToken, gitlab.registrationToken],
  ];
  for (const [name, value] of secrets) {
    if (value === undefined) continue;
    const type = name === PARAMETER_NAMES.url ? 'String' : 'SecureString';
    await putParameter(motoEndpoint, region, { Name: `${parameterPath}${name}`, Value: value, Type: type });
  }
};
