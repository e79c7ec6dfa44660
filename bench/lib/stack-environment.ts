// The environment each Lambda function gets from its stack template, resolved by the local stack's
// own template loader (`loadStack` of @glr/local) for a deployment of the three stacks in
// us-east-1, the AutoScaler importing the Infrastructure stack's exports as CloudFormation would.
import { basename, dirname, join, relative, sep } from 'node:path';
import { type LoadedStack, loadStack, stackExports } from '@glr/local';
import { repositoryRoot } from '../../scripts/lambda-functions.ts';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

/** Stack names as the README deploys them: the AutoScaler imports `glr-infrastructure-*` exports. */
const STACK_NAMES: Readonly<Record<string, string>> = {
  Infrastructure: 'glr-infrastructure',
  AutoScaler: 'glr-autoscaler',
  LambdaShellRunner: 'glr-lambda-shell-runner',
};

const load = (
  folder: string,
  extra: { parameters?: Record<string, string>; imports?: Record<string, string> } = {},
) =>
  loadStack({
    stackDir: join(repositoryRoot, folder),
    rootDir: repositoryRoot,
    deployment: { stackName: STACK_NAMES[folder] ?? folder, region: REGION, account: ACCOUNT, ...extra },
  });

let cached: ReadonlyMap<string, Readonly<Record<string, string>>> | undefined;

/** `<Stack>/<function>` (the function's `src/<function>/handler.ts` folder) of each function of `stacks`. */
const byFunctionId = (stacks: readonly LoadedStack[]) =>
  new Map(
    stacks.flatMap((stack) =>
      stack.functions.map((fn) => {
        const stackFolder = relative(repositoryRoot, fn.handlerPath).split(sep)[0] ?? '';
        return [`${stackFolder}/${basename(dirname(fn.handlerPath))}`, fn.environment] as const;
      }),
    ),
  );

/** The template environment of `<stack>/src/<name>`, or an empty one when no template names it. */
export const templateEnvironment = (stack: string, name: string): Readonly<Record<string, string>> => {
  if (cached === undefined) {
    const infrastructure = load('Infrastructure');
    const runner = load('LambdaShellRunner');
    const autoscaler = load('AutoScaler', {
      parameters: { DefaultRunnerFunctionArn: runner.functions[0]?.arn ?? '' },
      imports: stackExports(infrastructure),
    });
    cached = byFunctionId([infrastructure, autoscaler, runner]);
  }
  return cached.get(`${stack}/${name}`) ?? {};
};
