import { readFile, writeFile } from 'node:fs/promises';
import { LocalStackError } from '../errors.ts';

/** One `[[runners]]` entry of a `config.toml`, the settings `run-single --runner NAME` uses. */
export interface RunnerConfigEntry {
  readonly name: string;
  readonly url: string;
  readonly token: string;
  readonly buildsDir: string;
}

/** A `config.toml` that names no runner of that name, or lacks a setting. */
export class RunnerConfigError extends LocalStackError {
  public constructor(message: string) {
    super(message);
    this.name = 'RunnerConfigError';
  }
}

/** Writes a one-runner shell-executor `config.toml` (0600: it holds the runner token). */
export const writeRunnerConfig = async (path: string, entry: RunnerConfigEntry): Promise<void> => {
  const value = (text: string) => JSON.stringify(text);
  const lines = [
    'concurrent = 1',
    '',
    '[[runners]]',
    `  name = ${value(entry.name)}`,
    `  url = ${value(entry.url)}`,
    `  token = ${value(entry.token)}`,
    '  executor = "shell"',
    '  shell = "bash"',
    `  builds_dir = ${value(entry.buildsDir)}`,
    '',
  ];
  await writeFile(path, lines.join('\n'), { mode: 0o600, flag: 'wx' });
};

const KEYS = { name: 'name', url: 'url', token: 'token', builds_dir: 'buildsDir' } as const;

/**
 * Reads the `[[runners]]` entry called `name` from a `config.toml` written as gitlab-runner writes
 * it (basic strings only, which is what this project writes). Errors name the setting, never a value.
 */
export const readRunnerConfig = async (path: string, name: string): Promise<RunnerConfigEntry> => {
  const blocks = (await readFile(path, 'utf8')).split(/^\s*\[\[runners\]\]\s*$/m).slice(1);
  for (const block of blocks) {
    const entry: Partial<Record<(typeof KEYS)[keyof typeof KEYS], string>> = {};
    for (const match of block.matchAll(/^\s*(\w+)\s*=\s*("(?:[^"\\]|\\.)*")\s*$/gm)) {
      const key = KEYS[match[1] as keyof typeof KEYS];
      if (key && match[2]) entry[key] = JSON.parse(match[2]) as string;
    }
    if (entry.name !== name) continue;
    const missing = Object.values(KEYS).filter((key) => entry[key] === undefined);
    if (missing.length > 0)
      throw new RunnerConfigError(`runner ${name} in ${path} lacks ${missing.join(', ')}`);
    return entry as RunnerConfigEntry;
  }
  throw new RunnerConfigError(`${path} has no [[runners]] entry named ${name}`);
};
