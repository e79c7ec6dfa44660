import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isRunning, killMarkedProcesses } from '../../../src/runner/stray-processes.ts';

const startSleeper = (env: NodeJS.ProcessEnv) => {
  const child = spawn('sleep', ['300'], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  return { child, exited };
};

describe('killMarkedProcesses', () => {
  it('kills the processes carrying the marker and leaves the others alone', async () => {
    const marked = startSleeper({ GLR_TEST_MARKER: 'glr-1-aaaaaa' });
    const otherRunner = startSleeper({ GLR_TEST_MARKER: 'glr-1-aaaaaab' });
    const unmarked = startSleeper({});
    try {
      const killed = await killMarkedProcesses('GLR_TEST_MARKER', 'glr-1-aaaaaa');
      expect(killed).toEqual([marked.child.pid]);
      expect(await isRunning(marked.child.pid ?? 0)).toBe(false);
      expect(await marked.exited).toBe('SIGKILL');
      expect(await isRunning(otherRunner.child.pid ?? 0)).toBe(true);
      expect(await isRunning(unmarked.child.pid ?? 0)).toBe(true);
    } finally {
      otherRunner.child.kill('SIGKILL');
      unmarked.child.kill('SIGKILL');
    }
  });
});
