import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type MappingItem,
  mappingItemSchema,
  parseMappingItem,
  toMappingRecord,
  ValidationError,
} from '../../../src/index.ts';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-runner';

const issuesOf = (raw: Record<string, unknown>): { field: string; message: string }[] => {
  try {
    parseMappingItem(raw);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('parseMappingItem', () => {
  it('reads a LAMBDA item from its key and attributes', () => {
    expect(
      parseMappingItem({
        pk: 'job#deploy',
        sk: 'tags#aws#prod',
        type: 'LAMBDA',
        arn: ARN,
        maximumTimeout: 700,
      }),
    ).toEqual({ jobName: 'deploy', tags: ['aws', 'prod'], type: 'LAMBDA', arn: ARN, maximumTimeout: 700 });
  });

  it('reads an EC2 item with its settings and ignores attributes it does not know', () => {
    expect(
      parseMappingItem({
        pk: 'job#docker build',
        sk: 'tags#',
        type: 'EC2',
        instanceTypes: ['m7i.large'],
        executor: 'docker',
        dockerImage: 'docker:27',
        volumeSizeGiB: 50,
        updatedBy: 'someone',
      }),
    ).toEqual({
      jobName: 'docker build',
      tags: [],
      type: 'EC2',
      instanceTypes: ['m7i.large'],
      executor: 'docker',
      dockerImage: 'docker:27',
      volumeSizeGiB: 50,
    });
  });

  it.each([
    [{ sk: 'tags#', type: 'EC2' }, 'pk', 'is required'],
    [{ pk: 'build', sk: 'tags#', type: 'EC2' }, 'pk', 'must be job#<job name>'],
    [{ pk: 'job#', sk: 'tags#', type: 'EC2' }, 'pk', 'must be job#<job name>'],
    [{ pk: 'job#b', sk: 'docker', type: 'EC2' }, 'sk', 'must be tags#<tag>#<tag>'],
    [{ pk: 'job#b', sk: 'tags#linux#docker', type: 'EC2' }, 'sk', 'sorted'],
    [{ pk: 'job#b', sk: 'tags#Docker', type: 'EC2' }, 'sk', 'lower case'],
    [{ pk: 'job#b', sk: 'tags#a##b', type: 'EC2' }, 'sk', 'must be tags#'],
    [{ pk: 'job#b', sk: 'tags#', type: 'FARGATE' }, 'type', 'must be "LAMBDA" or "EC2"'],
    [{ pk: 'job#b', sk: 'tags#', type: 'LAMBDA' }, 'arn', 'is required for LAMBDA'],
    [{ pk: 'job#b', sk: 'tags#', type: 'LAMBDA', arn: 'glr-runner' }, 'arn', 'must be a Lambda function ARN'],
    [{ pk: 'job#b', sk: 'tags#', type: 'EC2', arn: ARN }, 'arn', 'only for LAMBDA'],
    [{ pk: 'job#b', sk: 'tags#', type: 'LAMBDA', arn: ARN, executor: 'shell' }, 'executor', 'only for EC2'],
    [{ pk: 'job#b', sk: 'tags#', type: 'LAMBDA', arn: ARN, maximumTimeout: 900 }, 'maximumTimeout', '840'],
    [{ pk: 'job#b', sk: 'tags#', type: 'EC2', maximumTimeout: 300 }, 'maximumTimeout', 'at least 600'],
    [{ pk: 'job#b', sk: 'tags#', type: 'EC2', executor: 'shell', dockerImage: 'x' }, 'dockerImage', 'docker'],
    [{ pk: 'job#b', sk: 'tags#', type: 'EC2', instanceTypes: ['large'] }, 'instanceTypes.0', 'instance type'],
    [{ pk: 'job#b', sk: 'tags#', type: 'EC2', instanceTypes: [] }, 'instanceTypes', 'at least one'],
    [{ pk: 'job#b', sk: 'tags#', type: 'EC2', volumeSizeGiB: 1.5 }, 'volumeSizeGiB', 'whole number'],
  ])('rejects %j naming %s', (raw, field, message) => {
    const issues = issuesOf(raw);
    expect(issues).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('names the item in the error message', () => {
    expect(() => parseMappingItem({ pk: 'job#b', sk: 'tags#', type: 'LAMBDA' })).toThrow(
      /^Invalid mapping item job#b tags#: arn: is required/,
    );
  });
});

const tagArbitrary = fc.stringMatching(/^[a-z0-9]([a-z0-9 ._-]{0,13}[a-z0-9])?$/);
const itemArbitrary: fc.Arbitrary<MappingItem> = fc.oneof(
  fc.record(
    {
      jobName: fc.stringMatching(/^\S[ -~]{0,30}\S$/),
      tags: fc.uniqueArray(tagArbitrary, { maxLength: 4 }).map((tags) => [...tags].sort()),
      type: fc.constant('LAMBDA' as const),
      arn: fc.constantFrom(ARN, `${ARN}:live`, 'arn:aws-cn:lambda:cn-north-1:123456789012:function:x'),
      maximumTimeout: fc.integer({ min: 600, max: 840 }),
    },
    { requiredKeys: ['jobName', 'tags', 'type', 'arn'] },
  ),
  fc.record(
    {
      jobName: fc.stringMatching(/^\S{1,20}$/),
      tags: fc.uniqueArray(tagArbitrary, { maxLength: 4 }).map((tags) => [...tags].sort()),
      type: fc.constant('EC2' as const),
      instanceTypes: fc.uniqueArray(fc.constantFrom('t3.micro', 'm7i-flex.large', 'c6g.metal'), {
        minLength: 1,
      }),
      executor: fc.constant('docker' as const),
      dockerImage: fc.constantFrom('docker:27', 'public.ecr.aws/docker/library/node:24'),
      volumeSizeGiB: fc.integer({ min: 1, max: 16_384 }),
      maximumTimeout: fc.integer({ min: 600, max: 86_400 }),
    },
    { requiredKeys: ['jobName', 'tags', 'type'] },
  ),
);

describe('mapping item properties', () => {
  it('reads back every item it writes', () => {
    fc.assert(
      fc.property(itemArbitrary, (item) => {
        expect(parseMappingItem(toMappingRecord(item))).toEqual(item);
      }),
    );
  });

  it('either parses a record or throws a ValidationError naming fields, never anything else', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('pk', 'sk', 'type', 'arn', 'executor', 'x'), fc.jsonValue()),
        (raw) => {
          try {
            parseMappingItem(raw);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
            expect((error as ValidationError).issues.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('accepts a file entry in any tag case and order and stores it normalised', () => {
    fc.assert(
      fc.property(itemArbitrary, fc.boolean(), (item, upper) => {
        const entry = {
          ...item,
          tags: [...item.tags].reverse().map((tag) => (upper ? tag.toUpperCase() : tag)),
        };
        const parsed = mappingItemSchema.parse(entry);
        expect(parsed.tags).toEqual(item.tags);
      }),
    );
  });
});

describe('toMappingRecord', () => {
  it('writes the key, the type and only the settings that are set', () => {
    expect(
      toMappingRecord({ jobName: 'build', tags: ['Linux', 'docker'], type: 'EC2', executor: 'docker' }),
    ).toEqual({
      pk: 'job#build',
      sk: 'tags#docker#linux',
      type: 'EC2',
      executor: 'docker',
    });
  });
});
