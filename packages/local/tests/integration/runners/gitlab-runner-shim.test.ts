import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FakeGitLab, startFakeGitLab } from '@glr/fake-gitlab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_RUNNER_SHIM } from '../../../src/runners/runner-command.ts';
import { writeRunnerConfig } from '../../../src/runners/runner-config.ts';

const ACCESS_TOKEN = 'glpat-shim-test-access';
const run = promisify(execFile);

describe('bin/gitlab-runner-local: the run-single stand-in logs what gitlab-runner logs', () => {
  let gitlab: FakeGitLab;

  beforeAll(async () => {
    gitlab = await startFakeGitLab({ accessTokens: [{ token: ACCESS_TOKEN, scopes: ['api'], admin: true }] });
  });
  afterAll(async () => {
    await gitlab?.close();
  });

  /** Creates a runner in the fake GitLab and a config.toml naming it; returns the command line. */
  const runnerCommand = async (waitTimeoutSeconds: number) => {
    const response = await fetch(`${gitlab.url}/api/v4/user/runners`, {
      method: 'POST',
      headers: { 'private-token': ACCESS_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ runner_type: 'instance_type', tag_list: ['shim'], run_untagged: false }),
    });
    const { token } = (await response.json()) as { token: string };
    const dir = await mkdtemp(join(tmpdir(), 'glr-shim-'));
    const config = join(dir, 'config.toml');
    await writeRunnerConfig(config, { name: 'glr-1-shim', url: gitlab.url, token, buildsDir: dir });
    const args = ['run-single', '--config', config, '--runner', 'glr-1-shim', '--max-builds', '1'];
    return { token, args: [...args, '--wait-timeout', String(waitTimeoutSeconds)] };
  };

  it('logs the start, the job it received and the build limit, and never the token', async () => {
    const [jobId] = gitlab.createPipeline(
      'shim-job:\n  tags: [shim]\n  script: [echo from the shim]\n',
    ).jobIds;
    const { token, args } = await runnerCommand(30);

    const { stdout, stderr } = await run(LOCAL_RUNNER_SHIM, args);

    // The LambdaShellRunner tells a job from an idle run by these lines (its `createLogWatcher`).
    expect(stderr).toMatch(/^Starting runner for http:\/\/127\.0\.0\.1:\d+ /m);
    expect(stderr).toMatch(new RegExp(`^Checking for jobs\\.\\.\\. received\\s+job=${jobId} `, 'm'));
    expect(stderr).toContain('This runner has processed its build limit, so now exiting');
    expect(JSON.parse(stdout)).toMatchObject({
      runner: 'glr-1-shim',
      reason: 'max-builds',
      results: ['success'],
    });
    expect(`${stdout}${stderr}`).not.toContain(token);
  });

  it('logs gitlab-runner’s idle line when no job comes before the wait timeout', async () => {
    const { args } = await runnerCommand(1);

    const { stdout, stderr } = await run(LOCAL_RUNNER_SHIM, args);

    expect(stderr).toContain('This runner has not received a job in 1 seconds, so now exiting');
    expect(stderr).not.toContain('Checking for jobs... received');
    expect(JSON.parse(stdout)).toMatchObject({ reason: 'idle', results: [] });
  });
});
