import { randomBytes } from 'node:crypto';
import { ConfigurationError, type LoggerPort, silentLogger } from '@glr/core';
import type { z } from 'zod';
import {
  jobSchema,
  runnerJobSchema,
  runnerRegistrationSchema,
  runnerSummarySchema,
  verifiedRunnerSchema,
} from './schemas.ts';
import { type ApiRequest, createTransport, parseBody, type Transport } from './transport.ts';
import type {
  CreatedRunner,
  CreateRunnerInput,
  DeleteOutcome,
  GitLabJob,
  RegisterRunnerInput,
  RunnerJob,
  RunnerScope,
  RunnerSettings,
  RunnerSummary,
} from './types.ts';

/** Settings of {@link createGitLabClient}. */
export interface GitLabClientOptions {
  /** GitLab base URL, e.g. `https://gitlab.example.com`. */
  readonly url: string;
  /** Timeout of one attempt, in ms (default 5000). */
  readonly timeoutMs?: number;
  /** Attempts per call, the first included (default 4). */
  readonly maxAttempts?: number;
  /** First retry delay before jitter, in ms (default 250). */
  readonly retryBaseDelayMs?: number;
  /** Cap of any wait between attempts, `Retry-After` included, in ms (default 10000). */
  readonly maxRetryDelayMs?: number;
  /** Receives retry warnings; never a token. */
  readonly logger?: LoggerPort;
}

/** The GitLab REST calls the product makes. Every method throws a `GitLabError` subclass on failure. */
export interface GitLabClient {
  /** Creates a runner with an access token (`POST /user/runners`, GitLab 15.10+). */
  createRunner(input: CreateRunnerInput): Promise<CreatedRunner>;
  /** Registers a runner with a legacy registration token (`POST /runners`); 410 → `GitLabRegistrationDisabledError`. */
  registerRunner(input: RegisterRunnerInput): Promise<CreatedRunner>;
  /** Deletes a runner by id with an access token (`manage_runner`); a 404 means it is already gone. */
  deleteRunnerById(input: {
    readonly accessToken: string;
    readonly runnerId: number;
  }): Promise<DeleteOutcome>;
  /** Deletes a runner with its own token (`DELETE /runners`); a 403 means the token is no longer valid. */
  deleteRunnerByToken(input: { readonly runnerToken: string }): Promise<DeleteOutcome>;
  /**
   * Checks a runner token (`POST /runners/verify`) and returns the runner's id. Without `systemId` a
   * random `r_…` one is sent (GitLab requires one for `glrt-` tokens).
   */
  verifyRunner(input: { readonly runnerToken: string; readonly systemId?: string }): Promise<{ id: number }>;
  /** Reads a job, with its own sorted tags (`read_api`). */
  getJob(input: {
    readonly accessToken: string;
    readonly projectId: number;
    readonly jobId: number;
  }): Promise<GitLabJob>;
  /** Lists the jobs a runner ran or runs, every page. */
  listRunnerJobs(input: {
    readonly accessToken: string;
    readonly runnerId: number;
    readonly status?: string;
  }): Promise<RunnerJob[]>;
  /** Lists the runners of an instance, group or project, every page. */
  listRunners(input: { readonly accessToken: string; readonly scope: RunnerScope }): Promise<RunnerSummary[]>;
}

const PER_PAGE = 100;
const MAX_PAGES = 1000;

/**
 * Creates a {@link GitLabClient} for one GitLab instance. Throws a `ConfigurationError` at once when
 * `url` is not an http(s) URL, instead of every call failing later as an unreachable GitLab.
 */
