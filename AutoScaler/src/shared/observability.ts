import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { LoggerPort } from '@glr/core';
import { loggerPortFrom, observedHandler } from '@glr/observability';

/** The functions' logger: JSON, with the Lambda context; never given a token. */
export const logger = new Logger();
/** {@link logger} as the core's {@link LoggerPort}. */
export const loggerPort: LoggerPort = loggerPortFrom(logger);
/** The functions' metrics (EMF), namespace from `POWERTOOLS_METRICS_NAMESPACE`. */
export const metrics = new Metrics();
/** X-Ray tracing of the handlers. */
export const tracer = new Tracer();

/** Wraps a Task state's handler with tracing, logging context and metrics flushing. */
export const taskHandler = <Input, Output>(handle: (input: Input) => Promise<Output>) =>
  observedHandler((input: Input) => handle(input), { logger, metrics, tracer });
