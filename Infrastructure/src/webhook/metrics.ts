import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { JobStatus } from '@glr/core';
import type { FailureReason } from './respond.ts';

/** The webhook's counters. */
export interface WebhookMetrics {
  /** A Job Hook was put on the bus (`WebhookReceived`, dimension `Status`). */
  received(status: JobStatus): void;
  /** An authenticated request was not a Job Hook (`WebhookIgnored`). */
  ignored(): void;
  /** A request was refused or failed (`WebhookRejected`, dimension `Reason`). */
  rejected(reason: FailureReason): void;
  /** PutEvents failed (`EventPutFailed`): alarm on this one. */
  putFailed(): void;
}

/**
 * {@link WebhookMetrics} as CloudWatch EMF metrics through Powertools. Each count is a single metric,
 * flushed at once with its own dimension, so nothing waits for a flush at the end of the request.
 */
export const powertoolsWebhookMetrics = (metrics: Metrics): WebhookMetrics => {
  const count = (name: string, dimension?: readonly [string, string]) => {
    const single = metrics.singleMetric();
    if (dimension) single.addDimension(...dimension);
    single.addMetric(name, MetricUnit.Count, 1);
  };
  return {
    received: (status) => count('WebhookReceived', ['Status', status]),
    ignored: () => count('WebhookIgnored'),
    rejected: (reason) => count('WebhookRejected', ['Reason', reason]),
    putFailed: () => count('EventPutFailed'),
  };
};