export const createGitLabClient = (options: GitLabClientOptions): GitLabClient => {
  assertBaseUrl(options.url);
  const send = createTransport({
    url: options.url,
    timeoutMs: options.timeoutMs ?? 5000,
    maxAttempts: Math.max(1, options.maxAttempts ?? 4),
    backoff: { baseDelayMs: options.retryBaseDelayMs ?? 250, maxDelayMs: options.maxRetryDelayMs ?? 10_000 },
    logger: options.logger ?? silentLogger,
  });
  const call = async <Schema extends z.ZodType>(schema: Schema, request: ApiRequest) =>
    parseBody(schema, await send(request), request.method, request.path);

  return {
    createRunner: async (input) =>
      toCreatedRunner(
        await call(runnerRegistrationSchema, {
          method: 'POST',
          path: '/user/runners',
          accessToken: input.accessToken,
          body: {
            runner_type: input.runnerType,
            group_id: input.groupId,
            project_id: input.projectId,
            ...runnerSettingsBody(input),
          },
        }),
      ),
    registerRunner: async (input) =>
      toCreatedRunner(
        await call(runnerRegistrationSchema, {
          method: 'POST',
          path: '/runners',
          body: { token: input.registrationToken, ...runnerSettingsBody(input) },
          bodySecrets: [input.registrationToken],
        }),
      ),
    deleteRunnerById: async ({ accessToken, runnerId }) => {
      const response = await send({
        method: 'DELETE',
        path: `/runners/${runnerId}`,
        accessToken,
        acceptStatuses: [404],
      });
      return response.status === 404 ? 'already-gone' : 'deleted';
    },
    deleteRunnerByToken: async ({ runnerToken }) => {
      const response = await send({
        method: 'DELETE',
        path: '/runners',
        body: { token: runnerToken },
        bodySecrets: [runnerToken],
        acceptStatuses: [403],
      });
      return response.status === 403 ? 'already-gone' : 'deleted';
    },
    verifyRunner: async ({ runnerToken, systemId }) => {
      const verified = await call(verifiedRunnerSchema, {
        method: 'POST',
        path: '/runners/verify',
        body: { token: runnerToken, system_id: systemId ?? randomSystemId() },
        bodySecrets: [runnerToken],
      });
      return { id: verified.id };
    },
    getJob: async ({ accessToken, projectId, jobId }) => {
      const job = await call(jobSchema, {
        method: 'GET',
        path: `/projects/${projectId}/jobs/${jobId}`,
        accessToken,
      });
      return {
        id: job.id,
        name: job.name,
        status: job.status,
        tagList: [...job.tag_list].sort(),
        runner: job.runner ? { id: job.runner.id, description: job.runner.description ?? '' } : null,
      };
    },
    listRunnerJobs: async ({ accessToken, runnerId, status }) =>
      (await paginate(send, runnerJobSchema, { path: `/runners/${runnerId}/jobs`, accessToken, status })).map(
        (job) => ({ id: job.id, name: job.name, status: job.status }),
      ),
    listRunners: async ({ accessToken, scope }) =>
      (await paginate(send, runnerSummarySchema, { path: runnersPath(scope), accessToken })).map(
        (runner) => ({
          id: runner.id,
          description: runner.description ?? '',
          ...(runner.status === undefined ? {} : { status: runner.status }),
        }),
      ),
  };
};

/** A `system_id` like gitlab-runner's own random ones: `r_` and 12 characters. */
const randomSystemId = (): string => `r_${randomBytes(9).toString('base64url').slice(0, 12)}`;

const runnerSettingsBody = (settings: RunnerSettings) => ({
  description: settings.description,
  tag_list: [...settings.tags],
  run_untagged: settings.runUntagged,
  locked: settings.locked,
  maximum_timeout: settings.maximumTimeout,
  paused: settings.paused,
  maintenance_note: settings.maintenanceNote,
});

const toCreatedRunner = (runner: z.output<typeof runnerRegistrationSchema>): CreatedRunner => ({
  id: runner.id,
  token: runner.token,
  tokenExpiresAt: runner.token_expires_at ?? null,
});

const runnersPath = (scope: RunnerScope): string => {
  switch (scope.type) {
    case 'instance':
      return '/runners/all';
    case 'group':
      return `/groups/${scope.groupId}/runners`;
    case 'project':
      return `/projects/${scope.projectId}/runners`;
  }
};

/** GETs every page of a list, following GitLab's `X-Next-Page` header. */
const paginate = async <Item extends z.ZodType>(
  send: Transport,
  itemSchema: Item,
  request: { readonly path: string; readonly accessToken: string; readonly status?: string },
): Promise<z.output<Item>[]> => {
  const items: z.output<Item>[] = [];
  const pageSchema = itemSchema.array();
  let page: string | null = '1';
  for (let count = 0; page && count < MAX_PAGES; count += 1) {
    const response = await send({
      method: 'GET',
      path: request.path,
      accessToken: request.accessToken,
      query: { page, per_page: PER_PAGE, status: request.status },
    });
    items.push(...(parseBody(pageSchema, response, 'GET', request.path) as z.output<Item>[]));
    page = response.headers.get('x-next-page')?.trim() || null;
  }
  return items;
};

/** The URL is not echoed: it comes from configuration and may carry credentials. */
const assertBaseUrl = (url: string): void => {
  const protocol = URL.parse(url)?.protocol;
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new ConfigurationError(
      "GitLab url must be the instance's http(s) base URL, e.g. https://gitlab.example.com: fix the Url parameter in Parameter Store",
    );
  }
};
