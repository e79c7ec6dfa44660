import { type FakeGitLab, startFakeGitLab } from '@glr/fake-gitlab';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createGitLabClient,
  type GitLabClient,
  GitLabForbiddenError,
  GitLabNotFoundError,
  GitLabRegistrationDisabledError,
  GitLabUnauthorizedError,
} from '../../src/index.ts';

const OWNER_TOKEN = 'glpat-owner-token-000000000001';
const ADMIN_TOKEN = 'glpat-admin-token-000000000002';
const READER_TOKEN = 'glpat-reader-token-00000000003';
const REGISTRATION_TOKEN = 'GR1348941-registration-000004';

const settings = {
  description: 'glr-4711-abc123',
  tags: ['linux', 'lambda'],
  runUntagged: false,
  locked: true,
  maximumTimeout: 900,
};

let fake: FakeGitLab;
let gitlab: GitLabClient;

beforeEach(async () => {
  fake = await startFakeGitLab({
    accessTokens: [
      { token: OWNER_TOKEN, scopes: ['create_runner', 'manage_runner', 'read_api'] },
      { token: ADMIN_TOKEN, scopes: ['api'], admin: true },
      { token: READER_TOKEN, scopes: ['read_api'] },
    ],
    registrationToken: REGISTRATION_TOKEN,
  });
  gitlab = createGitLabClient({ url: fake.url, retryBaseDelayMs: 1 });
});

afterEach(async () => {
  await fake.close();
});

describe('createRunner', () => {
  it('creates a project runner with the given settings and returns its glrt- token', async () => {
    const created = await gitlab.createRunner({
      accessToken: OWNER_TOKEN,
      runnerType: 'project_type',
      projectId: 42,
      ...settings,
    });

    expect(created.token).toMatch(/^glrt-/);
    expect(created.tokenExpiresAt).toBeNull();
    expect(fake.runner(created.id)).toMatchObject({
      description: 'glr-4711-abc123',
      runnerType: 'project_type',
      projectId: 42,
      tags: ['lambda', 'linux'],
      runUntagged: false,
      locked: true,
      maximumTimeout: 900,
      createdWith: 'access-token',
    });
  });

  it('creates a group runner in the given group', async () => {
    const created = await gitlab.createRunner({
      accessToken: OWNER_TOKEN,
      runnerType: 'group_type',
      groupId: 7,
      ...settings,
    });

    expect(fake.runner(created.id)).toMatchObject({ runnerType: 'group_type', groupId: 7 });
  });

  it('refuses an instance runner to a token that is not an administrator’s', async () => {
    const attempt = gitlab.createRunner({
      accessToken: OWNER_TOKEN,
      runnerType: 'instance_type',
      ...settings,
    });

    await expect(attempt).rejects.toBeInstanceOf(GitLabForbiddenError);
    await expect(attempt).rejects.toMatchObject({
      status: 403,
      method: 'POST',
      path: '/api/v4/user/runners',
    });
  });

  it('rejects an unknown access token with GitLabUnauthorizedError and does not retry it', async () => {
    const attempt = gitlab.createRunner({
      accessToken: 'glpat-wrong',
      runnerType: 'project_type',
      projectId: 42,
      ...settings,
    });

    await expect(attempt).rejects.toBeInstanceOf(GitLabUnauthorizedError);
    expect(fake.requests.filter((request) => request.path === '/api/v4/user/runners')).toHaveLength(1);
  });

  it('rejects a token without the create_runner scope with GitLabForbiddenError', async () => {
    await expect(
      gitlab.createRunner({
        accessToken: READER_TOKEN,
        runnerType: 'project_type',
        projectId: 42,
        ...settings,
      }),
    ).rejects.toBeInstanceOf(GitLabForbiddenError);
  });
});

describe('registerRunner', () => {
  it('registers an instance runner with the legacy registration token', async () => {
    const created = await gitlab.registerRunner({ registrationToken: REGISTRATION_TOKEN, ...settings });

    expect(fake.runner(created.id)).toMatchObject({
      createdWith: 'registration-token',
      tags: ['lambda', 'linux'],
    });
  });

  it('explains how to switch to authentication-token mode when registration is disabled (410)', async () => {
    fake.setRegistrationToken(null);

    const error = await gitlab
      .registerRunner({ registrationToken: REGISTRATION_TOKEN, ...settings })
      .catch((e) => e);

    expect(error).toBeInstanceOf(GitLabRegistrationDisabledError);
    expect(error).toMatchObject({ name: 'GitLabRegistrationDisabledError', status: 410 });
    expect(error.message).toMatch(/registration tokens are disabled/);
    expect(error.message).toMatch(/create_runner.*manage_runner.*read_api/);
  });

  it('rejects a wrong registration token with GitLabForbiddenError', async () => {
    await expect(
      gitlab.registerRunner({ registrationToken: 'GR1348941-wrong', ...settings }),
    ).rejects.toBeInstanceOf(GitLabForbiddenError);
  });
});

