import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PipelineDefinitionError } from './errors.ts';

/** One job of a pipeline description. */
export interface JobDefinition {
  readonly name: string;
  readonly stage: string;
  /** Sorted, without duplicates. */
  readonly tags: readonly string[];
  readonly script: readonly string[];
  readonly afterScript: readonly string[];
  /** Seconds (default 3600, GitLab's project default). */
  readonly timeoutSeconds: number;
  readonly allowFailure: boolean;
}

/** A pipeline description: stages in order, jobs in file order. */
export interface PipelineDefinition {
  readonly stages: readonly string[];
  readonly jobs: readonly JobDefinition[];
}

const DEFAULT_STAGES = ['build', 'test', 'deploy'];
const DEFAULT_TIMEOUT_SECONDS = 3600;
const UNSUPPORTED_TOP_LEVEL = ['include', 'workflow', 'default', 'variables', 'image', 'services'];

const lines = z.union([z.string().transform((line) => [line]), z.array(z.string())]);

const jobSchema = z
  .object({
    stage: z.string().min(1).default('test'),
    tags: z.array(z.string().min(1)).default([]),
    script: lines,
    after_script: lines.default([]),
    timeout: z.number().int().positive().default(DEFAULT_TIMEOUT_SECONDS),
    allow_failure: z.boolean().default(false),
  })
  .strict();

/**
 * Parses a small `.gitlab-ci.yml`-like description: optional `stages:` and one key per job with
 * `stage`, `tags`, `script` (required), `after_script`, `timeout` (seconds) and `allow_failure`.
 * Jobs run in stage order; `needs`, `rules` and other keywords are rejected with the fix.
 */
export const parsePipelineDefinition = (source: string): PipelineDefinition => {
  let document: unknown;
  try {
    document = parseYaml(source, { logLevel: 'error' });
  } catch (error) {
    throw new PipelineDefinitionError(`pipeline YAML does not parse: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new PipelineDefinitionError('pipeline YAML must be a mapping of job names to jobs');
  }
  const { stages: rawStages, ...entries } = document as Record<string, unknown>;
  const stages = parseStages(rawStages);
  const jobs: JobDefinition[] = [];
  for (const [name, value] of Object.entries(entries)) {
    if (UNSUPPORTED_TOP_LEVEL.includes(name)) {
      throw new PipelineDefinitionError(`${name}: not supported by the fake GitLab; remove it`);
    }
    if (name.startsWith('.')) continue;
    jobs.push(parseJob(name, value, stages));
  }
  if (jobs.length === 0)
    throw new PipelineDefinitionError('pipeline YAML defines no job: add one with a script');
  return { stages, jobs };
};

const parseStages = (value: unknown): string[] => {
  if (value === undefined) return DEFAULT_STAGES;
  const result = z.array(z.string().min(1)).min(1).safeParse(value);
  if (!result.success) throw new PipelineDefinitionError('stages: must be a non-empty list of stage names');
  return result.data;
};

const parseJob = (name: string, value: unknown, stages: readonly string[]): JobDefinition => {
  if (typeof value === 'object' && value !== null && 'needs' in value) {
    throw new PipelineDefinitionError(`${name}.needs: not supported; jobs run in stage order, remove needs`);
  }
  const result = jobSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = [name, ...(issue?.path ?? []).map(String)].join('.');
    throw new PipelineDefinitionError(`${field}: ${issue?.message ?? 'invalid'}`);
  }
  const job = result.data;
  if (!stages.includes(job.stage)) {
    throw new PipelineDefinitionError(
      `${name}.stage: "${job.stage}" is not one of stages (${stages.join(', ')})`,
    );
  }
  return {
    name,
    stage: job.stage,
    tags: [...new Set(job.tags)].sort(),
    script: job.script,
    afterScript: job.after_script,
    timeoutSeconds: job.timeout,
    allowFailure: job.allow_failure,
  };
};
