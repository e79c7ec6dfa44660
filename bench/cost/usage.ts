// How much of each AWS service one CI job uses, from the product's design (docs/architecture.md):
// counts follow from the flow; durations and memory sizes are estimates until measured on AWS.
// Each figure is printed next to the cost it drives, so a reader can challenge it.

/** One figure of the usage profile and why it has that value. */
export interface UsageFigure {
  readonly value: number;
  readonly why: string;
  /** True when the value is an estimate (a duration or size not measured on AWS). */
  readonly estimate: boolean;
}

/** What the control plane does for one job, whichever runner kind runs it. */
export const CONTROL_PLANE_USAGE = {
  webhooksPerJob: {
    value: 4,
    why: 'Job Hooks per job: created, pending, running, and one terminal status',
    estimate: false,
  },
  eventsPerJob: {
    value: 4,
    why: 'the webhook puts every authenticated Job Hook on the bus as one event (< 64 KB)',
    estimate: false,
  },
  webhookLambdaMemoryMb: { value: 256, why: 'webhook function memory', estimate: true },
  webhookLambdaSeconds: {
    value: 0.05,
    why: 'webhook invocation: validate, normalise, one PutEvents call',
    estimate: true,
  },
  workflowsPerJob: {
    value: 3,
    why: 'Express executions: start (pending), record (running), clean-up (terminal)',
    estimate: false,
  },
  workflowSecondsPerJob: {
    value: 6,
    why: 'start ~3 s (GitLab runner create + RunInstances/Invoke), record ~0.5 s, clean-up ~2.5 s',
    estimate: true,
  },
  workflowBilledMemoryMb: {
    value: 64,
    why: 'billed in 64 MB chunks; 50 MB + a small definition and payload fits one chunk',
    estimate: false,
  },
  taskInvocationsPerJob: {
    value: 5,
    why: 'Lambda tasks in the flows: plan+claim, create runner, start runner, record, clean up',
    estimate: true,
  },
  taskLambdaMemoryMb: { value: 256, why: 'task function memory', estimate: true },
  taskLambdaSeconds: {
    value: 0.3,
    why: 'task invocation, mostly waiting on the GitLab API or EC2/Lambda APIs',
    estimate: true,
  },
  dynamoDbReadsPerJob: {
    value: 4,
    why: 'RRUs: mapping lookup, claim check, runner lookup on running, runner lookup on clean-up',
    estimate: true,
  },
  dynamoDbWritesPerJob: {
    value: 5,
    why: 'WRUs (items < 1 KB): claim, runner item, started update, running update, deleted update',
    estimate: true,
  },
  secretReadsPerJob: {
    value: 2,
    why: 'SecureString GetParameter: webhook secret and GitLab token, uncached (upper bound)',
    estimate: true,
  },
} as const satisfies Record<string, UsageFigure>;

/** What an EC2 runner adds: its one-time token travels through an SSM SecureString. */
export const EC2_RUNNER_USAGE = {
  tokenParameterCalls: {
    value: 3,
    why: 'PutParameter by the control plane, GetParameter + DeleteParameter by the instance',
    estimate: false,
  },
  tokenKmsRequests: {
    value: 2,
    why: 'KMS Encrypt on put and Decrypt on get of the SecureString',
    estimate: false,
  },
  bootSeconds: {
    value: 40,
    why: 'instance running until gitlab-runner asks for the job (AMI with the runner baked in)',
    estimate: true,
  },
  shutdownSeconds: {
    value: 10,
    why: 'job done until the instance stops being billed',
    estimate: true,
  },
  minimumBilledSeconds: { value: 60, why: 'EC2 and EBS per-second billing minimum', estimate: false },
} as const satisfies Record<string, UsageFigure>;

/** What a Lambda runner adds. */
export const LAMBDA_RUNNER_USAGE = {
  startupSeconds: {
    value: 5,
    why: 'container-image init and gitlab-runner picking up the job',
    estimate: true,
  },
  maximumSeconds: { value: 900, why: 'Lambda runs at most 15 minutes', estimate: false },
} as const satisfies Record<string, UsageFigure>;

/** Hours in a month, as AWS prices monthly figures. */
export const HOURS_PER_MONTH = 730;

/** Seconds in the 30-day month AWS uses in its per-second EBS examples. */
export const EBS_SECONDS_PER_MONTH = 30 * 24 * 3600;
