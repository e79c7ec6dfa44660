import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LambdaRunnerPayload } from '@glr/core';
import type { WorkDirs } from './work-dirs.ts';

/** The `config.toml` written for one run, and how to remove it once gitlab-runner has read it. */
export interface RunnerConfigFile {
  readonly path: string;
  remove(): Promise<void>;
}

/**
 * Writes the one-runner `config.toml` that `gitlab-runner run-single -c <file> -r <name>` loads.
 * The token goes here, in a 0600 file, rather than into gitlab-runner's environment: the shell
 * executor hands its whole process environment to every job, so `CI_SERVER_TOKEN` would reach
 * the job. `-r` replaces all runner settings given as flags, so they all live in this file.
 */
export const writeRunnerConfigFile = async (
  dirs: WorkDirs,
  payload: Pick<LambdaRunnerPayload, 'runnerName' | 'gitlabUrl' | 'runnerToken'>,
): Promise<RunnerConfigFile> => {
  const path = join(dirs.config, 'config.toml');
  await writeFile(path, renderRunnerConfig(dirs, payload), { mode: 0o600, flag: 'wx' });
  return { path, remove: () => rm(path, { force: true }) };
};

/** Renders the TOML; JSON string syntax is valid TOML basic-string syntax. */
export const renderRunnerConfig = (
  dirs: Pick<WorkDirs, 'builds' | 'cache'>,
  payload: Pick<LambdaRunnerPayload, 'runnerName' | 'gitlabUrl' | 'runnerToken'>,
): string => {
  const value = (text: string): string => JSON.stringify(text);
  return [
    'concurrent = 1',
    '',
    '[[runners]]',
    `  name = ${value(payload.runnerName)}`,
    `  url = ${value(payload.gitlabUrl)}`,
    `  token = ${value(payload.runnerToken)}`,
    '  executor = "shell"',
    '  shell = "bash"',
    `  builds_dir = ${value(dirs.builds)}`,
    `  cache_dir = ${value(dirs.cache)}`,
    '',
  ].join('\n');
};
