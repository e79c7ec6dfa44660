import { z } from 'zod';

/** The parts of GitLab's `POST /jobs/request` job JSON (reference §4.4) this runner uses. */
export const jobSchema = z.object({
  id: z.number().int().positive(),
  token: z.string().min(1),
  runner_info: z.object({ timeout: z.number().int() }).default({ timeout: 0 }),
  variables: z.array(z.object({ key: z.string(), value: z.string() })).default([]),
  steps: z
    .array(
      z.object({
        name: z.string(),
        script: z.array(z.string()),
        timeout: z.number().int().optional(),
        when: z.enum(['on_success', 'on_failure', 'always']).default('on_success'),
        allow_failure: z.boolean().default(false),
      }),
    )
    .default([]),
});

/** A job as this runner runs it. */
export type RunnerJob = z.output<typeof jobSchema>;

/** GitLab's default job timeout when `runner_info.timeout` is not positive (`common/build.go`). */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 7200;
