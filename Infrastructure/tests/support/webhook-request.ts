import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The shared GitLab payload fixtures of the core package. */
export type JobHookFixture = 'pending' | 'running' | 'success' | 'failed' | 'canceled' | 'test-button';

/** Reads one of the core package's Job Hook fixtures as a parsed payload. */
export const readJobHookFixture = (name: JobHookFixture): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      new URL(`../../../packages/core/tests/fixtures/gitlab/job-hook-${name}.json`, import.meta.url),
      'utf8',
    ),
  );

/** The webhook secret the tests' GitLab sends in `X-Gitlab-Token`. */
export const WEBHOOK_SECRET = 'hook-secret-Zq8vK2';

/** Headers GitLab sends with a Job Hook (reference §1.6), with the test secret. */
export const gitLabHeaders = (overrides: Record<string, string> = {}): Record<string, string> => ({
  'content-type': 'application/json',
  'user-agent': 'GitLab/18.6.2',
  'x-gitlab-event': 'Job Hook',
  'x-gitlab-instance': 'https://gitlab.example.com',
  'x-gitlab-webhook-uuid': '8a0e3c77-4c8f-4d2e-9c55-0a7f3b4a1e21',
  'x-gitlab-event-uuid': '3f1d2b6e-91a2-4f6e-8d61-2f0c9c7a55d0',
  'idempotency-key': '5b0f4c11-7e0a-4f43-a6de-0f6f2e2d9a80',
  'x-gitlab-token': WEBHOOK_SECRET,
  ...overrides,
});

/** A full API Gateway HTTP API (payload v2) `POST /webhook` event. */
export const apiGatewayEvent = (options: {
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}): APIGatewayProxyEventV2 => {
  const { headers = gitLabHeaders(), body = '' } = options;
  const isBase64Encoded = Buffer.isBuffer(body);
  return {
    version: '2.0',
    routeKey: 'POST /webhook',
    rawPath: '/webhook',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123defg',
      domainName: 'abc123defg.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123defg',
      http: {
        method: 'POST',
        path: '/webhook',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'GitLab/18.6.2',
      },
      requestId: 'Ab1CdEfGhIjKlM=',
      routeKey: 'POST /webhook',
      stage: '$default',
      time: '02/Mar/2026:10:15:02 +0000',
      timeEpoch: 1772446502000,
    },
    body: isBase64Encoded ? body.toString('base64') : body,
    isBase64Encoded,
  };
};
