import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type FakeGitLab, startFakeGitLab } from '@glr/fake-gitlab';
import { createTestRunnerStateTable, type DynaliteServer, startDynalite } from '@glr/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLambdaFunctions, repositoryRoot } from '../lambda-functions.ts';

/** How one `node scripts/invoke.ts …` run ended. */
interface Invocation {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `pnpm invoke`'s script as a child process with the test's environment plus `env`. */
const invoke = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Invocation> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repositoryRoot, 'scripts/invoke.ts'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

const readJson = async (path: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(join(repositoryRoot, path), 'utf8'));

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'glr-invoke-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('pnpm invoke: arguments', () => {
  it('refuses an unknown function with exit 1 and the list of known ids', async () => {
    const { code, stdout, stderr } = await invoke([
      'AutoScaler/no-such-function',
      '--event',
      'AutoScaler/events/job-pending.json',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown function "AutoScaler/no-such-function"');
    for (const { id } of listLambdaFunctions()) expect(stderr).toContain(id);
  });

  it('refuses a call without --event with exit 1 and the usage', async () => {
    const { code, stdout, stderr } = await invoke(['AutoScaler/claim-job']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('--event is required');
    expect(stderr).toContain('usage: pnpm invoke <Stack>/<function> --event <file.json>');
  });
});

describe('pnpm invoke LambdaShellRunner/runner', () => {
  const ACCESS_TOKEN = 'glpat-invoke-test';
  let gitlab: FakeGitLab;

  beforeAll(async () => {
    gitlab = await startFakeGitLab({
      accessTokens: [{ token: ACCESS_TOKEN, scopes: ['create_runner', 'manage_runner'] }],
    });
  });

  afterAll(async () => {
    await gitlab.close();
  });

  /** Creates the smoke-test event's runner in the fake GitLab, as the AutoScaler would. */
  const createRunner = async (event: Record<string, unknown>): Promise<{ id: number; token: string }> => {
    const response = await fetch(`${gitlab.url}/api/v4/user/runners`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'private-token': ACCESS_TOKEN },
      body: JSON.stringify({
        runner_type: 'project_type',
        project_id: 42,
        description: event.runnerName,
        tag_list: event.tags,
        run_untagged: false,
        locked: true,
        maximum_timeout: event.maximumTimeout,
      }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: number; token: string };
  };

  it('runs the smoke-test event with the stand-in gitlab-runner, prints the summary and deletes the runner', async () => {
    const sample = await readJson('LambdaShellRunner/events/smoke-test.json');
    const runner = await createRunner(sample);
    const eventFile = join(scratch, 'smoke-test.json');
    await writeFile(
      eventFile,
      JSON.stringify({ ...sample, gitlabUrl: gitlab.url, runnerToken: runner.token }),
    );
    const record = join(scratch, 'stand-in');
    await mkdir(record);
    await writeFile(join(record, 'mode'), 'succeed');

    const { code, stdout, stderr } = await invoke(['LambdaShellRunner/runner', '--event', eventFile], {
      GITLAB_RUNNER_PATH: join(repositoryRoot, 'LambdaShellRunner/tests/fixtures/gitlab-runner-stand-in.sh'),
      STAND_IN_DIR: record,
      WORK_ROOT: await mkdtemp(join(scratch, 'work-')),
    });

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      runnerName: sample.runnerName,
      jobId: sample.jobId,
      outcome: 'job',
      jobReceived: true,
      exitCode: 0,
      runnerDeletion: 'deleted',
    });
    expect(gitlab.runner(runner.id)).toBeUndefined();
    expect(stdout + stderr).not.toContain(runner.token);
  });
});

describe('pnpm invoke AutoScaler/claim-job against dynalite', () => {
  let dynalite: DynaliteServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dynalite = await startDynalite();
    const client = new DynamoDBClient({ endpoint: dynalite.endpoint });
    env = {
      AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
      GLR_STATE_TABLE_NAME: await createTestRunnerStateTable(client),
    };
    client.destroy();
  });

  afterAll(async () => {
    await dynalite.stop();
  });

  const job = { jobId: 4711, jobName: 'unit-tests', projectId: 42, pendingAt: '2026-03-02T10:15:02Z' };

  it('claims the sample pending job, prints only the result on stdout, and a second invocation finds the claim', async () => {
    const args = ['AutoScaler/claim-job', '--event', 'AutoScaler/events/job-pending.json'];
    const first = await invoke(args, env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ claimed: true, job });
    expect(first.stderr).toContain('"JobsClaimed":1');

    const second = await invoke([...args, '--no-build'], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({ claimed: false, job });
  });

  it('exits 1 with the validation error when the event is not the function input', async () => {
    const { code, stdout, stderr } = await invoke(
      ['AutoScaler/claim-job', '--event', 'AutoScaler/events/plan-runner.json'],
      env,
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Invalid StartRunner input');
  });
});
