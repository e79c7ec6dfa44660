import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { LoggerPort } from '@glr/core';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

/** The functions' logger: JSON, with the Lambda context; never given a token. */
export const logger = new Logger();
/** {@link logger} as the core's {@link LoggerPort}. */
export const loggerPort: LoggerPort = {
  debug: (message, extra) => logger.debug(message, extra ?? {}),
  info: (message, extra) => logger.info(message, extra ?? {}),
  warn: (message, extra) => logger.warn(message, extra ?? {}),
  error: (message, extra) => logger.error(message, extra ?? {}),
};

/** The functions' metrics (EMF), namespace from `POWERTOOLS_METRICS_NAMESPACE`. */
export const metrics = new Metrics();
/** X-Ray tracing of the handlers. */
export const tracer = new Tracer();

/** Wraps a Task state's handler with logging context, metrics flushing and tracing. */
export const taskHandler = <Input, Output>(handle: (input: Input) => Promise<Output>) =>
  middy((input: Input, _context: Context) => handle(input))
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
