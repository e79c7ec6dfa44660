export {
  EC2_EXECUTORS,
  INSTANCE_TYPE_PATTERN,
  LAMBDA_FUNCTION_ARN_PATTERN,
  MAPPING_TYPES,
  type MappingItem,
  mappingItemSchema,
  parseMappingItem,
  toMappingRecord,
} from './mapping-item.ts';
export { type PlanDefaults, type PlanJob, type PlanRunnerInput, planRunner } from './plan-runner.ts';
export { type MappingKey, mappingKey, normaliseTags } from './tags.ts';
