import { randomBytes } from 'node:crypto';

/** Prefix of every runner this product creates; nothing without it is ever touched. */
export const RUNNER_NAME_PREFIX = 'glr-';

const RUNNER_NAME_PATTERN = /^glr-(\d{1,19})-([a-z0-9]{6})$/;
const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Parts of a runner name created by {@link createRunnerName}. */
export interface RunnerNameParts {
  /** The job the runner was started for (it may run another one). */
  readonly jobId: number;
  readonly suffix: string;
}

/**
 * Names the runner started for `jobId`: `glr-<job id>-<6 random chars>`. Used as the GitLab runner
 * description and as the EC2 `glr:runner` tag.
 */
export const createRunnerName = (jobId: number): string => {
  const bytes = randomBytes(6);
  const suffix = Array.from(bytes, (byte) => SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length]).join('');
  return `${RUNNER_NAME_PREFIX}${jobId}-${suffix}`;
};

/** Parses a runner name back; `undefined` for anything this product did not name. */
export const parseRunnerName = (name: string | null | undefined): RunnerNameParts | undefined => {
  const match = name ? RUNNER_NAME_PATTERN.exec(name) : null;
  if (!match?.[1] || !match[2]) return undefined;
  const jobId = Number(match[1]);
  return Number.isSafeInteger(jobId) ? { jobId, suffix: match[2] } : undefined;
};
