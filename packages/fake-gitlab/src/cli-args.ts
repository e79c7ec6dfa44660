import { parseArgs } from 'node:util';
import { FakeGitLabUsageError } from './errors.ts';
import type { FakeGitLabOptions } from './fake-gitlab.ts';

/** The environment variables the CLI reads its secrets from (never from arguments). */
export interface FakeGitLabCliEnvironment {
  /** An administrator token with the `api` scope. */
  readonly FAKE_GITLAB_ACCESS_TOKEN?: string;
  readonly FAKE_GITLAB_REGISTRATION_TOKEN?: string;
  readonly FAKE_GITLAB_WEBHOOK_SECRET?: string;
}

/** `pipeline`: where to post which YAML. */
export interface PipelineCommand {
  readonly url: string;
  readonly project: string;
  readonly ref: string;
  /** A file path, or `-` for stdin. */
  readonly file: string;
}

/** `cancel`: which job, and whether to force it. */
export interface CancelCommand {
  readonly url: string;
  readonly job: string;
  readonly force: boolean;
}

type Flags = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

const readFlags = <Options extends Flags>(command: string, args: readonly string[], options: Options) => {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new FakeGitLabUsageError(`${command}: ${(error as Error).message}`, { cause: error });
  }
};

const wholeNumber = (flag: string, raw: string, min: number, max: number): number => {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new FakeGitLabUsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
};

/**
 * Reads `serve [--host H] [--port P] [--webhook-url U] [--pending-timeout S] [--two-phase-commit]`
 * and the secrets from `environment`. Throws {@link FakeGitLabUsageError} naming the flag.
 */
export const parseServeCommand = (
  args: readonly string[],
  environment: FakeGitLabCliEnvironment,
): FakeGitLabOptions => {
  const values = readFlags('serve', args, {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'webhook-url': { type: 'string' },
    'pending-timeout': { type: 'string' },
    'two-phase-commit': { type: 'boolean', default: false },
  });
  const accessToken = environment.FAKE_GITLAB_ACCESS_TOKEN;
  const pendingTimeout = values['pending-timeout'];
  const webhookUrl = values['webhook-url'];
  return {
    host: values.host,
    port: wholeNumber('port', values.port, 0, 65_535),
    accessTokens: accessToken ? [{ token: accessToken, scopes: ['api'], admin: true }] : [],
    registrationToken: environment.FAKE_GITLAB_REGISTRATION_TOKEN ?? null,
    twoPhaseCommit: values['two-phase-commit'],
    ...(pendingTimeout
      ? { pendingTimeoutSeconds: wholeNumber('pending-timeout', pendingTimeout, 1, 86_400) }
      : {}),
    ...(webhookUrl
      ? { webhook: { url: webhookUrl, secretToken: environment.FAKE_GITLAB_WEBHOOK_SECRET } }
      : {}),
  };
};

/** Reads `pipeline --url U [--project 42] [--ref main] --file F` (`--file -` reads stdin). */
export const parsePipelineCommand = (args: readonly string[]): PipelineCommand => {
  const values = readFlags('pipeline', args, {
    url: { type: 'string' },
    project: { type: 'string', default: '42' },
    ref: { type: 'string', default: 'main' },
    file: { type: 'string' },
  });
  if (!values.url || !values.file) {
    throw new FakeGitLabUsageError('pipeline needs --url and --file (use --file - for stdin)');
  }
  return { url: values.url, project: values.project, ref: values.ref, file: values.file };
};

/** Reads `cancel --url U --job N [--force]`. */
export const parseCancelCommand = (args: readonly string[]): CancelCommand => {
  const values = readFlags('cancel', args, {
    url: { type: 'string' },
    job: { type: 'string' },
    force: { type: 'boolean', default: false },
  });
  if (!values.url || !values.job) throw new FakeGitLabUsageError('cancel needs --url and --job');
  return { url: values.url, job: values.job, force: values.force };
};
