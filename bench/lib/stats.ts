/** The median of several rounds and their spread. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The `p`-th percentile (0-100) of `samples` by the nearest-rank method. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
};

/** Median, min and max of per-round values. */
export const spread = (values: readonly number[]): Spread => ({
  median: percentile(values, 50),
  min: Math.min(...values),
  max: Math.max(...values),
});

/** How many rounds a figure is measured over, after how many discarded warm-up rounds. */
export interface Rounds {
  readonly warmup: number;
  readonly measured: number;
}

/** Runs `round` `warmup` times discarding the result, then `measured` times collecting it. */
export const runRounds = async <T>(rounds: Rounds, round: (index: number) => Promise<T>): Promise<T[]> => {
  for (let index = 0; index < rounds.warmup; index += 1) await round(index);
  const results: T[] = [];
  for (let index = 0; index < rounds.measured; index += 1) results.push(await round(index));
  return results;
};

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export const nowMs = (): number => performance.now();

/**
 * Wall-clock milliseconds since the epoch with sub-millisecond resolution: comparable between the
 * benchmark's processes on one machine, unlike `nowMs`.
 */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();
