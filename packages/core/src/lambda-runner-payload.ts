import { z } from 'zod';
import { parseWith } from './validation.ts';

/**
 * What the start flow sends a Lambda runner function: everything it needs to run one job, and the
 * runner's own token as its only secret.
 */
export const lambdaRunnerPayloadSchema = z.object({
  runnerName: z.string().regex(/^glr-\d+-[a-z0-9]{6}$/, 'must be a runner name like glr-4711-ab12cd'),
  gitlabUrl: z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of the GitLab instance' }),
  runnerToken: z.string().min(1, 'is required: the runner authentication token (glrt-…)'),
  tags: z.array(z.string().min(1)).default([]),
  maximumTimeout: z.int().positive('must be a positive number of seconds'),
  jobId: z.int().positive('must be the GitLab job id the runner was started for'),
});

/** Validated Lambda runner invocation payload. */
export type LambdaRunnerPayload = z.output<typeof lambdaRunnerPayloadSchema>;

/** Validates a Lambda runner invocation payload; errors name the field, never the token's value. */
export const parseLambdaRunnerPayload = (input: unknown): LambdaRunnerPayload =>
  parseWith(lambdaRunnerPayloadSchema, input, 'Invalid runner payload');
