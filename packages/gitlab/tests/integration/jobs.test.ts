import { type FakeGitLab, startFakeGitLab } from '@glr/fake-gitlab';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitLabClient, type GitLabClient, GitLabNotFoundError } from '../../src/index.ts';

const ADMIN_TOKEN = 'glpat-admin-token-000000000010';

let fake: FakeGitLab;
let gitlab: GitLabClient;

beforeEach(async () => {
  fake = await startFakeGitLab({ accessTokens: [{ token: ADMIN_TOKEN, scopes: ['api'], admin: true }] });
  gitlab = createGitLabClient({ url: fake.url });
});

afterEach(async () => {
  await fake.close();
});

/** Lets a runner created through the client pick the pending job, as gitlab-runner would. */
const pickJob = async (runnerToken: string) => {
  const response = await fetch(`${fake.url}/api/v4/jobs/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: runnerToken }),
  });
  expect(response.status).toBe(201);
};

describe('getJob', () => {
  it('returns the job’s own sorted tags and no runner while it is pending', async () => {
    const [jobId = 0] = fake.createPipeline('deploy:\n  tags: [zeta, alpha]\n  script: [echo]\n').jobIds;

    const job = await gitlab.getJob({ accessToken: ADMIN_TOKEN, projectId: 42, jobId });

    expect(job).toEqual({
      id: jobId,
      name: 'deploy',
      status: 'pending',
      tagList: ['alpha', 'zeta'],
      runner: null,
    });
  });

  it('returns the runner that picked the job', async () => {
    const [jobId = 0] = fake.createPipeline('deploy:\n  tags: [alpha]\n  script: [echo]\n').jobIds;
    const runner = await gitlab.createRunner({
      accessToken: ADMIN_TOKEN,
      runnerType: 'instance_type',
      description: 'glr-1-abcdef',
      tags: ['alpha'],
      runUntagged: false,
      locked: false,
      maximumTimeout: 600,
    });
    await pickJob(runner.token);

    const job = await gitlab.getJob({ accessToken: ADMIN_TOKEN, projectId: 42, jobId });
    const jobs = await gitlab.listRunnerJobs({
      accessToken: ADMIN_TOKEN,
      runnerId: runner.id,
      status: 'running',
    });

    expect(job).toMatchObject({ status: 'running', runner: { id: runner.id, description: 'glr-1-abcdef' } });
    expect(jobs).toEqual([{ id: jobId, name: 'deploy', status: 'running' }]);
  });

  it('reports an unknown job as GitLabNotFoundError', async () => {
    await expect(gitlab.getJob({ accessToken: ADMIN_TOKEN, projectId: 42, jobId: 1 })).rejects.toBeInstanceOf(
      GitLabNotFoundError,
    );
  });
});
