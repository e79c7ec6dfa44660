/** How the client waits between attempts. */
export interface BackoffPolicy {
  /** Delay before the first retry, before jitter (ms). */
  readonly baseDelayMs: number;
  /** Upper bound of any wait, `Retry-After` included (ms). */
  readonly maxDelayMs: number;
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential with full jitter, so many
 * clients failing together do not retry in step. `random` is injectable for tests.
 */
export const backoffDelayMs = (policy: BackoffPolicy, retry: number, random: () => number = Math.random) => {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
};

/**
 * Reads a `Retry-After` header: delay seconds (`120`) or an HTTP date. Returns milliseconds capped at
 * `maxDelayMs`, or `undefined` when absent or unreadable (the caller then uses its own backoff).
 */
export const parseRetryAfterMs = (
  header: string | null,
  maxDelayMs: number,
  now: number = Date.now(),
): number | undefined => {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, maxDelayMs);
  // HTTP dates start with a day name (IMF-fixdate, RFC 850 and asctime forms alike).
  const date = /^[A-Za-z]/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), maxDelayMs);
};
