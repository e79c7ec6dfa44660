import { type LoggerPort, silentLogger } from '@glr/core';
import { FunctionNotFoundError, LambdaFunctionError } from '../errors.ts';
import { jsonResponse, type LocalRoute } from '../http/http-server.ts';

/** Runs a function in process (see `LocalLambdaRuntime.invoke`). */
export type InvokeLocally = (nameOrArn: string, payload: unknown) => Promise<unknown>;

/** One asynchronous (`Event`) invocation the route accepted. */
export interface AsyncInvocation {
  readonly functionName: string;
  readonly startedAt: Date;
  status: 'running' | 'succeeded' | 'failed';
  finishedAt?: Date;
  /** The error name of a failed invocation. */
  error?: string;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

const errorPayload = (error: LambdaFunctionError) =>
  JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, trace: [] });

const parsePayload = (body: Buffer): unknown => (body.length === 0 ? {} : JSON.parse(body.toString('utf8')));

/**
 * Lambda's `Invoke` API (`POST /2015-03-31/functions/:name/invocations`) served by in-process
 * handlers, so an unchanged SDK client pointed here with `AWS_ENDPOINT_URL_LAMBDA` works:
 * `RequestResponse` answers 200 with the result (or `X-Amz-Function-Error: Unhandled` and the
 * error), `Event` answers 202 and runs the function in the background, `DryRun` answers 204.
 * Lambda's retries of failed asynchronous invocations are not reproduced.
 */
export const lambdaInvokeRoute = (options: {
  readonly invoke: InvokeLocally;
  /**
   * Told of each `Event` invocation with its payload; the payload may hold secrets (a runner
   * token): take the fields you need, keep nothing else.
   */
  readonly onAsyncInvocation?: (invocation: AsyncInvocation, done: Promise<void>, payload: unknown) => void;
  readonly logger?: LoggerPort;
}): LocalRoute => {
  const logger = options.logger ?? silentLogger;
  return async (request) => {
    const match = INVOKE_PATH.exec(request.path);
    if (request.method !== 'POST' || !match?.[1]) return undefined;
    const functionName = decodeURIComponent(match[1]);
    const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    let payload: unknown;
    try {
      payload = parsePayload(request.body);
    } catch {
      return jsonResponse(400, { Type: 'User', message: 'Could not parse request body into json' });
    }
    try {
      if (invocationType === 'DryRun') return { status: 204 };
      if (invocationType === 'Event') return runInBackground(functionName, payload);
      const result = await options.invoke(functionName, payload);
      return { ...jsonResponse(200, result), headers: { 'x-amz-executed-version': '$LATEST' } };
    } catch (error) {
      return invokeFailure(error);
    }
  };

  function runInBackground(functionName: string, payload: unknown) {
    const invocation: AsyncInvocation = { functionName, startedAt: new Date(), status: 'running' };
    const done = options.invoke(functionName, payload).then(
      () => {
        invocation.status = 'succeeded';
        invocation.finishedAt = new Date();
      },
      (error: unknown) => {
        invocation.status = 'failed';
        invocation.finishedAt = new Date();
        invocation.error = error instanceof Error ? error.name : 'Error';
        logger.warn('asynchronous invocation failed', { functionName, error: invocation.error });
      },
    );
    options.onAsyncInvocation?.(invocation, done, payload);
    return { status: 202 };
  }
};

const invokeFailure = (error: unknown) => {
  if (error instanceof LambdaFunctionError) {
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' },
      body: errorPayload(error),
    };
  }
  if (error instanceof FunctionNotFoundError) {
    return {
      ...jsonResponse(404, { Type: 'User', Message: error.message }),
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' },
    };
  }
  throw error;
};
