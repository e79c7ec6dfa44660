import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_RUNNER_SHIM, resolveRunnerCommand } from '../../../src/runners/runner-command.ts';

describe('resolveRunnerCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glr-runner-command-'));
  const fake = join(dir, 'gitlab-runner');
  writeFileSync(fake, '#!/bin/sh\n');
  chmodSync(fake, 0o755);

  it('prefers GLR_RUNNER_COMMAND', () => {
    expect(resolveRunnerCommand({ GLR_RUNNER_COMMAND: '/opt/runner', PATH: dir })).toEqual({
      path: '/opt/runner',
      source: 'GLR_RUNNER_COMMAND',
    });
  });

  it('uses gitlab-runner from PATH when it is installed', () => {
    expect(resolveRunnerCommand({ PATH: `/nonexistent:${dir}` })).toEqual({ path: fake, source: 'PATH' });
  });

  it("falls back to the project's own runner", () => {
    expect(resolveRunnerCommand({ PATH: '/nonexistent' })).toEqual({
      path: LOCAL_RUNNER_SHIM,
      source: 'local runner',
    });
  });
});
