import { readFileSync } from 'node:fs';

/** The GitLab Job Hook payloads under tests/fixtures/gitlab. */
export const JOB_HOOK_FIXTURES = [
  'job-hook-pending',
  'job-hook-running',
  'job-hook-success',
  'job-hook-failed',
  'job-hook-canceled',
  'job-hook-test-button',
] as const;

/** Reads one fixture as a fresh mutable object. */
export const readJobHook = (name: (typeof JOB_HOOK_FIXTURES)[number]): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/gitlab/${name}.json`, import.meta.url), 'utf8'));
