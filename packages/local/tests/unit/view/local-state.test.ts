import { describe, expect, it } from 'vitest';
import { renderState } from '../../../src/view/console-view.ts';
import { LocalStateView } from '../../../src/view/local-state.ts';

const event = (status: string, runner?: string) => ({
  jobId: 7,
  jobName: 'unit-tests',
  status,
  runner: runner ? { id: 1, description: runner, tags: [] } : null,
});

describe('LocalStateView', () => {
  it('follows a job through its statuses with the runner that took it and the times', () => {
    const view = new LocalStateView();
    view.jobEvent(event('pending'), '2026-03-02T10:00:00Z');
    view.jobEvent(event('running', 'glr-7-abc'), '2026-03-02T10:00:02Z');
    view.jobEvent(event('success', 'glr-7-abc'), '2026-03-02T10:00:09Z');
    expect(view.snapshot([], { running: 0, succeeded: 0, failed: 0 }).jobs).toEqual([
      {
        jobId: 7,
        jobName: 'unit-tests',
        status: 'success',
        runner: 'glr-7-abc',
        pendingAt: '2026-03-02T10:00:00Z',
        runningAt: '2026-03-02T10:00:02Z',
        finishedAt: '2026-03-02T10:00:09Z',
      },
    ]);
  });

  it('keeps running when a late pending arrives, and a finished job finished', () => {
    const view = new LocalStateView();
    view.jobEvent(event('running', 'glr-7-abc'), '2026-03-02T10:00:02Z');
    view.jobEvent(event('pending'), '2026-03-02T10:00:00Z');
    expect(view.snapshot([], { running: 0, succeeded: 0, failed: 0 }).jobs[0]?.status).toBe('running');
    view.jobEvent(event('failed'), '2026-03-02T10:00:05Z');
    view.jobEvent(event('running'), '2026-03-02T10:00:06Z');
    expect(view.snapshot([], { running: 0, succeeded: 0, failed: 0 }).jobs[0]?.status).toBe('failed');
  });

  it('ignores events that are not job events', () => {
    const view = new LocalStateView();
    view.jobEvent({ hello: 'world' }, '2026-03-02T10:00:00Z');
    expect(view.snapshot([], { running: 0, succeeded: 0, failed: 0 }).jobs).toEqual([]);
  });
});

describe('renderState', () => {
  it('shows each job with its runner and times, and each runner with its kind', () => {
    const view = new LocalStateView();
    view.jobEvent(event('pending'), '2026-03-02T10:00:00Z');
    view.jobEvent(event('running', 'glr-7-abc'), '2026-03-02T10:00:02.5Z');
    const screen = renderState(
      view.snapshot(
        [
          {
            name: 'glr-7-abc',
            kind: 'EC2',
            status: 'running',
            startedAt: '2026-03-02T10:00:01Z',
            detail: 'i-1 m7i.large spot',
          },
        ],
        { running: 1, succeeded: 2, failed: 0 },
      ),
      ['header line'],
    );
    const esc = String.fromCharCode(27);
    const plain = screen.replaceAll(new RegExp(`${esc}\\[\\d+m`, 'g'), '');
    expect(plain).toContain('header line');
    expect(plain).toMatch(/7 +unit-tests +running +glr-7-abc +2\.5s +-/);
    expect(plain).toMatch(/glr-7-abc +EC2 +running .* i-1 m7i\.large spot/);
    expect(plain).toContain('1 running, 2 succeeded, 0 failed');
  });
});
