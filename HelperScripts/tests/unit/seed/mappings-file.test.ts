import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MappingsFileError, parseMappingsDocument, readMappingsFile } from '../../../src/index.ts';
import { writeMappingsFile } from '../../support/run-cli.ts';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-runner';

const issuesOf = (document: unknown): string[] => {
  try {
    parseMappingsDocument(document);
  } catch (error) {
    if (error instanceof MappingsFileError)
      return error.issues.map((issue) => `${issue.field}: ${issue.message}`);
    throw error;
  }
  throw new Error('expected a MappingsFileError');
};

describe('parseMappingsDocument', () => {
  it('returns the mappings with tags normalised', () => {
    expect(
      parseMappingsDocument({
        $schema: './mappings.schema.json',
        mappings: [
          { jobName: ' build ', tags: ['Linux', 'docker', 'linux'], type: 'EC2' },
          { jobName: 'deploy', type: 'LAMBDA', arn: ARN },
        ],
      }),
    ).toEqual([
      { jobName: 'build', tags: ['docker', 'linux'], type: 'EC2' },
      { jobName: 'deploy', tags: [], type: 'LAMBDA', arn: ARN },
    ]);
  });

  it.each([
    ['not an object', [], '(root): must be an object'],
    ['no mappings', {}, 'mappings: is required: a list of mappings'],
    ['an unknown top-level field', { mappings: [], mapping: [] }, '(root): unknown field "mapping"'],
    [
      'an entry that is not an object',
      { mappings: ['build'] },
      'mappings[0]: Invalid input: expected object',
    ],
    ['no job name', { mappings: [{ type: 'EC2' }] }, 'mappings[0].jobName: is required: the GitLab job name'],
    ['a blank job name', { mappings: [{ jobName: ' ', type: 'EC2' }] }, 'jobName: must not be empty'],
    [
      'a bad type',
      { mappings: [{ jobName: 'b', type: 'ECS' }] },
      'mappings[0] (job "b").type: must be "LAMBDA" or "EC2"',
    ],
    [
      'tags that are not a list',
      { mappings: [{ jobName: 'b', type: 'EC2', tags: 'docker' }] },
      'mappings[0] (job "b").tags: must be a list of tags',
    ],
    [
      'a tag with the key separator',
      { mappings: [{ jobName: 'b', type: 'EC2', tags: ['a#b'] }] },
      'mappings[0] (job "b").tags.0: must not contain "#" or ","',
    ],
    [
      'a LAMBDA without arn',
      { mappings: [{ jobName: 'b', type: 'LAMBDA' }] },
      `mappings[0] (job "b").arn: is required for LAMBDA mappings, e.g. ${ARN}`,
    ],
    [
      'a malformed ARN',
      { mappings: [{ jobName: 'b', type: 'LAMBDA', arn: 'arn:aws:lambda:eu-west-1:1234:function:x' }] },
      'mappings[0] (job "b").arn: must be a Lambda function ARN',
    ],
    [
      'EC2 settings on a LAMBDA',
      { mappings: [{ jobName: 'b', type: 'LAMBDA', arn: ARN, instanceTypes: ['t3.micro'] }] },
      'mappings[0] (job "b").instanceTypes: is only for EC2 mappings: remove it or set type to EC2',
    ],
    [
      'a LAMBDA timeout over 840 s',
      { mappings: [{ jobName: 'b', type: 'LAMBDA', arn: ARN, maximumTimeout: 3600 }] },
      'mappings[0] (job "b").maximumTimeout: must be at most 840 seconds for LAMBDA',
    ],
    [
      'an arn on EC2',
      { mappings: [{ jobName: 'b', type: 'EC2', arn: ARN }] },
      'mappings[0] (job "b").arn: is only for LAMBDA mappings',
    ],
    [
      'a docker image with the shell executor',
      { mappings: [{ jobName: 'b', type: 'EC2', executor: 'shell', dockerImage: 'docker:27' }] },
      'mappings[0] (job "b").dockerImage: needs executor "docker"',
    ],
    [
      'a misspelt field',
      { mappings: [{ jobName: 'b', type: 'EC2', instanceType: 't3.micro' }] },
      'mappings[0] (job "b"): unknown field "instanceType": remove it or fix the spelling',
    ],
    [
      'a timeout under the GitLab minimum',
      { mappings: [{ jobName: 'b', type: 'EC2', maximumTimeout: 60 }] },
      'mappings[0] (job "b").maximumTimeout: must be at least 600 seconds',
    ],
    [
      'two entries with the same job name and tags',
      {
        mappings: [
          { jobName: 'b', type: 'EC2', tags: ['docker', 'linux'] },
          { jobName: 'b', type: 'EC2', tags: ['Linux', 'docker'] },
        ],
      },
      'mappings[1] (job "b"): has the same job name and tags [docker, linux] as mappings[0]: merge the two entries or change the tags',
    ],
  ])('rejects %s, naming the entry, the field and the fix', (_case, document, expected) => {
    expect(issuesOf(document)).toContainEqual(expect.stringContaining(expected));
  });

  it('reports every invalid entry, not just the first', () => {
    expect(
      issuesOf({
        mappings: [{ jobName: 'a', type: 'LAMBDA' }, { jobName: 'ok', type: 'EC2' }, { jobName: 'c' }],
      }),
    ).toEqual([
      expect.stringMatching(/^mappings\[0\] \(job "a"\)\.arn: /),
      expect.stringMatching(/^mappings\[2\] \(job "c"\)\.type: /),
    ]);
  });

  it('either returns mappings or throws a MappingsFileError, whatever the document', () => {
    const entry = fc.dictionary(
      fc.constantFrom('jobName', 'tags', 'type', 'arn', 'executor', 'instanceTypes', 'maximumTimeout', 'x'),
      fc.oneof(fc.jsonValue(), fc.constantFrom('EC2', 'LAMBDA', ARN, 'docker', ['t3.micro'], 700)),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.record({ mappings: fc.array(entry, { maxLength: 4 }) })),
        (document) => {
          try {
            const items = parseMappingsDocument(document);
            expect(Array.isArray(items)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(MappingsFileError);
            expect((error as MappingsFileError).issues.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});

describe('readMappingsFile', () => {
  it('reads the shipped example', async () => {
    const items = await readMappingsFile(join(import.meta.dirname, '../../../mappings.json'));
    expect(items.map((item) => item.type)).toEqual(expect.arrayContaining(['LAMBDA', 'EC2']));
    expect(items.some((item) => item.executor === 'docker')).toBe(true);
    expect(items.some((item) => item.tags.length > 2)).toBe(true);
  });

  it('names a file that does not exist', async () => {
    await expect(readMappingsFile('/nonexistent/mappings.json')).rejects.toThrow(
      '/nonexistent/mappings.json is invalid: (file): does not exist: check the --file path',
    );
  });

  it('says where the JSON syntax is broken', async () => {
    const file = await writeMappingsFile('{ "mappings": [ }');
    await expect(readMappingsFile(file)).rejects.toThrow(
      /\(file\): is not valid JSON \(.+\): fix the syntax/,
    );
  });

  it('points the shipped example at the committed schema', async () => {
    const text = await readFile(join(import.meta.dirname, '../../../mappings.json'), 'utf8');
    expect(JSON.parse(text).$schema).toBe('./mappings.schema.json');
  });
});
