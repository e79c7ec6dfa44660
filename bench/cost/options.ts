import { parseArgs } from 'node:util';
import { FlagError } from '../errors.ts';
import { EC2_ON_DEMAND_HOURLY, PRICED_REGION } from './prices.ts';

/** How EC2 runners are bought. */
export type PurchaseOption = 'spot' | 'on-demand';

/** SSM Parameter Store throughput setting of the account and region. */
export type SsmThroughput = 'standard' | 'higher';

/** Everything `pnpm cost` computes from; each has a default. */
export interface CostInputs {
  readonly jobsPerMonth: number;
  readonly jobMinutes: number;
  readonly lambdaMemoryMb: number;
  readonly instanceType: string;
  readonly purchase: PurchaseOption;
  /** Spot price per instance-hour; null uses the estimated Spot fraction of On-Demand. */
  readonly spotPricePerHour: number | null;
  /** Share of an always-on runner's time spent running jobs, in (0, 1]. */
  readonly utilisation: number;
  readonly region: string;
  readonly ebsGb: number;
  readonly ssmThroughput: SsmThroughput;
}

/** What the command line asked for: inputs, output format, or help. */
export interface CostCommand {
  readonly inputs: CostInputs;
  readonly json: boolean;
  readonly help: boolean;
}

/** The defaults, shown by `--help`. */
export const DEFAULT_INPUTS: CostInputs = {
  jobsPerMonth: 10_000,
  jobMinutes: 5,
  lambdaMemoryMb: 2048,
  instanceType: 'm7i.large',
  purchase: 'on-demand',
  spotPricePerHour: null,
  utilisation: 0.25,
  region: PRICED_REGION,
  ebsGb: 30,
  ssmThroughput: 'standard',
};

/** The text `pnpm cost --help` prints. */
export const USAGE = `Usage: pnpm cost [flags]

Computes the AWS cost of the control plane and the runners per 1,000 jobs and per month, and
compares it with an always-on runner fleet. Unit prices: bench/cost/prices.ts.

  --jobs-per-month N     CI jobs a month (default ${DEFAULT_INPUTS.jobsPerMonth})
  --job-minutes M        average job length in minutes, decimals allowed (default ${DEFAULT_INPUTS.jobMinutes})
  --lambda-memory MB     Lambda runner memory, 128-10240 (default ${DEFAULT_INPUTS.lambdaMemoryMb})
  --instance-type T      EC2 runner instance type (default ${DEFAULT_INPUTS.instanceType})
  --purchase P           spot or on-demand, for EC2 runners and the always-on fleet (default ${DEFAULT_INPUTS.purchase})
  --spot-price USD       Spot price per instance-hour (default: an estimated fraction of On-Demand)
  --utilisation U        busy share of an always-on runner, 0 < U <= 1 (default ${DEFAULT_INPUTS.utilisation})
  --ebs-gb N             root volume of each EC2 runner in GB (default ${DEFAULT_INPUTS.ebsGb})
  --ssm-throughput S     standard or higher Parameter Store throughput (default ${DEFAULT_INPUTS.ssmThroughput})
  --region R             AWS region; prices are kept for ${PRICED_REGION} only (default ${PRICED_REGION})
  --json                 print the report as JSON
  --help                 print this text
`;

const FLAGS = {
  'jobs-per-month': { type: 'string' },
  'job-minutes': { type: 'string' },
  'lambda-memory': { type: 'string' },
  'instance-type': { type: 'string' },
  purchase: { type: 'string' },
  'spot-price': { type: 'string' },
  utilisation: { type: 'string' },
  'ebs-gb': { type: 'string' },
  'ssm-throughput': { type: 'string' },
  region: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

const toNumber = (flag: string, raw: string): number => {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new FlagError(flag, `"${raw}" is not a number`);
  }
  return value;
};

const integerIn = (flag: string, raw: string | undefined, fallback: number, min: number, max: number) => {
  if (raw === undefined) return fallback;
  const value = toNumber(flag, raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new FlagError(flag, `"${raw}" must be a whole number from ${min} to ${max}`);
  }
  return value;
};

