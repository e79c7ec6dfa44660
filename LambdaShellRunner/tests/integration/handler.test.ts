import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FakeGitLab } from '@glr/fake-gitlab';
import { type CapturedOutput, captureOutput, lambdaContext } from '@glr/test-support';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../../src/runner/run-runner.ts';
import { isRunning } from '../../src/runner/stray-processes.ts';
import {
  createRunnerPayload,
  createTestDirs,
  recorded,
  recordedEnvironment,
  STAND_IN_PATH,
  setStandInMode,
  startGitLab,
  type TestDirs,
} from './harness.ts';

// The deadline falls 1.5 s into a run: margin 2 s, 3.5 s left. Runs that end on their own never reach it.
const MARGIN_SECONDS = 2;
const REMAINING_MS = 3_500;

let dirs: TestDirs;
let gitlab: FakeGitLab;
let output: CapturedOutput;
let handler: (event: unknown, context: Context) => Promise<RunSummary>;

beforeAll(async () => {
  dirs = await createTestDirs();
  gitlab = await startGitLab();
  vi.stubEnv('GITLAB_RUNNER_PATH', STAND_IN_PATH);
  vi.stubEnv('WORK_ROOT', dirs.workRoot);
  vi.stubEnv('RUNNER_WAIT_TIMEOUT_SECONDS', '2');
  vi.stubEnv('RUNNER_DEADLINE_MARGIN_SECONDS', String(MARGIN_SECONDS));
  vi.stubEnv('RUNNER_KILL_GRACE_SECONDS', '1');
  vi.stubEnv('STAND_IN_DIR', dirs.record);
  vi.stubEnv('CI_SERVER_TOKEN', 'glrt-from-the-function-environment');
  ({ handler } = await import('../../src/runner/handler.ts'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await gitlab.close();
});

beforeEach(() => {
  output = captureOutput();
});

afterEach(() => output.restore());

const invoke = async (mode: Parameters<typeof setStandInMode>[1]) => {
  await setStandInMode(dirs, mode);
  const payload = await createRunnerPayload(gitlab);
  const summary = await handler(
    payload,
    lambdaContext({ functionName: 'glr-lambda-shell-runner', remainingMs: REMAINING_MS }),
  );
  return { payload, summary };
};

const deadlineSignals = () =>
  output
    .records()
    .filter((record) => record.message === 'Deadline reached, stopping gitlab-runner')
    .map((record) => record.signal);

const metric = (name: string) => output.records().find((record) => name in record)?.[name];

describe('LambdaShellRunner handler', () => {
  it('runs gitlab-runner run-single for one job with the config file, the wait timeout and no token in argv', async () => {
    const { payload } = await invoke('succeed');
    const configPath = join(dirs.workRoot, 'glr-runner', 'config', 'config.toml');
    expect((await recorded(dirs, 'argv'))?.trimEnd().split('\n')).toEqual([
      'run-single',
      '--config',
      configPath,
      '--runner',
      payload.runnerName,
      '--max-builds',
      '1',
      '--wait-timeout',
      '2',
    ]);
    const config = await recorded(dirs, 'config.toml');
    expect(config).toContain(`name = "${payload.runnerName}"`);
    expect(config).toContain(`token = "${payload.runnerToken}"`);
    expect(config).toContain('executor = "shell"');
    expect(config).toContain('shell = "bash"');
    expect(config).toContain(`builds_dir = "${join(dirs.workRoot, 'glr-runner', 'builds')}"`);
    expect(config).toContain(`cache_dir = "${join(dirs.workRoot, 'glr-runner', 'cache')}"`);
    expect(await recorded(dirs, 'config-mode')).toBe('600\n');
  });

  it('gives the job HOME and TMPDIR under the work root and no runner token in its environment', async () => {
    const { payload } = await invoke('succeed');
    const environment = await recordedEnvironment(dirs);
    expect(environment.HOME).toBe(join(dirs.workRoot, 'glr-runner', 'home'));
    expect(environment.TMPDIR).toBe(join(dirs.workRoot, 'glr-runner', 'tmp'));
    expect(environment.CI_SERVER_TOKEN).toBeUndefined();
    expect(Object.values(environment).join('\n')).not.toContain(payload.runnerToken);
    expect(await recorded(dirs, 'config-left-while-running')).toBeUndefined();
  });

  it('streams the runner output to the log with the token masked, and returns a summary', async () => {
    const { payload, summary } = await invoke('succeed');
    expect(output.text()).toContain('job output that prints the token: [MASKED]');
    expect(output.text()).not.toContain(payload.runnerToken);
    expect(summary).toMatchObject({
      runnerName: payload.runnerName,
      jobId: payload.jobId,
      outcome: 'job',
      jobReceived: true,
      exitCode: 0,
      signal: null,
      runnerDeletion: 'deleted',
    });
    expect(JSON.stringify(summary)).not.toContain(payload.runnerToken);
    expect(metric('JobsRun')).toBe(1);
  });

  it('deletes the runner from GitLab after the job', async () => {
    const { payload } = await invoke('succeed');
    expect(gitlab.runner(payload.runnerId)).toBeUndefined();
    expect(gitlab.requests.at(-1)).toEqual({ method: 'DELETE', path: '/api/v4/runners', status: 204 });
  });

  it('reports an idle exit when no job came, and still deletes the runner', async () => {
    const { payload, summary } = await invoke('idle');
    expect(summary).toMatchObject({
      outcome: 'idle',
      jobReceived: false,
      exitCode: 0,
      runnerDeletion: 'deleted',
    });
    expect(gitlab.runner(payload.runnerId)).toBeUndefined();
    expect(metric('IdleExits')).toBe(1);
  });

  it('stops a job that runs into the deadline with SIGTERM, so gitlab-runner can report it', async () => {
    const { payload, summary } = await invoke('hang');
    expect(await recorded(dirs, 'signals')).toBe('got SIGTERM\n');
    expect(deadlineSignals()).toEqual(['SIGTERM']);
    expect(summary).toMatchObject({ outcome: 'deadline', exitCode: 1, runnerDeletion: 'deleted' });
    expect(gitlab.runner(payload.runnerId)).toBeUndefined();
    expect(metric('DeadlineHits')).toBe(1);
  });

  it('sends SIGKILL after the grace period when gitlab-runner ignores SIGTERM', async () => {
    const { payload, summary } = await invoke('ignore-term');
    expect(await recorded(dirs, 'signals')).toBe('got SIGTERM\n');
    expect(deadlineSignals()).toEqual(['SIGTERM', 'SIGKILL']);
    expect(summary).toMatchObject({ outcome: 'deadline', exitCode: null, signal: 'SIGKILL' });
    expect(gitlab.runner(payload.runnerId)).toBeUndefined();
  });

  it.each([
    ['crashes', 'crash', { exitCode: null, signal: 'SIGSEGV' }],
    ['exits with an error', 'fail', { exitCode: 1, signal: null }],
  ] as const)('deletes the runner when gitlab-runner %s', async (_what, mode, exit) => {
    const { payload, summary } = await invoke(mode);
    expect(summary).toMatchObject({ outcome: 'runner-failed', ...exit, runnerDeletion: 'deleted' });
    expect(gitlab.runner(payload.runnerId)).toBeUndefined();
    expect(metric('RunnerFailures')).toBe(1);
    const exits = output.records().find((record) => 'RunnerExits' in record);
    expect(exits?.ExitCode).toBe(exit.signal ?? String(exit.exitCode));
  });

  it('leaves nothing under the work root, read-only directories included, for the next invocation', async () => {
    await invoke('succeed');
    expect(await readdir(dirs.workRoot)).toEqual([]);
    await invoke('succeed');
    expect(await recorded(dirs, 'builds-at-start')).toBe('');
    expect(await readdir(dirs.workRoot)).toEqual([]);
  });

  it('kills the processes a job left running', async () => {
    const { summary } = await invoke('orphan');
    const orphan = Number(await recorded(dirs, 'orphan-pid'));
    expect(summary.strayProcessesKilled).toBeGreaterThanOrEqual(1);
    expect(await isRunning(orphan)).toBe(false);
  });

  it('reports a runner it could not delete, for the reaper to remove, without logging the token', async () => {
    gitlab.injectFault({ method: 'DELETE', path: '/api/v4/runners', status: 500, times: 10 });
    try {
      const { payload, summary } = await invoke('succeed');
      expect(summary.runnerDeletion).toBe('failed');
      expect(gitlab.runner(payload.runnerId)).toBeDefined();
      expect(metric('RunnerDeleteFailures')).toBe(1);
      expect(
        output.records().some((record) => record.message === 'Could not delete the runner from GitLab'),
      ).toBe(true);
      expect(output.text()).not.toContain(payload.runnerToken);
    } finally {
      gitlab.clearFaults();
    }
  });

  it('rejects a payload with missing or bad fields, naming them, without starting a runner', async () => {
    await setStandInMode(dirs, 'succeed');
    const event = { runnerName: 'glr-1-abcdef', gitlabUrl: 'ftp://gitlab', runnerToken: 'glrt-never-logged' };
    await expect(
      handler(event, lambdaContext({ functionName: 'glr-lambda-shell-runner', remainingMs: REMAINING_MS })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/gitlabUrl.*maximumTimeout.*jobId/s),
    });
    expect(await recorded(dirs, 'argv')).toBeUndefined();
    expect(output.text()).not.toContain('glrt-never-logged');
  });
});
