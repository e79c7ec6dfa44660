import { readFileSync } from 'node:fs';
import { parseTemplate } from '@glr/cfn-template';
import { JOB_EVENT_SOURCE } from '@glr/core';
import { describe, expect, it } from 'vitest';

const template = parseTemplate(readFileSync(new URL('../../template.yaml', import.meta.url), 'utf8'));
const resource = (id: string) => {
  const found = template.Resources[id];
  if (!found) throw new Error(`template has no resource ${id}`);
  return found;
};

/** Every IAM action string anywhere under `value`. */
const actions = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(actions);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === 'Action' ? [item].flat().map(String) : actions(item),
  );
};

describe('Infrastructure template', () => {
  it('sends every alarm to the optional AlarmTopicArn', () => {
    const alarms = Object.values(template.Resources).filter(
      (entry) => entry.Type === 'AWS::CloudWatch::Alarm',
    );
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.Properties?.AlarmActions).toEqual({
        'Fn::If': ['HasAlarmTopic', [{ Ref: 'AlarmTopicArn' }], { Ref: 'AWS::NoValue' }],
      });
    }
  });

  it('alarms when the webhook could not put an event on the bus', () => {
    expect(resource('EventPutFailedAlarm').Properties).toMatchObject({
      Namespace: 'GitLabRunners',
      MetricName: 'EventPutFailed',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it.each([
    'WebhookUrl',
    'EventBusName',
    'EventBusArn',
    'RunnerImageRepositoryUri',
    'RunnerImageRepositoryName',
    'VpcId',
    'SubnetIds',
    'RunnerSecurityGroupId',
    'ParameterPath',
  ])('exports %s as <stack name>-%s for the other stacks', (name) => {
    expect(template.Outputs[name]?.Export?.Name).toEqual({ 'Fn::Sub': `\${AWS::StackName}-${name}` });
  });

  it('builds the webhook with the repository Makefile and serves it on POST /webhook (payload v2)', () => {
    const webhook = resource('WebhookFunction');
    expect(webhook.Metadata).toEqual({ BuildMethod: 'makefile' });
    expect(webhook.Properties).toMatchObject({ CodeUri: '.', Handler: 'index.handler' });
    expect(webhook.Properties?.Events).toEqual({
      Webhook: {
        Type: 'HttpApi',
        Properties: {
          ApiId: { Ref: 'WebhookApi' },
          Method: 'POST',
          Path: '/webhook',
          PayloadFormatVersion: '2.0',
        },
      },
    });
    const globals = (template as unknown as { Globals: { Function: Record<string, unknown> } }).Globals
      .Function;
    expect(globals).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    expect(readFileSync(new URL('../../Makefile', import.meta.url), 'utf8')).toContain(
      'build-WebhookFunction:',
    );
  });

  it('archives exactly the events the webhook puts on the bus', () => {
    expect(resource('EventArchive').Properties?.EventPattern).toEqual({ source: [JOB_EVENT_SOURCE] });
  });

  it('grants no wildcard action, and reads only the webhook secrets from SSM', () => {
    const granted = actions(template.Resources);
    expect(granted.filter((action) => action.includes('*'))).toEqual([]);
    const policies = JSON.stringify(resource('WebhookFunction').Properties?.Policies);
    expect(policies).not.toMatch(/RegistrationToken|AccessToken/);
    expect(policies).toContain('parameter${ParameterPath}WebhookSecret');
  });

  it('keeps runner images immutable, scanned on push, with a lifecycle policy', () => {
    expect(resource('RunnerImageRepository').Properties).toMatchObject({
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
      LifecyclePolicy: { LifecyclePolicyText: expect.anything() },
    });
  });

  it('puts the two runner subnets of each kind in different Availability Zones', () => {
    for (const [a, b] of [
      ['PublicSubnetA', 'PublicSubnetB'],
      ['PrivateSubnetA', 'PrivateSubnetB'],
    ] as const) {
      expect(resource(a).Properties?.AvailabilityZone).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
      expect(resource(b).Properties?.AvailabilityZone).toEqual({ 'Fn::Select': [1, { 'Fn::GetAZs': '' }] });
    }
  });

  it('lets nothing into the runner security group', () => {
    expect(resource('RunnerSecurityGroup').Properties?.SecurityGroupIngress).toBeUndefined();
  });
});
