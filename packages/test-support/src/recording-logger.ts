/** The four levels of `LoggerPort` (`@glr/core`), kept here so this package needs no workspace import. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One captured log line. */
export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
  readonly extra?: Record<string, unknown>;
}

/** A `LoggerPort` that keeps what it is given; see {@link recordingLogger}. */
export interface RecordingLogger {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
  /** Every line, in order, as it was logged. */
  readonly lines: LogLine[];
  /**
   * Every line as one JSON text, errors spelled out with message, stack and cause chain: assert on
   * it that no secret was logged, however deep in an error it hides.
   */
  text(): string;
}

/** Serialises errors with message, stack and cause chain, which `JSON.stringify` would drop. */
const serialise = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item instanceof Error
      ? { ...item, name: item.name, message: item.message, stack: item.stack, cause: item.cause }
      : item,
  );

/** A logger for tests that keeps every line, so they can check what was (and was not) logged. */
export const recordingLogger = (): RecordingLogger => {
  const lines: LogLine[] = [];
  const record =
    (level: LogLevel) =>
    (message: string, extra?: Record<string, unknown>): void => {
      lines.push({ level, message, ...(extra ? { extra } : {}) });
    };
  return {
    lines,
    text: () => lines.map(({ level, message, extra }) => serialise({ level, message, ...extra })).join('\n'),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
};
