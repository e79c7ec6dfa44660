import { FakeGitLabNotFoundError } from './errors.ts';
import { FaultInjector, type FaultSpec } from './faults.ts';
import { buildJobHookPayload } from './job-hook-payload.ts';
import { JobLifecycle } from './lifecycle.ts';
import type { AccessTokenSpec, FakeGroup, FakeJob, FakePipeline, FakeProject, FakeRunner } from './model.ts';
import { type PipelineDefinition, parsePipelineDefinition } from './pipeline-definition.ts';
import { jobProtocolRoutes } from './routes/job-protocol.ts';
import { pipelineRoutes } from './routes/pipelines.ts';
import { runnerQueryRoutes } from './routes/runner-queries.ts';
import { runnerRegistrationRoutes } from './routes/runner-registration.ts';
import { listen, type RecordedRequest } from './server.ts';
import { FakeStore } from './store.ts';
import {
  type JobHookEvent,
  type WebhookDelivery,
  WebhookDispatcher,
  type WebhookOptions,
} from './webhooks.ts';

/** Settings of {@link startFakeGitLab}. Every one is optional. */
export interface FakeGitLabOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  readonly host?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
  /** GitLab version in `User-Agent: GitLab/<version>` (default `18.6.2`). */
  readonly version?: string;
  /** Access tokens accepted in `PRIVATE-TOKEN`. */
  readonly accessTokens?: readonly AccessTokenSpec[];
  /** Legacy registration token; absent or null means registration is disabled (410). */
  readonly registrationToken?: string | null;
  /** Groups (default: {@link DEFAULT_GROUP}). */
  readonly groups?: readonly FakeGroup[];
  /** Projects (default: {@link DEFAULT_PROJECT}). */
  readonly projects?: readonly FakeProject[];
  /** Job Hook receiver; none by default (see {@link FakeGitLab.webhooks}). */
  readonly webhook?: WebhookOptions;
  /** Seconds after which a pending job nobody picks fails with `stuck_or_timeout_failure` (3600). */
  readonly pendingTimeoutSeconds?: number;
  /** Real milliseconds per GitLab second of the pending and execution timeouts (1000). */
  readonly secondMs?: number;
  /** GitLab's two-phase job commit flag: runners offering it must PUT `running` first (false). */
  readonly twoPhaseCommit?: boolean;
  /** `X-GitLab-Trace-Update-Interval` answered to runners, in seconds (1). */
  readonly traceUpdateInterval?: number;
}

/** Job Hook delivery control. */
export interface FakeWebhooks {
  /** Sets or replaces the receiver and its options; null stops deliveries. */
  configure(options: WebhookOptions | null): void;
  /** Events held back by `hold: true`, oldest first. */
  held(): readonly JobHookEvent[];
  /** Delivers the held events, oldest first or in reverse. */
  release(order?: 'oldest-first' | 'reverse'): void;
  /** Sends an event again with the same `Idempotency-Key`. */
  resend(event: JobHookEvent): void;
  /** Every delivery attempt so far. */
  readonly deliveries: readonly WebhookDelivery[];
  /** Resolves once every queued delivery has been attempted. */
  settled(): Promise<void>;
}

/** A running fake GitLab. */
export interface FakeGitLab {
  /** Base URL, e.g. `http://127.0.0.1:38211`. */
  readonly url: string;
  /** Stops the server, deliveries and every timer. */
  close(): Promise<void>;
  /** Every request answered so far (method, path, status), oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Arms a fault for the next matching requests. */
  injectFault(spec: FaultSpec): void;
  /** Disarms every fault. */
  clearFaults(): void;
  /** Adds an access token. */
  addAccessToken(spec: AccessTokenSpec): void;
  /** Sets (or with null disables) the legacy registration token. */
  setRegistrationToken(token: string | null): void;
  /** Creates a pipeline from YAML (see README) or a parsed definition; its first stage becomes pending. */
  createPipeline(
    definition: string | PipelineDefinition,
    options?: { readonly projectId?: number; readonly ref?: string },
  ): FakePipeline;
  /** Cancels a job: pending at once; running via `canceling`, or at once with `force`. */
  cancelJob(jobId: number, options?: { readonly force?: boolean }): void;
  /** Current runners. */
  runners(): readonly FakeRunner[];
  /** A runner by id, if it still exists. */
  runner(id: number): FakeRunner | undefined;
  /** Every pipeline, oldest first. */
  pipelines(): readonly FakePipeline[];
  /** Every job, oldest first. */
  jobs(): readonly FakeJob[];
  /** A job by id. */
  job(id: number): FakeJob | undefined;
  /** A job's log as the runner sent it. */
  trace(jobId: number): string;
  /** Job Hook delivery control. */
  readonly webhooks: FakeWebhooks;
}

