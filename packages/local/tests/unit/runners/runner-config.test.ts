import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RunnerConfigError,
  readRunnerConfig,
  writeRunnerConfig,
} from '../../../src/runners/runner-config.ts';

const TOKEN = 'glrt-config-test-"quoted"-secret';

describe('runner config.toml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glr-runner-config-'));

  it('writes a 0600 file that reads back, quotes included', async () => {
    const path = join(dir, 'config.toml');
    const entry = { name: 'glr-1-abc', url: 'http://127.0.0.1:1', token: TOKEN, buildsDir: '/tmp/b' };
    await writeRunnerConfig(path, entry);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await expect(readRunnerConfig(path, 'glr-1-abc')).resolves.toEqual(entry);
  });

  it('reads the LambdaShellRunner layout and picks the runner by name', async () => {
    const path = join(dir, 'lambda.toml');
    writeFileSync(
      path,
      [
        'concurrent = 1',
        '[[runners]]',
        '  name = "other"',
        '[[runners]]',
        '  name = "glr-2-def"',
        '  url = "http://gitlab"',
        `  token = ${JSON.stringify(TOKEN)}`,
        '  executor = "shell"',
        '  builds_dir = "/w/builds"',
        '  cache_dir = "/w/cache"',
      ].join('\n'),
    );
    await expect(readRunnerConfig(path, 'glr-2-def')).resolves.toMatchObject({
      buildsDir: '/w/builds',
      token: TOKEN,
    });
  });

  it('names what is missing, never the token', async () => {
    const path = join(dir, 'partial.toml');
    writeFileSync(path, `[[runners]]\n  name = "x"\n  token = ${JSON.stringify(TOKEN)}\n`);
    const failure = readRunnerConfig(path, 'x');
    await expect(failure).rejects.toThrow(RunnerConfigError);
    await expect(failure).rejects.toThrow('lacks url, buildsDir');
    await expect(readRunnerConfig(path, 'x').catch((error: Error) => error.message)).resolves.not.toContain(
      TOKEN,
    );
    await expect(readRunnerConfig(path, 'y')).rejects.toThrow('no [[runners]] entry named y');
  });
});
