import type { BusEvent, EventPublisher } from '@glr/aws';
import type { WebhookMetrics } from '../../src/webhook/metrics.ts';
import type { FailureReason } from '../../src/webhook/respond.ts';

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
