import { type FakeGitLab, startFakeGitLab } from '@glr/fake-gitlab';
import { recordingLogger } from '@glr/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createGitLabClient,
  GitLabForbiddenError,
  GitLabNetworkError,
  GitLabResponseError,
  GitLabServerError,
  GitLabTimeoutError,
  isRetryableGitLabError,
} from '../../src/index.ts';

const ACCESS_TOKEN = 'glpat-very-secret-access-token-1';
const REGISTRATION_TOKEN = 'GR1348941-very-secret-registration';
const CREATE_PATH = '/api/v4/user/runners';

const createInput = {
  accessToken: ACCESS_TOKEN,
  runnerType: 'project_type',
  projectId: 42,
  description: 'glr-1-abcdef',
  tags: ['lambda'],
  runUntagged: false,
  locked: true,
  maximumTimeout: 600,
} as const;

let fake: FakeGitLab;

beforeEach(async () => {
  fake = await startFakeGitLab({
    accessTokens: [{ token: ACCESS_TOKEN, scopes: ['create_runner', 'manage_runner', 'read_api'] }],
    registrationToken: REGISTRATION_TOKEN,
  });
});

afterEach(async () => {
  await fake.close();
});

const attemptsAt = (path: string) => fake.requests.filter((request) => request.path === path).length;

describe('retries', () => {
  it('waits for Retry-After on 429 and then succeeds', async () => {
    const logger = recordingLogger();
    const gitlab = createGitLabClient({ url: fake.url, logger });
    fake.injectFault({ method: 'POST', path: CREATE_PATH, status: 429, retryAfter: 1 });

    const created = await gitlab.createRunner(createInput);

    expect(fake.runner(created.id)).toBeDefined();
    expect(attemptsAt(CREATE_PATH)).toBe(2);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'GitLab call failed, retrying',
        extra: { method: 'POST', path: CREATE_PATH, reason: 429, attempt: 1, delayMs: 1000 },
      },
    ]);
  });

  it('caps a long Retry-After at the configured maximum delay', async () => {
    const logger = recordingLogger();
    const gitlab = createGitLabClient({ url: fake.url, logger, maxRetryDelayMs: 20 });
    fake.injectFault({ method: 'POST', path: CREATE_PATH, status: 503, retryAfter: 3600 });

    await gitlab.createRunner(createInput);

    expect(logger.lines[0]?.extra?.delayMs).toBe(20);
  });

  it('retries 500 answers and succeeds when GitLab recovers', async () => {
    const gitlab = createGitLabClient({ url: fake.url, retryBaseDelayMs: 1 });
    fake.injectFault({ method: 'POST', path: CREATE_PATH, status: 500, times: 2 });

    await gitlab.createRunner(createInput);

    expect(attemptsAt(CREATE_PATH)).toBe(3);
  });

  it('gives up with a retryable GitLabServerError after maxAttempts 500 answers', async () => {
    const gitlab = createGitLabClient({ url: fake.url, retryBaseDelayMs: 1, maxAttempts: 3 });
    fake.injectFault({ method: 'POST', path: CREATE_PATH, status: 500, times: 10 });

    const error = await gitlab.createRunner(createInput).catch((e) => e);

    expect(error).toBeInstanceOf(GitLabServerError);
    expect(error).toMatchObject({
      name: 'GitLabServerError',
      status: 500,
      method: 'POST',
      path: CREATE_PATH,
    });
    expect(isRetryableGitLabError(error)).toBe(true);
    expect(attemptsAt(CREATE_PATH)).toBe(3);
  });

  it('times out a slow GitLab with a retryable GitLabTimeoutError after every attempt', async () => {
    const gitlab = createGitLabClient({ url: fake.url, timeoutMs: 50, maxAttempts: 2, retryBaseDelayMs: 1 });
    fake.injectFault({ method: 'POST', path: CREATE_PATH, delayMs: 5000, times: 2 });

    const error = await gitlab.createRunner(createInput).catch((e) => e);

    expect(error).toBeInstanceOf(GitLabTimeoutError);
    expect(isRetryableGitLabError(error)).toBe(true);
  });

  it('reports an unreachable GitLab as GitLabNetworkError', async () => {
    const url = fake.url;
    await fake.close();
    const gitlab = createGitLabClient({ url, maxAttempts: 2, retryBaseDelayMs: 1 });

    const error = await gitlab.createRunner(createInput).catch((e) => e);
    fake = await startFakeGitLab();

    expect(error).toBeInstanceOf(GitLabNetworkError);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});

