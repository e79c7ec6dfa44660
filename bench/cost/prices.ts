// Every unit price the cost model uses, in one dated place. List prices in USD for us-east-1
// (US East, N. Virginia), without free tiers, savings plans or taxes. To update: change the
// figure, its source and PRICES_CHECKED_ON together. `verified: false` marks an estimate: a
// figure that could not be confirmed against a copy of the AWS pricing page, or that moves by
// the hour (Spot).

/** The day the figures below were last checked against their sources. */
export const PRICES_CHECKED_ON = '2026-11-29';

/** The only region the figures below are for. */
export const PRICED_REGION = 'us-east-1';

/** One published unit price and where it comes from. */
export interface UnitPrice {
  /** Price in USD for `per` of `unit`. */
  readonly usd: number;
  /** How many of `unit` the price is for (1,000,000 for "per million requests"). */
  readonly per: number;
  /** What is counted, singular: `request`, `GB-second`, `instance-hour` (plural adds an s). */
  readonly unit: string;
  /** The AWS pricing page (or the page the figure was checked against). */
  readonly source: string;
  /** False for estimates: figures not confirmed on a copy of the pricing page, or that float. */
  readonly verified: boolean;
  readonly note?: string;
}

const LAMBDA_PRICING = 'https://aws.amazon.com/lambda/pricing/';
const STEP_FUNCTIONS_PRICING = 'https://aws.amazon.com/step-functions/pricing/';
const DYNAMODB_PRICING = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const SSM_PRICING = 'https://aws.amazon.com/systems-manager/pricing/';
const EC2_PRICING = 'https://aws.amazon.com/ec2/pricing/on-demand/';

/** Prices of the serverless control plane and the runners' storage. */
export const PRICES = {
  apiGatewayHttpRequests: {
    usd: 1.0,
    per: 1_000_000,
    unit: 'request',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    verified: true,
    note: 'HTTP API, first 300M requests a month; metered in 512 KB increments (a Job Hook is ~3 KB)',
  },
  lambdaRequests: {
    usd: 0.2,
    per: 1_000_000,
    unit: 'request',
    source: LAMBDA_PRICING,
    verified: true,
  },
  lambdaX86Duration: {
    usd: 0.0000166667,
    per: 1,
    unit: 'GB-second',
    source: LAMBDA_PRICING,
    verified: true,
    note: 'x86, first 6 billion GB-s a month; billed per 1 ms',
  },
  eventBridgeCustomEvents: {
    usd: 1.0,
    per: 1_000_000,
    unit: 'event',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    verified: true,
    note: 'custom events put on a bus, 64 KB chunks; delivery to same-account targets is free',
  },
  stepFunctionsExpressRequests: {
    usd: 1.0,
    per: 1_000_000,
    unit: 'request',
    source: STEP_FUNCTIONS_PRICING,
    verified: true,
  },
  stepFunctionsExpressDuration: {
    usd: 0.00001667,
    per: 1,
    unit: 'GB-second',
    source: STEP_FUNCTIONS_PRICING,
    verified: true,
    note: '$0.06 per GB-hour for the first 1,000 GB-hours a month; 100 ms increments, 64 MB chunks',
  },
  dynamoDbWriteRequestUnits: {
    usd: 0.625,
    per: 1_000_000,
    unit: 'write request unit',
    source: DYNAMODB_PRICING,
    verified: true,
    note: 'on-demand, Standard table class (price cut of November 2024); 1 WRU per 1 KB written',
  },
  dynamoDbReadRequestUnits: {
    usd: 0.125,
    per: 1_000_000,
    unit: 'read request unit',
    source: DYNAMODB_PRICING,
    verified: true,
    note: 'on-demand; 1 RRU per strongly consistent read of up to 4 KB',
  },
  ssmStandardThroughputApiCalls: {
    usd: 0,
    per: 10_000,
    unit: 'API interaction',
    source: SSM_PRICING,
    verified: true,
    note: 'standard parameters at the default throughput: no additional charge',
  },
  ssmHigherThroughputApiCalls: {
    usd: 0.05,
    per: 10_000,
    unit: 'API interaction',
    source: SSM_PRICING,
    verified: true,
    note: 'only when higher throughput is turned on for the account and region (or advanced parameters)',
  },
  ssmAdvancedParameterMonth: {
    usd: 0.05,
    per: 1,
    unit: 'advanced parameter-month',
    source: SSM_PRICING,
    verified: true,
    note: 'not used by this product: all its parameters are standard (4 KB is enough)',
  },
  kmsRequests: {
    usd: 0.03,
    per: 10_000,
    unit: 'request',
    source: 'https://aws.amazon.com/kms/pricing/',
    verified: true,
    note: 'SecureString reads and writes call KMS; the aws/ssm key itself is free',
  },
  ebsGp3Storage: {
    usd: 0.08,
    per: 1,
    unit: 'GB-month',
    source: 'https://aws.amazon.com/ebs/pricing/',
    verified: true,
    note: 'billed per second with a 60-second minimum; a month is 30 days in AWS examples',
  },
  spotFractionOfOnDemand: {
    usd: 0.35,
    per: 1,
    unit: 'On-Demand price (a fraction)',
    source: 'https://aws.amazon.com/ec2/spot/pricing/',
    verified: false,
    note: 'Spot prices move hourly per Availability Zone; 0.35 is a typical m/c/t figure, not a quote. Pass --spot-price',
  },
} as const satisfies Record<string, UnitPrice>;

/** An On-Demand hourly price; one with an `estimateReason` is an estimate. */
const onDemandHourly = (usd: number, estimateReason?: string): UnitPrice => ({
  usd,
  per: 1,
  unit: 'instance-hour',
  source: EC2_PRICING,
  verified: estimateReason === undefined,
  ...(estimateReason === undefined ? {} : { note: estimateReason }),
});

/** Linux On-Demand prices per instance-hour; billed per second with a 60-second minimum. */
export const EC2_ON_DEMAND_HOURLY: Readonly<Record<string, UnitPrice>> = {
  't3.medium': onDemandHourly(0.0416),
  't3.large': onDemandHourly(0.0832),
  't3.xlarge': onDemandHourly(0.1664),
  'm5.large': onDemandHourly(0.096),
  'm6i.large': onDemandHourly(0.096),
  'm7i.large': onDemandHourly(0.1008),
  'm7i.xlarge': onDemandHourly(0.2016),
  'm7g.large': onDemandHourly(0.0816),
  'c6i.large': onDemandHourly(0.085),
  'c7i.large': onDemandHourly(0.08925, 'copies disagree ($0.0864 to $0.08925); the higher figure is used'),
  'c7i.xlarge': onDemandHourly(0.1785),
  'c7g.large': onDemandHourly(0.0725),
};
