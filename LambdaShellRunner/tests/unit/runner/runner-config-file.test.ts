import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRunnerConfig, writeRunnerConfigFile } from '../../../src/runner/runner-config-file.ts';
import { prepareWorkDirs } from '../../../src/runner/work-dirs.ts';

const payload = {
  runnerName: 'glr-4711-ab12cd',
  gitlabUrl: 'https://gitlab.example.com',
  runnerToken: 'glrt-secret',
};

describe('renderRunnerConfig', () => {
  it('describes one shell runner with bash, its token, and builds and cache in the work directory', () => {
    expect(renderRunnerConfig({ builds: '/w/builds', cache: '/w/cache' }, payload)).toBe(
      [
        'concurrent = 1',
        '',
        '[[runners]]',
        '  name = "glr-4711-ab12cd"',
        '  url = "https://gitlab.example.com"',
        '  token = "glrt-secret"',
        '  executor = "shell"',
        '  shell = "bash"',
        '  builds_dir = "/w/builds"',
        '  cache_dir = "/w/cache"',
        '',
      ].join('\n'),
    );
  });

  it('escapes quotes and backslashes so a value cannot add TOML keys', () => {
    const text = renderRunnerConfig(
      { builds: '/w/b"\\', cache: '/w/c' },
      { ...payload, runnerToken: 'glrt-"\nexecutor = "docker' },
    );
    expect(text).toContain('  token = "glrt-\\"\\nexecutor = \\"docker"');
    expect(text).toContain('  builds_dir = "/w/b\\"\\\\"');
    expect(text.split('\n').filter((line) => line.includes('executor'))).toHaveLength(2);
  });
});

describe('writeRunnerConfigFile', () => {
  it('writes a file only its owner can read, and removes it on request', async () => {
    const dirs = await prepareWorkDirs(await mkdtemp(join(tmpdir(), 'glr-config-')));
    const file = await writeRunnerConfigFile(dirs, payload);
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
    expect(await readFile(file.path, 'utf8')).toContain('token = "glrt-secret"');
    await file.remove();
    await expect(stat(file.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
