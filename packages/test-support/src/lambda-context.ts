import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** What a test may set of a {@link lambdaContext}. */
export interface LambdaContextOptions {
  /** Default `glr-test-function`. */
  readonly functionName?: string;
  /** What `getRemainingTimeInMillis()` answers (default 30 000). */
  readonly remainingMs?: number;
}

/** A complete Lambda context, as the runtime passes it, with a fresh request id. */
export const lambdaContext = (options: LambdaContextOptions = {}): Context => {
  const functionName = options.functionName ?? 'glr-test-function';
  const remainingMs = options.remainingMs ?? 30_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
};
