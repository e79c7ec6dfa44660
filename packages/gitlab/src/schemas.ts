import { z } from 'zod';

/** `201` of `POST /user/runners` and `POST /runners` (entity `RunnerRegistrationDetails`). */
export const runnerRegistrationSchema = z.object({
  id: z.number().int().positive(),
  token: z.string().min(1),
  token_expires_at: z.string().nullable().optional(),
});

/** `200` of `POST /runners/verify` (current GitLab answers JSON; very old GitLab plain `200`). */
export const verifiedRunnerSchema = z.object({ id: z.number().int().positive() });

/** One runner of `GET /runners/all`, `/groups/:id/runners`, `/projects/:id/runners`. */
export const runnerSummarySchema = z.object({
  id: z.number().int().positive(),
  description: z.string().nullable(),
  status: z.string().optional(),
});

/** `GET /projects/:id/jobs/:job_id` (entity `Ci::Job`), the fields the product reads. */
export const jobSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  status: z.string(),
  tag_list: z.array(z.string()),
  runner: z
    .object({
      id: z.number().int().positive(),
      description: z.string().nullable(),
    })
    .nullable()
    .optional(),
});

/** One job of `GET /runners/:id/jobs`. */
export const runnerJobSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  status: z.string(),
});
