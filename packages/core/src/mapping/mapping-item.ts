import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { GITLAB_MINIMUM_TIMEOUT_SECONDS, LAMBDA_MAXIMUM_TIMEOUT_SECONDS } from '../runner-plan.ts';
import { toValidationIssues } from '../validation.ts';
import { JOB_KEY_PREFIX, mappingKey, normaliseTags, TAG_SEPARATOR, TAGS_KEY_PREFIX } from './tags.ts';
import { withoutUndefined } from './without-undefined.ts';

/** Which runner a mapping asks for: a Lambda function invocation or a fresh EC2 instance. */
export const MAPPING_TYPES = ['EC2', 'LAMBDA'] as const;
/** Executors an EC2 mapping may choose. */
export const EC2_EXECUTORS = ['docker', 'shell'] as const;

/** A full Lambda function ARN, optionally with a version or alias qualifier. */
export const LAMBDA_FUNCTION_ARN_PATTERN =
  /^arn:aws[a-z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;
/** An EC2 instance type such as `t3.micro`, `m7i-flex.large` or `c6g.metal`. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
/** Largest gp3 root volume, in GiB. */
const MAXIMUM_VOLUME_SIZE_GIB = 16_384;

/**
 * Which runner the jobs of one name (and tag set) get. Stored in the mapping table under
 * {@link mappingKey}; seeded from `HelperScripts/mappings.json`. Unset settings fall back to the
 * stack's defaults.
 */
export interface MappingItem {
  readonly jobName: string;
  /** Tags the runner is created with; normalised (see {@link normaliseTags}). */
  readonly tags: readonly string[];
  readonly type: 'EC2' | 'LAMBDA';
  /** The Lambda runner function (LAMBDA only, required there). */
  readonly arn?: string;
  /** EC2 only: instance types to try, in order. */
  readonly instanceTypes?: readonly string[];
  /** EC2 only. */
  readonly executor?: 'docker' | 'shell';
  /** EC2 only, docker executor: the job's default image. */
  readonly dockerImage?: string;
  /** EC2 only: root volume size. */
  readonly volumeSizeGiB?: number;
  /** Seconds; the runner's `maximum_timeout`. LAMBDA at most {@link LAMBDA_MAXIMUM_TIMEOUT_SECONDS}. */
  readonly maximumTimeout?: number;
}

const EC2_ONLY_FIELDS = ['instanceTypes', 'executor', 'dockerImage', 'volumeSizeGiB'] as const;
const EXAMPLE_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-runner';

const jobNameSchema = z
  .string({ error: 'is required: the GitLab job name, as in .gitlab-ci.yml' })
  .max(255, 'must be at most 255 characters (GitLab job names are)')
  .trim()
  .min(1, 'must not be empty: give the GitLab job name, as in .gitlab-ci.yml');

const tagSchema = z
  .string({ error: 'must be a string' })
  .max(255, 'must be at most 255 characters')
  .trim()
  .min(1, 'must not be empty: remove it')
  .refine((tag) => !/[#,]/.test(tag), `must not contain "${TAG_SEPARATOR}" or ",": rename the tag`);

const tagsSchema = z
  .array(tagSchema, { error: 'must be a list of tags, e.g. ["docker", "linux"], or [] for untagged jobs' })
  .transform(normaliseTags);

/** Fields both the file entry and the table record carry, beyond the job name and tags. */
const settingsShape = {
  type: z.enum(MAPPING_TYPES, { error: 'must be "LAMBDA" or "EC2"' }),
  arn: z
    .string({ error: `must be a string: the Lambda function ARN, e.g. ${EXAMPLE_ARN}` })
    .regex(LAMBDA_FUNCTION_ARN_PATTERN, `must be a Lambda function ARN, e.g. ${EXAMPLE_ARN}`)
    .optional(),
  instanceTypes: z
    .array(z.string().regex(INSTANCE_TYPE_PATTERN, 'must be an EC2 instance type such as t3.large'), {
      error: 'must be a list of EC2 instance types, e.g. ["m7i.large", "m6i.large"]',
    })
    .min(1, 'must name at least one instance type, or be left out for the stack default')
    .refine((types) => new Set(types).size === types.length, 'must not repeat an instance type')
    .optional(),
  executor: z.enum(EC2_EXECUTORS, { error: 'must be "docker" or "shell"' }).optional(),
  dockerImage: z
    .string({ error: 'must be a string: a Docker image such as docker:27' })
    .regex(/^\S{1,512}$/, 'must be a Docker image reference such as docker:27, without spaces')
    .optional(),
  volumeSizeGiB: z
    .int({ error: 'must be a whole number of GiB' })
    .min(1, 'must be at least 1 GiB')
    .max(MAXIMUM_VOLUME_SIZE_GIB, `must be at most ${MAXIMUM_VOLUME_SIZE_GIB} GiB (the gp3 limit)`)
    .optional(),
  maximumTimeout: z
    .int({ error: 'must be a whole number of seconds' })
    .min(
      GITLAB_MINIMUM_TIMEOUT_SECONDS,
      `must be at least ${GITLAB_MINIMUM_TIMEOUT_SECONDS} seconds (GitLab rejects a shorter runner timeout)`,
    )
    .optional(),
};

type Settings = z.output<z.ZodObject<typeof settingsShape>>;

/** The rules that tie fields to the mapping's type; issues name the field and the fix. */
const checkTypeRules = (settings: Settings, context: z.RefinementCtx): void => {
  const problem = (field: string, message: string): void => {
    context.addIssue({ code: 'custom', path: [field], message });
  };
  if (settings.type === 'LAMBDA') {
    if (settings.arn === undefined) problem('arn', `is required for LAMBDA mappings, e.g. ${EXAMPLE_ARN}`);
    for (const field of EC2_ONLY_FIELDS) {
      if (settings[field] !== undefined)
        problem(field, 'is only for EC2 mappings: remove it or set type to EC2');
    }
    if (settings.maximumTimeout !== undefined && settings.maximumTimeout > LAMBDA_MAXIMUM_TIMEOUT_SECONDS) {
      problem(
        'maximumTimeout',
        `must be at most ${LAMBDA_MAXIMUM_TIMEOUT_SECONDS} seconds for LAMBDA (Lambda stops at 15 minutes): lower it or set type to EC2`,
      );
    }
    return;
  }
  if (settings.arn !== undefined)
    problem('arn', 'is only for LAMBDA mappings: remove it or set type to LAMBDA');
  if (settings.dockerImage !== undefined && settings.executor === 'shell') {
    problem('dockerImage', 'needs executor "docker": remove it or set executor to "docker"');
  }
};

const unknownFieldError = (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === 'unrecognized_keys'
    ? `unknown field ${(issue.keys as string[]).map((key) => `"${key}"`).join(', ')}: remove it or fix the spelling`
    : undefined;

/**
 * One mapping as people write it (a `mappings.json` entry): unknown fields are errors, tags are
 * normalised, and the type rules hold (arn required for LAMBDA, EC2 settings only for EC2).
 */
export const mappingItemSchema = z
  .strictObject(
    { jobName: jobNameSchema, tags: tagsSchema.default([]), ...settingsShape },
    { error: unknownFieldError },
  )
  .superRefine(checkTypeRules);

/** The tags a sort key holds, or `undefined` unless it is exactly what {@link mappingKey} makes. */
const tagsFromSortKey = (sk: string): string[] | undefined => {
  if (!sk.startsWith(TAGS_KEY_PREFIX)) return undefined;
  const rest = sk.slice(TAGS_KEY_PREFIX.length);
  const tags = tagsSchema.safeParse(rest === '' ? [] : rest.split(TAG_SEPARATOR));
  return tags.success && mappingKey('', tags.data).sk === sk ? tags.data : undefined;
};

/** The job name a partition key holds, or `undefined` unless it is `job#<valid job name>`. */
const jobNameFromPartitionKey = (pk: string): string | undefined => {
  const jobName = pk.slice(JOB_KEY_PREFIX.length);
  return pk.startsWith(JOB_KEY_PREFIX) && jobNameSchema.safeParse(jobName).data === jobName
    ? jobName
    : undefined;
};

const invalid = (context: z.RefinementCtx, message: string): never => {
  context.addIssue({ code: 'custom', message });
  return z.NEVER;
};

/** A mapping table item: key attributes instead of jobName/tags; other attributes are ignored. */
const mappingRecordSchema = z
  .object({
    pk: z
      .string({ error: 'is required: job#<job name>' })
      .transform(
        (pk, context) =>
          jobNameFromPartitionKey(pk) ?? invalid(context, 'must be job#<job name>, e.g. job#build'),
      ),
    sk: z
      .string({ error: 'is required: tags#<tag>#<tag>, or tags# for no tags' })
      .transform(
        (sk, context) =>
          tagsFromSortKey(sk) ??
          invalid(
            context,
            'must be tags#<tag>#<tag> with tags lower case, sorted and unique, or tags# for none',
          ),
      ),
    ...settingsShape,
  })
  .superRefine(checkTypeRules);

/**
 * Validates an item read from the mapping table. Throws a {@link ValidationError} naming each bad
 * attribute (`pk`, `sk`, `type`, `arn`, …) and the fix.
 */
export const parseMappingItem = (raw: Record<string, unknown>): MappingItem => {
  const result = mappingRecordSchema.safeParse(raw);
  if (!result.success) {
    const where = typeof raw.pk === 'string' && typeof raw.sk === 'string' ? ` ${raw.pk} ${raw.sk}` : '';
    throw new ValidationError(`Invalid mapping item${where}`, toValidationIssues(result.error));
  }
  const { pk: jobName, sk: tags, ...settings } = result.data;
  return withoutUndefined({ jobName, tags, ...settings });
};

/** The mapping table item for `item`: its key, its type and the settings it sets. */
export const toMappingRecord = (item: MappingItem): Record<string, unknown> => {
  const { jobName, tags, ...settings } = item;
  return withoutUndefined({ ...mappingKey(jobName, tags), ...settings });
};
