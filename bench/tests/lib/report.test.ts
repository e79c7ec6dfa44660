import { describe, expect, it } from 'vitest';
import { type BenchReport, renderBenchReport } from '../../lib/report.ts';

const report: BenchReport = {
  date: '2026-11-29T00:00:00.000Z',
  quick: true,
  machine: { cores: 2, cpuModel: 'Test CPU', memoryGiB: 4, node: 'v24.0.0', platform: 'linux-x64' },
  parts: [
    {
      id: 'p',
      title: 'Part',
      status: 'measured',
      size: '10 requests',
      figures: [
        {
          name: 'throughput',
          unit: 'req/s',
          value: { median: 500, min: 450, max: 520 },
          baseline: {
            name: 'bare',
            value: { median: 1000, min: 900, max: 1100 },
            ratio: { median: 0.5, min: 0.45, max: 0.55 },
          },
        },
      ],
      counts: [
        { name: 'answered', actual: 10, expected: 10 },
        { name: 'duplicates', actual: 1, expected: 0 },
      ],
      notes: ['a note'],
    },
    { id: 's', title: 'Later part', status: 'skipped', reason: 'not there yet' },
  ],
};

describe('renderBenchReport', () => {
  const text = renderBenchReport(report);

  it('names the machine and the run', () => {
    expect(text).toContain(
      'pnpm bench --quick on 2026-11-29T00:00:00.000Z: 2 cores, Test CPU, 4 GiB, Node.js v24.0.0',
    );
  });

  it('shows median, spread, baseline and ratio of each figure', () => {
    expect(text).toMatch(/throughput\s+req\/s\s+500\s+450–520\s+bare: 1,000\s+0\.5×/);
  });

  it('marks a wrong count and gives the reason of a skipped part', () => {
    expect(text).toMatch(/duplicates\s+1\s+0\s+WRONG/);
    expect(text).toMatch(/answered\s+10\s+10\s+ok/);
    expect(text).toContain('Later part: skipped: not there yet');
  });
});
