import type { PartResult } from '../lib/results.ts';
import type { Rounds } from '../lib/stats.ts';

/** How big a run is: `--quick` (small, for `make test`) or full. */
export interface RunSize {
  readonly quick: boolean;
  readonly rounds: Rounds;
}

/** The sizes of a quick and a full run. */
export const runSize = (quick: boolean): RunSize => ({
  quick,
  rounds: quick ? { warmup: 1, measured: 3 } : { warmup: 1, measured: 5 },
});

/** One part of `pnpm bench`. */
export interface BenchPart {
  readonly id: string;
  readonly title: string;
  run(size: RunSize): Promise<PartResult | readonly PartResult[]>;
}
