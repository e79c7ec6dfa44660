import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  JOB_EVENT_DETAIL_TYPE,
  JOB_EVENT_SOURCE,
  type JobEvent,
  normaliseJobHook,
  TERMINAL_JOB_STATUSES,
} from '@glr/core';
import { lambdaContext } from '@glr/test-support';
import type { Context } from 'aws-lambda';
import { StateMachine } from 'aws-local-stepfunctions';
import { vi } from 'vitest';
import { EC2Client } from './aws-fixtures.ts';
import {
  type HarnessOptions,
  type StartRunnerHarness,
  startStartRunnerHarness,
} from './start-runner-harness.ts';

type TaskHandler = (input: unknown, context: Context) => Promise<unknown>;

/** The handler (folder name) an AWS call is made from, for {@link recordAwsCalls}. */
const activeHandler = new AsyncLocalStorage<string>();

const importHandler = async (folder: string) => {
  const module = (await import(`../../src/${folder}/handler.ts`)) as { handler: TaskHandler };
  return (input: unknown) =>
    activeHandler.run(
      folder,
      () => module.handler(input, lambdaContext({ functionName: folder })) as Promise<never>,
    );
};

/** SDK command names of the Document client, as the DynamoDB API actions they call. */
const DOCUMENT_COMMANDS: Readonly<Record<string, string>> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
};

/**
 * Records every AWS API call the lifecycle handlers make, as IAM actions (`dynamodb:GetItem`) per
 * handler folder: spies on the SDK's shared `Client.send`, so the calls come from the adapters as they
 * run. Calls outside these handlers (the start flow, test set-up) are not recorded.
 */
export const recordAwsCalls = (): Map<string, Set<string>> => {
  const calls = new Map<string, Set<string>>();
  const base = Object.getPrototypeOf(EC2Client.prototype) as { send: (command: object) => Promise<unknown> };
  const send = base.send;
  vi.spyOn(base, 'send').mockImplementation(function (
    this: { config: { serviceId: string } },
    command: object,
  ) {
    const folder = activeHandler.getStore();
    if (folder) {
      const name = command.constructor.name.replace(/Command$/, '');
      const service = this.config.serviceId.toLowerCase().replace('sfn', 'states');
      const action = service === 'dynamodb' ? (DOCUMENT_COMMANDS[name] ?? name) : name;
      calls.set(folder, (calls.get(folder) ?? new Set()).add(`${service}:${action}`));
    }
    return send.call(this, command);
  });
  return calls;
};

/**
 * A Job Hook event as the webhook puts it on the bus, for a job the fake GitLab need not know: its
 * status and the runner that took or ran it (`null` while it never had one).
 */
export const jobEvent = (
  status: string,
  jobId: number,
  runner: { readonly id: number; readonly description: string } | null,
) => ({
  version: '0',
  id: randomUUID(),
  source: JOB_EVENT_SOURCE,
  'detail-type': JOB_EVENT_DETAIL_TYPE,
  time: new Date().toISOString(),
  detail: {
    version: 1,
    jobId,
    jobName: 'build',
    projectId: 42,
    status,
    runner: runner && { ...runner, tags: [] },
  },
});

/** A state machine of this folder with its Task states bound to local functions. */
const localMachine = (file: string, handlers: Record<string, (input: unknown) => Promise<unknown>>) => {
  const definition = readFileSync(new URL(`../../statemachines/${file}`, import.meta.url), 'utf8')
    .replace(
      /\$\{(\w+)FunctionArn\}/g,
      (_, name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
    )
    .replace(
      '${StartRunnerStateMachineArn}',
      'arn:aws:states:eu-west-1:123456789012:stateMachine:start-runner',
    );
  const machine = new StateMachine(JSON.parse(definition));
  const noRetryWaits = Object.fromEntries(Object.keys(handlers).map((state) => [state, 0]));
  return (input: unknown) =>
    machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: noRetryWaits },
      context: { Execution: { Id: `arn:aws:states:eu-west-1:123456789012:express:test:${randomUUID()}` } },
    }).result;
};

/** A runner's view of the job it took from the fake GitLab (the runner job protocol). */
export interface TakenJob {
  readonly id: number;
  readonly token: string;
}

