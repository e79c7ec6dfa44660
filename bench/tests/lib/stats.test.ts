import { describe, expect, it } from 'vitest';
import { percentile, runRounds, spread } from '../../lib/stats.ts';

describe('percentile', () => {
  it('takes the nearest rank of the sorted samples', () => {
    const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
  });

  it('refuses an empty sample set', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
  });
});

describe('spread', () => {
  it('gives the median, min and max of the rounds', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
  });
});

describe('runRounds', () => {
  it('runs the warm-up rounds first and keeps only the measured ones', async () => {
    const calls: number[] = [];
    const kept = await runRounds({ warmup: 2, measured: 3 }, async (index) => {
      calls.push(index);
      return calls.length;
    });
    expect(calls).toEqual([0, 1, 0, 1, 2]);
    expect(kept).toEqual([3, 4, 5]);
  });
});
