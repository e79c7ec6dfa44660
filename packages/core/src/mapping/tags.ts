/** Separator of tags in a mapping item's sort key; tags may therefore not contain it. */
export const TAG_SEPARATOR = '#';
/** Prefix of a mapping item's partition key: `job#<job name>`. */
export const JOB_KEY_PREFIX = 'job#';
/** Prefix of a mapping item's sort key: `tags#<tag>#<tag>`, or `tags#` for no tags. */
export const TAGS_KEY_PREFIX = 'tags#';

/** Primary key of a mapping item in the mapping table. */
export interface MappingKey {
  /** `job#<job name>`. */
  readonly pk: string;
  /** `tags#<t1>#<t2>` with normalised tags; `tags#` for a mapping without tags. */
  readonly sk: string;
}

/**
 * Puts tags in the one form the lookup and the table use: trimmed, lower case, without duplicates
 * or empty entries, sorted by code point.
 */
export const normaliseTags = (tags: readonly string[]): string[] => {
  const unique = new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== ''));
  return [...unique].sort();
};

/**
 * The table key of the mapping for `jobName` and `tags`: `pk = job#<job name>` and
 * `sk = tags#<t1>#<t2>` with the tags normalised, so `['Docker', 'amd64']` and `['amd64', 'docker']`
 * name the same item. A mapping without tags has `sk = tags#`.
 */
export const mappingKey = (jobName: string, tags: readonly string[]): MappingKey => ({
  pk: `${JOB_KEY_PREFIX}${jobName}`,
  sk: `${TAGS_KEY_PREFIX}${normaliseTags(tags).join(TAG_SEPARATOR)}`,
});
