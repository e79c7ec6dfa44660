import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { LambdaRunnerPayload, RunnerLauncher } from '@glr/core';
import { AwsAdapterError } from './errors.ts';

/** Settings of {@link createLambdaRunnerInvoker}. */
export interface LambdaRunnerInvokerOptions {
  /** The GitLab URL runners connect to (read when a runner starts, so a changed URL takes effect). */
  readonly gitlabUrl: () => Promise<string>;
  readonly client?: LambdaClient;
}

/** Thrown when Lambda accepted the call but did not queue the event (any status but 202). */
export class LambdaRunnerInvokeError extends AwsAdapterError {
  public constructor(functionArn: string, statusCode: number | undefined) {
    super(`Lambda did not queue the runner invocation of ${functionArn} (status ${statusCode ?? 'none'})`);
    this.name = 'LambdaRunnerInvokeError';
  }
}

/**
 * Starts Lambda runners: one asynchronous invocation (`InvocationType: Event`) of the plan's function
 * with the runner's name, token, tags, timeout and job. Lambda queues the event and retries a
 * failed run by itself; the runner deletes nothing, the stop flow does.
 */
export const createLambdaRunnerInvoker = (options: LambdaRunnerInvokerOptions): RunnerLauncher => {
  const client = options.client ?? new LambdaClient({});
  return {
    launch: async ({ runnerName, job, plan, runnerToken }) => {
      if (plan.kind !== 'LAMBDA') throw new TypeError(`Lambda invoker got a ${plan.kind} plan`);
      const payload: LambdaRunnerPayload = {
        runnerName,
        gitlabUrl: await options.gitlabUrl(),
        runnerToken,
        tags: [...plan.tags],
        maximumTimeout: plan.maximumTimeout,
        jobId: job.jobId,
      };
      const response = await client.send(
        new InvokeCommand({
          FunctionName: plan.functionArn,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
      );
      if (response.StatusCode !== 202)
        throw new LambdaRunnerInvokeError(plan.functionArn, response.StatusCode);
      return {};
    },
  };
};
