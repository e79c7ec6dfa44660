import {
  AwsAdapterError,
  type AwsClientSettings,
  createMappingTable,
  type MappingTable,
  readStackOutput,
} from '@glr/aws';
import { MappingsFileError, UsageError } from '../errors.ts';
import { parseSeedArgs, SEED_USAGE, type SeedOptions } from './args.ts';
import { confirm } from './confirm.ts';
import { diffMappings } from './diff.ts';
import { readMappingsFile } from './mappings-file.ts';
import { formatDiff } from './report.ts';

/** Exit codes of `pnpm seed`. */
export const SEED_EXIT = { ok: 0, invalidInput: 1, awsError: 2 } as const;

/** The stack output that names the mapping table. */
export const MAPPING_TABLE_OUTPUT = 'MappingTableName';

/** What the seed reads from and writes to; the CLI passes the process's, tests their own. */
export interface SeedIo {
  readonly argv: readonly string[];
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Opens the table; default {@link createMappingTable} (tests inject failures here). */
  readonly openTable?: (options: { tableName: string; settings: AwsClientSettings }) => MappingTable;
}

/**
 * `pnpm seed`: validates the mappings file, compares it with the mapping table, shows the diff and
 * applies it (see HelperScripts/README.md). Returns the exit code; never calls `process.exit`.
 */
export const runSeed = async (io: SeedIo): Promise<number> => {
  const print = (line: string): void => void io.stdout.write(`${line}\n`);
  const fail = (line: string): void => void io.stderr.write(`${line}\n`);
  try {
    const options = parseSeedArgs(io.argv);
    if (options === 'help') {
      print(SEED_USAGE);
      return SEED_EXIT.ok;
    }
    return await seed(options, io, print);
  } catch (error) {
    if (error instanceof UsageError) {
      fail(`error: ${error.message}`);
      return SEED_EXIT.invalidInput;
    }
    if (error instanceof MappingsFileError) {
      fail(`error: ${error.issues.length} problem(s) in the mappings file; nothing was written:`);
      for (const issue of error.issues) fail(`  ${issue.field}: ${issue.message}`);
      return SEED_EXIT.invalidInput;
    }
    if (error instanceof AwsAdapterError) {
      fail(`error: ${error.message}`);
      return SEED_EXIT.awsError;
    }
    throw error;
  }
};

const seed = async (options: SeedOptions, io: SeedIo, print: (line: string) => void): Promise<number> => {
  const items = await readMappingsFile(options.file);
  const settings: AwsClientSettings = {
    region: options.region,
    profile: options.profile,
    endpoint: options.endpoint,
  };
  const tableName =
    'table' in options.target
      ? options.target.table
      : await readStackOutput({ stackName: options.target.stack, outputKey: MAPPING_TABLE_OUTPUT, settings });
  const table = (io.openTable ?? createMappingTable)({ tableName, settings });
  const region = await table.region().catch(() => {
    throw new UsageError(
      'no AWS region is configured: pass --region, set AWS_REGION, or use a profile with a region',
    );
  });

  const diff = diffMappings(items, await table.scanRecords());
  print(`Seeding ${tableName} (${region}) from ${options.file} (${items.length} mappings):`);
  for (const line of formatDiff(diff, options.prune)) print(line);

  const put = [...diff.added, ...diff.changed.map(({ item }) => item)];
  const remove = options.prune ? diff.extra : [];
  if (options.dryRun) {
    print('Dry run: nothing was written.');
    return SEED_EXIT.ok;
  }
  if (put.length === 0 && remove.length === 0) {
    print('Nothing to do: the table matches the file.');
    return SEED_EXIT.ok;
  }
  if (remove.length > 0 && !options.yes && io.stdin.isTTY === true) {
    const question = `Delete ${remove.length} item(s) that are not in the file from ${tableName}?`;
    if (!(await confirm(question, io.stdin, io.stdout))) {
      print('Not confirmed: nothing was written.');
      return SEED_EXIT.invalidInput;
    }
  }
  await table.write({ put, delete: remove });
  print(`Done: ${put.length} written, ${remove.length} deleted.`);
  return SEED_EXIT.ok;
};
