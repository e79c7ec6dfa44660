import { FlagError } from '../errors.ts';
import { formatNumber } from '../lib/format.ts';
import type { CostInputs } from './options.ts';
import { EC2_ON_DEMAND_HOURLY, PRICED_REGION, PRICES, PRICES_CHECKED_ON, type UnitPrice } from './prices.ts';
import {
  CONTROL_PLANE_USAGE as CP,
  EBS_SECONDS_PER_MONTH,
  EC2_RUNNER_USAGE as EC2,
  HOURS_PER_MONTH,
  LAMBDA_RUNNER_USAGE as LAMBDA,
  type UsageFigure,
} from './usage.ts';

/** Jobs every per-job figure is scaled to. */
export const JOBS_PER_LINE = 1000;

/** Which bill a cost line belongs to. */
export type CostPart = 'control plane' | 'Lambda runner' | 'EC2 runner' | 'always-on runner';

/** One priced item, with the arithmetic that produced it. */
export interface CostLine {
  readonly part: CostPart;
  readonly item: string;
  /** Every input of the figure: counts, sizes, durations and the unit price. */
  readonly formula: string;
  readonly usdPer1000Jobs: number;
  /** True when a usage figure or the unit price is an estimate. */
  readonly estimate: boolean;
}

/** A cost per 1,000 jobs and per month. */
export interface CostTotal {
  readonly usdPer1000Jobs: number;
  readonly usdPerMonth: number;
}

/** What `pnpm cost` reports. */
export interface CostReport {
  readonly inputs: CostInputs;
  readonly region: string;
  readonly pricesCheckedOn: string;
  readonly hourlyInstancePrice: UnitPrice;
  readonly lines: readonly CostLine[];
  readonly totals: {
    readonly controlPlane: CostTotal;
    /** Null when a job does not fit in Lambda's 15 minutes. */
    readonly lambdaJobs: CostTotal | null;
    readonly ec2Jobs: CostTotal;
    readonly alwaysOn: CostTotal;
  };
  readonly alwaysOnInstances: number;
  readonly notes: readonly string[];
}

const usd = (price: UnitPrice): string =>
  price.per === 1
    ? `$${price.usd} per ${price.unit}`
    : `$${price.usd} per ${formatNumber(price.per)} ${price.unit}s`;

const anyEstimate = (price: UnitPrice, figures: readonly UsageFigure[]): boolean =>
  !price.verified || figures.some((figure) => figure.estimate);

/** Prices `quantity` (of `price.unit`, for 1,000 jobs) and records how it was obtained. */
const priced = (
  part: CostPart,
  item: string,
  how: string,
  quantity: number,
  price: UnitPrice,
  figures: readonly UsageFigure[],
): CostLine => ({
  part,
  item,
  formula: `${how} = ${formatNumber(quantity, 4)} ${price.unit}s × ${usd(price)}`,
  usdPer1000Jobs: (quantity / price.per) * price.usd,
  estimate: anyEstimate(price, figures),
});

const gb = (megabytes: number): number => megabytes / 1024;

const ssmPrice = (inputs: CostInputs): UnitPrice =>
  inputs.ssmThroughput === 'higher'
    ? PRICES.ssmHigherThroughputApiCalls
    : PRICES.ssmStandardThroughputApiCalls;

const JOBS = formatNumber(JOBS_PER_LINE);

/** A line for something done `count` times per job. */
const perJob = (part: CostPart, item: string, count: UsageFigure, price: UnitPrice): CostLine =>
  priced(part, item, `${count.value} × ${JOBS} jobs`, count.value * JOBS_PER_LINE, price, [count]);

/** A GB-second line for `count` runs per job of `seconds` each at `memoryMb`. */
const gbSeconds = (
  part: CostPart,
  item: string,
  count: UsageFigure,
  memoryMb: UsageFigure,
  seconds: UsageFigure,
  price: UnitPrice,
): CostLine =>
  priced(
    part,
    item,
    `${count.value} × ${JOBS} jobs × ${memoryMb.value} MB / 1024 × ${seconds.value} s`,
    count.value * JOBS_PER_LINE * gb(memoryMb.value) * seconds.value,
    price,
    [count, memoryMb, seconds],
  );

const ONCE: UsageFigure = { value: 1, why: 'one execution time per job', estimate: false };

