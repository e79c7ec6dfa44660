import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LambdaRunnerPayload } from '@glr/core';
import { type FakeGitLab, startFakeGitLab } from '@glr/fake-gitlab';
import { createGitLabClient } from '@glr/gitlab';

/** The stand-in `gitlab-runner` the handler tests run instead of the real one. */
export const STAND_IN_PATH = resolve(import.meta.dirname, '../fixtures/gitlab-runner-stand-in.sh');

/** What the stand-in can do; see the script's header. */
export type StandInMode = 'succeed' | 'fail' | 'idle' | 'hang' | 'ignore-term' | 'crash' | 'orphan';

const ACCESS_TOKEN = 'glpat-lambda-shell-runner-tests';

/** The directories a handler test runs in: the work root and the stand-in's record. */
export interface TestDirs {
  readonly workRoot: string;
  readonly record: string;
}

/** Fresh temporary directories for one test file. */
export const createTestDirs = async (): Promise<TestDirs> => ({
  workRoot: await mkdtemp(join(tmpdir(), 'glr-lsr-work-')),
  record: await mkdtemp(join(tmpdir(), 'glr-lsr-record-')),
});

/** Sets the stand-in's mode for the next run and forgets what the last run recorded. */
export const setStandInMode = async (dirs: TestDirs, mode: StandInMode): Promise<void> => {
  await rm(dirs.record, { recursive: true, force: true });
  await mkdir(dirs.record, { recursive: true });
  await writeFile(join(dirs.record, 'mode'), mode);
};

/** Reads a file the stand-in recorded, or undefined when it did not write it. */
export const recorded = (dirs: TestDirs, name: string): Promise<string | undefined> =>
  readFile(join(dirs.record, name), 'utf8').catch(() => undefined);

/** The stand-in's environment as a map. */
export const recordedEnvironment = async (dirs: TestDirs): Promise<Record<string, string>> => {
  const text = (await recorded(dirs, 'env')) ?? '';
  return Object.fromEntries(
    text
      .split('\0')
      .filter((entry) => entry.includes('='))
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
};

/** A fake GitLab that accepts the tests' access token, for creating the runners the handler deletes. */
export const startGitLab = (): Promise<FakeGitLab> =>
  startFakeGitLab({ accessTokens: [{ token: ACCESS_TOKEN, scopes: ['create_runner', 'manage_runner'] }] });

/** Creates a runner in the fake GitLab, as the AutoScaler would, and the payload it would send. */
export const createRunnerPayload = async (
  gitlab: FakeGitLab,
  jobId = 4711,
): Promise<LambdaRunnerPayload & { runnerId: number }> => {
  const runnerName = `glr-${jobId}-${randomUUID().replaceAll('-', '').slice(0, 6)}`;
  const client = createGitLabClient({ url: gitlab.url });
  const created = await client.createRunner({
    accessToken: ACCESS_TOKEN,
    runnerType: 'project_type',
    projectId: 42,
    description: runnerName,
    tags: ['lambda'],
    runUntagged: false,
    locked: true,
    maximumTimeout: 600,
  });
  return {
    runnerName,
    gitlabUrl: gitlab.url,
    runnerToken: created.token,
    tags: ['lambda'],
    maximumTimeout: 600,
    jobId,
    runnerId: created.id,
  };
};
