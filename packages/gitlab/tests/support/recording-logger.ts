import type { LoggerPort } from '@glr/core';

/** One captured log line. */
export interface LogLine {
  readonly level: keyof LoggerPort;
  readonly message: string;
  readonly extra?: Record<string, unknown>;
}

/** A LoggerPort that keeps every line, so tests can check what was (and was not) logged. */
export const recordingLogger = (): LoggerPort & { readonly lines: LogLine[] } => {
  const lines: LogLine[] = [];
  const record =
    (level: keyof LoggerPort) =>
    (message: string, extra?: Record<string, unknown>): void => {
      lines.push({ level, message, ...(extra ? { extra } : {}) });
    };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
};
