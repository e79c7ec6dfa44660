// Job Hook deliveries as GitLab sends them (shared/reference/gitlab-protocol.md §1.6), and the
// API Gateway HTTP API (payload 2.0) event that carries one to the webhook function.
import { randomUUID } from 'node:crypto';

/** The `X-Gitlab-Token` every benchmark delivery carries, served by the AWS stand-in's SSM. */
export const BENCH_WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';

/** One webhook delivery: headers (lower-case names) and the raw JSON body. */
export interface Delivery {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Hands out job ids `first`, `first + 1`, … so that every delivery names a distinct job. */
export const jobIds = (first: number): (() => number) => {
  let next = first;
  return () => {
    const id = next;
    next += 1;
    return id;
  };
};

/** The job a Job Hook is about, as GitLab names it. */
export interface HookJob {
  readonly id: number;
  readonly name: string;
  readonly stage: string;
  readonly pipelineId: number;
  readonly projectId: number;
}

/** The runner a `running` or finished Job Hook names: the one that took the job. */
export interface HookRunner {
  readonly id: number;
  readonly description: string;
  readonly tags: readonly string[];
}

/** The job statuses the benchmarks deliver. */
export type HookStatus = 'pending' | 'running' | 'success';

/** The job every part 1 and 2 delivery is about (only its id changes). */
const SAMPLE_JOB: Omit<HookJob, 'id'> = { name: 'unit-tests', stage: 'test', pipelineId: 912, projectId: 42 };

const CREATED_AT = '2026-03-02T10:15:01Z';
const STARTED_AT = '2026-03-02T10:15:09Z';
const FINISHED_AT = '2026-03-02T10:16:40Z';

/** `2026-03-02 10:15:01 UTC`, how Job Hooks serialise times besides their `*_iso` fields. */
const gitlabTime = (iso: string | null): string | null =>
  iso === null ? null : `${iso.slice(0, 19).replace('T', ' ')} UTC`;

const jobHookBody = (job: HookJob, status: HookStatus, runner: HookRunner | null) => {
  const startedAt = status === 'pending' ? null : STARTED_AT;
  const finishedAt = status === 'success' ? FINISHED_AT : null;
  return {
    object_kind: 'build',
    ref: 'main',
    tag: false,
    before_sha: '0000000000000000000000000000000000000000',
    sha: '7d5f1a9c2e4b8d0f6a3c1e5b7d9f0a2c4e6b8d0f',
    retries_count: 0,
    build_id: job.id,
    build_name: job.name,
    build_stage: job.stage,
    build_status: status,
    build_created_at: gitlabTime(CREATED_AT),
    build_started_at: gitlabTime(startedAt),
    build_finished_at: gitlabTime(finishedAt),
    build_created_at_iso: CREATED_AT,
    build_started_at_iso: startedAt,
    build_finished_at_iso: finishedAt,
    build_duration: finishedAt === null ? null : 91,
    build_queued_duration: startedAt === null ? 0.412873 : 8,
    build_allow_failure: false,
    build_failure_reason: 'unknown_failure',
    pipeline_id: job.pipelineId,
    runner:
      runner === null
        ? null
        : {
            id: runner.id,
            description: runner.description,
            runner_type: 'project_type',
            active: true,
            is_shared: false,
            tags: [...runner.tags],
          },
    project_id: job.projectId,
    project_name: 'Platform / Ephemeral Demo',
    user: { id: 7, name: 'Jane Dev', username: 'jdev', avatar_url: null, email: '[REDACTED]' },
    commit: {
      id: job.pipelineId,
      sha: '7d5f1a9c2e4b8d0f6a3c1e5b7d9f0a2c4e6b8d0f',
      message: 'Add unit tests\n',
      status,
    },
    repository: {
      name: 'ephemeral-demo',
      url: 'git@gitlab.example.com:platform/ephemeral-demo.git',
      homepage: 'https://gitlab.example.com/platform/ephemeral-demo',
      visibility_level: 0,
    },
    project: {
      id: job.projectId,
      name: 'ephemeral-demo',
      web_url: 'https://gitlab.example.com/platform/ephemeral-demo',
      namespace: 'Platform',
      path_with_namespace: 'platform/ephemeral-demo',
      default_branch: 'main',
    },
    environment: null,
  };
};

/**
 * A Job Hook for `job` becoming `status`, sent with `token` and a stable `Idempotency-Key`;
 * `runner` (the runner that took the job) is null while the job is pending, as in GitLab.
 */
export const jobHook = (
  job: HookJob,
  status: HookStatus,
  token: string,
  options: { readonly runner?: HookRunner; readonly idempotencyKey?: string } = {},
): Delivery => ({
  headers: {
    'content-type': 'application/json',
    'user-agent': 'GitLab/18.6.2',
    'x-gitlab-event': 'Job Hook',
    'x-gitlab-instance': 'https://gitlab.example.com',
    'x-gitlab-webhook-uuid': randomUUID(),
    'x-gitlab-event-uuid': randomUUID(),
    'idempotency-key': options.idempotencyKey ?? randomUUID(),
    'x-gitlab-token': token,
  },
  body: JSON.stringify(jobHookBody(job, status, options.runner ?? null)),
});

/** A `pending` Job Hook for job `jobId` of the sample pipeline, sent with `token`. */
export const pendingJobHook = (jobId: number, token: string, idempotencyKey = randomUUID()): Delivery =>
  jobHook({ ...SAMPLE_JOB, id: jobId }, 'pending', token, { idempotencyKey });

/**
 * `count` deliveries of one event, as GitLab resends it: the same body, `Idempotency-Key` and event
 * UUID, a new `X-Gitlab-Webhook-UUID` each.
 */
export const resends = (delivery: Delivery, count: number): Delivery[] =>
  Array.from({ length: count }, () => ({
    body: delivery.body,
    headers: { ...delivery.headers, 'x-gitlab-webhook-uuid': randomUUID() },
  }));

/** The API Gateway HTTP API (payload format 2.0) event for a delivery to `POST /webhook`. */
export const httpApiEvent = (delivery: Delivery) => {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'POST /webhook',
    rawPath: '/webhook',
    rawQueryString: '',
    headers: { ...delivery.headers, 'content-length': String(Buffer.byteLength(delivery.body)) },
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      domainName: 'bench.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'bench',
      http: {
        method: 'POST',
        path: '/webhook',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: delivery.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: 'POST /webhook',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: delivery.body,
    isBase64Encoded: false,
  };
};
