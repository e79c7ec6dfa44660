import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoggerPort, silentLogger } from '@glr/core';
import type { FakeGitLabOptions } from '@glr/fake-gitlab';
import { startDynalite, startMotoServer } from '@glr/test-support';
import { createTables } from '../aws/dynamodb-tables.ts';
import { ec2ProxyRoute } from '../aws/ec2-proxy-route.ts';
import { eventBridgeRoute } from '../aws/eventbridge-route.ts';
import { lambdaInvokeRoute } from '../aws/lambda-invoke-route.ts';
import { stepFunctionsRoute } from '../aws/stepfunctions-route.ts';
import { LocalEventBus } from '../events/local-bus.ts';
import { readSchedules, startSchedules } from '../events/schedules.ts';
import { httpApiRoute } from '../http/http-api-route.ts';
import { jsonResponse, type LocalRoute, startLocalHttpServer } from '../http/http-server.ts';
import { isRecord } from '../json.ts';
import { LocalLambdaRuntime } from '../lambda/local-lambda.ts';
import { LocalEc2Host } from '../runners/ec2-host.ts';
import { type RunnerCommand, resolveRunnerCommand } from '../runners/runner-command.ts';
import { LocalStateMachines } from '../stepfunctions/local-state-machines.ts';
import { readHttpApiEvents } from '../template/http-api-events.ts';
import type { LoadedStack } from '../template/load-stack.ts';
import { type LocalStateSnapshot, LocalStateView } from '../view/local-state.ts';
import { type LambdaRunnerInvocation, runnerViews } from '../view/runner-views.ts';
import { localAwsEnvironment } from './aws-environment.ts';
import { connectGitLab, type GitLabConnection, type RealGitLabSettings } from './gitlab-connection.ts';
import {
  createLaunchTemplate,
  createTemplateParameters,
  putGitLabSecrets,
  readLocalNetwork,
} from './moto-setup.ts';
import { LOCAL_ACCOUNT as ACCOUNT, loadProductStacks, LOCAL_REGION as REGION } from './product-stacks.ts';
import { seedMappings } from './seed-mappings.ts';

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  /** The repository root (stack folders, mappings). */
  readonly rootDir: string;
  readonly host?: string;
  /** Port of the webhook and `/local/state` (default 8080; 0 picks a free one). */
  readonly port?: number;
  /** Work dirs of runners (and DynamoDB with `persistDynamoDb`); default a fresh temporary folder. */
  readonly dataDir?: string;
  /** Keep DynamoDB in `<dataDir>/dynamodb` across runs instead of in memory. */
  readonly persistDynamoDb?: boolean;
  /** A real GitLab; the bundled fake GitLab when absent. */
  readonly gitlab?: RealGitLabSettings;
  /** Options of the fake GitLab (webhook duplicates, delays, timeouts, …). */
  readonly fakeGitLab?: FakeGitLabOptions;
  /** Mappings loaded with the seed (default `packages/local/mappings.local.json`). */
  readonly mappingsFile?: string;
  /** The `gitlab-runner`-compatible command (default: see `resolveRunnerCommand`). */
  readonly runnerCommand?: string;
  /** Extra environment for the functions (e.g. `RUNNER_WAIT_TIMEOUT_SECONDS`). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Where the runner function's environments write their logs (default stdout). */
  readonly functionOutput?: NodeJS.WritableStream;
  /** Run every schedule (the reaper) this often instead of its `rate(…)` (tests, demos). */
  readonly scheduleEveryMs?: number;
  /** Retry ASL states at once instead of after `IntervalSeconds` (tests). */
  readonly immediateRetries?: boolean;
  readonly logger?: LoggerPort;
}

/** A running local stack. */
export interface LocalStack {
  /** Base URL of the webhook and `/local/state`. */
  readonly url: string;
  readonly webhookUrl: string;
  readonly gitlab: GitLabConnection;
  readonly runnerCommand: RunnerCommand;
  readonly dynamoDbEndpoint: string;
  readonly dataDir: string;
  /** Jobs, runners and executions, as `GET /local/state` answers. */
  state(): LocalStateSnapshot;
  /** Stops runners, servers, emulators and the fake GitLab. */
  stop(): Promise<void>;
}

/**
 * Starts the whole product on this machine (see packages/local/README.md): the real handlers in
 * process behind local HTTP, Lambda, EventBridge and EC2 endpoints; the real ASL on
 * aws-local-stepfunctions; dynalite and moto; the fake or a real GitLab; local runner processes.
 * One local stack per process: handlers read their settings once, when first loaded.
 */
