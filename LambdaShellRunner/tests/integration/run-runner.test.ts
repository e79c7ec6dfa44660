import { readdir } from 'node:fs/promises';
import { silentLogger } from '@glr/core';
import type { FakeGitLab } from '@glr/fake-gitlab';
import { createGitLabClient } from '@glr/gitlab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRunnerSettings } from '../../src/config.ts';
import { runRunner } from '../../src/runner/run-runner.ts';
import { createRunnerPayload, createTestDirs, startGitLab, type TestDirs } from './harness.ts';

let dirs: TestDirs;
let gitlab: FakeGitLab;

beforeAll(async () => {
  dirs = await createTestDirs();
  gitlab = await startGitLab();
});

afterAll(() => gitlab.close());

describe('runRunner', () => {
  it('deletes the runner and removes the work directory when gitlab-runner cannot be started', async () => {
    const settings = loadRunnerSettings({
      GITLAB_RUNNER_PATH: '/nonexistent/gitlab-runner',
      WORK_ROOT: dirs.workRoot,
    });
    const { runnerId, ...payload } = await createRunnerPayload(gitlab);
    const run = runRunner(payload, {
      settings,
      logger: silentLogger,
      gitlab: createGitLabClient({ url: gitlab.url }),
      remainingTimeMs: 900_000,
    });
    await expect(run).rejects.toMatchObject({ name: 'RunnerStartError' });
    expect(gitlab.runner(runnerId)).toBeUndefined();
    expect(await readdir(dirs.workRoot)).toEqual([]);
  });
});
