import { describe, expect, it } from 'vitest';
import { classifyRun, createLogWatcher } from '../../../src/runner/outcome.ts';

const watch = (...lines: string[]) => {
  const watcher = createLogWatcher();
  for (const line of lines) watcher.observe(line);
  return watcher.facts;
};
const exited = (exitCode: number | null, signal: NodeJS.Signals | null = null) => ({
  exitCode,
  signal,
  escalation: 'none' as const,
});

describe('createLogWatcher', () => {
  it('notices the start, a received job and an idle exit in gitlab-runner lines', () => {
    expect(watch('Starting runner for https://gitlab.example.com with token glrt-abc ...')).toEqual({
      started: true,
      jobReceived: false,
      idleExit: false,
    });
    expect(watch('Checking for jobs... received                       job=4711 runner=abc').jobReceived).toBe(
      true,
    );
    expect(watch('This runner has not received a job in 30 seconds, so now exiting').idleExit).toBe(true);
  });
});

describe('classifyRun', () => {
  it('says a job ran when the runner received one and exited cleanly', () => {
    expect(classifyRun(exited(0), watch('Checking for jobs... received job=1'))).toBe('job');
  });

  it('says idle when the runner gave up waiting for a job', () => {
    expect(
      classifyRun(exited(0), watch('This runner has not received a job in 30 seconds, so now exiting')),
    ).toBe('idle');
  });

  it('says deadline when the runner had to be stopped, whatever it exited with', () => {
    expect(classifyRun({ exitCode: null, signal: 'SIGKILL', escalation: 'killed' }, watch())).toBe(
      'deadline',
    );
    expect(classifyRun({ exitCode: 1, signal: null, escalation: 'terminated' }, watch())).toBe('deadline');
  });

  it('says runner-failed on a non-zero exit or a signal nobody sent', () => {
    expect(classifyRun(exited(1), watch('Checking for jobs... received job=1'))).toBe('runner-failed');
    expect(classifyRun(exited(null, 'SIGSEGV'), watch())).toBe('runner-failed');
  });
});