/** The group a fake starts with when given none. */
export const DEFAULT_GROUP: FakeGroup = { id: 7, name: 'Platform', path: 'platform' };
/** The project a fake starts with when given none (id 42, in {@link DEFAULT_GROUP}). */
export const DEFAULT_PROJECT: FakeProject = {
  id: 42,
  name: 'ephemeral-demo',
  path: 'ephemeral-demo',
  groupId: 7,
};

/** Starts a fake GitLab on loopback (see the package README). Close it after use. */
export const startFakeGitLab = async (options: FakeGitLabOptions = {}): Promise<FakeGitLab> => {
  const store = new FakeStore();
  for (const group of options.groups ?? [DEFAULT_GROUP]) store.groups.set(group.id, group);
  for (const project of options.projects ?? [DEFAULT_PROJECT]) store.projects.set(project.id, project);
  store.accessTokens.push(...(options.accessTokens ?? []));
  store.registrationToken = options.registrationToken ?? null;
  let url = '';
  const baseUrl = () => url;
  const webhooks = new WebhookDispatcher(options.version ?? '18.6.2', baseUrl, options.webhook ?? null);
  const lifecycle = new JobLifecycle(store, {
    pendingTimeoutSeconds: options.pendingTimeoutSeconds ?? 3600,
    secondMs: options.secondMs ?? 1000,
    onTransition: (job) => webhooks.enqueue(buildJobHookPayload(store, job, url)),
  });
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  const routes = [
    ...runnerRegistrationRoutes(store),
    ...runnerQueryRoutes(store, baseUrl),
    ...jobProtocolRoutes(store, lifecycle, baseUrl, {
      twoPhaseCommit: options.twoPhaseCommit ?? false,
      traceUpdateInterval: options.traceUpdateInterval ?? 1,
    }),
    ...pipelineRoutes(store, lifecycle, baseUrl),
  ];
  const server = await listen({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    routes: () => routes,
    faults,
    requests,
  });
  url = server.url;

  const existingJob = (id: number): FakeJob => {
    const job = store.jobs.get(id);
    if (!job) throw new FakeGitLabNotFoundError(`job ${id} does not exist`);
    return job;
  };

  return {
    url,
    close: async () => {
      lifecycle.dispose();
      webhooks.close();
      await server.close();
    },
    requests,
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    addAccessToken: (spec) => {
      store.accessTokens.push(spec);
    },
    setRegistrationToken: (token) => {
      store.registrationToken = token;
    },
    createPipeline: (definition, pipelineOptions = {}) =>
      lifecycle.createPipeline(
        pipelineOptions.projectId ?? [...store.projects.keys()][0] ?? DEFAULT_PROJECT.id,
        typeof definition === 'string' ? parsePipelineDefinition(definition) : definition,
        pipelineOptions.ref,
      ),
    cancelJob: (jobId, cancelOptions = {}) => lifecycle.cancel(existingJob(jobId), cancelOptions.force),
    runners: () => [...store.runners.values()],
    runner: (id) => store.runners.get(id),
    pipelines: () => [...store.pipelines.values()],
    jobs: () => [...store.jobs.values()],
    job: (id) => store.jobs.get(id),
    trace: (jobId) => existingJob(jobId).trace.toString('utf8'),
    webhooks: {
      configure: (webhookOptions) => webhooks.configure(webhookOptions),
      held: () => webhooks.held(),
      release: (order) => webhooks.release(order),
      resend: (event) => webhooks.resend(event),
      deliveries: webhooks.deliveries,
      settled: () => webhooks.settled(),
    },
  };
};
