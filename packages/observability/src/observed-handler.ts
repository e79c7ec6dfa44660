import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';

/** The Powertools utilities a handler is wrapped with; see {@link observedHandler}. */
export interface ObservedHandlerOptions {
  /** Gets the Lambda context (request id, cold start) on every line. */
  readonly logger: Logger;
  /** Clear keys appended with `logger.appendKeys` after each invocation (default false). */
  readonly resetKeys?: boolean;
  /**
   * Stored metrics, flushed as one EMF document after each invocation. Leave it out when the
   * function publishes only single metrics (`metrics.singleMetric()`), which flush at once.
   */
  readonly metrics?: Metrics;
  /** Traces each invocation as an X-Ray subsegment; leave it out for functions without tracing. */
  readonly tracer?: Tracer;
}

/**
 * Wraps a Lambda handler with middy and the Powertools middlewares: tracing outermost (so its
 * subsegment spans the others), then the logger's Lambda context, then the metrics flush.
 */
export const observedHandler = <Event, Result>(
  handle: (event: Event, context: Context) => Promise<Result>,
  options: ObservedHandlerOptions,
): MiddyfiedHandler<Event, Result> => {
  const handler = middy<Event, Result>(handle);
  if (options.tracer) handler.use(captureLambdaHandler(options.tracer));
  handler.use(
    injectLambdaContext(options.logger, { resetKeys: options.resetKeys ?? false, logEvent: false }),
  );
  if (options.metrics) handler.use(logMetrics(options.metrics));
  return handler;
};