const controlPlaneLines = (inputs: CostInputs): CostLine[] => {
  const part = 'control plane';
  return [
    perJob(part, 'API Gateway HTTP API requests', CP.webhooksPerJob, PRICES.apiGatewayHttpRequests),
    perJob(part, 'webhook Lambda requests', CP.webhooksPerJob, PRICES.lambdaRequests),
    gbSeconds(
      part,
      'webhook Lambda duration',
      CP.webhooksPerJob,
      CP.webhookLambdaMemoryMb,
      CP.webhookLambdaSeconds,
      PRICES.lambdaX86Duration,
    ),
    perJob(part, 'EventBridge custom events', CP.eventsPerJob, PRICES.eventBridgeCustomEvents),
    perJob(part, 'Step Functions Express requests', CP.workflowsPerJob, PRICES.stepFunctionsExpressRequests),
    gbSeconds(
      part,
      'Step Functions Express duration',
      ONCE,
      CP.workflowBilledMemoryMb,
      CP.workflowSecondsPerJob,
      PRICES.stepFunctionsExpressDuration,
    ),
    perJob(part, 'task Lambda requests', CP.taskInvocationsPerJob, PRICES.lambdaRequests),
    gbSeconds(
      part,
      'task Lambda duration',
      CP.taskInvocationsPerJob,
      CP.taskLambdaMemoryMb,
      CP.taskLambdaSeconds,
      PRICES.lambdaX86Duration,
    ),
    perJob(part, 'DynamoDB on-demand reads', CP.dynamoDbReadsPerJob, PRICES.dynamoDbReadRequestUnits),
    perJob(part, 'DynamoDB on-demand writes', CP.dynamoDbWritesPerJob, PRICES.dynamoDbWriteRequestUnits),
    perJob(
      part,
      `SSM secret reads, ${inputs.ssmThroughput} throughput`,
      CP.secretReadsPerJob,
      ssmPrice(inputs),
    ),
    perJob(part, 'KMS decrypts of the secrets', CP.secretReadsPerJob, PRICES.kmsRequests),
  ];
};

const lambdaRunnerSeconds = (inputs: CostInputs): number =>
  inputs.jobMinutes * 60 + LAMBDA.startupSeconds.value;

const lambdaRunnerLines = (inputs: CostInputs): CostLine[] => {
  if (lambdaRunnerSeconds(inputs) > LAMBDA.maximumSeconds.value) return [];
  const part = 'Lambda runner';
  const memory: UsageFigure = { value: inputs.lambdaMemoryMb, why: '--lambda-memory', estimate: false };
  const seconds: UsageFigure = {
    value: lambdaRunnerSeconds(inputs),
    why: 'job length + startup',
    estimate: LAMBDA.startupSeconds.estimate,
  };
  return [
    perJob(part, 'runner invocations', ONCE, PRICES.lambdaRequests),
    gbSeconds(part, 'runner duration (job + start-up)', ONCE, memory, seconds, PRICES.lambdaX86Duration),
  ];
};

/** The price per instance-hour for the chosen instance type and purchase option. */
export const instanceHourlyPrice = (inputs: CostInputs): UnitPrice => {
  const onDemand = EC2_ON_DEMAND_HOURLY[inputs.instanceType];
  if (onDemand === undefined) throw new FlagError('--instance-type', `no price for "${inputs.instanceType}"`);
  if (inputs.purchase === 'on-demand') return onDemand;
  if (inputs.spotPricePerHour !== null) {
    return { ...onDemand, usd: inputs.spotPricePerHour, source: '--spot-price', verified: true };
  }
  const fraction = PRICES.spotFractionOfOnDemand;
  return { ...onDemand, usd: onDemand.usd * fraction.usd, source: fraction.source, verified: false };
};

/** Seconds an EC2 runner is billed for one job: boot, job and shutdown, at least 60. */
export const ec2BilledSeconds = (inputs: CostInputs): number =>
  Math.max(
    EC2.minimumBilledSeconds.value,
    EC2.bootSeconds.value + inputs.jobMinutes * 60 + EC2.shutdownSeconds.value,
  );

