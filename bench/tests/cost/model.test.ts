import { describe, expect, it } from 'vitest';
import { type CostLine, type CostReport, computeCost } from '../../cost/model.ts';
import { type CostInputs, DEFAULT_INPUTS } from '../../cost/options.ts';

const inputs = (overrides: Partial<CostInputs> = {}): CostInputs => ({ ...DEFAULT_INPUTS, ...overrides });

const line = (report: CostReport, item: string): CostLine => {
  const found = report.lines.find((candidate) => candidate.item.startsWith(item));
  if (found === undefined)
    throw new Error(`no line "${item}" in ${report.lines.map((l) => l.item).join(', ')}`);
  return found;
};

describe('computeCost: control plane', () => {
  it('prices 1,000 jobs from the per-job usage and the unit prices (hand-computed)', () => {
    const report = computeCost(inputs());
    // 4 webhooks × 1,000 = 4,000 requests × $1.00 / 1M
    expect(line(report, 'API Gateway').usdPer1000Jobs).toBeCloseTo(0.004, 9);
    // 4,000 × 0.25 GB × 0.05 s = 50 GB-s × $0.0000166667
    expect(line(report, 'webhook Lambda duration').usdPer1000Jobs).toBeCloseTo(0.000833335, 9);
    // 1,000 × 6 s × 64/1024 GB = 375 GB-s × $0.00001667
    expect(line(report, 'Step Functions Express duration').usdPer1000Jobs).toBeCloseTo(0.00625125, 9);
    // 5 WRU × 1,000 × $0.625 / 1M
    expect(line(report, 'DynamoDB on-demand writes').usdPer1000Jobs).toBeCloseTo(0.003125, 9);
    // 2 × 1,000 KMS requests × $0.03 / 10,000
    expect(line(report, 'KMS decrypts').usdPer1000Jobs).toBeCloseTo(0.006, 9);
    // The sum of the twelve lines above and their siblings, added by hand.
    expect(report.totals.controlPlane.usdPer1000Jobs).toBeCloseTo(0.0357595975, 9);
  });

  it('charges SSM API calls only when higher throughput is on', () => {
    expect(line(computeCost(inputs()), 'SSM secret reads').usdPer1000Jobs).toBe(0);
    // 2,000 calls × $0.05 / 10,000
    const higher = computeCost(inputs({ ssmThroughput: 'higher' }));
    expect(line(higher, 'SSM secret reads').usdPer1000Jobs).toBeCloseTo(0.01, 9);
    // 3,000 token-parameter calls × $0.05 / 10,000
    expect(line(higher, 'SSM token parameter').usdPer1000Jobs).toBeCloseTo(0.015, 9);
  });

  it('scales the month from the per-1,000 figure', () => {
    const report = computeCost(inputs({ jobsPerMonth: 25_000 }));
    expect(report.totals.controlPlane.usdPerMonth).toBeCloseTo(
      report.totals.controlPlane.usdPer1000Jobs * 25,
      9,
    );
  });
});

describe('computeCost: runners', () => {
  it('bills a Lambda runner for the job plus start-up at its memory', () => {
    const report = computeCost(inputs({ jobMinutes: 10, lambdaMemoryMb: 1024 }));
    // 1,000 × 1 GB × (600 + 5) s = 605,000 GB-s × $0.0000166667
    expect(line(report, 'runner duration').usdPer1000Jobs).toBeCloseTo(10.0833535, 6);
  });

  it('reports no Lambda runner cost for a job longer than Lambda allows', () => {
    const report = computeCost(inputs({ jobMinutes: 15 }));
    expect(report.totals.lambdaJobs).toBeNull();
    expect(report.lines.some((candidate) => candidate.part === 'Lambda runner')).toBe(false);
    expect(report.notes.join(' ')).toContain('905 s exceeds');
  });

  it('bills an EC2 runner at least 60 seconds, with its EBS volume', () => {
    const report = computeCost(inputs({ jobMinutes: 0.1 }));
    // 40 + 6 + 10 = 56 s < 60 s: 1,000 × 60 s / 3600 × $0.1008
    expect(line(report, 'm7i.large on-demand').usdPer1000Jobs).toBeCloseTo(1.68, 9);
    // 1,000 × 60 s × 30 GB / 2,592,000 s × $0.08
    expect(line(report, 'EBS gp3 30 GB').usdPer1000Jobs).toBeCloseTo(0.0555556, 6);
  });

  it('bills an EC2 runner per second past the minimum', () => {
    const report = computeCost(inputs({ jobMinutes: 5, instanceType: 't3.medium' }));
    // 1,000 × 350 s / 3600 × $0.0416
    expect(line(report, 't3.medium on-demand').usdPer1000Jobs).toBeCloseTo(4.0444444, 6);
  });

  it('uses a given Spot price as verified, and the estimated Spot fraction as an estimate', () => {
    const given = computeCost(inputs({ purchase: 'spot', spotPricePerHour: 0.04 }));
    // 1,000 × 350 s / 3600 × $0.04
    expect(line(given, 'm7i.large spot').usdPer1000Jobs).toBeCloseTo(3.8888889, 6);
    const estimated = computeCost(inputs({ purchase: 'spot' }));
    expect(estimated.hourlyInstancePrice.usd).toBeCloseTo(0.1008 * 0.35, 9);
    expect(estimated.hourlyInstancePrice.verified).toBe(false);
  });
});

describe('computeCost: always-on fleet', () => {
  it('sizes whole instances for the job-hours at the utilisation', () => {
    const report = computeCost(inputs());
    // 10,000 × 5 min = 833.3 h; / (0.25 × 730 h) = 4.57 → 5 instances
    expect(report.alwaysOnInstances).toBe(5);
    // 5 × 730 h × $0.1008 + 5 × 30 GB × $0.08
    expect(report.totals.alwaysOn.usdPerMonth).toBeCloseTo(379.92, 6);
    expect(report.totals.alwaysOn.usdPer1000Jobs).toBeCloseTo(37.992, 6);
  });

  it('keeps at least one instance for a tiny workload', () => {
    const report = computeCost(inputs({ jobsPerMonth: 10, utilisation: 1 }));
    expect(report.alwaysOnInstances).toBe(1);
    // (730 × $0.1008 + 30 × $0.08) for 10 jobs, scaled to 1,000
    expect(report.totals.alwaysOn.usdPer1000Jobs).toBeCloseTo(((73.584 + 2.4) / 10) * 1000, 6);
  });
});
