import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type BootstrapResult,
  IDENTITY,
  placesTheTokenMustNotBe,
  RUNNER_TOKEN,
  runBootstrap,
  steps,
  TOKEN_PARAMETER,
} from './harness/bootstrap-run.ts';
import { IMDS_SESSION_TOKEN } from './harness/servers.ts';

const IMDS_STEPS = [
  'imds PUT /latest/api/token',
  'imds GET /latest/meta-data/instance-id',
  'imds GET /latest/meta-data/placement/region',
  'cloudwatch-agent',
];
const CLEAN_UP_AFTER_RUNNER = ['gitlab DELETE /api/v4/runners', 'sleep 5', 'poweroff'];

function expectTokenNowhere(result: BootstrapResult): void {
  const leaks = Object.entries(placesTheTokenMustNotBe(result)).filter(([, text]) =>
    text.includes(RUNNER_TOKEN),
  );
  expect(leaks.map(([place]) => place)).toEqual([]);
}

const callsOf = (result: BootstrapResult, cmd: string) => result.calls.filter((call) => call.cmd === cmd);

describe('glr-bootstrap', () => {
  it('runs one job with the token from its parameter, then deletes the runner and powers off', async () => {
    const result = await runBootstrap({ appearsOnAttempt: 2 });

    expect(result.exitCode).toBe(0);
    expect(steps(result.calls)).toEqual([
      ...IMDS_STEPS,
      'aws ssm get-parameter',
      'sleep 1',
      'aws ssm get-parameter',
      'aws ssm delete-parameter',
      'gitlab-runner run-single',
      ...CLEAN_UP_AFTER_RUNNER,
    ]);
    const [getParameter] = callsOf(result, 'aws');
    expect(getParameter?.argv).toEqual(
      expect.arrayContaining(['--name', TOKEN_PARAMETER, '--with-decryption', '--region', IDENTITY.region]),
    );
    expect(callsOf(result, 'aws')[2]?.argv.slice(0, 4)).toEqual([
      'ssm',
      'delete-parameter',
      '--region',
      'eu-west-1',
    ]);
    const [runner] = callsOf(result, 'gitlab-runner');
    expect(runner?.argv).toEqual([
      'run-single',
      '--config',
      join(result.stateDir, 'config.toml'),
      '--runner',
      'glr-4711-ab12cd',
      '--max-builds',
      '1',
      '--wait-timeout',
      '90',
    ]);
    const [deletion] = callsOf(result, 'gitlab');
    expect(deletion?.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(deletion?.body ?? '')).toEqual({ token: RUNNER_TOKEN });
    expectTokenNowhere(result);
  });

  it('asks IMDS for a session token and sends it with every metadata read', async () => {
    const result = await runBootstrap();

    const [put, ...gets] = callsOf(result, 'imds');
    expect(put?.headers?.['x-aws-ec2-metadata-token-ttl-seconds']).toBe('300');
    expect(gets.map((get) => get.headers?.['x-aws-ec2-metadata-token'])).toEqual([
      IMDS_SESSION_TOKEN,
      IMDS_SESSION_TOKEN,
    ]);
  });

  it('writes a root-only config.toml with the plan and removes it and the plan before powering off', async () => {
    const result = await runBootstrap();

    expect(result.sandbox.readControl('seen-config-mode').trim()).toBe('600');
    const config = result.sandbox.readControl('seen-config.toml');
    expect(config).toContain('name = "glr-4711-ab12cd"');
    expect(config).toContain(`url = "${result.gitlabUrl}"`);
    expect(config).toContain(`token = "${RUNNER_TOKEN}"`);
    expect(config).toContain('executor = "docker"');
    expect(config).toContain('image = "node:24-alpine"');
    expect(config).toContain('privileged = false');
    expect(existsSync(join(result.stateDir, 'config.toml'))).toBe(false);
    expect(existsSync(join(result.stateDir, 'plan.json'))).toBe(false);
  });

  it('keeps the token out of the logs, the console, every argv and the job environment', async () => {
    const result = await runBootstrap();

    expect(callsOf(result, 'gitlab-runner')).toHaveLength(1);
    expect(result.log).toContain('starting gitlab-runner run-single for glr-4711-ab12cd');
    expectTokenNowhere(result);
  });

  it('points the CloudWatch agent at the log group from user data and the bootstrap log file', async () => {
    const result = await runBootstrap();

    const config = JSON.parse(result.sandbox.readControl('seen-cloudwatch.json'));
    expect(config.logs.logs_collected.files.collect_list).toEqual([
      expect.objectContaining({
        log_group_name: '/gitlabrunner/ec2-runners',
        file_path: join(result.sandbox.root, 'log', 'bootstrap.log'),
        log_stream_name: '{instance_id}',
      }),
    ]);
  });

  it('waits with a bounded backoff when the parameter never appears, then powers off without a runner', async () => {
    const result = await runBootstrap({ plan: null, env: { GLR_TOKEN_WAIT_SECONDS: '20' } });

    expect(result.exitCode).toBe(1);
    expect(steps(result.calls)).toEqual([
      ...IMDS_STEPS,
      'aws ssm get-parameter',
      'sleep 1',
      'aws ssm get-parameter',
      'sleep 2',
      'aws ssm get-parameter',
      'sleep 4',
      'aws ssm get-parameter',
      'sleep 8',
      'aws ssm get-parameter',
      'sleep 5',
      'aws ssm get-parameter',
      'sleep 5',
      'poweroff',
    ]);
    expect(result.log).toContain(
      `parameter ${TOKEN_PARAMETER} did not appear within 20s (last error (ParameterNotFound))`,
    );
  });

  it('still deletes the runner from GitLab and powers off when gitlab-runner crashes', async () => {
    const result = await runBootstrap({ runnerMode: 'crash' });

    expect(result.exitCode).toBe(2);
    expect(steps(result.calls).slice(-4)).toEqual(['gitlab-runner run-single', ...CLEAN_UP_AFTER_RUNNER]);
    expect(result.log).toContain('gitlab-runner run-single exited with status 2');
    expect(result.log).toContain('panic: runtime error');
    expectTokenNowhere(result);
  });

  it('deletes the runner and powers off after an idle exit, using the AMI defaults the plan leaves out', async () => {
    const result = await runBootstrap({
      runnerMode: 'idle',
      plan: (url) => JSON.stringify({ url, token: RUNNER_TOKEN, runnerName: 'glr-4712-cd34ef' }),
      env: { GLR_DEFAULT_DOCKER_IMAGE: 'busybox:1.37', GLR_DEFAULT_WAIT_TIMEOUT_SECONDS: '45' },
    });

    expect(result.exitCode).toBe(0);
    expect(steps(result.calls).slice(-4)).toEqual(['gitlab-runner run-single', ...CLEAN_UP_AFTER_RUNNER]);
    expect(callsOf(result, 'gitlab-runner')[0]?.argv.slice(-2)).toEqual(['--wait-timeout', '45']);
    const config = result.sandbox.readControl('seen-config.toml');
    expect(config).toContain('executor = "docker"');
    expect(config).toContain('image = "busybox:1.37"');
  });

  it('retries a failing GitLab delete three times, then powers off anyway', async () => {
    const result = await runBootstrap({ gitlabStatuses: [500] });

    expect(result.exitCode).toBe(0);
    expect(steps(result.calls).slice(-8)).toEqual([
      'gitlab-runner run-single',
      'gitlab DELETE /api/v4/runners',
      'sleep 2',
      'gitlab DELETE /api/v4/runners',
      'sleep 4',
      'gitlab DELETE /api/v4/runners',
      'sleep 5',
      'poweroff',
    ]);
    expect(result.log).toContain('gave up deleting runner glr-4711-ab12cd from GitLab');
    expectTokenNowhere(result);
  });

  it('takes a 403 on delete as a runner that is already gone and does not retry', async () => {
    const result = await runBootstrap({ gitlabStatuses: [403] });

    expect(callsOf(result, 'gitlab')).toHaveLength(1);
    expect(result.log).toContain('GitLab no longer knows runner glr-4711-ab12cd (HTTP 403): already deleted');
  });

  it('configures the shell executor with bash and the builds directory', async () => {
    const result = await runBootstrap({
      plan: (url) => JSON.stringify({ url, token: RUNNER_TOKEN, runnerName: 'glr-1-aa', executor: 'shell' }),
    });

    const config = result.sandbox.readControl('seen-config.toml');
    expect(config).toContain('executor = "shell"');
    expect(config).toContain('shell = "bash"');
    expect(config).toContain(`builds_dir = "${join(result.sandbox.root, 'builds')}"`);
    expect(config).not.toContain('[runners.docker]');
  });

  it('rejects a plan naming the bad field, yet deletes the runner it holds a token for', async () => {
    const result = await runBootstrap({
      plan: (url) =>
        JSON.stringify({ url, token: RUNNER_TOKEN, runnerName: 'glr-1-aa', executor: 'kubernetes' }),
    });

    expect(result.exitCode).toBe(1);
    expect(result.log).toContain('executor: expected "docker" or "shell", or leave it out for docker');
    expect(callsOf(result, 'gitlab-runner')).toEqual([]);
    expect(steps(result.calls).slice(-5)).toEqual([
      'aws ssm get-parameter',
      'aws ssm delete-parameter',
      ...CLEAN_UP_AFTER_RUNNER,
    ]);
    expectTokenNowhere(result);
  });

  it('powers off without calling GitLab when the parameter is not JSON', async () => {
    const result = await runBootstrap({ plan: () => `token=${RUNNER_TOKEN}` });

    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/runner plan in \S+ is invalid: not valid JSON/);
    expect(callsOf(result, 'gitlab')).toEqual([]);
    expect(steps(result.calls).at(-1)).toBe('poweroff');
    expectTokenNowhere(result);
  });

  it('on SIGTERM during the job stops gitlab-runner, deletes the runner and powers off', async () => {
    let signalled = false;
    const result = await runBootstrap({
      runnerMode: 'hang',
      onCall: (call, pid) => {
        if (call.cmd === 'runner-ready' && !signalled) {
          signalled = true;
          process.kill(pid, 'SIGTERM');
        }
      },
    });

    expect(result.exitCode).toBe(143);
    expect(result.sandbox.readControl('runner-terminated').trim()).toBe('terminated');
    expect(steps(result.calls).slice(-4)).toEqual(['gitlab-runner run-single', ...CLEAN_UP_AFTER_RUNNER]);
  });

  it('powers off when IMDS gives no instance identity, before touching SSM', async () => {
    const result = await runBootstrap({ imdsBroken: true });

    expect(result.exitCode).toBe(1);
    expect(result.log).toContain('IMDSv2 gave no session token');
    expect(steps(result.calls)).toEqual(['gitlab PUT /no-imds/latest/api/token', 'sleep 5', 'poweroff']);
  });

  it('requires the log group and powers off when it is missing', async () => {
    const result = await runBootstrap({ args: ['--parameter-path', '/gitlabrunner/'] });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('the log group is required: pass --log-group NAME');
    expect(steps(result.calls)).toEqual(['sleep 5', 'poweroff']);
  });

  it('reads a custom parameter path', async () => {
    const result = await runBootstrap({ args: ['--parameter-path', '/ci/runners/', '--log-group', 'glr'] });

    expect(callsOf(result, 'aws')[0]?.argv).toEqual(
      expect.arrayContaining(['--name', `/ci/runners/runner-tokens/${IDENTITY.instanceId}`]),
    );
  });
});
