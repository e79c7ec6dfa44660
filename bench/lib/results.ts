import type { Spread } from './stats.ts';

/** One measured figure: the median of the rounds with their min and max. */
export interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly value: Spread;
  /** What the figure is compared with, measured in the same run, and ours ÷ baseline. */
  readonly baseline?: { readonly name: string; readonly value: Spread; readonly ratio: Spread };
}

/** One count a part checks; a run fails when `actual` differs from `expected`. */
export interface Count {
  readonly name: string;
  readonly actual: number;
  readonly expected: number;
}

/** What one part of the benchmark produced. */
export type PartResult =
  | {
      readonly id: string;
      readonly title: string;
      readonly status: 'measured';
      readonly size: string;
      readonly figures: readonly Figure[];
      readonly counts: readonly Count[];
      readonly notes: readonly string[];
    }
  | {
      readonly id: string;
      readonly title: string;
      /** Skipped: what it needs is not there yet. Failed: it threw. */
      readonly status: 'skipped' | 'failed';
      readonly reason: string;
    };

/** The counts of a part that are not what they must be. */
export const wrongCounts = (result: PartResult): Count[] =>
  result.status === 'measured' ? result.counts.filter((count) => count.actual !== count.expected) : [];
