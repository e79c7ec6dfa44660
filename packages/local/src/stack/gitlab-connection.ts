import { randomBytes } from 'node:crypto';
import { ConfigurationError } from '@glr/core';
import { type FakeGitLab, type FakeGitLabOptions, startFakeGitLab } from '@glr/fake-gitlab';

/** A real GitLab the local stack talks to (given by the environment). */
export interface RealGitLabSettings {
  readonly url: string;
  readonly accessToken?: string;
  readonly registrationToken?: string;
  readonly webhookSecret: string;
}

/** The GitLab the stack uses, and the secrets its SSM parameters hold. */
export interface GitLabConnection {
  readonly url: string;
  readonly kind: 'real' | 'fake';
  readonly tokenMode: 'authentication-token' | 'registration-token';
  readonly accessToken?: string;
  readonly registrationToken?: string;
  readonly webhookSecret: string;
  /** The bundled fake, when no real GitLab was given. */
  readonly fake?: FakeGitLab;
}

/**
 * Reads `GITLAB_URL`, `GITLAB_ACCESS_TOKEN` or `GITLAB_REGISTRATION_TOKEN`, and
 * `GITLAB_WEBHOOK_SECRET`. Undefined when `GITLAB_URL` is unset (use the fake); a
 * {@link ConfigurationError} naming each missing or bad variable otherwise.
 */
export const realGitLabFromEnvironment = (environment: NodeJS.ProcessEnv): RealGitLabSettings | undefined => {
  const url = environment.GITLAB_URL?.trim();
  if (!url) return undefined;
  const problems: string[] = [];
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    problems.push('GITLAB_URL must be an http(s) URL, e.g. https://gitlab.example.com');
  }
  const accessToken = environment.GITLAB_ACCESS_TOKEN?.trim() || undefined;
  const registrationToken = environment.GITLAB_REGISTRATION_TOKEN?.trim() || undefined;
  if (!accessToken && !registrationToken) {
    problems.push(
      'GITLAB_ACCESS_TOKEN (scopes create_runner, manage_runner, read_api) or GITLAB_REGISTRATION_TOKEN is required',
    );
  }
  const webhookSecret = environment.GITLAB_WEBHOOK_SECRET?.trim();
  if (!webhookSecret) problems.push("GITLAB_WEBHOOK_SECRET is required (the project webhook's secret token)");
  if (problems.length > 0 || !webhookSecret)
    throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`);
  return {
    url: url.replace(/\/+$/, ''),
    webhookSecret,
    ...(accessToken ? { accessToken } : {}),
    ...(registrationToken ? { registrationToken } : {}),
  };
};

const secret = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

/**
 * Connects to the real GitLab when one is given; otherwise starts the bundled fake GitLab with a
 * fresh access token and webhook secret, its Job Hooks sent to `webhookUrl`.
 */
export const connectGitLab = async (
  real: RealGitLabSettings | undefined,
  webhookUrl: string,
  fakeOptions: FakeGitLabOptions = {},
): Promise<GitLabConnection> => {
  if (real) {
    return {
      ...real,
      kind: 'real',
      tokenMode: real.accessToken ? 'authentication-token' : 'registration-token',
    };
  }
  const accessToken = secret('glpat-local-');
  const webhookSecret = secret('whs-local-');
  const fake = await startFakeGitLab({
    ...fakeOptions,
    accessTokens: [{ token: accessToken, scopes: ['create_runner', 'manage_runner', 'read_api'] }],
    webhook: { ...fakeOptions.webhook, url: webhookUrl, secretToken: webhookSecret },
  });
  return { url: fake.url, kind: 'fake', tokenMode: 'authentication-token', accessToken, webhookSecret, fake };
};
