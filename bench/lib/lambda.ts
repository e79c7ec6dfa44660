// Loading and calling a Lambda handler outside Lambda: its template environment pointed at the
// loopback AWS stand-in, and a realistic context object.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from '../../scripts/lambda-functions.ts';
import { BenchError } from '../errors.ts';
import { BENCH_WEBHOOK_SECRET } from './job-hook.ts';
import { templateEnvironment } from './stack-environment.ts';

/** A Lambda handler as Node.js runtimes call it. */
export type LambdaHandler = (event: unknown, context: object) => Promise<unknown>;

/** The webhook function's handler source. */
export const WEBHOOK_HANDLER = join(repositoryRoot, 'Infrastructure', 'src', 'webhook', 'handler.ts');

/**
 * What the stand-in's SSM answers for the product's parameters (`<path><Name>`); the GitLab URL is
 * the stand-in itself, which answers any GitLab call with a fast 400.
 */
export const benchParameterValue = (name: string, standInUrl: string): string | undefined => {
  const leaf = name.slice(name.lastIndexOf('/') + 1);
  if (leaf === 'WebhookSecret') return BENCH_WEBHOOK_SECRET;
  if (leaf === 'Url') return standInUrl;
  if (leaf === 'AccessToken' || leaf === 'RegistrationToken') return 'bench-token-not-a-secret';
  return undefined;
};

/**
 * The environment of `<stack>/src/<name>` for a benchmark run: its template's variables, a region,
 * dummy credentials and every AWS client pointed at `awsEndpoint` (loopback). X-Ray tracing is off:
 * there is no daemon to send segments to.
 */
export const lambdaEnvironment = (
  stack: string,
  name: string,
  awsEndpoint: string,
): Record<string, string> => ({
  ...templateEnvironment(stack, name),
  POWERTOOLS_TRACE_ENABLED: 'false',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ENDPOINT_URL: awsEndpoint,
});

/** A Lambda context for one invocation of `functionName`. */
export const lambdaContext = (functionName: string): object => ({
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'bench',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Imports `modulePath` and returns its exported `handler`. */
export const importHandler = async (modulePath: string): Promise<LambdaHandler> => {
  const module = (await import(pathToFileURL(modulePath).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function')
    throw new BenchError(`${modulePath} exports no function named handler`);
  return module.handler as LambdaHandler;
};

/** The status code of an API Gateway proxy result, or 0 when the result is not one. */
export const statusCodeOf = (result: unknown): number =>
  typeof result === 'object' &&
  result !== null &&
  typeof (result as { statusCode?: unknown }).statusCode === 'number'
    ? (result as { statusCode: number }).statusCode
    : 0;
