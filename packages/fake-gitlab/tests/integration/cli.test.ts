import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const ACCESS_TOKEN = 'glpat-cli-admin-token-0000001';
const run = promisify(execFile);

let server: ChildProcess | undefined;

afterEach(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
});

const startServer = async (): Promise<string> => {
  server = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, FAKE_GITLAB_ACCESS_TOKEN: ACCESS_TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: server.stdout as NodeJS.ReadableStream });
  const [first] = (await once(lines, 'line')) as [string];
  return (JSON.parse(first) as { url: string }).url;
};

describe('fake GitLab CLI', () => {
  it('serves a fake GitLab, creates a pipeline from a YAML file and stops on SIGTERM', async () => {
    const url = await startServer();
    const file = join(await mkdtemp(join(tmpdir(), 'fake-gitlab-')), 'ci.yml');
    await writeFile(file, 'build:\n  tags: [lambda]\n  script: [echo hi]\n');

    const { stdout } = await run(process.execPath, [CLI, 'pipeline', '--url', url, '--file', file]);
    const created = JSON.parse(stdout) as { jobs: { id: number; status: string }[] };
    const job = await fetch(`${url}/api/v4/projects/42/jobs/${created.jobs[0]?.id}`, {
      headers: { 'private-token': ACCESS_TOKEN },
    });

    expect(created.jobs).toMatchObject([{ status: 'pending' }]);
    expect(await job.json()).toMatchObject({ name: 'build', tag_list: ['lambda'] });
    server?.kill('SIGTERM');
    const [code] = (await once(server as ChildProcess, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('cancels a job and reports an invalid pipeline with a non-zero exit', async () => {
    const url = await startServer();
    const file = join(await mkdtemp(join(tmpdir(), 'fake-gitlab-')), 'ci.yml');
    await writeFile(file, 'build:\n  script: [echo hi]\n');
    const { stdout } = await run(process.execPath, [CLI, 'pipeline', '--url', url, '--file', file]);
    const jobId = (JSON.parse(stdout) as { jobs: { id: number }[] }).jobs[0]?.id;
    await writeFile(file, 'build:\n  needs: [x]\n  script: [echo hi]\n');

    const canceled = await run(process.execPath, [CLI, 'cancel', '--url', url, '--job', String(jobId)]);
    const invalid = run(process.execPath, [CLI, 'pipeline', '--url', url, '--file', file]);

    expect(JSON.parse(canceled.stdout)).toEqual({ id: jobId, status: 'canceled' });
    await expect(invalid).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/build\.needs/) });
  });
});