const positiveIn = (flag: string, raw: string | undefined, fallback: number, max: number, hint: string) => {
  if (raw === undefined) return fallback;
  const value = toNumber(flag, raw);
  if (value <= 0 || value > max)
    throw new FlagError(flag, `"${raw}" must be above 0 and at most ${max}${hint}`);
  return value;
};

const oneOf = <T extends string>(
  flag: string,
  raw: string | undefined,
  fallback: T,
  allowed: readonly T[],
): T => {
  if (raw === undefined) return fallback;
  const match = allowed.find((candidate) => candidate === raw);
  if (match === undefined) throw new FlagError(flag, `"${raw}" must be one of: ${allowed.join(', ')}`);
  return match;
};

const parseInstanceType = (raw: string | undefined): string => {
  const value = raw ?? DEFAULT_INPUTS.instanceType;
  if (!(value in EC2_ON_DEMAND_HOURLY)) {
    throw new FlagError(
      '--instance-type',
      `no price for "${value}" in bench/cost/prices.ts; use one of ${Object.keys(EC2_ON_DEMAND_HOURLY).join(', ')} or add its price there`,
    );
  }
  return value;
};

const parseRegion = (raw: string | undefined): string => {
  const value = raw ?? DEFAULT_INPUTS.region;
  if (value !== PRICED_REGION) {
    throw new FlagError(
      '--region',
      `bench/cost/prices.ts keeps ${PRICED_REGION} list prices only; add "${value}" prices there from the AWS pricing pages, or leave --region out`,
    );
  }
  return value;
};

const readFlags = (args: readonly string[]) => {
  try {
    return parseArgs({ args: [...args], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new FlagError('flags', `${(error as Error).message}; see pnpm cost --help`, { cause: error });
  }
};

/** Parses and validates `pnpm cost` flags; every error names the flag and the fix. */
export const parseCostCommand = (args: readonly string[]): CostCommand => {
  const values = readFlags(args);
  const purchase = oneOf<PurchaseOption>('--purchase', values.purchase, DEFAULT_INPUTS.purchase, [
    'spot',
    'on-demand',
  ]);
  const spotRaw = values['spot-price'];
  if (spotRaw !== undefined && purchase !== 'spot') {
    throw new FlagError('--spot-price', 'only applies with --purchase spot');
  }
  const inputs: CostInputs = {
    jobsPerMonth: integerIn(
      '--jobs-per-month',
      values['jobs-per-month'],
      DEFAULT_INPUTS.jobsPerMonth,
      1,
      1e9,
    ),
    jobMinutes: positiveIn(
      '--job-minutes',
      values['job-minutes'],
      DEFAULT_INPUTS.jobMinutes,
      24 * 60,
      ' (a day)',
    ),
    lambdaMemoryMb: integerIn(
      '--lambda-memory',
      values['lambda-memory'],
      DEFAULT_INPUTS.lambdaMemoryMb,
      128,
      10_240,
    ),
    instanceType: parseInstanceType(values['instance-type']),
    purchase,
    spotPricePerHour:
      spotRaw === undefined ? null : positiveIn('--spot-price', spotRaw, 0, 100, ' USD an hour'),
    utilisation: positiveIn(
      '--utilisation',
      values.utilisation,
      DEFAULT_INPUTS.utilisation,
      1,
      ' (a fraction like 0.3)',
    ),
    ebsGb: integerIn('--ebs-gb', values['ebs-gb'], DEFAULT_INPUTS.ebsGb, 1, 16_384),
    ssmThroughput: oneOf<SsmThroughput>(
      '--ssm-throughput',
      values['ssm-throughput'],
      DEFAULT_INPUTS.ssmThroughput,
      ['standard', 'higher'],
    ),
    region: parseRegion(values.region),
  };
  return { inputs, json: values.json ?? false, help: values.help ?? false };
};
