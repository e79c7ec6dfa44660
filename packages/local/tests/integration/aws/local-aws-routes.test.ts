import { createEventPublisher, createLambdaRunnerInvoker } from '@glr/aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBridgeRoute } from '../../../src/aws/eventbridge-route.ts';
import { type AsyncInvocation, lambdaInvokeRoute } from '../../../src/aws/lambda-invoke-route.ts';
import { LocalEventBus } from '../../../src/events/local-bus.ts';
import { readEventRules } from '../../../src/events/rules.ts';
import { type LocalHttpServer, startLocalHttpServer } from '../../../src/http/http-server.ts';
import { LocalLambdaRuntime } from '../../../src/lambda/local-lambda.ts';
import { recordingLogger } from '../../fixtures/recording-logger.ts';
import { fixtureFunctions, fixtureTemplate } from '../../fixtures/stack.ts';

const RUNNER_TOKEN = 'glrt-local-routes-secret';

describe('local AWS endpoint: Lambda Invoke and EventBridge PutEvents for unchanged SDK clients', () => {
  let server: LocalHttpServer;
  const logger = recordingLogger();
  const runtime = new LocalLambdaRuntime({ functions: fixtureFunctions(), logger });
  const asyncRuns: { invocation: AsyncInvocation; done: Promise<void> }[] = [];
  const delivered: unknown[] = [];
  const bus = new LocalEventBus({
    rules: readEventRules(fixtureTemplate()),
    deliver: async (_target, input) => {
      delivered.push(input);
    },
  });

  beforeAll(async () => {
    server = await startLocalHttpServer({
      routes: [
        lambdaInvokeRoute({
          invoke: (name, payload) => runtime.invoke(name, payload),
          onAsyncInvocation: (invocation, done) => asyncRuns.push({ invocation, done }),
          logger,
        }),
        eventBridgeRoute(bus),
      ],
      logger,
    });
    process.env.AWS_ENDPOINT_URL_LAMBDA = server.url;
    process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = server.url;
  });
  afterAll(async () => {
    await server.close();
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.text()).not.toContain(RUNNER_TOKEN);
  });

  it('runs an Event invocation of the Lambda runner invoker in the background', async () => {
    const invoker = createLambdaRunnerInvoker({ gitlabUrl: async () => 'http://127.0.0.1:1' });
    await invoker.launch({
      runnerName: 'glr-77-abc',
      runnerToken: RUNNER_TOKEN,
      job: { jobId: 77, jobName: 'unit', projectId: 42, pendingAt: new Date().toISOString() },
      plan: {
        kind: 'LAMBDA',
        functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:fixture-RecordFunction',
        tags: [],
        runUntagged: true,
        maximumTimeout: 840,
        source: 'default',
        tagsFromApi: false,
      },
    });
    expect(asyncRuns).toHaveLength(1);
    await asyncRuns[0]?.done;
    expect(asyncRuns[0]?.invocation).toMatchObject({
      functionName: expect.stringContaining('fixture-RecordFunction'),
      status: 'succeeded',
    });
  });

  it('answers RequestResponse with the result, and a function error as Lambda does', async () => {
    const invoke = (name: string, payload: unknown) =>
      fetch(`${server.url}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, {
        method: 'POST',
        body: JSON.stringify(payload),
      });
    const ok = await invoke('fixture-RecordFunction', { jobId: 3 });
    expect(ok.status).toBe(200);
    await expect(ok.json()).resolves.toMatchObject({ recordedJob: 3 });
    const failed = await invoke('fixture-ClaimFunction', { jobId: 0 });
    expect(failed.status).toBe(200);
    expect(failed.headers.get('x-amz-function-error')).toBe('Unhandled');
    await expect(failed.json()).resolves.toMatchObject({ errorType: 'InvalidJob' });
    const missing = await invoke('nope', {});
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });

  it("puts the event publisher's events on the local bus, which delivers them by rule", async () => {
    const publisher = createEventPublisher({ busName: 'glr-test-bus' });
    const eventId = await publisher.publish({
      source: 'gitlab-ephemeral-runners.webhook',
      detailType: 'GitLab Job Status Changed',
      detail: { jobId: 9, status: 'pending' },
      time: new Date('2026-03-02T10:15:01Z'),
    });
    await bus.idle();
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivered).toEqual([{ jobId: 9, status: 'pending' }]);
  });
});
