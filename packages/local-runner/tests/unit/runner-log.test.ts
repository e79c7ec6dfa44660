import { describe, expect, it } from 'vitest';
import { gitlabRunnerLogLine, type RunnerEvent } from '../../src/index.ts';

const context = { url: 'http://127.0.0.1:8080', runnerName: 'glr-4711-abc123' };
const line = (event: RunnerEvent) => gitlabRunnerLogLine(event, context);

describe('gitlabRunnerLogLine', () => {
  // The messages gitlab-runner logs (commands/single.go, network/gitlab.go): readers of its output
  // (the LambdaShellRunner's run summary) match on them.
  it('logs the start as gitlab-runner run-single does', () => {
    expect(line({ type: 'started' })).toMatch(/^Starting runner for http:\/\/127\.0\.0\.1:8080 /);
  });

  it('logs a received job as gitlab-runner does, with the job id', () => {
    expect(line({ type: 'job-received', jobId: 4711 })).toMatch(
      /^Checking for jobs\.\.\. received\s+job=4711 runner=glr-4711-abc123$/,
    );
  });

  it('logs the two ways run-single exits on its own with gitlab-runner’s words', () => {
    expect(line({ type: 'build-limit' })).toBe('This runner has processed its build limit, so now exiting');
    expect(line({ type: 'idle', waitTimeoutSeconds: 30 })).toBe(
      'This runner has not received a job in 30 seconds, so now exiting',
    );
  });

  it('logs the job result and a failed poll', () => {
    expect(line({ type: 'job-finished', jobId: 7, result: 'success', durationMs: 1500 })).toMatch(
      /^Job succeeded\s+duration_s=1\.500 job=7 /,
    );
    expect(line({ type: 'job-finished', jobId: 7, result: 'failed', durationMs: 10 })).toMatch(
      /^WARNING: Job failed/,
    );
    expect(line({ type: 'request-failed', status: 502 })).toMatch(
      /^WARNING: Checking for jobs\.\.\. failed .*status=502$/,
    );
    expect(line({ type: 'request-failed', status: null })).toMatch(/status=network error$/);
  });
});