describe('response validation', () => {
  it('rejects a malformed 201 body with GitLabResponseError naming the bad fields', async () => {
    const gitlab = createGitLabClient({ url: fake.url });
    fake.injectFault({ method: 'POST', path: CREATE_PATH, status: 201, body: { id: 'seven', token: 5 } });

    const error = await gitlab.createRunner(createInput).catch((e) => e);

    expect(error).toBeInstanceOf(GitLabResponseError);
    expect(error.message).toMatch(/id: /);
    expect(error.message).toMatch(/token: /);
    expect(isRetryableGitLabError(error)).toBe(false);
  });

  it('rejects a body that is not JSON with GitLabResponseError', async () => {
    const gitlab = createGitLabClient({ url: fake.url });
    fake.injectFault({ method: 'POST', path: '/api/v4/runners/verify', status: 200, body: '200' });

    await expect(gitlab.verifyRunner({ runnerToken: 'glrt-x' })).rejects.toBeInstanceOf(GitLabResponseError);
  });
});

describe('secrets', () => {
  const expectNoSecret = (value: unknown, secrets: readonly string[]) => {
    const seen = JSON.stringify(value, Object.getOwnPropertyNames(value instanceof Error ? value : {}));
    const text = `${seen} ${String(value)} ${value instanceof Error ? `${value.stack} ${String(value.cause)}` : ''}`;
    for (const secret of secrets) expect(text).not.toContain(secret);
  };

  it('keeps an access token GitLab echoes back out of the error and the logs', async () => {
    const logger = recordingLogger();
    const gitlab = createGitLabClient({ url: fake.url, logger, maxAttempts: 2, retryBaseDelayMs: 1 });
    const echo = { message: `403 Forbidden - token ${ACCESS_TOKEN} revoked` };
    fake.injectFault({ method: 'POST', path: CREATE_PATH, status: 500, body: echo });
    fake.injectFault({ method: 'POST', path: CREATE_PATH, status: 403, body: echo });

    const error = await gitlab.createRunner(createInput).catch((e) => e);

    expect(error).toBeInstanceOf(GitLabForbiddenError);
    expect(error.message).toContain('[REDACTED]');
    expectNoSecret(error, [ACCESS_TOKEN]);
    expectNoSecret(logger.lines, [ACCESS_TOKEN]);
  });

  it('keeps registration and runner tokens out of errors', async () => {
    const gitlab = createGitLabClient({ url: fake.url, maxAttempts: 1 });
    const runnerToken = 'glrt-secret-runner-token-abcdef';
    fake.injectFault({
      path: /.*/,
      status: 500,
      times: 2,
      body: { message: `bad ${runnerToken} ${REGISTRATION_TOKEN}` },
    });

    const register = await gitlab
      .registerRunner({ registrationToken: REGISTRATION_TOKEN, ...createInput })
      .catch((e) => e);
    const remove = await gitlab.deleteRunnerByToken({ runnerToken }).catch((e) => e);

    expectNoSecret(register, [REGISTRATION_TOKEN, runnerToken]);
    expectNoSecret(remove, [REGISTRATION_TOKEN, runnerToken]);
  });

  it('keeps tokens out of network errors and their cause', async () => {
    const url = fake.url;
    await fake.close();
    const gitlab = createGitLabClient({ url, maxAttempts: 1 });

    const error = await gitlab
      .deleteRunnerByToken({ runnerToken: 'glrt-secret-runner-token-xyz' })
      .catch((e) => e);
    fake = await startFakeGitLab();

    expect(error).toBeInstanceOf(GitLabNetworkError);
    expect(error.cause).toBeInstanceOf(Error);
    expectNoSecret(error, ['glrt-secret-runner-token-xyz']);
  });
});
