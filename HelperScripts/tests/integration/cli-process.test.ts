import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '../../src/seed/cli.ts');
const run = promisify(execFile);

// `pnpm seed` runs cli.ts with plain Node (type stripping, workspace packages resolved from source).
describe('seed CLI as a process', () => {
  it('prints the usage with --help and exits 0', async () => {
    const { stdout } = await run(process.execPath, [cli, '--help']);
    expect(stdout).toContain('Usage: pnpm seed');
  });

  it('exits 1 with the fix on stderr for a bad flag', async () => {
    const failure = await run(process.execPath, [cli, '--table', 't', '--force']).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 1, stderr: "error: Unknown option '--force'; see --help\n" });
  });
});
