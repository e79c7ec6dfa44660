import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mappingKey, normaliseTags } from '../../../src/index.ts';

describe('normaliseTags', () => {
  it('trims, lower-cases, de-duplicates and sorts', () => {
    expect(normaliseTags([' Linux ', 'docker', 'DOCKER', 'amd64'])).toEqual(['amd64', 'docker', 'linux']);
  });

  it('drops empty and blank tags', () => {
    expect(normaliseTags(['', '  ', 'x'])).toEqual(['x']);
  });

  it('is idempotent and ignores order', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (tags) => {
        const once = normaliseTags(tags);
        expect(normaliseTags(once)).toEqual(once);
        expect(normaliseTags([...tags].reverse())).toEqual(once);
      }),
    );
  });
});

describe('mappingKey', () => {
  it('keys by job name and sorted tags', () => {
    expect(mappingKey('build', ['Linux', 'docker'])).toEqual({ pk: 'job#build', sk: 'tags#docker#linux' });
  });

  it('gives a mapping without tags the sort key tags#', () => {
    expect(mappingKey('test', [])).toEqual({ pk: 'job#test', sk: 'tags#' });
  });
});
