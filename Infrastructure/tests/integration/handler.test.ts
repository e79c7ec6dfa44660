import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { JOB_EVENT_DETAIL_TYPE, JOB_EVENT_SOURCE } from '@glr/core';
import {
  captureOutput,
  lambdaContext,
  type MotoServer,
  startMotoServer,
  tapEventBus,
} from '@glr/test-support';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  apiGatewayEvent,
  gitLabHeaders,
  readJobHookFixture,
  WEBHOOK_SECRET,
} from '../support/webhook-request.ts';

// The deployed handler end to end: middy, Powertools, SSM and EventBridge (moto), read back through
// a rule that copies the bus to an SQS queue.
const BUS = 'glr-handler-test';
let moto: MotoServer;
let readQueue: () => Promise<unknown[]>;
let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const context = lambdaContext({ functionName: 'webhook', remainingMs: 5000 });

beforeAll(async () => {
  moto = await startMotoServer();
  const ssm = new SSMClient({ endpoint: moto.endpoint });
  await ssm.send(
    new PutParameterCommand({
      Name: '/gitlabrunner/WebhookSecret',
      Value: WEBHOOK_SECRET,
      Type: 'SecureString',
    }),
  );
  readQueue = await tapEventBus({
    endpoint: moto.endpoint,
    busName: BUS,
    name: 'pending-jobs',
    pattern: {
      source: [JOB_EVENT_SOURCE],
      'detail-type': [JOB_EVENT_DETAIL_TYPE],
      detail: { status: ['pending'] },
    },
  });

  vi.stubEnv('GLR_EVENT_BUS_NAME', BUS);
  vi.stubEnv('AWS_ENDPOINT_URL_SSM', moto.endpoint);
  vi.stubEnv('AWS_ENDPOINT_URL_EVENTBRIDGE', moto.endpoint);
  ({ handler } = await import('../../src/webhook/handler.ts'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await moto?.stop();
});

/** Runs the handler and returns its answer with everything it printed (logs and metrics, both streams). */
const invoke = async (event: APIGatewayProxyEventV2) => {
  const output = captureOutput();
  try {
    return { response: await handler(event, context), output: output.text() };
  } finally {
    output.restore();
  }
};

describe('webhook handler against moto', () => {
  it('turns a pending Job Hook into exactly one JobEvent the AutoScaler rule matches', async () => {
    const { response, output } = await invoke(
      apiGatewayEvent({ body: JSON.stringify(readJobHookFixture('pending')) }),
    );

    expect(response.statusCode).toBe(202);
    const delivered = await readQueue();
    expect(delivered).toEqual([
      expect.objectContaining({
        source: JOB_EVENT_SOURCE,
        'detail-type': JOB_EVENT_DETAIL_TYPE,
        detail: expect.objectContaining({
          version: 1,
          jobId: 4711,
          status: 'pending',
          projectPath: 'platform/ephemeral-demo',
        }),
      }),
    ]);
    expect(output).toContain('"WebhookReceived"');
    expect(output).not.toContain(WEBHOOK_SECRET);
  });

  it('answers 401 to a wrong token and prints neither token', async () => {
    const wrong = 'wrong-token-Vb71';
    const { response, output } = await invoke(
      apiGatewayEvent({ headers: gitLabHeaders({ 'x-gitlab-token': wrong }), body: '{}' }),
    );

    expect(response.statusCode).toBe(401);
    expect(output).toContain('Webhook refused');
    expect(output).not.toContain(wrong);
    expect(output).not.toContain(WEBHOOK_SECRET);
  });
});
