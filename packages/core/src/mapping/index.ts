export {
  EC2_EXECUTORS,
  INSTANCE_TYPE_PATTERN,
  LAMBDA_FUNCTION_ARN_PATTERN,
  MAPPING_TYPES,
  MAXIMUM_VOLUME_SIZE_GIB,
  type MappingItem,
  mappingItemSchema,
  parseMappingItem,
  toMappingRecord,
} from './mapping-item.ts';
export { type PlanDefaults, type PlanJob, type PlanRunnerInput, planRunner } from './plan-runner.ts';
export { JOB_KEY_PREFIX, type MappingKey, mappingKey, normaliseTags, TAGS_KEY_PREFIX } from './tags.ts';
