import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitLab, startFakeGitLab } from '../../src/index.ts';
import { accessTokens, apiCall, createRunner, TOKENS } from '../support/api.ts';
import { runnerProtocol } from '../support/runner-protocol.ts';

let fake: FakeGitLab;

beforeEach(async () => {
  fake = await startFakeGitLab({ accessTokens, registrationToken: 'GR1348941-reg' });
});

afterEach(async () => {
  await fake.close();
});

describe('POST /user/runners', () => {
  it('answers 401 without a known access token and 403 without the create_runner scope', async () => {
    const body = { runner_type: 'project_type', project_id: 42 };

    expect((await apiCall(fake.url, 'POST', '/user/runners', { body })).status).toBe(401);
    expect(
      (await apiCall(fake.url, 'POST', '/user/runners', { accessToken: TOKENS.reader, body })).status,
    ).toBe(403);
  });

  it('requires group_id for group runners and project_id for project runners', async () => {
    const post = (body: unknown) =>
      apiCall(fake.url, 'POST', '/user/runners', { accessToken: TOKENS.owner, body });

    expect((await post({ runner_type: 'group_type' })).status).toBe(400);
    expect((await post({ runner_type: 'project_type' })).status).toBe(400);
    expect((await post({ runner_type: 'runner' })).status).toBe(400);
    expect((await post({ runner_type: 'project_type', project_id: 42 })).status).toBe(201);
  });

  it('accepts tag_list as a comma-separated string', async () => {
    const { id } = await createRunner(fake.url, { tag_list: 'b, a' });

    expect(fake.runner(id)?.tags).toEqual(['a', 'b']);
  });
});

describe('legacy POST /runners', () => {
  it('answers 410 runner registration disallowed when registration tokens are disabled', async () => {
    fake.setRegistrationToken(null);

    const answer = await apiCall(fake.url, 'POST', '/runners', { body: { token: 'GR1348941-reg' } });

    expect(answer.status).toBe(410);
    expect(answer.json.message).toMatch(/runner registration disallowed/);
  });
});

describe('runner lists and jobs', () => {
  it('pages runner lists with GitLab’s pagination headers', async () => {
    for (let index = 0; index < 3; index += 1) await createRunner(fake.url, { description: `r${index}` });

    const page = await apiCall(fake.url, 'GET', '/runners/all?per_page=2&page=2', {
      accessToken: TOKENS.admin,
    });

    expect(page.json).toHaveLength(1);
    expect(
      Object.fromEntries(
        ['x-page', 'x-total', 'x-total-pages', 'x-next-page'].map((h) => [h, page.headers.get(h)]),
      ),
    ).toEqual({ 'x-page': '2', 'x-total': '3', 'x-total-pages': '2', 'x-next-page': '' });
  });

  it('restricts /runners/all to administrators', async () => {
    expect((await apiCall(fake.url, 'GET', '/runners/all', { accessToken: TOKENS.owner })).status).toBe(403);
  });

  it('shows a job with its sorted tag_list, and the runner once one picked it', async () => {
    const [jobId = 0] = fake.createPipeline('build:\n  tags: [zeta, alpha]\n  script: make\n').jobIds;
    const runner = await createRunner(fake.url, { tag_list: ['alpha', 'zeta'], description: 'glr-9-abcdef' });
    const path = `/projects/42/jobs/${jobId}`;

    const before = await apiCall(fake.url, 'GET', path, { accessToken: TOKENS.reader });
    await runnerProtocol(fake.url).requestJob(runner.token);
    const after = await apiCall(fake.url, 'GET', path, { accessToken: TOKENS.reader });

    expect(before.json).toMatchObject({
      id: jobId,
      name: 'build',
      status: 'pending',
      tag_list: ['alpha', 'zeta'],
    });
    expect(before.json.runner).toBeNull();
    expect(after.json).toMatchObject({
      status: 'running',
      runner: { id: runner.id, description: 'glr-9-abcdef' },
    });
  });

  it('answers 404 for a job of another project', async () => {
    const [jobId = 0] = fake.createPipeline('build:\n  script: make\n').jobIds;

    expect(
      (await apiCall(fake.url, 'GET', `/projects/41/jobs/${jobId}`, { accessToken: TOKENS.reader })).status,
    ).toBe(404);
  });

  it('lists the jobs of a runner, filtered by status', async () => {
    const [jobId = 0] = fake.createPipeline('build:\n  script: make\n').jobIds;
    const runner = await createRunner(fake.url, { run_untagged: true });
    await runnerProtocol(fake.url).requestJob(runner.token);

    const running = await apiCall(fake.url, 'GET', `/runners/${runner.id}/jobs?status=running`, {
      accessToken: TOKENS.owner,
    });
    const done = await apiCall(fake.url, 'GET', `/runners/${runner.id}/jobs?status=success`, {
      accessToken: TOKENS.owner,
    });

    expect(running.json).toEqual([expect.objectContaining({ id: jobId })]);
    expect(done.json).toEqual([]);
  });

  it('cancels a job through the Jobs API', async () => {
    const [jobId = 0] = fake.createPipeline('build:\n  script: make\n').jobIds;

    const answer = await apiCall(fake.url, 'POST', `/projects/42/jobs/${jobId}/cancel`, {
      accessToken: TOKENS.admin,
    });

    expect(answer.status).toBe(201);
    expect(fake.job(jobId)?.status).toBe('canceled');
  });
});

describe('admin routes', () => {
  it('creates a pipeline from YAML posted to /fake/projects/:id/pipelines', async () => {
    const response = await fetch(`${fake.url}/fake/projects/42/pipelines?ref=feature`, {
      method: 'POST',
      headers: { 'content-type': 'text/yaml' },
      body: 'stages: [a, b]\nfirst:\n  stage: a\n  script: echo\nsecond:\n  stage: b\n  script: echo\n',
    });

    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      ref: 'feature',
      jobs: [
        { name: 'first', stage: 'a', status: 'pending' },
        { name: 'second', stage: 'b', status: 'created' },
      ],
    });
  });

  it('answers 400 naming the field for an invalid pipeline', async () => {
    const response = await fetch(`${fake.url}/fake/projects/42/pipelines`, {
      method: 'POST',
      body: 'job:\n  script: echo\n  needs: [other]\n',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: expect.stringMatching(/job\.needs/) });
  });
});

describe('fault injection', () => {
  it('answers the next N matching requests with the status and Retry-After, then normally', async () => {
    fake.injectFault({ method: 'GET', path: '/api/v4/runners/all', status: 429, retryAfter: 7, times: 2 });
    const list = () => apiCall(fake.url, 'GET', '/runners/all', { accessToken: TOKENS.admin });

    const first = await list();
    const second = await list();
    const third = await list();

    expect([first.status, second.status, third.status]).toEqual([429, 429, 200]);
    expect(first.headers.get('retry-after')).toBe('7');
  });

  it('matches paths by pattern and ignores other methods', async () => {
    fake.injectFault({ method: 'DELETE', path: /^\/api\/v4\/runners\/\d+$/, status: 502 });

    expect((await apiCall(fake.url, 'GET', '/runners/all', { accessToken: TOKENS.admin })).status).toBe(200);
    expect((await apiCall(fake.url, 'DELETE', '/runners/5', { accessToken: TOKENS.admin })).status).toBe(502);
  });

  it('records answered requests without headers or bodies', async () => {
    await apiCall(fake.url, 'GET', '/runners/all', { accessToken: TOKENS.admin });

    expect(fake.requests).toEqual([{ method: 'GET', path: '/api/v4/runners/all', status: 200 }]);
  });
});
