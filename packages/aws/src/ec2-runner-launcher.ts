import { EC2Client, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import {
  Ec2CapacityError,
  type Ec2Executor,
  type Ec2LaunchAttempt,
  ec2LaunchAttempts,
  isEc2CapacityErrorCode,
  type LoggerPort,
  type RunnerLaunch,
  type RunnerLauncher,
  silentLogger,
} from '@glr/core';
import type { RunnerInstance, RunnerTokenParameters } from './runner-token-parameter.ts';

/** Tag every instance of this product carries; the control plane may terminate only those. */
export const MANAGED_TAG = 'glr:managed';

/** Settings of {@link createEc2RunnerLauncher}: the stack's EC2 defaults. */
export interface Ec2RunnerLauncherOptions {
  readonly launchTemplateId: string;
  /** Launch template version; default `$Default`. */
  readonly launchTemplateVersion?: string;
  readonly subnetIds: readonly string[];
  /** Instance types when the plan names none, in order of preference. */
  readonly defaultInstanceTypes: readonly string[];
  /** Try spot first (then on-demand). */
  readonly spot: boolean;
  readonly defaultExecutor: Ec2Executor;
  readonly defaultDockerImage: string;
  /** Root device of the AMI, for a plan's volume size; default `/dev/xvda`. */
  readonly rootDeviceName?: string;
  /** The GitLab URL runners connect to (read when a runner starts). */
  readonly gitlabUrl: () => Promise<string>;
  /** How long the runner waits for a job before its instance terminates. */
  readonly waitTimeoutSeconds: number;
  readonly tokenParameters: RunnerTokenParameters;
  readonly client?: EC2Client;
  readonly logger?: LoggerPort;
}

/**
 * Starts EC2 runners with RunInstances from the stack's launch template: one call per attempt of
 * {@link ec2LaunchAttempts} (spot, then on-demand, across instance types and subnets) until one is
 * not refused for capacity; then writes the runner's token parameter for the new instance. An
 * instance whose token cannot be written is terminated again.
 */
export const createEc2RunnerLauncher = (options: Ec2RunnerLauncherOptions): RunnerLauncher => {
  const client = options.client ?? new EC2Client({});
  const logger = options.logger ?? silentLogger;

  const runInstance = async (launch: RunnerLaunch, attempt: Ec2LaunchAttempt): Promise<RunnerInstance> => {
    const volumeSizeGiB = launch.plan.kind === 'EC2' ? launch.plan.ec2.volumeSizeGiB : undefined;
    const tags = [
      { Key: MANAGED_TAG, Value: 'true' },
      { Key: 'glr:runner', Value: launch.runnerName },
      { Key: 'glr:job', Value: String(launch.job.jobId) },
      { Key: 'Name', Value: launch.runnerName },
    ];
    const response = await client.send(
      new RunInstancesCommand({
        MinCount: 1,
        MaxCount: 1,
        LaunchTemplate: {
          LaunchTemplateId: options.launchTemplateId,
          Version: options.launchTemplateVersion ?? '$Default',
        },
        InstanceType: attempt.instanceType as never,
        SubnetId: attempt.subnetId,
        ...(attempt.purchase === 'spot'
          ? {
              InstanceMarketOptions: {
                MarketType: 'spot',
                SpotOptions: { SpotInstanceType: 'one-time', InstanceInterruptionBehavior: 'terminate' },
              },
            }
          : {}),
        ...(volumeSizeGiB
          ? {
              BlockDeviceMappings: [
                {
                  DeviceName: options.rootDeviceName ?? '/dev/xvda',
                  Ebs: {
                    VolumeSize: volumeSizeGiB,
                    VolumeType: 'gp3',
                    Encrypted: true,
                    DeleteOnTermination: true,
                  },
                },
              ],
            }
          : {}),
        TagSpecifications: [
          { ResourceType: 'instance', Tags: tags },
          { ResourceType: 'volume', Tags: tags },
        ],
      }),
    );
    const instanceId = response.Instances?.[0]?.InstanceId;
    if (!instanceId || !response.OwnerId)
      throw new Error('RunInstances answered without an instance id or owner');
    const region = await client.config.region();
    return {
      id: instanceId,
      arn: `arn:${partitionOf(region)}:ec2:${region}:${response.OwnerId}:instance/${instanceId}`,
    };
  };

  const launchFirstAvailable = async (launch: RunnerLaunch): Promise<RunnerInstance> => {
    const plan = launch.plan.kind === 'EC2' ? launch.plan.ec2 : {};
    const attempts = ec2LaunchAttempts({
      instanceTypes: plan.instanceTypes?.length ? plan.instanceTypes : options.defaultInstanceTypes,
      subnetIds: options.subnetIds,
      spot: options.spot,
    });
    let lastError: unknown;
    for (const attempt of attempts) {
      try {
        return await runInstance(launch, attempt);
      } catch (error) {
        if (!isEc2CapacityErrorCode((error as Error).name)) throw error;
        logger.warn('No EC2 capacity: trying the next option', { ...attempt, error: (error as Error).name });
        lastError = error;
      }
    }
    throw new Ec2CapacityError(attempts.length, { cause: lastError });
  };

  return {
    launch: async (launch) => {
      if (launch.plan.kind !== 'EC2') throw new TypeError(`EC2 launcher got a ${launch.plan.kind} plan`);
      const url = await options.gitlabUrl();
      const instance = await launchFirstAvailable(launch);
      const executor = launch.plan.ec2.executor ?? options.defaultExecutor;
      try {
        await options.tokenParameters.put(instance, {
          url,
          token: launch.runnerToken,
          runnerName: launch.runnerName,
          executor,
          ...(executor === 'docker'
            ? { dockerImage: launch.plan.ec2.dockerImage ?? options.defaultDockerImage }
            : {}),
          waitTimeoutSeconds: options.waitTimeoutSeconds,
        });
      } catch (error) {
        await client.send(new TerminateInstancesCommand({ InstanceIds: [instance.id] }));
        throw error;
      }
      return { instanceId: instance.id };
    },
  };
};

/** The AWS partition of a region: `aws`, `aws-cn` or `aws-us-gov`. */
const partitionOf = (region: string): string =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
