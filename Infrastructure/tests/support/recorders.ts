import type { BusEvent, EventPublisher } from '@glr/aws';
import type { LoggerPort } from '@glr/core';
import type { WebhookMetrics } from '../../src/webhook/metrics.ts';
import type { FailureReason } from '../../src/webhook/respond.ts';

/** Serialises errors with message, stack and cause chain, so a secret hidden in one is visible. */
const serialise = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item instanceof Error
      ? { ...item, name: item.name, message: item.message, stack: item.stack, cause: item.cause }
      : item,
  );

/** A LoggerPort that keeps every line as JSON. */
export const recordingLogger = (): LoggerPort & { readonly lines: string[] } => {
  const lines: string[] = [];
  const record = (level: string) => (message: string, extra?: Record<string, unknown>) => {
    lines.push(serialise({ level, message, ...extra }));
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
};

/** Counts what the webhook records. */
export const recordingMetrics = (): WebhookMetrics & { readonly counted: string[] } => {
  const counted: string[] = [];
  return {
    counted,
    received: (status) => counted.push(`received:${status}`),
    ignored: () => counted.push('ignored'),
    rejected: (reason: FailureReason) => counted.push(`rejected:${reason}`),
    putFailed: () => counted.push('putFailed'),
  };
};

/** An EventPublisher that keeps what it was given, or fails with `failure`. */
export const recordingPublisher = (failure?: Error): EventPublisher & { readonly published: BusEvent[] } => {
  const published: BusEvent[] = [];
  return {
    published,
    publish: async (event) => {
      if (failure) throw failure;
      published.push(event);
      return `event-${published.length}`;
    },
  };
};
