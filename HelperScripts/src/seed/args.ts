import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';

/** The default mappings file, relative to the repository root (where `pnpm seed` runs). */
export const DEFAULT_MAPPINGS_FILE = 'HelperScripts/mappings.json';

/** Which table to seed: named directly, or read from the AutoScaler stack's `MappingTableName` output. */
export type SeedTarget = { readonly stack: string } | { readonly table: string };

/** The validated command line of `pnpm seed`. */
export interface SeedOptions {
  readonly file: string;
  readonly target: SeedTarget;
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly dryRun: boolean;
  readonly prune: boolean;
  readonly yes: boolean;
}

/** `--help` output. */
export const SEED_USAGE = `Usage: pnpm seed [--file ${DEFAULT_MAPPINGS_FILE}] (--stack <AutoScaler stack> | --table <table>)
                 [--region <region>] [--profile <profile>] [--endpoint <url>] [--dry-run] [--prune] [--yes]

Makes the mapping table equal to the mappings file: shows what is added, changed, unchanged and
(with --prune) removed, then writes it.

  --file      mappings file (default ${DEFAULT_MAPPINGS_FILE})
  --stack     AutoScaler stack whose MappingTableName output names the table
  --table     mapping table name
  --region    AWS region (default: AWS_REGION or the profile's region)
  --profile   AWS profile from ~/.aws/config
  --endpoint  DynamoDB (and CloudFormation) endpoint, e.g. the local stack's http://127.0.0.1:8000
  --dry-run   show the changes, write nothing
  --prune     also delete items that are not in the file (asks first on a terminal)
  --yes       do not ask before pruning
  --help      show this help

Exit codes: 0 applied or nothing to do, 1 invalid input (or pruning declined), 2 AWS error.`;

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const argsConfig = {
  file: { type: 'string', default: DEFAULT_MAPPINGS_FILE },
  stack: { type: 'string' },
  table: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  prune: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** Parses `pnpm seed`'s flags; `'help'` when `--help` was given. Throws {@link UsageError} with the fix. */
export const parseSeedArgs = (argv: readonly string[]): SeedOptions | 'help' => {
  let values: ReturnType<typeof parseArgs<{ options: typeof argsConfig }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: argsConfig, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see --help`, { cause: error });
  }
  if (values.help) return 'help';
  const nonEmpty = (flag: keyof typeof argsConfig, value: string | undefined): string | undefined => {
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${flag} needs a value`);
    return value;
  };
  const stack = nonEmpty('stack', values.stack);
  const table = nonEmpty('table', values.table);
  if (stack !== undefined && table !== undefined) {
    throw new UsageError('give either --stack or --table, not both');
  }
  const region = nonEmpty('region', values.region);
  if (region !== undefined && !REGION_PATTERN.test(region)) {
    throw new UsageError(`--region ${region} is not an AWS region name like eu-west-1`);
  }
  const endpoint = nonEmpty('endpoint', values.endpoint);
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    throw new UsageError(`--endpoint must be an http(s) URL such as http://127.0.0.1:8000`);
  }
  const target: SeedTarget | undefined =
    stack !== undefined ? { stack } : table !== undefined ? { table } : undefined;
  if (target === undefined) {
    throw new UsageError('name the table: --stack <AutoScaler stack name> or --table <table name>');
  }
  return {
    file: nonEmpty('file', values.file) ?? DEFAULT_MAPPINGS_FILE,
    target,
    region,
    profile: nonEmpty('profile', values.profile),
    endpoint,
    dryRun: values['dry-run'],
    prune: values.prune,
    yes: values.yes,
  };
};
