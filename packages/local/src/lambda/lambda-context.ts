import type { Context } from 'aws-lambda';
import type { LocalFunction } from '../template/functions.ts';

const unsupported = (name: string) => () => {
  throw new Error(`context.${name}() is deprecated and not available locally: return or throw instead`);
};

/**
 * A Lambda context for one in-process invocation, shaped like the Node.js runtime's: names, ARN,
 * memory, log group and stream, request id and a deadline from the function's `Timeout`.
 */
export const createLambdaContext = (
  fn: LocalFunction,
  awsRequestId: string,
  startedAt = Date.now(),
): Context => {
  const deadline = startedAt + fn.timeoutSeconds * 1000;
  const day = new Date(startedAt).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: String(fn.memorySizeMb),
    awsRequestId,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `${day}/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
};
