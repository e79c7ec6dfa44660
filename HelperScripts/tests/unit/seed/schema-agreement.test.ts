import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EC2_EXECUTORS, INSTANCE_TYPE_PATTERN, LAMBDA_FUNCTION_ARN_PATTERN, MAPPING_TYPES } from '@glr/core';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMappingsDocument } from '../../../src/index.ts';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-runner';
const helperScripts = join(import.meta.dirname, '../../..');

let validateWithSchema: (document: unknown) => boolean;
let schema: {
  definitions: {
    mapping: {
      properties: Record<string, { pattern?: string; enum?: string[]; items?: { pattern?: string } }>;
    };
  };
};

beforeAll(async () => {
  schema = JSON.parse(await readFile(join(helperScripts, 'mappings.schema.json'), 'utf8'));
  // strictRequired off: `not: { required: [...] }` names properties declared one level up, on purpose.
  const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
  validateWithSchema = (document) => validate(document) === true;
});

const validWithZod = (document: unknown): boolean => {
  try {
    parseMappingsDocument(document);
    return true;
  } catch {
    return false;
  }
};

/** Values for each field, good and bad; a property test combines them. */
const fieldValues = {
  jobName: ['build', ' docker build ', '', '  ', 'x'.repeat(255), 'x'.repeat(256), 42],
  tags: [[], ['Docker', 'linux'], ['docker', 'DOCKER'], ['a#b'], ['a,b'], [' '], [' arm64 '], 'docker', [1]],
  type: ['LAMBDA', 'EC2', 'lambda', null],
  arn: [ARN, `${ARN}:live`, `${ARN}:$LATEST`, 'arn:aws:lambda:eu-west-1:123:function:x', 'glr-runner'],
  instanceTypes: [['t3.micro'], ['m7i-flex.large', 'c6g.metal'], [], ['t3.micro', 't3.micro'], ['large']],
  executor: ['docker', 'shell', 'podman'],
  dockerImage: ['docker:27', 'has space', ''],
  volumeSizeGiB: [1, 50, 16_384, 0, 16_385, 1.5, '50'],
  maximumTimeout: [600, 840, 841, 3600, 599, 700.5],
  colour: ['blue'],
} as const;

type Field = keyof typeof fieldValues;
const FIELDS = Object.keys(fieldValues) as Field[];

const REMOVE = Symbol('remove');
const validEntries = [
  { jobName: 'deploy', type: 'LAMBDA', arn: ARN },
  { jobName: 'build', tags: ['docker'], type: 'EC2', executor: 'docker', dockerImage: 'docker:27' },
];

/** A valid entry with up to two fields replaced by (good or bad) pool values or removed. */
const entryArbitrary = fc
  .tuple(
    fc.constantFrom(...validEntries),
    fc.array(
      fc
        .constantFrom(...FIELDS)
        .chain((field) =>
          fc.tuple(fc.constant(field), fc.constantFrom<unknown>(REMOVE, ...fieldValues[field])),
        ),
      { maxLength: 2 },
    ),
  )
  .map(([base, overrides]) => {
    const entry: Record<string, unknown> = { ...base };
    for (const [field, value] of overrides) {
      if (value === REMOVE) delete entry[field];
      else entry[field] = value;
    }
    return entry;
  });

describe('mappings.schema.json and the zod rules', () => {
  it('use the same patterns and enums as the core model', () => {
    const { properties } = schema.definitions.mapping;
    expect(properties.arn?.pattern).toBe(LAMBDA_FUNCTION_ARN_PATTERN.source);
    expect(properties.instanceTypes?.items?.pattern).toBe(INSTANCE_TYPE_PATTERN.source);
    expect(properties.type?.enum).toEqual([...MAPPING_TYPES]);
    expect(properties.executor?.enum).toEqual([...EC2_EXECUTORS]);
  });

  it.each([
    ['the shipped example', 'file'],
    ['an empty list', { mappings: [] }],
    [
      'a LAMBDA with timeout',
      { mappings: [{ jobName: 'a', type: 'LAMBDA', arn: ARN, maximumTimeout: 840 }] },
    ],
    [
      'an EC2 with every setting',
      {
        mappings: [
          {
            jobName: 'a',
            tags: ['x'],
            type: 'EC2',
            instanceTypes: ['t3.micro'],
            executor: 'docker',
            dockerImage: 'docker:27',
            volumeSizeGiB: 30,
            maximumTimeout: 7200,
          },
        ],
      },
    ],
    ['no mappings', {}],
    ['a top-level typo', { mappings: [], extra: 1 }],
    ['a LAMBDA without arn', { mappings: [{ jobName: 'a', type: 'LAMBDA' }] }],
    ['a LAMBDA over 840 s', { mappings: [{ jobName: 'a', type: 'LAMBDA', arn: ARN, maximumTimeout: 900 }] }],
    ['an EC2 with arn', { mappings: [{ jobName: 'a', type: 'EC2', arn: ARN }] }],
    [
      'shell with a docker image',
      { mappings: [{ jobName: 'a', type: 'EC2', executor: 'shell', dockerImage: 'x' }] },
    ],
    ['a blank tag', { mappings: [{ jobName: 'a', type: 'EC2', tags: ['  '] }] }],
  ])('agree on %s', async (_case, document) => {
    const input =
      document === 'file'
        ? JSON.parse(await readFile(join(helperScripts, 'mappings.json'), 'utf8'))
        : document;
    expect(validateWithSchema(input)).toBe(validWithZod(input));
  });

  it('agree on valid entries with fields changed to good or bad values or removed', () => {
    fc.assert(
      fc.property(entryArbitrary, (entry) => {
        const document = { $schema: './mappings.schema.json', mappings: [entry] };
        expect(validateWithSchema(document)).toBe(validWithZod(document));
      }),
      { numRuns: 1000 },
    );
  });

  it('leave duplicate job name and tags to the zod rules alone', () => {
    const document = {
      mappings: [
        { jobName: 'a', type: 'EC2', tags: ['x'] },
        { jobName: 'a', type: 'EC2', tags: ['X'] },
      ],
    };
    expect(validateWithSchema(document)).toBe(true);
    expect(validWithZod(document)).toBe(false);
  });
});
