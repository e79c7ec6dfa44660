import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { type OutputStream, type SuperviseOptions, supervise } from '../../../src/runner/supervise.ts';

/** Runs a bash script; the deadline passes when the script prints `ready`, if `stopWhenReady`. */
const run = async (script: string, overrides: Partial<SuperviseOptions> = {}, stopWhenReady = false) => {
  const events: string[] = [];
  const deadline = new AbortController();
  const result = await supervise({
    command: 'bash',
    args: ['-c', script],
    env: { PATH: process.env.PATH },
    cwd: tmpdir(),
    stop: deadline.signal,
    killGraceMs: 60_000,
    onLine: (stream: OutputStream, line: string) => {
      events.push(`${stream}: ${line}`);
      if (stopWhenReady && line === 'ready') deadline.abort();
    },
    onSignal: (signal) => events.push(`signal: ${signal}`),
    ...overrides,
  });
  return { result, events };
};

describe('supervise', () => {
  it('streams stdout and stderr line by line and reports the exit code', async () => {
    const { result, events } = await run('echo one; echo two >&2; printf "three"; exit 3');
    expect(result).toEqual({ exitCode: 3, signal: null, escalation: 'none' });
    expect(events.filter((event) => event.startsWith('stdout'))).toEqual(['stdout: one', 'stdout: three']);
    expect(events).toContain('stderr: two');
  });

  it('sends SIGTERM at the deadline and lets a process that obeys it exit', async () => {
    const { result, events } = await run(
      'trap "echo terminated; exit 7" TERM; echo ready; while true; do sleep 1 >/dev/null & wait $!; done',
      {},
      true,
    );
    expect(result).toEqual({ exitCode: 7, signal: null, escalation: 'terminated' });
    expect(events.filter((event) => event.startsWith('signal'))).toEqual(['signal: SIGTERM']);
    expect(events).toContain('stdout: terminated');
  });

  it('sends SIGKILL after the grace period to a process that ignores SIGTERM', async () => {
    const { result, events } = await run(
      'trap "echo ignoring" TERM; echo ready; while true; do sleep 1 >/dev/null & wait $!; done',
      { killGraceMs: 300 },
      true,
    );
    expect(result).toEqual({ exitCode: null, signal: 'SIGKILL', escalation: 'killed' });
    expect(events.filter((event) => event.startsWith('signal'))).toEqual([
      'signal: SIGTERM',
      'signal: SIGKILL',
    ]);
  });

  it('stops a process at once when the deadline has already passed', async () => {
    const { result, events } = await run('sleep 300', { stop: AbortSignal.abort() });
    expect(result).toEqual({ exitCode: null, signal: 'SIGTERM', escalation: 'terminated' });
    expect(events).toEqual(['signal: SIGTERM']);
  });

  it('rejects with a RunnerStartError when the executable does not exist', async () => {
    await expect(run('', { command: '/nonexistent/gitlab-runner' })).rejects.toMatchObject({
      name: 'RunnerStartError',
      message: expect.stringContaining('/nonexistent/gitlab-runner'),
    });
  });
});
