import { readFile } from 'node:fs/promises';
import {
  type MappingItem,
  mappingItemSchema,
  mappingKey,
  toValidationIssues,
  type ValidationIssue,
} from '@glr/core';
import { z } from 'zod';
import { MappingsFileError } from '../errors.ts';

const documentSchema = z.strictObject(
  {
    $schema: z.string({ error: 'must be a string: the path of mappings.schema.json' }).optional(),
    mappings: z.array(z.unknown(), {
      error: 'is required: a list of mappings, e.g. [{ "jobName": "build", "type": "EC2" }]',
    }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${(issue.keys as string[]).map((key) => `"${key}"`).join(', ')}: only "$schema" and "mappings" belong at the top`
        : 'must be an object: { "$schema": "./mappings.schema.json", "mappings": [...] }',
  },
);

/** Where an entry is, for messages: `mappings[3] (job "build")`. */
const entryName = (index: number, entry: unknown): string => {
  const jobName =
    typeof entry === 'object' && entry !== null ? (entry as { jobName?: unknown }).jobName : undefined;
  return typeof jobName === 'string' ? `mappings[${index}] (job "${jobName}")` : `mappings[${index}]`;
};

/**
 * Validates a parsed mappings document (`{ "$schema"?, "mappings": [...] }`) with the rules of
 * `mappings.schema.json` plus one it cannot express: no two entries share a job name and tags.
 * Throws a {@link MappingsFileError} listing every problem, each naming the entry and the field.
 */
export const parseMappingsDocument = (document: unknown, file = 'mappings.json'): MappingItem[] => {
  const parsedDocument = documentSchema.safeParse(document);
  if (!parsedDocument.success) throw new MappingsFileError(file, toValidationIssues(parsedDocument.error));

  const issues: ValidationIssue[] = [];
  const items: MappingItem[] = [];
  const firstIndexByKey = new Map<string, number>();
  parsedDocument.data.mappings.forEach((entry, index) => {
    const where = entryName(index, entry);
    const parsed = mappingItemSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of toValidationIssues(parsed.error)) {
        issues.push({
          field: issue.field === '(root)' ? where : `${where}.${issue.field}`,
          message: issue.message,
        });
      }
      return;
    }
    const { pk, sk } = mappingKey(parsed.data.jobName, parsed.data.tags);
    const earlier = firstIndexByKey.get(`${pk}\n${sk}`);
    if (earlier !== undefined) {
      issues.push({
        field: where,
        message: `has the same job name and tags [${parsed.data.tags.join(', ')}] as mappings[${earlier}]: merge the two entries or change the tags`,
      });
      return;
    }
    firstIndexByKey.set(`${pk}\n${sk}`, index);
    items.push(parsed.data);
  });
  if (issues.length > 0) throw new MappingsFileError(file, issues);
  return items;
};

/** Reads and validates a mappings file; unreadable files and JSON syntax errors are {@link MappingsFileError}s too. */
export const readMappingsFile = async (file: string): Promise<MappingItem[]> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new MappingsFileError(file, [{ field: '(file)', message: `${reason}: check the --file path` }], {
      cause: error,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new MappingsFileError(
      file,
      [{ field: '(file)', message: `is not valid JSON (${(error as Error).message}): fix the syntax` }],
      { cause: error },
    );
  }
  return parseMappingsDocument(document, file);
};
