import { z } from 'zod';
import { JOB_STATUSES } from './job-event.ts';
import { JOB_HOOK_OBJECT_KIND } from './job-hook-headers.ts';
import { parseGitLabTimestamp } from './timestamp.ts';

const TIMESTAMP_MESSAGE = "must be a time like '2021-01-13 17:57:05 UTC' or ISO-8601 '2021-01-13T17:57:05Z'";

/** A timestamp in either format GitLab sends, normalised to ISO-8601 UTC; null while unset. */
const timestampSchema = z
  .string({ error: TIMESTAMP_MESSAGE })
  .transform((value, context) => {
    const iso = parseGitLabTimestamp(value);
    if (iso !== undefined) return iso;
    context.issues.push({ code: 'custom', message: TIMESTAMP_MESSAGE, input: value });
    return z.NEVER;
  })
  .nullish();

const positiveId = (what: string) => z.int({ error: `must be ${what}, a positive integer` }).positive();

const text = (what: string) => z.string({ error: `must be ${what}, a string` });

/** `runner` of a Job Hook: null while the job is created or pending. */
const runnerSchema = z.object({
  id: positiveId('the runner id'),
  // Runners registered without a description report null.
  description: z
    .string({ error: 'must be the runner description, a string or null' })
    .nullish()
    .transform((value) => value ?? ''),
  // `runner.tags` arrived in GitLab 13.8; older instances omit it.
  tags: z
    .array(z.string(), { error: 'must be the runner tags, an array of strings' })
    .nullish()
    .transform((value) => value ?? []),
});

/**
 * GitLab's Job Hook payload (`X-Gitlab-Event: Job Hook`, `object_kind: build`): the fields the
 * product reads. Unknown fields are tolerated and dropped; timestamps come out as ISO-8601 UTC.
 */
export const jobHookSchema = z.object({
  object_kind: z.literal(JOB_HOOK_OBJECT_KIND, { error: `must be '${JOB_HOOK_OBJECT_KIND}' for a Job Hook` }),
  ref: text('the branch or tag name'),
  sha: text('the commit SHA'),
  retries_count: z.int({ error: 'must be a non-negative integer' }).nonnegative().nullish(),
  build_id: positiveId('the job id'),
  build_name: text('the job name').min(1, 'must not be empty: the job name'),
  build_stage: text('the job stage'),
  build_status: z.enum(JOB_STATUSES, { error: `must be one of ${JOB_STATUSES.join(', ')}` }),
  build_created_at: timestampSchema,
  build_started_at: timestampSchema,
  build_finished_at: timestampSchema,
  build_created_at_iso: timestampSchema,
  build_started_at_iso: timestampSchema,
  build_finished_at_iso: timestampSchema,
  build_queued_duration: z.number({ error: 'must be a number of seconds or null' }).nonnegative().nullish(),
  pipeline_id: positiveId('the pipeline id'),
  runner: runnerSchema.nullish(),
  project_id: positiveId('the project id'),
  project: z.object(
    { path_with_namespace: text('the project path').min(1, 'must not be empty: the project path') },
    { error: 'must be the project object with path_with_namespace' },
  ),
});

/** A validated Job Hook payload (only the fields the product reads). */
export type JobHook = z.output<typeof jobHookSchema>;
