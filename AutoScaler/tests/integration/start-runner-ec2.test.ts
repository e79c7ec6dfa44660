import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { GetParameterCommand, ListTagsForResourceCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PARAMETER_PATH,
  pendingEvent,
  type StartRunnerHarness,
  startStartRunnerHarness,
} from '../support/start-runner-harness.ts';

let harness: StartRunnerHarness;
beforeAll(async () => {
  harness = await startStartRunnerHarness();
  await harness.mapping.write({
    put: [
      {
        jobName: 'docker-build',
        tags: ['docker'],
        type: 'EC2',
        instanceTypes: ['c7i.large'],
        executor: 'docker',
        dockerImage: 'node:24',
      },
    ],
    delete: [],
  });
});
afterAll(() => harness.stop());

const tokenParameter = async (instanceId: string) => {
  const Name = `${PARAMETER_PATH}runner-tokens/${instanceId}`;
  const { Parameter } = await harness.ssm.send(new GetParameterCommand({ Name, WithDecryption: true }));
  const { TagList } = await harness.ssm.send(
    new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: Name }),
  );
  return { type: Parameter?.Type, value: JSON.parse(Parameter?.Value ?? '{}') as unknown, tags: TagList };
};

describe('StartRunner with EC2 runners', () => {
  it('launches a tagged instance from the launch template and hands it its token in a SecureString named after it', async () => {
    const output = (await harness.run(pendingEvent({ id: 7001, name: 'docker-build' }))) as Record<
      string,
      unknown
    >;
    const instanceId = String(output.instanceId);
    const runner = harness.gitlab.runners().find((candidate) => candidate.description === output.runnerName);
    expect(runner).toMatchObject({ tags: ['docker'], maximumTimeout: 3600 });

    const described = await harness.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    const instance = described.Reservations?.[0]?.Instances?.[0];
    expect(instance?.InstanceType).toBe('c7i.large');
    expect(harness.network.subnetIds).toContain(instance?.SubnetId);
    expect(Object.fromEntries((instance?.Tags ?? []).map((tag) => [tag.Key, tag.Value]))).toMatchObject({
      'glr:managed': 'true',
      'glr:runner': output.runnerName,
      'glr:job': '7001',
      Name: output.runnerName,
    });
    expect(await tokenParameter(instanceId)).toEqual({
      type: 'SecureString',
      value: {
        url: harness.gitlab.url,
        token: runner?.token,
        runnerName: output.runnerName,
        executor: 'docker',
        dockerImage: 'node:24',
        waitTimeoutSeconds: 600,
      },
      tags: [
        { Key: 'glr:instance-id', Value: instanceId },
        { Key: 'glr:instance-arn', Value: `arn:aws:ec2:eu-west-1:123456789012:instance/${instanceId}` },
      ],
    });
    expect(await harness.state.getRunner(String(output.runnerName))).toMatchObject({
      status: 'started',
      kind: 'EC2',
      instanceId,
    });
  });

  it('falls back from spot to on-demand when every spot option reports no capacity', async () => {
    // moto always has capacity: the capacity errors come from a mock, the token parameter still goes to moto.
    const ec2 = mockClient(EC2Client);
    ec2.on(RunInstancesCommand).callsFake((input: { InstanceMarketOptions?: unknown }) => {
      if (input.InstanceMarketOptions) {
        throw Object.assign(new Error('There is no Spot capacity available'), {
          name: 'InsufficientInstanceCapacity',
        });
      }
      return { OwnerId: '123456789012', Instances: [{ InstanceId: 'i-0fa11bac40000001' }] };
    });
    try {
      const output = (await harness.run(pendingEvent({ id: 7002, name: 'docker-build' }))) as Record<
        string,
        unknown
      >;
      expect(output.instanceId).toBe('i-0fa11bac40000001');
      const attempts = ec2.commandCalls(RunInstancesCommand).map(({ args: [command] }) => ({
        spot: command.input.InstanceMarketOptions !== undefined,
        subnet: command.input.SubnetId,
      }));
      expect(attempts).toEqual([
        { spot: true, subnet: harness.network.subnetIds[0] },
        { spot: true, subnet: harness.network.subnetIds[1] },
        { spot: false, subnet: harness.network.subnetIds[0] },
      ]);
    } finally {
      ec2.restore();
    }
    expect((await tokenParameter('i-0fa11bac40000001')).type).toBe('SecureString');
  });
});
