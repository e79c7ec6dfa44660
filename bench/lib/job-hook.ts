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

/** A `pending` Job Hook for job `jobId`, sent with `token` and a stable `Idempotency-Key`. */
export const pendingJobHook = (jobId: number, token: string, idempotencyKey = randomUUID()): Delivery => ({
  headers: {
    'content-type': 'application/json',
    'user-agent': 'GitLab/18.6.2',
    'x-gitlab-event': 'Job Hook',
    'x-gitlab-instance': 'https://gitlab.example.com',
    'x-gitlab-webhook-uuid': randomUUID(),
    'x-gitlab-event-uuid': randomUUID(),
    'idempotency-key': idempotencyKey,
    'x-gitlab-token': token,
  },
  body: JSON.stringify({
    object_kind: 'build',
    ref: 'main',
    tag: false,
    before_sha: '0000000000000000000000000000000000000000',
    sha: '7d5f1a9c2e4b8d0f6a3c1e5b7d9f0a2c4e6b8d0f',
    retries_count: 0,
    build_id: jobId,
    build_name: 'unit-tests',
    build_stage: 'test',
    build_status: 'pending',
    build_created_at: '2026-03-02 10:15:01 UTC',
    build_started_at: null,
    build_finished_at: null,
    build_created_at_iso: '2026-03-02T10:15:01Z',
    build_started_at_iso: null,
    build_finished_at_iso: null,
    build_duration: null,
    build_queued_duration: 0.412873,
    build_allow_failure: false,
    build_failure_reason: 'unknown_failure',
    pipeline_id: 912,
    runner: null,
    project_id: 42,
    project_name: 'Platform / Ephemeral Demo',
    user: { id: 7, name: 'Jane Dev', username: 'jdev', avatar_url: null, email: '[REDACTED]' },
    commit: {
      id: 912,
      sha: '7d5f1a9c2e4b8d0f6a3c1e5b7d9f0a2c4e6b8d0f',
      message: 'Add unit tests\n',
      status: 'pending',
    },
    repository: {
      name: 'ephemeral-demo',
      url: 'git@gitlab.example.com:platform/ephemeral-demo.git',
      homepage: 'https://gitlab.example.com/platform/ephemeral-demo',
      visibility_level: 0,
    },
    project: {
      id: 42,
      name: 'ephemeral-demo',
      web_url: 'https://gitlab.example.com/platform/ephemeral-demo',
      namespace: 'Platform',
      path_with_namespace: 'platform/ephemeral-demo',
      default_branch: 'main',
    },
    environment: null,
  }),
});

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
