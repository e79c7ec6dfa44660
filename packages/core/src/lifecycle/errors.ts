import { CoreError } from '../errors.ts';

/** A runner was created in GitLab but could not be started; it was deleted again and its record failed. */
export class RunnerLaunchError extends CoreError {
  public readonly runnerName: string;

  public constructor(runnerName: string, options?: ErrorOptions) {
    super(`Runner ${runnerName} could not be started: ${describeCause(options?.cause)}`, options);
    this.name = 'RunnerLaunchError';
    this.runnerName = runnerName;
  }
}

/** Every EC2 launch attempt (instance types × subnets × purchase options) hit a capacity error. */
export class Ec2CapacityError extends CoreError {
  public readonly attempts: number;

  public constructor(attempts: number, options?: ErrorOptions) {
    super(
      `No EC2 capacity after ${attempts} launch attempts (every instance type, subnet and purchase option ` +
        `tried): add instance types or subnets, or allow on-demand: ${describeCause(options?.cause)}`,
      options,
    );
    this.name = 'Ec2CapacityError';
    this.attempts = attempts;
  }
}

/** Error names of the lifecycle that Step Functions `Retry`/`Catch` match on. */
export const LIFECYCLE_ERROR_NAMES = {
  runnerLaunch: 'RunnerLaunchError',
  ec2Capacity: 'Ec2CapacityError',
} as const;

const describeCause = (cause: unknown): string =>
  cause instanceof Error ? `${cause.name}: ${cause.message}` : 'unknown cause';