const ec2RunnerLines = (inputs: CostInputs): CostLine[] => {
  const part = 'EC2 runner';
  const billed = ec2BilledSeconds(inputs);
  const billedHow = `${JOBS} jobs × max(60, ${EC2.bootSeconds.value} s boot + ${inputs.jobMinutes * 60} s job + ${EC2.shutdownSeconds.value} s stop)`;
  const timing = [EC2.bootSeconds, EC2.shutdownSeconds];
  return [
    priced(
      part,
      `${inputs.instanceType} ${inputs.purchase}`,
      `${billedHow} / 3600`,
      (JOBS_PER_LINE * billed) / 3600,
      instanceHourlyPrice(inputs),
      timing,
    ),
    priced(
      part,
      `EBS gp3 ${inputs.ebsGb} GB`,
      `${billedHow} × ${inputs.ebsGb} GB / ${formatNumber(EBS_SECONDS_PER_MONTH)} s`,
      (JOBS_PER_LINE * billed * inputs.ebsGb) / EBS_SECONDS_PER_MONTH,
      PRICES.ebsGp3Storage,
      timing,
    ),
    perJob(
      part,
      `SSM token parameter, ${inputs.ssmThroughput} throughput`,
      EC2.tokenParameterCalls,
      ssmPrice(inputs),
    ),
    perJob(part, 'KMS for the token parameter', EC2.tokenKmsRequests, PRICES.kmsRequests),
  ];
};

/** Whole always-on instances needed to run the month's job-hours at the given utilisation. */
export const alwaysOnInstances = (inputs: CostInputs): number => {
  const jobHours = (inputs.jobsPerMonth * inputs.jobMinutes) / 60;
  return Math.max(1, Math.ceil(jobHours / (inputs.utilisation * HOURS_PER_MONTH)));
};

const alwaysOnLines = (inputs: CostInputs): CostLine[] => {
  const instances = alwaysOnInstances(inputs);
  const perThousand = JOBS_PER_LINE / inputs.jobsPerMonth;
  const part = 'always-on runner';
  const sizing = `ceil(${formatNumber(inputs.jobsPerMonth)} jobs × ${inputs.jobMinutes} min / 60 / (${inputs.utilisation} × ${HOURS_PER_MONTH} h)) = ${instances} instances`;
  return [
    priced(
      part,
      `${inputs.instanceType} ${inputs.purchase}, always on`,
      `${sizing} × ${HOURS_PER_MONTH} h × ${JOBS} / ${formatNumber(inputs.jobsPerMonth)} jobs`,
      instances * HOURS_PER_MONTH * perThousand,
      instanceHourlyPrice(inputs),
      [],
    ),
    priced(
      part,
      `EBS gp3 ${inputs.ebsGb} GB, always on`,
      `${instances} × ${inputs.ebsGb} GB × ${JOBS} / ${formatNumber(inputs.jobsPerMonth)} jobs`,
      instances * inputs.ebsGb * perThousand,
      PRICES.ebsGp3Storage,
      [],
    ),
  ];
};

const total = (lines: readonly CostLine[], jobsPerMonth: number): CostTotal => {
  const usdPer1000Jobs = lines.reduce((sum, line) => sum + line.usdPer1000Jobs, 0);
  return { usdPer1000Jobs, usdPerMonth: (usdPer1000Jobs * jobsPerMonth) / JOBS_PER_LINE };
};

/** Computes every cost line and the totals for the given inputs. */
export const computeCost = (inputs: CostInputs): CostReport => {
  const control = controlPlaneLines(inputs);
  const lambda = lambdaRunnerLines(inputs);
  const ec2 = ec2RunnerLines(inputs);
  const alwaysOn = alwaysOnLines(inputs);
  const notes: string[] = [];
  if (lambda.length === 0) {
    notes.push(
      `Lambda runner: ${lambdaRunnerSeconds(inputs)} s exceeds Lambda's ${LAMBDA.maximumSeconds.value} s limit; such jobs need EC2 runners.`,
    );
  }
  notes.push('Free tiers, CloudWatch Logs, NAT gateway and data transfer are not included.');
  return {
    inputs,
    region: PRICED_REGION,
    pricesCheckedOn: PRICES_CHECKED_ON,
    hourlyInstancePrice: instanceHourlyPrice(inputs),
    lines: [...control, ...lambda, ...ec2, ...alwaysOn],
    totals: {
      controlPlane: total(control, inputs.jobsPerMonth),
      lambdaJobs: lambda.length === 0 ? null : total([...control, ...lambda], inputs.jobsPerMonth),
      ec2Jobs: total([...control, ...ec2], inputs.jobsPerMonth),
      alwaysOn: total(alwaysOn, inputs.jobsPerMonth),
    },
    alwaysOnInstances: alwaysOnInstances(inputs),
    notes,
  };
};
