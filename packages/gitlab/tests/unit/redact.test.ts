import { describe, expect, it } from 'vitest';
import { redact } from '../../src/redact.ts';

describe('redact', () => {
  it('replaces the given secrets wherever they appear', () => {
    expect(redact('token s3cret was s3cret', ['s3cret'])).toBe('token [REDACTED] was [REDACTED]');
  });

  it('replaces anything shaped like a GitLab token even when not given', () => {
    expect(redact('runner glrt-abc_DEF-123 and glpat-xyz', [])).toBe('runner [REDACTED] and [REDACTED]');
  });

  it('caps long text', () => {
    expect(redact('a'.repeat(50), [], 10)).toBe(`${'a'.repeat(10)}…`);
  });
});
