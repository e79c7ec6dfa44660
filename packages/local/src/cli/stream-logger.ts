import type { LoggerPort } from '@glr/core';

/** A {@link LoggerPort} writing one JSON line per entry (time, level, message, fields) to a stream. */
export const streamLogger = (
  stream: NodeJS.WritableStream,
  minimum: 'debug' | 'info' = 'info',
): LoggerPort => {
  const levels = ['debug', 'info', 'warn', 'error'];
  const write = (level: string) => (message: string, extra?: Record<string, unknown>) => {
    if (levels.indexOf(level) < levels.indexOf(minimum)) return;
    stream.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, source: 'local', message, ...extra })}\n`,
    );
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
};
