import type { AsyncInvocation } from '../aws/lambda-invoke-route.ts';
import type { LocalInstance } from '../runners/ec2-host.ts';
import type { RunnerView } from './local-state.ts';

/** A Lambda runner invocation, by the runner name its payload carried. */
export interface LambdaRunnerInvocation {
  readonly name: string;
  readonly invocation: AsyncInvocation;
}

/** The runners of the console view and `/local/state`: Lambda invocations and local EC2 instances. */
export const runnerViews = (
  lambdaRunners: readonly LambdaRunnerInvocation[],
  instances: readonly LocalInstance[],
): RunnerView[] => [
  ...lambdaRunners.map(({ name, invocation }) => ({
    name,
    kind: 'LAMBDA' as const,
    status: invocation.status,
    startedAt: invocation.startedAt.toISOString(),
    ...(invocation.finishedAt ? { finishedAt: invocation.finishedAt.toISOString() } : {}),
  })),
  ...instances.map((instance) => ({
    name: instance.runnerName,
    kind: 'EC2' as const,
    status: instance.state,
    startedAt: instance.launchedAt.toISOString(),
    ...(instance.terminatedAt ? { finishedAt: instance.terminatedAt.toISOString() } : {}),
    detail: `${instance.instanceId} ${instance.instanceType} ${instance.market} ${instance.subnetId}`,
  })),
];
