import { type FinishedJob, parseWith, type RunningJob } from '@glr/core';
import { z } from 'zod';

const positiveInt = (what: string) => z.int().positive(`must be ${what}`);
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 time' });

const runnerSchema = z.object({
  id: positiveInt('the GitLab runner id'),
  description: z.string({ error: 'must be the runner description, a string' }),
});

/** The fields of a `running` or finished event's detail (a JobEvent, docs/events.md) the flows use. */
const detailSchema = (runner: z.ZodType) =>
  z.object({
    jobId: positiveInt('the GitLab job id'),
    jobName: z.string().min(1, 'must be the job name'),
    projectId: positiveInt('the GitLab project id'),
    status: z.string().min(1, 'must be the job status'),
    runner,
    createdAt: isoTime.nullish(),
    startedAt: isoTime.nullish(),
  });

const eventSchema = (runner: z.ZodType) =>
  z.object({ time: isoTime.describe('the EventBridge event time'), detail: detailSchema(runner) });

const jobRef = (event: { time: string; detail: z.output<ReturnType<typeof detailSchema>> }) => ({
  jobId: event.detail.jobId,
  jobName: event.detail.jobName,
  projectId: event.detail.projectId,
  // Used only when the `pending` event was not processed yet: the job's creation is the closest known time.
  pendingAt: event.detail.createdAt ?? event.time,
});

/** Parses a `running` event; errors name the field (the runner is required). */
export const parseRunningEvent = (input: unknown): RunningJob => {
  const event = parseWith(eventSchema(runnerSchema), input, 'Invalid running event');
  const runner = event.detail.runner as z.output<typeof runnerSchema>;
  return { job: jobRef(event), runner, runningAt: event.detail.startedAt ?? event.time };
};

/** Parses a finished (`success`, `failed`, `canceled`, `skipped`) event; errors name the field. */
export const parseFinishedEvent = (input: unknown): FinishedJob => {
  const event = parseWith(eventSchema(runnerSchema.nullable()), input, 'Invalid finished event');
  const runner = event.detail.runner as z.output<typeof runnerSchema> | null;
  return { job: jobRef(event), status: event.detail.status, runner };
};
