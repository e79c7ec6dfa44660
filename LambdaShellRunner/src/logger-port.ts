import type { Logger } from '@aws-lambda-powertools/logger';
import type { LoggerPort } from '@glr/core';

/** A Powertools logger as the core's {@link LoggerPort}. */
export const toLoggerPort = (logger: Logger): LoggerPort => ({
  debug: (message, extra) => logger.debug(message, extra ?? {}),
  info: (message, extra) => logger.info(message, extra ?? {}),
  warn: (message, extra) => logger.warn(message, extra ?? {}),
  error: (message, extra) => logger.error(message, extra ?? {}),
});
