import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createMappingTable,
  createRunnerStateTable,
  type MappingTable,
  type RunnerStateTable,
} from '@glr/aws';
import { JOB_EVENT_DETAIL_TYPE, JOB_EVENT_SOURCE } from '@glr/core';
import { type FakeGitLab, startFakeGitLab } from '@glr/fake-gitlab';
import {
  type DynaliteServer,
  lambdaContext,
  type MotoServer,
  startDynalite,
  startMotoServer,
} from '@glr/test-support';
import type { Context } from 'aws-lambda';
import { type RunOptions, StateMachine } from 'aws-local-stepfunctions';
import { vi } from 'vitest';
import {
  createEc2Network,
  createTableFromTemplate,
  DynamoDBClient,
  EC2Client,
  type Ec2Network,
  putGitLabParameters,
  SSMClient,
} from './aws-fixtures.ts';
import { type LambdaEndpoint, startLambdaEndpoint } from './lambda-endpoint.ts';

/** The access token the fake GitLab accepts (scopes of authentication-token mode). */
export const ACCESS_TOKEN = 'glpat-autoscaler-test-token';
export const REGISTRATION_TOKEN = 'GR1348941-registration-test-token';
export const DEFAULT_RUNNER_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-runner-default';
export const PARAMETER_PATH = '/gitlabrunner/';

/** Each Task state of start-runner.asl.json and the handler module that implements it. */
const TASK_HANDLERS = {
  'Claim job': 'claim-job',
  'Plan runner': 'plan-runner',
  'Reserve capacity': 'reserve-capacity',
  'Create and start runner': 'start-runner',
  'Record failure': 'record-failure',
} as const;

const ASL = new URL('../../statemachines/start-runner.asl.json', import.meta.url);

/** Settings of one harness: the stack configuration the handlers run with. */
export interface HarnessOptions {
  readonly tokenMode?: 'authentication-token' | 'registration-token';
  /** Extra or overridden handler environment variables. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Whether the access token is in Parameter Store (without it, job tags are not read). */
  readonly withAccessToken?: boolean;
}

/** The StartRunner state machine wired to its real handlers, dynalite, moto, a Lambda stub and the fake GitLab. */
export interface StartRunnerHarness {
  readonly gitlab: FakeGitLab;
  readonly lambda: LambdaEndpoint;
  readonly state: RunnerStateTable;
  readonly mapping: MappingTable;
  readonly network: Ec2Network;
  readonly ec2: EC2Client;
  readonly ssm: SSMClient;
  /** Runs one execution; resolves with its output or rejects with the execution's error. */
  run(input: Parameters<StateMachine['run']>[0]): Promise<unknown>;
  stop(): Promise<void>;
}

/** The EventBridge event the webhook puts on the bus for a `pending` job (only the fields the flow reads matter). */
export const pendingEvent = (job: {
  readonly id: number;
  readonly name: string;
  readonly projectId?: number;
}) => ({
  version: '0',
  id: randomUUID(),
  source: JOB_EVENT_SOURCE,
  'detail-type': JOB_EVENT_DETAIL_TYPE,
  account: '123456789012',
  region: 'eu-west-1',
  time: new Date().toISOString(),
  resources: [],
  detail: { version: 1, jobId: job.id, jobName: job.name, projectId: job.projectId ?? 42, status: 'pending' },
});

type TaskHandler = (input: unknown, context: Context) => Promise<unknown>;

let harnessCount = 0;

/**
 * Starts everything the StartRunner flow talks to, points the AWS SDK at the emulators through
 * `AWS_ENDPOINT_URL_*`, and imports the real handlers afresh with this harness's settings.
 */
export const startStartRunnerHarness = async (options: HarnessOptions = {}): Promise<StartRunnerHarness> => {
  harnessCount += 1;
  const [dynalite, moto, lambda, gitlab]: [DynaliteServer, MotoServer, LambdaEndpoint, FakeGitLab] =
    await Promise.all([
      startDynalite(),
      startMotoServer(),
      startLambdaEndpoint(),
      startFakeGitLab({
        accessTokens: [
          { token: ACCESS_TOKEN, scopes: ['create_runner', 'manage_runner', 'read_api'], admin: true },
        ],
        registrationToken: options.tokenMode === 'registration-token' ? REGISTRATION_TOKEN : null,
      }),
    ]);
  const dynamodb = new DynamoDBClient({ endpoint: dynalite.endpoint });
  const ec2 = new EC2Client({ endpoint: moto.endpoint });
  const ssm = new SSMClient({ endpoint: moto.endpoint });
  const tables = { state: `runner-state-${harnessCount}`, mapping: `mappings-${harnessCount}` };
  await createTableFromTemplate(dynamodb, 'RunnerStateTable', tables.state);
  await createTableFromTemplate(dynamodb, 'MappingTable', tables.mapping);
  const network = await createEc2Network(ec2);
  await putGitLabParameters(ssm, PARAMETER_PATH, {
    url: gitlab.url,
    ...(options.withAccessToken === false ? {} : { accessToken: ACCESS_TOKEN }),
    ...(options.tokenMode === 'registration-token' ? { registrationToken: REGISTRATION_TOKEN } : {}),
  });

  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
    AWS_ENDPOINT_URL_EC2: moto.endpoint,
    AWS_ENDPOINT_URL_SSM: moto.endpoint,
    AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    GLR_STATE_TABLE_NAME: tables.state,
    GLR_MAPPING_TABLE_NAME: tables.mapping,
    GLR_PARAMETER_PATH: PARAMETER_PATH,
    GLR_SECRETS_MAX_AGE_SECONDS: '1',
    GLR_DEFAULT_RUNNER_FUNCTION_ARN: DEFAULT_RUNNER_ARN,
    GLR_TOKEN_MODE: options.tokenMode ?? 'authentication-token',
    GLR_RUNNER_SCOPE: 'project',
    GLR_LAUNCH_TEMPLATE_ID: network.launchTemplateId,
    GLR_SUBNET_IDS: network.subnetIds.join(','),
    GLR_EC2_INSTANCE_TYPES: 'm7i.large,m6i.large',
    GLR_EC2_SPOT: 'true',
    GLR_MAX_LAMBDA_RUNNERS: '1000',
    GLR_MAX_EC2_RUNNERS: '1000',
    ...options.environment,
  });
  vi.resetModules();
  const handlers: NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers'] = Object.fromEntries(
    await Promise.all(
      Object.entries(TASK_HANDLERS).map(async ([state, folder]) => {
        const module = (await import(`../../src/${folder}/handler.ts`)) as { handler: TaskHandler };
        const run = async (input: unknown) =>
          (await module.handler(input, lambdaContext({ functionName: folder }))) as never;
        return [state, run] as const;
      }),
    ),
  );

  const definition = readFileSync(ASL, 'utf8').replace(
    /\$\{(\w+)FunctionArn\}/g,
    (_, name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
  );
  const machine = new StateMachine(JSON.parse(definition));
  const noRetryWaits = Object.fromEntries(Object.keys(TASK_HANDLERS).map((state) => [state, 0]));

  return {
    gitlab,
    lambda,
    state: createRunnerStateTable({ tableName: tables.state, client: dynamodb }),
    mapping: createMappingTable({ tableName: tables.mapping, client: dynamodb }),
    network,
    ec2,
    ssm,
    run: (input) =>
      machine.run(input, {
        overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: noRetryWaits },
      }).result,
    stop: async () => {
      await Promise.all([dynalite.stop(), moto.stop(), lambda.stop(), gitlab.close()]);
    },
  };
};
