import type { Logger } from '@aws-lambda-powertools/logger';
import type { LoggerPort } from '@glr/core';

/**
 * A Powertools {@link Logger} as the core's {@link LoggerPort}: the same levels, `extra` merged into
 * the JSON line. Handlers keep the Logger for `appendKeys` and the middleware, and give this to core
 * code.
 */
export const loggerPortFrom = (logger: Logger): LoggerPort => ({
  debug: (message, extra) => logger.debug(message, extra ?? {}),
  info: (message, extra) => logger.info(message, extra ?? {}),
  warn: (message, extra) => logger.warn(message, extra ?? {}),
  error: (message, extra) => logger.error(message, extra ?? {}),
});
