export { HelperScriptsError, MappingsFileError, UsageError } from './errors.ts';
export { DEFAULT_MAPPINGS_FILE, parseSeedArgs, type SeedOptions, type SeedTarget } from './seed/args.ts';
export { type ChangedMapping, diffMappings, type MappingDiff } from './seed/diff.ts';
export { parseMappingsDocument, readMappingsFile } from './seed/mappings-file.ts';
export { MAPPING_TABLE_OUTPUT, runSeed, SEED_EXIT, type SeedIo } from './seed/run-seed.ts';
