import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { type CapturedOutput, captureOutput, lambdaContext } from '@glr/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observedHandler } from '../../src/index.ts';

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const newLogger = () => new Logger({ serviceName: 'observability-test' });
const newMetrics = () => new Metrics({ namespace: 'GlrTest', serviceName: 'observability-test' });
const emfDocuments = () => output.records().filter((record) => '_aws' in record);

describe('observedHandler', () => {
  it("returns the handler's result and puts the Lambda context on every log line", async () => {
    const logger = newLogger();
    const handler = observedHandler(
      async (event: { n: number }) => {
        logger.info('inside');
        return event.n * 2;
      },
      { logger },
    );
    const context = lambdaContext({ functionName: 'glr-doubler' });

    await expect(handler({ n: 21 }, context)).resolves.toBe(42);
    expect(output.records()).toEqual([
      expect.objectContaining({
        message: 'inside',
        function_name: 'glr-doubler',
        function_request_id: context.awsRequestId,
      }),
    ]);
  });

  it('never logs the event, even when POWERTOOLS_LOGGER_LOG_EVENT asks for it', async () => {
    process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
    try {
      const handler = observedHandler(async () => 'done', { logger: newLogger() });
      await handler({ runnerToken: 'glrt-never-logged' }, lambdaContext());
    } finally {
      delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
    }
    expect(JSON.stringify(output.records())).not.toContain('glrt-never-logged');
  });

  it('flushes stored metrics as one EMF document after each invocation when given metrics', async () => {
    const metrics = newMetrics();
    const handler = observedHandler(
      async () => {
        metrics.addMetric('Things', MetricUnit.Count, 2);
      },
      { logger: newLogger(), metrics },
    );

    await handler(undefined, lambdaContext());
    await handler(undefined, lambdaContext());

    expect(emfDocuments().map((document) => document.Things)).toEqual([2, 2]);
  });

  it('flushes nothing without metrics: stored metrics wait for whoever owns the flush', async () => {
    const metrics = newMetrics();
    const handler = observedHandler(
      async () => {
        metrics.addMetric('Things', MetricUnit.Count, 1);
      },
      { logger: newLogger() },
    );

    await handler(undefined, lambdaContext());

    expect(emfDocuments()).toEqual([]);
  });

  it('clears appended keys between invocations only with resetKeys', async () => {
    const logged = async (resetKeys: boolean) => {
      const logger = newLogger();
      const handler = observedHandler(
        async (event: { readonly append: boolean }) => {
          if (event.append) logger.appendKeys({ runnerName: 'glr-1-abc' });
          logger.info('run');
        },
        { logger, resetKeys },
      );
      output.clear();
      await handler({ append: true }, lambdaContext());
      await handler({ append: false }, lambdaContext());
      return output.records().map((record) => record.runnerName);
    };

    expect(await logged(true)).toEqual(['glr-1-abc', undefined]);
    expect(await logged(false)).toEqual(['glr-1-abc', 'glr-1-abc']);
  });

  it('passes errors through every middleware unchanged, with a tracer too', async () => {
    const failure = new Error('domain failure');
    const handler = observedHandler(
      async () => {
        throw failure;
      },
      { logger: newLogger(), metrics: newMetrics(), tracer: new Tracer({ enabled: false }) },
    );

    await expect(handler(undefined, lambdaContext())).rejects.toBe(failure);
  });
});