describe('deleting runners', () => {
  const createProjectRunner = () =>
    gitlab.createRunner({ accessToken: OWNER_TOKEN, runnerType: 'project_type', projectId: 42, ...settings });

  it('deletes by id, and reports a runner that no longer exists as already gone', async () => {
    const { id } = await createProjectRunner();

    expect(await gitlab.deleteRunnerById({ accessToken: OWNER_TOKEN, runnerId: id })).toBe('deleted');
    expect(fake.runner(id)).toBeUndefined();
    expect(await gitlab.deleteRunnerById({ accessToken: OWNER_TOKEN, runnerId: id })).toBe('already-gone');
  });

  it('deletes by runner token, and reports a token that is no longer valid as already gone', async () => {
    const { id, token } = await createProjectRunner();

    expect(await gitlab.deleteRunnerByToken({ runnerToken: token })).toBe('deleted');
    expect(fake.runner(id)).toBeUndefined();
    expect(await gitlab.deleteRunnerByToken({ runnerToken: token })).toBe('already-gone');
  });

  it('refuses a delete by id to a token without manage_runner', async () => {
    const { id } = await createProjectRunner();

    await expect(gitlab.deleteRunnerById({ accessToken: READER_TOKEN, runnerId: id })).rejects.toBeInstanceOf(
      GitLabForbiddenError,
    );
    expect(fake.runner(id)).toBeDefined();
  });
});

describe('verifyRunner', () => {
  it('returns the id of the runner a token belongs to', async () => {
    const { id, token } = await gitlab.registerRunner({ registrationToken: REGISTRATION_TOKEN, ...settings });

    expect(await gitlab.verifyRunner({ runnerToken: token })).toEqual({ id });
  });

  it('rejects an unknown runner token with GitLabForbiddenError', async () => {
    await expect(gitlab.verifyRunner({ runnerToken: 'glrt-unknown' })).rejects.toBeInstanceOf(
      GitLabForbiddenError,
    );
  });
});

describe('listRunners', () => {
  it('follows pagination until the last page of instance runners', async () => {
    const created = [];
    for (let index = 0; index < 105; index += 1) {
      created.push(await gitlab.registerRunner({ registrationToken: REGISTRATION_TOKEN, ...settings }));
    }

    const listed = await gitlab.listRunners({ accessToken: ADMIN_TOKEN, scope: { type: 'instance' } });

    expect(listed.map((runner) => runner.id)).toEqual(created.map((runner) => runner.id));
    expect(listed[0]).toEqual({
      id: created[0]?.id,
      description: 'glr-4711-abc123',
      status: 'never_contacted',
    });
    expect(fake.requests.filter((request) => request.path === '/api/v4/runners/all')).toHaveLength(2);
  });

  it('lists the runners a project can use, and those of a group', async () => {
    const project = await gitlab.createRunner({
      accessToken: OWNER_TOKEN,
      runnerType: 'project_type',
      projectId: 42,
      ...settings,
    });
    const group = await gitlab.createRunner({
      accessToken: OWNER_TOKEN,
      runnerType: 'group_type',
      groupId: 7,
      ...settings,
    });

    const inProject = await gitlab.listRunners({
      accessToken: OWNER_TOKEN,
      scope: { type: 'project', projectId: 42 },
    });
    const inGroup = await gitlab.listRunners({
      accessToken: OWNER_TOKEN,
      scope: { type: 'group', groupId: 7 },
    });

    expect(inProject.map((runner) => runner.id)).toEqual([project.id, group.id]);
    expect(inGroup.map((runner) => runner.id)).toEqual([group.id]);
  });

  it('reports an unknown group as GitLabNotFoundError', async () => {
    await expect(
      gitlab.listRunners({ accessToken: OWNER_TOKEN, scope: { type: 'group', groupId: 999 } }),
    ).rejects.toBeInstanceOf(GitLabNotFoundError);
  });
});
