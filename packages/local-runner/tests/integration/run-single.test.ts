import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type FakeGitLab, startFakeGitLab } from '@glr/fake-gitlab';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunnerEvent, runSingle } from '../../src/index.ts';

const ADMIN_TOKEN = 'glpat-admin-local-runner-0001';
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

let fake: FakeGitLab;
let buildsDir: string;

beforeEach(async () => {
  fake = await startFakeGitLab({ accessTokens: [{ token: ADMIN_TOKEN, scopes: ['api'], admin: true }] });
  buildsDir = await mkdtemp(join(tmpdir(), 'glr-builds-'));
});

afterEach(async () => {
  await fake.close();
});

const createRunnerToken = async (): Promise<string> => {
  const response = await fetch(`${fake.url}/api/v4/user/runners`, {
    method: 'POST',
    headers: { 'private-token': ADMIN_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ runner_type: 'instance_type', tag_list: ['local'], run_untagged: false }),
  });
  return ((await response.json()) as { token: string }).token;
};

const onlyJob = (script: string, afterScript = 'echo cleanup') => {
  const [id = 0] = fake.createPipeline(
    `only:\n  tags: [local]\n  script: ${JSON.stringify(script)}\n  after_script: ${JSON.stringify(afterScript)}\n`,
  ).jobIds;
  return id;
};

const options = async () => ({
  url: fake.url,
  token: await createRunnerToken(),
  buildsDir,
  maxBuilds: 1,
  waitTimeoutSeconds: 0,
  pollIntervalMs: 20,
  traceIntervalMs: 20,
});

describe('runSingle', () => {
  it('runs one job to success, streams its log and exits after max-builds', async () => {
    const id = onlyJob('echo "hello from $CI_JOB_NAME"');

    const summary = await runSingle(await options());

    expect(summary).toEqual({ reason: 'max-builds', results: ['success'] });
    expect(fake.job(id)).toMatchObject({ status: 'success', exitCode: 0 });
    expect(fake.trace(id)).toContain('$ echo "hello from $CI_JOB_NAME"\nhello from only\n');
    expect(fake.trace(id)).toContain('cleanup');
  });

  it('reports a failing script as script_failure with its exit code, after running after_script', async () => {
    const id = onlyJob('exit 3', 'echo after-script-ran');

    const summary = await runSingle(await options());

    expect(summary.results).toEqual(['failed']);
    expect(fake.job(id)).toMatchObject({ status: 'failed', failureReason: 'script_failure', exitCode: 3 });
    expect(fake.trace(id)).toContain('after-script-ran');
  });

  it('exits idle after the wait timeout when GitLab has no job', async () => {
    const summary = await runSingle({ ...(await options()), waitTimeoutSeconds: 1 });

    expect(summary).toEqual({ reason: 'idle', results: [] });
  });

  it('stops the script when GitLab cancels the job, runs after_script and ends canceled', async () => {
    const id = onlyJob('sleep 30', 'echo after-cancel');
    const run = runSingle(await options());
    await vi.waitFor(() => expect(fake.job(id)?.status).toBe('running'));

    fake.cancelJob(id);

    expect((await run).results).toEqual(['canceled']);
    expect(fake.job(id)?.status).toBe('canceled');
    expect(fake.trace(id)).toContain('after-cancel');
  });

  it('tells what it does in the order gitlab-runner logs it', async () => {
    const id = onlyJob('echo events');
    const events: RunnerEvent[] = [];

    await runSingle({ ...(await options()), onEvent: (event) => events.push(event) });

    expect(events.map((event) => event.type)).toEqual([
      'started',
      'job-received',
      'job-finished',
      'build-limit',
    ]);
    expect(events[1]).toEqual({ type: 'job-received', jobId: id });
    expect(events[2]).toMatchObject({ type: 'job-finished', jobId: id, result: 'success' });
  });

  it('keeps polling while GitLab answers 5xx, as gitlab-runner does, then runs the job', async () => {
    const id = onlyJob('echo after the outage');
    fake.injectFault({ method: 'POST', path: '/api/v4/jobs/request', times: 3, status: 502 });
    const events: RunnerEvent[] = [];

    const summary = await runSingle({ ...(await options()), onEvent: (event) => events.push(event) });

    expect(summary).toEqual({ reason: 'max-builds', results: ['success'] });
    expect(events.filter((event) => event.type === 'request-failed')).toEqual(
      Array(3).fill({ type: 'request-failed', status: 502 }),
    );
    expect(fake.job(id)?.status).toBe('success');
  });

  it('stops on an answer no retry can fix (the runner was deleted: 403)', async () => {
    fake.injectFault({ method: 'POST', path: '/api/v4/jobs/request', status: 403 });

    await expect(runSingle(await options())).rejects.toMatchObject({ name: 'JobProtocolError', status: 403 });
  });

  it('fails the running job with runner_system_failure when stopped', async () => {
    const id = onlyJob('sleep 30');
    const controller = new AbortController();
    const run = runSingle({ ...(await options()), signal: controller.signal });
    await vi.waitFor(() => expect(fake.job(id)?.status).toBe('running'));

    controller.abort();

    expect((await run).results).toEqual(['failed']);
    expect(fake.job(id)).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  });
});

describe('local runner CLI', () => {
  const run = promisify(execFile);

  it('runs one job with the token from CI_SERVER_TOKEN', async () => {
    const id = onlyJob('echo cli');
    const token = await createRunnerToken();

    const { stdout, stderr } = await run(
      process.execPath,
      [
        CLI,
        'run-single',
        '--url',
        fake.url,
        '--max-builds',
        '1',
        '--wait-timeout',
        '30',
        '--builds-dir',
        buildsDir,
      ],
      { env: { ...process.env, CI_SERVER_TOKEN: token } },
    );

    expect(JSON.parse(stdout)).toMatchObject({ reason: 'max-builds', results: ['success'] });
    expect(fake.job(id)?.status).toBe('success');
    expect(stderr).toContain('Checking for jobs... received');
    expect(stderr).not.toContain(token);
  });

  it('reports the running job failed and exits non-zero on SIGTERM', async () => {
    const id = onlyJob('sleep 30');
    const child = spawn(
      process.execPath,
      [CLI, 'run-single', '--url', fake.url, '--max-builds', '1', '--builds-dir', buildsDir],
      { env: { ...process.env, CI_SERVER_TOKEN: await createRunnerToken() }, stdio: 'ignore' },
    );
    await vi.waitFor(() => expect(fake.job(id)?.status).toBe('running'));

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];

    expect(code).toBe(1);
    expect(fake.job(id)).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  });

  it('refuses to start without CI_SERVER_TOKEN', async () => {
    const env = { ...process.env };
    delete env.CI_SERVER_TOKEN;

    const attempt = run(process.execPath, [CLI, 'run-single', '--url', fake.url, '--builds-dir', buildsDir], {
      env,
    });

    await expect(attempt).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/CI_SERVER_TOKEN is required/),
    });
  });
});
