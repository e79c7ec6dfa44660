import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shuffled } from '../../lib/shuffle.ts';

describe('shuffled', () => {
  it('returns a permutation of the items, the same one for the same seed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (items, seed) => {
        const once = shuffled(items, seed);
        expect([...once].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
        expect(shuffled(items, seed)).toEqual(once);
      }),
    );
  });

  it('changes the order of a long list', () => {
    const items = Array.from({ length: 100 }, (_, index) => index);
    expect(shuffled(items, 1)).not.toEqual(items);
  });
});