export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const logger = options.logger ?? silentLogger;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'glr-local-')));
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
  };
  try {
    const [dynalite, moto] = await Promise.all([
      startDynalite(options.persistDynamoDb ? { path: join(dataDir, 'dynamodb') } : {}),
      startMotoServer(),
    ]);
    stops.push(dynalite.stop, moto.stop);
    const publicRoutes: LocalRoute[] = [];
    const awsRoutes: LocalRoute[] = [];
    const host = options.host ?? '127.0.0.1';
    const publicServer = await startLocalHttpServer({
      host,
      port: options.port ?? 8080,
      routes: publicRoutes,
      logger,
    });
    const awsServer = await startLocalHttpServer({ routes: awsRoutes, logger });
    stops.push(publicServer.close, awsServer.close);
    Object.assign(
      process.env,
      localAwsEnvironment({
        region: REGION,
        dynamodb: dynalite.endpoint,
        moto: moto.endpoint,
        local: awsServer.url,
      }),
    );
    const webhookUrl = `${publicServer.url}/webhook`;
    const gitlab = await connectGitLab(options.gitlab, webhookUrl, options.fakeGitLab);
    if (gitlab.fake) stops.push(gitlab.fake.close);

    const network = await readLocalNetwork(moto.endpoint, REGION);
    const launchTemplateId = await createLaunchTemplate(moto.endpoint, REGION, 'glr-runner');
    const product = loadProductStacks(options.rootDir, gitlab, network, launchTemplateId);
    const { all: stacks, autoscaler, parameterPath } = product;

    for (const loaded of stacks) {
      await createTemplateParameters(moto.endpoint, REGION, loaded.template, loaded.resolver);
    }
    await putGitLabSecrets(moto.endpoint, REGION, parameterPath, gitlab);
    await prepareTables(stacks, dynalite.endpoint, logger);
    const seedReport = await seedMappings({
      file: options.mappingsFile ?? join(options.rootDir, 'packages/local/mappings.local.json'),
      table: autoscaler.resolver.physicalName('MappingTable'),
      endpoint: dynalite.endpoint,
      region: REGION,
    });
    logger.info('mappings seeded', { report: seedReport });

    const runnerCommand = options.runnerCommand
      ? { path: options.runnerCommand, source: 'GLR_RUNNER_COMMAND' as const }
      : resolveRunnerCommand();
    const runtime = new LocalLambdaRuntime({
      functions: stacks.flatMap((loaded) => loaded.functions),
      logger,
      overrides: {
        POWERTOOLS_SERVICE_NAME: process.env.POWERTOOLS_SERVICE_NAME ?? 'glr-local',
        GITLAB_RUNNER_PATH: runnerCommand.path,
        ...options.environment,
      },
      // Container-image functions (the runner) rely on one invocation per sandbox and its own /tmp.
      isolate: {
        functions: imageFunctions(stacks),
        root: join(dataDir, 'lambda'),
        ...(options.functionOutput ? { output: options.functionOutput } : {}),
      },
    });
    stops.push(async () => runtime.stop());
    const invoke = (name: string, payload: unknown) => runtime.invoke(name, payload);
    const machines = new LocalStateMachines({
      machines: stacks.flatMap((loaded) => loaded.stateMachines),
      invoke,
      immediateRetries: options.immediateRetries ?? false,
      logger,
    });
    const machineIds = new Set(
      stacks.flatMap((loaded) => loaded.stateMachines.map((machine) => machine.logicalId)),
    );
    const view = new LocalStateView();
    const bus = new LocalEventBus({
      rules: stacks.flatMap((loaded) => loaded.rules),
      deliver: (target, input) =>
        machineIds.has(target) ? machines.start(target, input).result : invoke(target, input),
      region: REGION,
      account: ACCOUNT,
      logger,
      onEvent: (event) => view.jobEvent(event.detail, event.time),
    });
    const ec2Host = new LocalEc2Host({
      motoEndpoint: moto.endpoint,
      region: REGION,
      parameterPath,
      workRoot: join(dataDir, 'ec2'),
      runnerCommand: runnerCommand.path,
      logger,
    });
    stops.push(
      () => ec2Host.stop(),
      () => bus.idle(),
    );
    const lambdaRunners: LambdaRunnerInvocation[] = [];
    awsRoutes.push(
      lambdaInvokeRoute({
        invoke,
        logger,
        onAsyncInvocation: (invocation, _done, payload) => {
          const name =
            isRecord(payload) && typeof payload.runnerName === 'string'
              ? payload.runnerName
              : invocation.functionName;
          lambdaRunners.push({ name, invocation });
        },
      }),
      eventBridgeRoute(bus),
      stepFunctionsRoute(machines),
      ec2ProxyRoute({ motoEndpoint: moto.endpoint, observer: ec2Host, logger }),
    );

    const stopSchedules = startSchedules(
      stacks.flatMap((loaded) => readSchedules(loaded.template, loaded.resolver)),
      invoke,
      { logger, ...(options.scheduleEveryMs ? { everyMs: options.scheduleEveryMs } : {}) },
    );
    stops.push(async () => stopSchedules());
    const state = () => {
      const count = (status: string) =>
        machines.executions.filter((execution) => execution.status === status).length;
      return view.snapshot(runnerViews(lambdaRunners, ec2Host.instances), {
        running: count('RUNNING'),
        succeeded: count('SUCCEEDED'),
        failed: count('FAILED'),
      });
    };
    for (const loaded of stacks) {
      for (const event of readHttpApiEvents(loaded.template)) {
        const api = { apiId: 'local', account: ACCOUNT };
        const route = { method: event.method, path: event.path, api, logger };
        publicRoutes.push(
          httpApiRoute({ ...route, invoke: (apiEvent) => invoke(event.functionLogicalId, apiEvent) }),
        );
      }
    }
    publicRoutes.push((request) =>
      request.method === 'GET' && request.path === '/local/state' ? jsonResponse(200, state()) : undefined,
    );
    return {
      url: publicServer.url,
      webhookUrl,
      gitlab,
      runnerCommand,
      dynamoDbEndpoint: dynalite.endpoint,
      dataDir,
      state,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

const imageFunctions = (stacks: readonly LoadedStack[]): string[] =>
  stacks.flatMap((loaded) =>
    loaded.functions
      .filter((fn) => loaded.template.Resources[fn.logicalId]?.Properties?.PackageType === 'Image')
      .map((fn) => fn.logicalId),
  );

const prepareTables = async (stacks: readonly LoadedStack[], endpoint: string, logger: LoggerPort) => {
  const tables = stacks.flatMap((loaded) => loaded.tables);
  await createTables(endpoint, REGION, tables);
  for (const table of tables.filter((candidate) => candidate.ttlAttribute)) {
    logger.info('dynalite does not expire items: TTL is ignored locally', {
      table: table.request.TableName,
      ttlAttribute: table.ttlAttribute,
    });
  }
};
