import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { type JobRestarter, restartInput } from '@glr/core';

/** Settings of {@link createStartRunnerExecutions}. */
export interface StartRunnerExecutionsOptions {
  /** The StartRunner state machine. */
  readonly stateMachineArn: string;
  readonly client?: SFNClient;
}

/**
 * Restarts jobs through the StartRunner Express workflow (`StartExecution` with the job's `pending`
 * shape and `restart: true`), so a restarted job is claimed, planned and capped like any other.
 */
export const createStartRunnerExecutions = (options: StartRunnerExecutionsOptions): JobRestarter => {
  const client = options.client ?? new SFNClient({});
  return {
    restart: async (job) => {
      await client.send(
        new StartExecutionCommand({
          stateMachineArn: options.stateMachineArn,
          input: JSON.stringify(restartInput(job)),
        }),
      );
    },
  };
};
