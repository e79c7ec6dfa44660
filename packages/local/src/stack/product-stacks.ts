import { join } from 'node:path';
import { type LoadedStack, loadStack, type StackSource, stackExports } from '../template/load-stack.ts';
import type { GitLabConnection } from './gitlab-connection.ts';
import { type LocalNetwork, networkPhysicalIds } from './moto-setup.ts';

/** The product's three stacks as deployed locally, in deployment order. */
export interface ProductStacks {
  readonly infrastructure: LoadedStack;
  readonly autoscaler: LoadedStack;
  readonly runner: LoadedStack;
  readonly all: readonly LoadedStack[];
  /** The Infrastructure stack's SSM parameter path (`/gitlabrunner/`). */
  readonly parameterPath: string;
}

/** Where the product is "deployed" locally. */
export const LOCAL_REGION = 'eu-west-1';
export const LOCAL_ACCOUNT = '000000000000';

/**
 * Loads Infrastructure, LambdaShellRunner and AutoScaler as CloudFormation would deploy them: the
 * Infrastructure network on moto's, the AutoScaler importing the Infrastructure exports, its
 * default runner the LambdaShellRunner function, its launch template the one made in moto.
 */
export const loadProductStacks = (
  rootDir: string,
  gitlab: GitLabConnection,
  network: LocalNetwork,
  launchTemplateId: string,
): ProductStacks => {
  const deployment = (stackName: string) => ({ stackName, region: LOCAL_REGION, account: LOCAL_ACCOUNT });
  const stack = (folder: string, build: StackSource['deployment']) =>
    loadStack({ stackDir: join(rootDir, folder), rootDir, deployment: build });
  const infrastructure = stack('Infrastructure', (template) => ({
    ...deployment('glr-infrastructure'),
    parameters: { GitLabUrl: gitlab.url },
    physicalIds: networkPhysicalIds(template, network),
  }));
  const runner = stack('LambdaShellRunner', deployment('glr-lambda-shell-runner'));
  const exports = stackExports(infrastructure);
  const autoscaler = stack('AutoScaler', {
    ...deployment('glr-autoscaler'),
    parameters: { DefaultRunnerFunctionArn: runner.functions[0]?.arn ?? '', TokenMode: gitlab.tokenMode },
    imports: exports,
    physicalIds: { RunnerLaunchTemplate: launchTemplateId },
  });
  return {
    infrastructure,
    autoscaler,
    runner,
    all: [infrastructure, autoscaler, runner],
    parameterPath: exports['glr-infrastructure-ParameterPath'] ?? '/gitlabrunner/',
  };
};
