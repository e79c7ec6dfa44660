import { type JobRef, parseWith, type RunnerPlan } from '@glr/core';
import { z } from 'zod';

const positiveInt = (what: string) => z.int().positive(`must be ${what}`);

/** The fields of a `pending` event's detail (a JobEvent) the start flow uses. */
const jobEventDetailSchema = z.object({
  jobId: positiveInt('the GitLab job id'),
  jobName: z.string().min(1, 'must be the job name'),
  projectId: positiveInt('the GitLab project id'),
  status: z.string(),
});

/**
 * What the state machine starts with: the EventBridge event of a `pending` Job Hook, or the same
 * shape with `restart: true` when a waiting or failed job is started again.
 */
const startEventSchema = z.object({
  time: z.iso.datetime({ offset: true, error: 'must be the ISO-8601 time of the event' }),
  detail: jobEventDetailSchema,
  restart: z.boolean().optional(),
});

/** Validated state machine input. */
export interface StartEvent {
  readonly job: JobRef;
  readonly restart: boolean;
}

/** Parses the state machine's input; errors name the field. */
export const parseStartEvent = (input: unknown): StartEvent => {
  const event = parseWith(startEventSchema, input, 'Invalid StartRunner input');
  const { jobId, jobName, projectId } = event.detail;
  return { job: { jobId, jobName, projectId, pendingAt: event.time }, restart: event.restart ?? false };
};

const jobRefSchema = z.object({
  jobId: positiveInt('the GitLab job id'),
  jobName: z.string().min(1),
  projectId: positiveInt('the GitLab project id'),
  pendingAt: z.string().min(1),
});

const tagsSchema = z.array(z.string().min(1));
const planBase = {
  tags: tagsSchema,
  runUntagged: z.boolean(),
  maximumTimeout: positiveInt('the runner maximum_timeout in seconds'),
  source: z.enum(['mapping', 'default']),
  tagsFromApi: z.boolean(),
};
const runnerPlanSchema = z.discriminatedUnion('kind', [
  z.object({ ...planBase, kind: z.literal('LAMBDA'), functionArn: z.string().min(1) }),
  z.object({
    ...planBase,
    kind: z.literal('EC2'),
    ec2: z.object({
      instanceTypes: z.array(z.string().min(1)).optional(),
      executor: z.enum(['docker', 'shell']).optional(),
      dockerImage: z.string().min(1).optional(),
      volumeSizeGiB: positiveInt('a volume size in GiB').optional(),
    }),
  }),
]);

/** The `job` every state after the claim carries. */
export const parseJobState = (input: unknown): { readonly job: JobRef } =>
  parseWith(z.object({ job: jobRefSchema }), input, 'Invalid state input');

/** The `job` and `plan` the states after planning carry. */
export const parsePlannedState = (input: unknown): { readonly job: JobRef; readonly plan: RunnerPlan } =>
  parseWith(z.object({ job: jobRefSchema, plan: runnerPlanSchema }), input, 'Invalid state input') as {
    job: JobRef;
    plan: RunnerPlan;
  };

/**
 * What the failure state gets: the caught error and how far the flow came: `job` once claimed (else
 * the event's `detail`), `plan` once planned, `capacity` once a unit was asked for.
 */
export const parseFailedState = (input: unknown) =>
  parseWith(
    z.object({
      job: jobRefSchema.optional(),
      detail: z.object({ jobId: z.int() }).optional(),
      plan: z.object({ kind: z.enum(['LAMBDA', 'EC2']) }).optional(),
      capacity: z.object({ reserved: z.boolean() }).optional(),
      error: z.object({ Error: z.string(), Cause: z.string().optional() }),
    }),
    input,
    'Invalid failure state input',
  );
