import {
  CreateTagsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { type MotoServer, startMotoServer } from '@glr/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManagedInstances, MANAGED_TAG, type ManagedInstances } from '../../src/index.ts';

let moto: MotoServer;
let ec2: EC2Client;
let instances: ManagedInstances;

beforeAll(async () => {
  moto = await startMotoServer();
  ec2 = new EC2Client({ endpoint: moto.endpoint });
});
afterAll(() => moto.stop());
beforeEach(async () => {
  await moto.reset();
  instances = createManagedInstances({ client: ec2 });
});

/** Launches one instance with `tags`; returns its id. */
const launch = async (tags: Record<string, string>): Promise<string> => {
  const images = await ec2.send(new DescribeImagesCommand({}));
  const response = await ec2.send(
    new RunInstancesCommand({
      ImageId: images.Images?.[0]?.ImageId,
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [
        { ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      ],
    }),
  );
  return response.Instances?.[0]?.InstanceId ?? '';
};
const stateOf = async (instanceId: string) =>
  (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]
    ?.Instances?.[0]?.State?.Name;

describe('managed instances on EC2 (moto)', () => {
  it('lists only instances tagged glr:managed=true, with their runner name and launch time', async () => {
    const managed = await launch({ [MANAGED_TAG]: 'true', 'glr:runner': 'glr-1-aaaaaa' });
    const unnamed = await launch({ [MANAGED_TAG]: 'true' });
    await launch({ Name: 'someone-elses' });
    await launch({ [MANAGED_TAG]: 'false', 'glr:runner': 'glr-2-bbbbbb' });

    const listed = await instances.list();

    expect(listed.map((instance) => instance.instanceId).sort()).toEqual([managed, unnamed].sort());
    expect(listed.find((instance) => instance.instanceId === managed)).toEqual({
      instanceId: managed,
      runnerName: 'glr-1-aaaaaa',
      launchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(listed.find((instance) => instance.instanceId === unnamed)).not.toHaveProperty('runnerName');
  });

  it('terminates an instance, which then leaves the list', async () => {
    const managed = await launch({ [MANAGED_TAG]: 'true', 'glr:runner': 'glr-1-aaaaaa' });

    await instances.terminate(managed);

    expect(await stateOf(managed)).toBe('terminated');
    expect(await instances.list()).toEqual([]);
  });

  it('counts an instance that is already terminated or unknown as terminated', async () => {
    const managed = await launch({ [MANAGED_TAG]: 'true' });
    await instances.terminate(managed);

    await expect(instances.terminate(managed)).resolves.toBeUndefined();
    await expect(instances.terminate('i-0123456789abcdef0')).resolves.toBeUndefined();
  });

  it('lists instances tagged after launch too (the tag, not the launch path, makes them ours)', async () => {
    const later = await launch({ Name: 'tagged-later' });
    await ec2.send(
      new CreateTagsCommand({ Resources: [later], Tags: [{ Key: MANAGED_TAG, Value: 'true' }] }),
    );

    expect((await instances.list()).map((instance) => instance.instanceId)).toEqual([later]);
  });
});