/** The start, running and stop flows on one fake GitLab, fed from its Job Hooks. */
export interface LifecycleHarness extends StartRunnerHarness {
  /** Runs the JobRunning state machine on an event. */
  runRunning(event: unknown): Promise<unknown>;
  /** Runs the StopRunner state machine on an event. */
  runStop(event: unknown): Promise<unknown>;
  /** Every StartRunner input the running and stop flows (or the reaper) started, oldest first. */
  readonly restarts: readonly unknown[];
  /** The Job Hooks GitLab sent since the last call, as bus events. */
  takeEvents(): { readonly time: string; readonly detail: JobEvent }[];
  /** Routes every new Job Hook to its flow (pending: StartRunner, running: JobRunning, final: StopRunner), in order. */
  deliver(): Promise<void>;
  /** The runner named `runnerName` asks GitLab for a job, as `gitlab-runner` does. */
  takeJob(runnerName: string): Promise<TakenJob | undefined>;
  /** Reports the job's final state, as the runner does. */
  finishJob(job: TakenJob, state: 'success' | 'failed'): Promise<void>;
  /** Imports the reaper with these settings and runs one pass. */
  reap(environment?: Readonly<Record<string, string>>): Promise<{ dryRun: boolean; actions: unknown[] }>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** A Step Functions `StartExecution` endpoint that runs the StartRunner machine locally. */
const startSfnEndpoint = async (start: (input: unknown) => Promise<unknown>) => {
  const server = createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as { input: string };
    await start(JSON.parse(body.input)).catch(() => undefined);
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(
      JSON.stringify({
        executionArn: `arn:aws:states:::execution:${randomUUID()}`,
        startDate: Date.now() / 1000,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/**
 * Starts the StartRunner harness (dynalite, moto, Lambda stub, fake GitLab) and adds the JobRunning
 * and StopRunner machines on their real handlers, their StartExecution states bound to the local
 * StartRunner machine, and the reaper with a local Step Functions endpoint.
 */
export const startLifecycleHarness = async (options: HarnessOptions = {}): Promise<LifecycleHarness> => {
  const start = await startStartRunnerHarness(options);
  const restarts: unknown[] = [];
  const restart = async (input: unknown) => {
    restarts.push(input);
    return start.run(input as never).catch(() => undefined);
  };
  const startExecution = (input: unknown) => restart((input as { Input: unknown }).Input);
  const sfn = await startSfnEndpoint(restart);
  process.env.AWS_ENDPOINT_URL_SFN = sfn.endpoint;
  process.env.GLR_START_RUNNER_STATE_MACHINE_ARN =
    'arn:aws:states:eu-west-1:123456789012:stateMachine:start-runner';

  const runRunning = localMachine('job-running.asl.json', {
    'Record who took the job': await importHandler('record-pickup'),
    'Start a replacement runner': startExecution,
  });
  const runStop = localMachine('stop-runner.asl.json', {
    'Clean up the runner that ran the job': await importHandler('clean-up-runner'),
    'Start the oldest waiting job': startExecution,
  });
  start.gitlab.webhooks.configure({ url: 'http://127.0.0.1:9/held', hold: true });
  let seen = 0;
  const takeEvents = () => {
    const held = start.gitlab.webhooks.held().slice(seen);
    seen += held.length;
    return held.map(({ idempotencyKey, payload }) => {
      const detail = normaliseJobHook(payload, {
        headers: { 'idempotency-key': idempotencyKey },
        receivedAt: new Date(),
      });
      return {
        version: '0',
        id: randomUUID(),
        source: JOB_EVENT_SOURCE,
        'detail-type': JOB_EVENT_DETAIL_TYPE,
        time: detail.receivedAt,
        detail,
      };
    });
  };
  const runner = (runnerName: string) => {
    const found = start.gitlab.runners().find((candidate) => candidate.description === runnerName);
    if (!found) throw new Error(`GitLab has no runner ${runnerName}`);
    return found;
  };
  const call = (method: string, path: string, body: unknown) =>
    fetch(`${start.gitlab.url}/api/v4${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  return {
    ...start,
    runRunning,
    runStop,
    restarts,
    takeEvents,
    deliver: async () => {
      for (const event of takeEvents()) {
        const status = event.detail.status;
        if (status === 'pending') await start.run(event as never);
        else if (status === 'running') await runRunning(event);
        else if ((TERMINAL_JOB_STATUSES as readonly string[]).includes(status)) await runStop(event);
      }
    },
    takeJob: async (runnerName) => {
      const response = await call('POST', '/jobs/request', { token: runner(runnerName).token, info: {} });
      if (response.status === 204) return undefined;
      const job = (await response.json()) as TakenJob;
      return { id: job.id, token: job.token };
    },
    finishJob: async (job, state) => {
      const response = await call('PUT', `/jobs/${job.id}`, { token: job.token, state });
      if (response.status !== 200) throw new Error(`PUT /jobs/${job.id} answered ${response.status}`);
    },
    reap: async (environment = {}) => {
      Object.assign(process.env, { GLR_REAPER_DRY_RUN: 'false', ...environment });
      vi.resetModules();
      return (await importHandler('reap-runners'))({}) as Promise<{ dryRun: boolean; actions: unknown[] }>;
    },
    stop: async () => {
      await Promise.all([start.stop(), sfn.stop()]);
    },
  };
};
