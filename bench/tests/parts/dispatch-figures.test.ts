import { describe, expect, it } from 'vitest';
import type { Count, PartResult } from '../../lib/results.ts';
import {
  type CleanUpObservation,
  cleanUpResult,
  type DispatchObservation,
  dispatchResult,
  jobIdOfRunner,
} from '../../parts/dispatch-figures.ts';
import type { BenchJob } from '../../parts/dispatch-protocol.ts';

const job = (id: number, kind: BenchJob['kind'] = 'LAMBDA'): BenchJob => ({
  id,
  name: kind === 'EC2' ? 'docker-build' : 'unit-tests',
  stage: 'test',
  pipelineId: id,
  projectId: 42,
  kind,
});

const burst = (overrides: Partial<DispatchObservation> = {}): DispatchObservation => ({
  jobs: [job(1), job(2), job(3, 'EC2')],
  copies: 3,
  accepted: 9,
  acceptedAtMs: new Map([
    [1, 1000],
    [2, 1000],
    [3, 1100],
  ]),
  firstSentAtMs: 900,
  webhooksPerSecond: 40,
  starts: [
    { runnerName: 'glr-1-aaaaaa', kind: 'LAMBDA', atMs: 1010 },
    { runnerName: 'glr-2-bbbbbb', kind: 'LAMBDA', atMs: 1030 },
    { runnerName: 'glr-3-cccccc', kind: 'EC2', atMs: 1150 },
  ],
  gitlabRunners: 3,
  executions: 9,
  failedExecutions: 0,
  flowsDoneAtMs: 2900,
  maxRssKiB: 204_800,
  ...overrides,
});

const measured = (result: PartResult) => {
  if (result.status !== 'measured') throw new Error(`not measured: ${result.reason}`);
  return result;
};
const count = (counts: readonly Count[], name: string) => counts.find((c) => c.name === name)?.actual;
const figure = (result: PartResult, name: string) =>
  measured(result).figures.find((f) => f.name === name)?.value.median;

describe('jobIdOfRunner', () => {
  it('reads the job id out of a runner name and nothing out of other names', () => {
    expect(jobIdOfRunner('glr-4711-x1y2z3')).toBe(4711);
    expect(jobIdOfRunner('my-runner-4711')).toBeUndefined();
  });
});

describe('dispatchResult', () => {
  it('times each job from its first accepted delivery to its first runner start, per kind too', () => {
    const result = dispatchResult(burst(), burst());
    expect(figure(result, 'webhook accepted → runner start requested, p50')).toBe(30);
    expect(figure(result, 'webhook accepted → runner start requested, p99')).toBe(50);
    expect(figure(result, 'same, EC2 runners, p50')).toBe(50);
    expect(figure(result, 'unpaced: StartRunner executions')).toBe(4.5);
    expect(figure(result, 'peak RSS of the stack process')).toBe(200);
  });

  it('counts a second start for a job as a duplicate and a job without one as not started', () => {
    const seen = burst({
      starts: [
        { runnerName: 'glr-1-aaaaaa', kind: 'LAMBDA', atMs: 1010 },
        { runnerName: 'glr-1-dddddd', kind: 'LAMBDA', atMs: 1020 },
        { runnerName: 'glr-3-cccccc', kind: 'EC2', atMs: 1150 },
      ],
    });
    const { counts } = measured(dispatchResult(seen, burst()));
    expect(count(counts, 'runners started (distinct jobs)')).toBe(2);
    expect(count(counts, 'duplicate runner starts')).toBe(1);
    expect(count(counts, 'unpaced: duplicate runner starts')).toBe(0);
  });

  it('leaves the throughput out when the unpaced burst did not finish', () => {
    const result = dispatchResult(burst(), burst({ flowsDoneAtMs: undefined }));
    expect(figure(result, 'unpaced: StartRunner executions')).toBeUndefined();
  });
});

const cleanUp = (overrides: Partial<CleanUpObservation> = {}): CleanUpObservation => ({
  runners: 2,
  ec2Runners: 1,
  sent: 4,
  accepted: 4,
  successAcceptedAtMs: new Map([
    ['glr-1-aaaaaa', 5000],
    ['glr-3-cccccc', 5010],
  ]),
  ends: [
    { runnerName: 'glr-1-aaaaaa', deletedAtMs: 5020 },
    { runnerName: 'glr-3-cccccc', deletedAtMs: 5030, terminatedAtMs: 5090 },
  ],
  leftovers: { gitlabRunners: 0, liveInstances: 0 },
  maxRssKiB: 1024,
  ...overrides,
});

describe('cleanUpResult', () => {
  it('ends a runner when it is deleted in GitLab and, on EC2, its instance terminated', () => {
    const result = cleanUpResult(cleanUp());
    expect(figure(result, 'success accepted → runner deleted (and instance terminated), p50')).toBe(20);
    expect(figure(result, 'success accepted → runner deleted (and instance terminated), p99')).toBe(80);
    expect(figure(result, 'slowest runner')).toBe(80);
  });

  it('reports runners left in GitLab and live instances as leftovers', () => {
    const seen = cleanUp({
      ends: [{ runnerName: 'glr-1-aaaaaa', deletedAtMs: 5020 }, { runnerName: 'glr-3-cccccc' }],
      leftovers: { gitlabRunners: 1, liveInstances: 1 },
    });
    const { counts } = measured(cleanUpResult(seen));
    expect(count(counts, 'runners deleted in GitLab')).toBe(1);
    expect(count(counts, 'instances terminated')).toBe(0);
    expect(count(counts, 'leftovers (GitLab runners and live instances)')).toBe(2);
  });
});
