import { DescribeInstancesCommand, EC2Client, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import type { ManagedInstance } from '@glr/core';
import { MANAGED_TAG } from './ec2-runner-launcher.ts';

/** Settings of {@link createManagedInstances}. */
export interface ManagedInstancesOptions {
  readonly client?: EC2Client;
}

/** The EC2 instances of this product: only those tagged `glr:managed=true` are ever listed or ended. */
export interface ManagedInstances {
  /** Instances tagged `glr:managed=true` that are pending, running, stopping or stopped. */
  list(): Promise<ManagedInstance[]>;
  /** Terminates an instance; one already terminated or gone counts as terminated. */
  terminate(instanceId: string): Promise<void>;
}

/** Error codes EC2 answers for an instance id that no longer exists. */
const GONE = new Set(['InvalidInstanceID.NotFound', 'InvalidInstanceID.Malformed']);

/**
 * The EC2 adapter of the stop flow and the reaper. Termination relies on IAM too: the functions may
 * terminate only instances whose `glr:managed` tag is `true`, whatever id an event names.
 */
export const createManagedInstances = (options: ManagedInstancesOptions = {}): ManagedInstances => {
  const client = options.client ?? new EC2Client({});
  return {
    list: async () => {
      const instances: ManagedInstance[] = [];
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new DescribeInstancesCommand({
            Filters: [
              { Name: `tag:${MANAGED_TAG}`, Values: ['true'] },
              { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
            ],
            ...(NextToken ? { NextToken } : {}),
          }),
        );
        for (const instance of (page.Reservations ?? []).flatMap(
          (reservation) => reservation.Instances ?? [],
        )) {
          if (!instance.InstanceId) continue;
          const runnerName = instance.Tags?.find((tag) => tag.Key === 'glr:runner')?.Value;
          instances.push({
            instanceId: instance.InstanceId,
            launchedAt: (instance.LaunchTime ?? new Date(0)).toISOString(),
            ...(runnerName ? { runnerName } : {}),
          });
        }
        NextToken = page.NextToken;
      } while (NextToken);
      return instances;
    },
    terminate: async (instanceId) => {
      try {
        await client.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
      } catch (error) {
        if (!GONE.has((error as Error).name)) throw error;
      }
    },
  };
};
