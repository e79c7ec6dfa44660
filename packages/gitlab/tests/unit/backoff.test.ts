import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from '../../src/backoff.ts';

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');

  it('reads delay seconds', () => {
    expect(parseRetryAfterMs('7', 60_000, now)).toBe(7000);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfterMs('Mon, 02 Mar 2026 10:00:30 GMT', 60_000, now)).toBe(30_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfterMs('Mon, 02 Mar 2026 09:00:00 GMT', 60_000, now)).toBe(0);
  });

  it('caps both forms at the maximum delay', () => {
    expect(parseRetryAfterMs('86400', 10_000, now)).toBe(10_000);
    expect(parseRetryAfterMs('Tue, 03 Mar 2026 10:00:00 GMT', 10_000, now)).toBe(10_000);
  });

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfterMs(null, 10_000, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', 10_000, now)).toBeUndefined();
    expect(parseRetryAfterMs('-5', 10_000, now)).toBeUndefined();
  });

  it('never returns a negative or over-cap delay for any header', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 100_000 }), (header, cap) => {
        const delay = parseRetryAfterMs(header, cap, now);
        return delay === undefined || (delay >= 0 && delay <= cap);
      }),
    );
  });
});

describe('backoffDelayMs', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 5000 };

  it('doubles the ceiling with each retry, within half-to-full jitter', () => {
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(50);
    expect(backoffDelayMs(policy, 1, () => 1)).toBe(100);
    expect(backoffDelayMs(policy, 3, () => 1)).toBe(400);
  });

  it('never exceeds the maximum delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (retry, r) => {
        const delay = backoffDelayMs(policy, retry, () => r);
        return delay >= 0 && delay <= policy.maxDelayMs;
      }),
    );
  });
});
