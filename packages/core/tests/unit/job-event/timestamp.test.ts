import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGitLabTimestamp } from '../../../src/index.ts';

describe('parseGitLabTimestamp', () => {
  it.each([
    ['2021-01-13 17:57:05 UTC', '2021-01-13T17:57:05.000Z'],
    ['2021-01-13 18:57:05 +0100', '2021-01-13T17:57:05.000Z'],
    ['2021-01-13 12:27:05 -0530', '2021-01-13T17:57:05.000Z'],
    ['2021-02-23T02:41:37.886Z', '2021-02-23T02:41:37.886Z'],
    ['2021-02-23T02:41:37Z', '2021-02-23T02:41:37.000Z'],
    ['2021-02-23T04:41:37+02:00', '2021-02-23T02:41:37.000Z'],
    ['2024-02-29 23:59:59 UTC', '2024-02-29T23:59:59.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseGitLabTimestamp(input)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    '2021-01-13 17:57:05',
    '2021-01-13T17:57:05',
    '2021-02-30 10:00:00 UTC',
    '2023-02-29T10:00:00Z',
    '2021-13-01 10:00:00 UTC',
    '2021-01-13 25:00:00 UTC',
    '1610560625',
    ' 2021-01-13 17:57:05 UTC',
  ])('rejects %j', (input) => {
    expect(parseGitLabTimestamp(input)).toBeUndefined();
  });

  it('reads both formats of any instant as the same ISO string', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString();
          const ruby = `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
          expect(parseGitLabTimestamp(iso)).toBe(iso);
          expect(parseGitLabTimestamp(ruby)).toBe(iso);
        },
      ),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const result = parseGitLabTimestamp(input);
        expect(result === undefined || !Number.isNaN(Date.parse(result))).toBe(true);
      }),
    );
  });
});
