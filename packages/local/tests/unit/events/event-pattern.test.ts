import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError } from '../../../src/errors.ts';
import { compileEventPattern, matchesEventPattern } from '../../../src/events/event-pattern.ts';

// The example event of EventBridge's "Amazon EventBridge event patterns" page, trimmed.
const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: {
    'instance-id': 'i-1234567890abcdef0',
    state: 'terminated',
    count: 5,
    'c-count': 5,
    price: 10.5,
    empty: '',
    nothing: null,
    enabled: true,
    tags: ['blue', 'green'],
    location: { city: 'Lisbon' },
  },
};

const matches = (pattern: unknown) => matchesEventPattern(pattern, event);

describe('matchesEventPattern: exact values', () => {
  it('matches a field whose value is in the list, and ANDs fields', () => {
    expect(matches({ source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] })).toBe(
      true,
    );
    expect(matches({ source: ['aws.ec2'], 'detail-type': ['Other'] })).toBe(false);
  });

  it('treats the values of one field as alternatives (OR)', () => {
    expect(matches({ detail: { state: ['running', 'terminated'] } })).toBe(true);
    expect(matches({ detail: { state: ['running', 'pending'] } })).toBe(false);
  });

  it('matches exactly and case-sensitively', () => {
    expect(matches({ detail: { state: ['Terminated'] } })).toBe(false);
    expect(matches({ detail: { state: ['terminate'] } })).toBe(false);
  });

  it('compares numbers numerically, and never a number with its string form', () => {
    expect(matches({ detail: { count: [5] } })).toBe(true);
    expect(matches({ detail: { count: [5.0] } })).toBe(true);
    expect(matches({ detail: { count: ['5'] } })).toBe(false);
    expect(matches({ version: [0] })).toBe(false);
  });

  it('matches booleans, null and the empty string, which are not interchangeable', () => {
    expect(matches({ detail: { enabled: [true] } })).toBe(true);
    expect(matches({ detail: { nothing: [null] } })).toBe(true);
    expect(matches({ detail: { empty: [''] } })).toBe(true);
    expect(matches({ detail: { empty: [null] } })).toBe(false);
    expect(matches({ detail: { nothing: [''] } })).toBe(false);
  });

  it('matches nested objects at any depth', () => {
    expect(matches({ detail: { location: { city: ['Lisbon'] } } })).toBe(true);
    expect(matches({ detail: { location: { city: ['Porto'] } } })).toBe(false);
  });

  it('matches an event array when any element matches any value', () => {
    expect(matches({ detail: { tags: ['green'] } })).toBe(true);
    expect(matches({ detail: { tags: ['red', 'blue'] } })).toBe(true);
    expect(matches({ detail: { tags: ['red'] } })).toBe(false);
    expect(matches({ resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] })).toBe(
      true,
    );
  });

  it('does not match a field that is missing from the event', () => {
    expect(matches({ detail: { missing: ['x'] } })).toBe(false);
    expect(matches({ other: { state: ['terminated'] } })).toBe(false);
  });

  it('matches everything with an empty pattern', () => {
    expect(matches({})).toBe(true);
  });
});

describe('matchesEventPattern: prefix, suffix, equals-ignore-case, wildcard', () => {
  it('matches string prefixes and suffixes', () => {
    expect(matches({ time: [{ prefix: '2017-12-22' }] })).toBe(true);
    expect(matches({ time: [{ prefix: '2018' }] })).toBe(false);
    expect(matches({ detail: { 'instance-id': [{ suffix: 'def0' }] } })).toBe(true);
    expect(matches({ detail: { 'instance-id': [{ suffix: 'DEF0' }] } })).toBe(false);
  });

  it('ignores case for prefix and suffix when asked', () => {
    expect(matches({ source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] })).toBe(true);
    expect(matches({ source: [{ suffix: { 'equals-ignore-case': '.EC2' } }] })).toBe(true);
    expect(matches({ source: [{ suffix: { 'equals-ignore-case': '.S3' } }] })).toBe(false);
  });

  it('never matches prefix or suffix against numbers', () => {
    expect(matches({ detail: { count: [{ prefix: '5' }] } })).toBe(false);
  });

  it('matches equals-ignore-case', () => {
    expect(matches({ detail: { state: [{ 'equals-ignore-case': 'TERMINATED' }] } })).toBe(true);
    expect(matches({ detail: { state: [{ 'equals-ignore-case': 'RUNNING' }] } })).toBe(false);
  });

  it('matches wildcards, with an escaped star matching a literal star', () => {
    expect(matches({ region: [{ wildcard: 'us-*-1' }] })).toBe(true);
    expect(matches({ region: [{ wildcard: 'eu-*' }] })).toBe(false);
    expect(matchesEventPattern({ name: [{ wildcard: 'a\\*b' }] }, { name: 'a*b' })).toBe(true);
    expect(matchesEventPattern({ name: [{ wildcard: 'a\\*b' }] }, { name: 'axb' })).toBe(false);
  });
});

