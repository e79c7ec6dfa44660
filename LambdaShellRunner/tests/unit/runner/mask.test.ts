import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMasker, MASK } from '../../../src/runner/mask.ts';

describe('createMasker', () => {
  it('replaces every occurrence of the token in a line', () => {
    const mask = createMasker(['glrt-secret123']);
    expect(mask('token glrt-secret123 and again glrt-secret123.')).toBe(`token ${MASK} and again ${MASK}.`);
  });

  it('leaves lines without a secret unchanged and ignores empty secrets', () => {
    expect(createMasker(['', 'glrt-x'])('Checking for jobs... received')).toBe(
      'Checking for jobs... received',
    );
  });

  it('never lets a runner token through, wherever it sits in the line', () => {
    const token = fc.stringMatching(/^glrt-[A-Za-z0-9_-]{8,30}$/);
    fc.assert(
      fc.property(token, fc.string(), fc.string(), (secret, before, after) => {
        expect(createMasker([secret])(`${before}${secret}${after}`)).not.toContain(secret);
      }),
    );
  });
});
