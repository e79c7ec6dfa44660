/**
 * The logging the core needs. Powertools' `Logger` satisfies it; tests pass a recorder. Never pass
 * a token in `extra`: log names and ids only.
 */
export interface LoggerPort {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** A logger that drops everything, for callers that have none. */
export const silentLogger: LoggerPort = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