describe('matchesEventPattern: anything-but', () => {
  it('matches any value except the one given', () => {
    expect(matches({ detail: { state: [{ 'anything-but': 'running' }] } })).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': 'terminated' }] } })).toBe(false);
  });

  it('matches any value except those in the list, numbers included', () => {
    expect(matches({ detail: { state: [{ 'anything-but': ['running', 'stopped'] }] } })).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': ['running', 'terminated'] }] } })).toBe(false);
    expect(matches({ detail: { count: [{ 'anything-but': [4, 5] }] } })).toBe(false);
    expect(matches({ detail: { count: [{ 'anything-but': [4, 6] }] } })).toBe(true);
  });

  it('excludes by prefix, suffix, ignored case and wildcard', () => {
    expect(matches({ region: [{ 'anything-but': { prefix: 'us-' } }] })).toBe(false);
    expect(matches({ region: [{ 'anything-but': { prefix: 'eu-' } }] })).toBe(true);
    expect(matches({ region: [{ 'anything-but': { suffix: '-1' } }] })).toBe(false);
    expect(
      matches({ detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED'] } }] } }),
    ).toBe(false);
    expect(matches({ detail: { state: [{ 'anything-but': { wildcard: 'term*' } }] } })).toBe(false);
    expect(matches({ detail: { state: [{ 'anything-but': { wildcard: 'run*' } }] } })).toBe(true);
  });

  it('does not match a missing field', () => {
    expect(matches({ detail: { missing: [{ 'anything-but': 'x' }] } })).toBe(false);
  });
});

describe('matchesEventPattern: exists and numeric', () => {
  it('matches exists true on present leaves (null included) and exists false on absent fields', () => {
    expect(matches({ detail: { state: [{ exists: true }] } })).toBe(true);
    expect(matches({ detail: { nothing: [{ exists: true }] } })).toBe(true);
    expect(matches({ detail: { missing: [{ exists: true }] } })).toBe(false);
    expect(matches({ detail: { missing: [{ exists: false }] } })).toBe(true);
    expect(matches({ detail: { state: [{ exists: false }] } })).toBe(false);
  });

  it('treats exists as a leaf test: an object is not a leaf', () => {
    expect(matches({ detail: { location: [{ exists: true }] } })).toBe(false);
  });

  it('matches numeric ranges, bounds included or not as written', () => {
    expect(matches({ detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } })).toBe(true);
    expect(matches({ detail: { 'c-count': [{ numeric: ['>', 0, '<', 5] }] } })).toBe(false);
    expect(matches({ detail: { price: [{ numeric: ['>=', 10.5] }] } })).toBe(true);
    expect(matches({ detail: { price: [{ numeric: ['=', 10.5] }] } })).toBe(true);
    expect(matches({ detail: { price: [{ numeric: ['<', 10] }] } })).toBe(false);
  });

  it('never matches numeric ranges against strings', () => {
    expect(matches({ version: [{ numeric: ['>=', 0] }] })).toBe(false);
  });

  it('ORs matchers of different kinds in one list', () => {
    expect(matches({ detail: { state: [{ prefix: 'run' }, { exists: false }, 'terminated'] } })).toBe(true);
  });
});

describe('matchesEventPattern: $or', () => {
  it('matches when any branch matches, ANDed with sibling fields', () => {
    const pattern = {
      source: ['aws.ec2'],
      $or: [{ detail: { state: ['running'] } }, { detail: { count: [{ numeric: ['>', 4] }] } }],
    };
    expect(matches(pattern)).toBe(true);
    expect(matches({ ...pattern, source: ['aws.s3'] })).toBe(false);
    expect(matches({ $or: [{ detail: { state: ['running'] } }, { region: ['eu-west-1'] }] })).toBe(false);
  });
});

describe('compileEventPattern: validation', () => {
  it.each([
    ['a leaf that is not a list', { source: 'aws.ec2' }, 'source'],
    ['an empty list', { source: [] }, 'source'],
    ['an unknown operator', { source: [{ contains: 'ec2' }] }, 'source[0]'],
    ['cidr, which this matcher does not support', { ip: [{ cidr: '10.0.0.0/24' }] }, 'ip[0]'],
    ['a numeric range with a string bound', { n: [{ numeric: ['>', '1'] }] }, 'n[0].numeric[1]'],
    ['a numeric range with a bad operator', { n: [{ numeric: ['!=', 1] }] }, 'n[0].numeric[0]'],
    ['exists that is not a boolean', { n: [{ exists: 'yes' }] }, 'n[0].exists'],
    ['a prefix that is not a string', { n: [{ prefix: 1 }] }, 'n[0].prefix'],
    ['anything-but with a boolean', { n: [{ 'anything-but': [true] }] }, 'n[0].anything-but[0]'],
    ['$or with one branch', { $or: [{ a: ['b'] }] }, '$or'],
    ['consecutive wildcards', { n: [{ wildcard: 'a**' }] }, 'n[0].wildcard'],
  ])('rejects %s, naming the field', (_case, pattern, field) => {
    const error = (() => {
      try {
        compileEventPattern(pattern);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect((error as InvalidEventPatternError).field).toBe(field);
  });

  it('rejects a pattern that is not an object', () => {
    expect(() => compileEventPattern(['source'])).toThrow(InvalidEventPatternError);
  });
});
